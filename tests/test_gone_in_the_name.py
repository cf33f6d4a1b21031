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


def test_a_remark_in_the_name_that_asks_or_says_away_stops_the_row(tmp_path: Path) -> None:
    """The lead's closing note of session 51 (leftover 2): 'Kai Vo (unclaimed)', 'Bo Ek - TBD', 'Ivy Ma
    (dormant)', 'Lu Wo (deployed)' were ordered, exit 0, the parcel labelled with the remark, where the same
    words under 'Notes' are the error asking. Each is that error now, naming the remark; a preferred name,
    a pronoun, a generation or a remark saying nothing ('Jo An (Bob)', 'Sue Orr (she/her)', 'Al Fox (Jr)',
    'Mo Ng (new hire)') sends."""
    from intake_fixtures import sandbox_catalog

    from bulkship.validate import validate

    asks = ["Kai Vo (unclaimed)", "Bo Ek - TBD", "Ivy Ma (dormant)", "Lu Wo (deployed)"]
    sends = ["Jo An (Bob)", "Sue Orr (she/her)", "Al Fox (Jr)", "Mo Ng (new hire)", "Mary-Jane Lee"]
    path = tmp_path / "names.csv"
    rows = [f"{name},{i + 1} Main St,Boston,MA,02134,CVS,25\n" for i, name in enumerate([*asks, *sends])]
    path.write_text("Name,Address,City,State,ZIP,Product,Value\n" + "".join(rows), encoding="utf-8")
    sheet = load_sheet(path)
    errors = {p.row: p.message for p in validate(sheet, sandbox_catalog()).problems if p.severity == "error"}
    assert not sheet.skipped and sorted(errors) == list(range(2, 2 + len(asks)))
    assert errors[2] == (
        "Row 2, column 'Name': the name 'Kai Vo (unclaimed)' carries the remark 'unclaimed': is this card to "
        "be sent? Check, then write the name alone in 'Name' (the parcel would show the remark) and say what "
        "to do in a notes column, or take the row off the list."
    )
    assert errors[5].startswith(
        "Row 5, column 'Name': the name 'Lu Wo (deployed)' carries the remark 'deployed': the card would go "
        "to '4 Main St', where the person may not be."
    )
