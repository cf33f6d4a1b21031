"""The snapshot of what each remark a list may hold decides of its row (tests/data/remark-decisions.tsv): a
change to the notes or status readers shows there as a diff a reviewer reads, line by line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.remarkdecisions import SAME, TSV, both, decisions, gathered_remarks, read_tsv, write_tsv

REWRITE = "BULKSHIP_REWRITE_REMARKS"


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_each_remark_decides_its_row_as_the_snapshot_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    """Each text of tests/data/remark-decisions.tsv, written as a Notes cell and as a Status cell on a
    recipient's row (on Dec 5, 2026), is sent, left out, an error or held to a day as the file says. A change
    on purpose rewrites the file (and adds the remarks of the notes tests' lists not in it yet), for its
    diff to be read and committed:

        BULKSHIP_REWRITE_REMARKS=1 /work/venv/bin/python -m pytest tests/test_remark_decisions.py -p no:xdist
    """
    snapshot = read_tsv()
    if os.environ.get(REWRITE):
        _rewrite(snapshot, tmp_path, monkeypatch, header)
    was = {
        text: status if header == "Status" and status != SAME else notes
        for text, (notes, status) in snapshot.items()
    }
    now = decisions(snapshot, header, tmp_path, monkeypatch)
    changed = [
        f"{text!r}: was {was[text]!r}, now {now[text]!r}" for text in snapshot if now[text] != was[text]
    ]
    assert not changed, f"{len(changed)} decisions as a {header} cell changed:\n" + "\n".join(changed)


def _rewrite(
    snapshot: dict[str, tuple[str, str]], folder: Path, monkeypatch: pytest.MonkeyPatch, header: str
) -> None:
    if header == "Status":
        pytest.skip("rewritten with Notes")
    texts = [*snapshot, *(t for t in gathered_remarks(Path(__file__).parent) if t not in snapshot)]
    notes = decisions(texts, "Notes", folder, monkeypatch)
    write_tsv(both(notes, decisions(texts, "Status", folder, monkeypatch)))
    pytest.skip(f"rewrote {TSV}: read its diff before committing it")
