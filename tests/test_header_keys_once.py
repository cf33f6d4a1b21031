"""A list's headers are read for what they say once a process, not once by each reader of its columns
(load/skipped/columnkeys.flag_key, statusheaders.status_header: issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bulkship.load import load_sheet
from bulkship.load.skipped import columnkeys, statusheaders

LIST = (
    "Name,Address,City,State,ZIP,Product,Value,Notes,Employee Status,Gift Sent 2025,Do_Not_Mail__c\n"
    "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,,Active,,\n"
    "Bob Ray,455 Massachusetts Avenue,Cambridge,MA,02139,CVS,25,,Terminated,,\n"
    "Cy Orr,1 Main Street,Boston,MA,02108,CVS,25,,Active,Yes,\n"
    "Di Fox,2 Elm Street,Boston,MA,02108,CVS,25,,Active,,true\n"
)


def test_a_lists_headers_are_read_for_the_rows_they_leave_out_once_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed9: each load asked the same few headers what they say ~90 times through its
    readers of columns (flag_key ~25 us a time, status_header), 4 of messy.xlsx's 33 ms of CPU a load.
    Now each header is read once a process; the rows left out are the same on every load."""
    read: list[str] = []
    crm_key = columnkeys._crm_key  # (asked by flag_key alone, of a header no other key fits)

    def counted(header: str) -> Any:
        read.append(header)
        return crm_key(header)

    monkeypatch.setattr(columnkeys, "_crm_key", counted)
    columnkeys.flag_key.cache_clear()
    statusheaders.status_header.cache_clear()
    path = tmp_path / "staff.csv"
    path.write_text(LIST)
    first = [(s.row, s.reason) for s in load_sheet(path).skipped]
    assert [row for row, _ in first] == [3, 4, 5]  # Terminated, the gift sent, the CRM's no mail
    assert read and len(read) == len(set(read))  # each header once, however many readers ask
    read.clear()
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == first
    assert read == []
    assert [columnkeys.flag_key(h) for h in LIST.split("\n")[0].split(",")] == [
        columnkeys.flag_key.__wrapped__(h) for h in LIST.split("\n")[0].split(",")
    ]


def test_a_lists_headers_are_resolved_to_their_fields_once_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed9: a load builds six header indexes of the same program's aliases (the sheet
    chosen, the header row, the columns mapped, rivals, tables beside, repeated headers), each resolving
    again what the others had (~500 headers and first rows' cells a load of messy.xlsx, ~2 of its ~27 ms of
    CPU). Now what a header means is kept by alias index; the columns mapped are the same on every load, and
    another alias index reads a header by its own aliases."""
    from bulkship.columns import meaning

    resolved: list[str] = []
    real = meaning._resolve

    def counted(header: str, index: dict[str, str]) -> Any:
        resolved.append(header)
        return real(header, index)

    monkeypatch.setattr(meaning, "_resolve", counted)
    monkeypatch.setattr(meaning, "_MEANINGS", {})
    path = tmp_path / "staff.csv"
    path.write_text(LIST)
    first = load_sheet(path).column_map
    assert resolved and first["Address"] == "address1"
    resolved.clear()
    assert load_sheet(path).column_map == first
    assert resolved == []
    assert meaning.HeaderIndex({"a": "name"}).meaning("a") == meaning.HeaderMeaning("name")
    assert meaning.HeaderIndex({"a": "address1"}).meaning("a") == meaning.HeaderMeaning("address1")
