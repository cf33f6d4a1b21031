"""A death or a dismissal marked as a name carries it ('Estate of John Smith', 'The late Bob Lee', 'Ed Wu †',
'Al Fox (dec.)', 'Ike Su (term)'): the row left out, as 'Flo Li (deceased)' is (found by hunter-asks6, session
51)."""

from __future__ import annotations

from pathlib import Path

from bulkship.load import load_sheet


def test_a_death_or_a_dismissal_marked_in_the_name_leaves_the_row_out(tmp_path: Path) -> None:
    """Before: each of these was ordered, exit 0, a card to the estate of someone dead or to someone
    dismissed. Now left out, quoting the name; a street 'Estate Rd', a heading-like 'Late additions' and
    names that only look so ('Kate Estes', 'Ana Lateef', 'Late Row': 'late' only after 'the') send."""
    out = ["Estate of John Smith", "The Estate of Mary Ray", "Kim Orr (Estate)", "The late Bob Lee",
           "Al Fox (dec.)", "Ed Wu †", "Oz Za c/o estate", "Ike Su (term)", "Ned Yi - estate"]  # fmt: skip
    sends = ["Kate Estes", "Ana Lateef", "Late additions", "Late Row"]
    path = tmp_path / "names.csv"
    rows = [f"{name},{i + 1} Estate Rd,Boston,MA,02134,CVS,25\n" for i, name in enumerate([*out, *sends])]
    path.write_text("Name,Address,City,State,ZIP,Product,Value\n" + "".join(rows), encoding="utf-8")
    skipped = load_sheet(path).skipped
    assert [s.row for s in skipped] == list(range(2, 2 + len(out)))
    assert skipped[0].reason == "the list says not to send it (column 'Name': 'Estate of John Smith')"
