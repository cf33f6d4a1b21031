"""A row held until a day has its day found by reading the list again as on the days ahead (load/skipped/
heldday.py); the days its notes name and the dates its cells read as do not depend on the day, and are worked
out once a load (load/skipped/readonce.py)."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from bulkship.load import load_sheet
from bulkship.load.skipped import days, readonce

HR_LIST = (
    "Name,Address,City,State,ZIP,Product,Value,Notes,Do Not Send Before\n"
    "Ann Lee,12 Beacon Street,Boston,MA,02108,CVS,50,,\n"
    "Bob Ray,455 Massachusetts Avenue,Cambridge,MA,02139,CVS,25,Terminated,\n"
    "Dee Park,233 South Wacker Drive,Chicago,IL,60606,CVS,25,On hold until 1/15/2027,\n"
    "Eve Moss,1 Main Street,Boston,MA,02108,CVS,25,,20-Dec\n"
)


def test_a_held_rows_notes_are_read_for_their_days_and_dates_once_a_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed3 (issue 14): a 2-row list holding one row until a day loaded in ~98 ms of CPU,
    one without in ~21 ms: its notes were read for the day they name, and each cell as a date, again on each
    of the ~12 days the list is read as on to find the day the row goes, though what a note names and how a
    cell reads as a date is the same on every day. Now each is worked out once a load; each row's day is
    the one it was."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    read_as_dates: Counter[tuple[str, ...]] = Counter()
    real_read = days._read

    def counted(text: pd.Series, **how: bool) -> Any:
        read_as_dates[tuple(text.tolist())] += 1
        return real_read(text, **how)

    monkeypatch.setattr(days, "_read", counted)
    path = tmp_path / "staff.csv"
    path.write_text(HR_LIST)
    sheet = load_sheet(path)
    assert [(s.row, s.until) for s in sheet.skipped] == [(3, ""), (4, "2027-01-15"), (5, "2026-12-20")]
    # (once as read today, once for all the days ahead: a list holding no row pays nothing for keeping them)
    assert read_as_dates and max(read_as_dates.values()) == 2, read_as_dates.most_common(3)


def test_a_list_holding_no_row_keeps_nothing_of_what_its_notes_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed3 checking their 720ffdbc: every list with notes kept what its notes name as days,
    as dates, and whether they say no, and copied it back (~0.8 ms of CPU a load of a 3-row list: 3 % of it),
    where only a list holding a row until a day reads them again. Now only the days ahead keep them."""
    kept: list[str] = []
    real = readonce._copied

    def counted(found: Any) -> Any:
        kept.append(type(found).__name__)
        return real(found)

    monkeypatch.setattr(readonce, "_copied", counted)
    path = tmp_path / "staff.csv"
    path.write_text(HR_LIST.replace("On hold until 1/15/2027", "thanks").replace("20-Dec", ""))
    sheet = load_sheet(path)
    assert [s.row for s in sheet.skipped] == [3]
    assert kept == []


def test_remarks_that_ask_are_read_for_whether_they_ask_once_a_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed6 (issue 14): whether a note asks ('Deceased?') is found by reading the whole
    list's remarks twice, the question taken out and said; the rows left out (load/skipped/asking.rows_to_ask)
    and the errors (load/problems/askingnote) each did so for the same remarks: the remark snapshot's 5,462
    Status cells loaded in ~16 CPU-s, now ~12. Now once a load; the same rows are left out and asked of."""
    from bulkship.load.problems import askingnote

    reads: list[int] = []
    real = askingnote.said_out

    def counted(column_map: dict[str, str], today: datetime.date) -> Any:
        read = real(column_map, today)

        def reading(frame: pd.DataFrame) -> Any:
            reads.append(len(frame))
            return read(frame)

        return reading

    monkeypatch.setattr(askingnote, "said_out", counted)
    path = tmp_path / "staff.csv"
    path.write_text(HR_LIST.replace("On hold until 1/15/2027", "Deceased?").replace("20-Dec", "Do not send"))
    sheet = load_sheet(path)
    assert sorted(s.row for s in sheet.skipped) == [3, 5]
    assert [p.row for p in sheet.read_problems if p.kind == askingnote.ASKS] == [4]
    assert reads == [4, 4]  # (the question taken out, then said: before, the same two again)


def test_a_list_holding_no_row_to_a_day_measures_none_of_its_cells_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed9 (issue 14): every load asked which of its rows held to a day are left out on
    it, and before finding it held none, measured the text of every cell of the list to choose how to read
    them (1.3-2 ms of CPU a load of a sample list, 4 % of test_visible_rows' loads; more as the list grows).
    Now a list holding no row to a day is not read for it; the rows it leaves out are the same."""
    from bulkship.load.skipped import heldday

    measured: list[int] = []
    real = heldday.left_on_their_day

    def watched(found: Any, said: pd.DataFrame, days: Any, read: Any) -> Any:
        class Measured(pd.DataFrame):
            def __iter__(self) -> Any:
                measured.append(len(self))
                return super().__iter__()

        return real(found, Measured(said), days, read)

    monkeypatch.setattr(heldday, "left_on_their_day", watched)
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    path = tmp_path / "staff.csv"
    path.write_text(HR_LIST.replace("On hold until 1/15/2027", "thanks").replace("20-Dec", ""))
    assert [s.row for s in load_sheet(path).skipped] == [3]
    assert measured == []
    path.write_text(HR_LIST)  # a row held to its day: read for whether it is left out on it, as before
    assert [(s.row, s.until) for s in load_sheet(path).skipped] == [
        (3, ""),
        (4, "2027-01-15"),
        (5, "2026-12-20"),
    ]
    assert measured == [4]
