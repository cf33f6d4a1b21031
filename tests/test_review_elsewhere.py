"""A row waiting for review whose card another batch's or ledger's vendor order holds (hunter-vendor18's
leftover L-a): a person leaves it out (``--resolve PO --sent-elsewhere ORDER``), only when a line of that
order names the row; it is never sent from the batch and counts in none of its money. The embedded sandbox,
the real ledger and command line."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from support import HEADER, write_sheet
from support.review import cards_at_vendor, gifts_staff_elsewhere
from support.review import row_statuses as statuses

from bulkship import api
from bulkship.cli import main
from bulkship.errors import ReviewRefusedError
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.pipeline import run_batch
from bulkship.settings import Settings, resolve_settings

OTHER = "BS-GIFTS-STAFF-0001"  # batch gifts-staff's, run with another ledger on the same account


def staff_beside_gifts_staff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialect: str) -> Settings:
    """'gifts-staff' (another ledger) ordered E1 as Pat Old and E20 in BS-GIFTS-STAFF-0001; 'staff' (E1, E2,
    E3) run here finds that order and holds its three rows for review on it."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", dialect)
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    assert run_batch(gifts_staff_elsewhere(tmp_path, settings), settings, wait_s=0).review_rows == 3
    return settings


def test_a_row_whose_card_another_ledger_s_order_holds_is_left_out_once_a_person_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the new people E2, E3 were released and sent, E1 (its ExternalId on line 1 of gifts-staff's order
    BS-GIFTS-STAFF-0001) waited for ever: every run exited 3, no command closed it. The review now offers
    to leave it out; once recorded, runs exit 0 with nothing sent, the workbook shows it 'sent elsewhere'
    naming that order, and the batch's money is its own two cards."""
    settings = staff_beside_gifts_staff(tmp_path, monkeypatch, "documented")
    sheet = tmp_path / "staff.csv"
    assert main(["reconcile", "staff", "--resolve", OTHER, "--release", "--yes"]) == 3  # E2, E3; E1 waits
    assert run_batch(sheet, settings, wait_s=0).exit_code == 3
    capsys.readouterr()
    assert main(["reconcile", "staff", "--review"]) == 3
    said = " ".join(capsys.readouterr().err.split())
    offered = f"bulkship reconcile staff --resolve {OTHER} --sent-elsewhere {OTHER}"
    assert offered in said and "row(s) 2" in said, said
    # the batch's own order is no other batch's: refused, nothing changed
    assert main(["reconcile", "staff", "--resolve", OTHER, "--sent-elsewhere", "BS-STAFF-0002", "--yes"]) != 0
    assert "one of batch 'staff''s own orders" in " ".join(capsys.readouterr().err.split())
    assert statuses(settings)["E1"] == "review"

    assert main([*offered.split()[1:], "--reason", "HR: made by gifts-staff", "--yes"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert f"Row 2 -> left out of this batch, sent elsewhere: its card is line 1 of {OTHER}" in said
    assert "Pat Old" in said  # the vendor's line as it shows it, beside the row
    assert statuses(settings) == {"E1": "elsewhere", "E2": "ordered", "E3": "ordered"}
    for _ in range(2):
        result = run_batch(sheet, settings, wait_s=0)
        assert (result.exit_code, result.review_rows) == (0, 0)
    assert cards_at_vendor(settings) == Counter({"E1": 1, "E20": 1, "E2": 1, "E3": 1})  # nobody twice
    with Ledger.open(settings.ledger, lock=False) as ledger:
        seen = overview(ledger)["staff"]
        (event,) = ledger.events("staff", kinds=["review_left_out"])
    assert seen.state() == "sent" and seen.money == {"charged": 50}, (seen.state(), seen.money)
    assert event.detail["by"] and event.detail["reason"] == "HR: made by gifts-staff"
    book = openpyxl.load_workbook(result.output, read_only=True)["Results"]
    header, *rows = list(book.iter_rows(values_only=True))
    e1 = dict(zip(header, next(r for r in rows if r[0] == "E1"), strict=False))
    assert e1["Status"] == "sent elsewhere" and e1["PO Number"] == OTHER, e1
    assert not e1["Money"] and not e1["Total"] and "left out of this batch" in e1["Problems / vendor error"]


def test_no_row_is_left_out_unless_a_line_of_that_order_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail-closed: where the vendor's lines show neither ExternalId nor recipient (the likely-real dialect),
    nothing proves that BS-GIFTS-STAFF-0001 holds any staff row's card: leaving one out would leave a
    person without a card. Not offered, and refused."""
    settings = staff_beside_gifts_staff(tmp_path, monkeypatch, "likely-real")
    (group,) = api.review_batch(settings, "staff").groups
    assert group.elsewhere is None
    with pytest.raises(ReviewRefusedError, match="No line of vendor order BS-GIFTS-STAFF-0001"):
        api.leave_out_elsewhere(settings, "staff", OTHER, OTHER, by="tester")
    assert set(statuses(settings).values()) == {"review"}


def test_a_row_left_out_as_sent_elsewhere_is_a_card_to_the_repeat_guard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-vendor19 right after the settlement landed: a row left out is on no order of this
    ledger, so E1 edited in the file (its amount, or its name) and E1 in the next list ('dec') were no repeat
    of any card: each was sent a second one, exit 0. Both are held now, E1's card being that order's."""
    settings = staff_beside_gifts_staff(tmp_path, monkeypatch, "documented")
    sheet = tmp_path / "staff.csv"
    api.release_review(settings, "staff", OTHER, by="tester")
    run_batch(sheet, settings, wait_s=0)
    api.leave_out_elsewhere(settings, "staff", OTHER, OTHER, by="tester")
    write_sheet(sheet, range(1, 4), names={1: "Pat Oldman"})
    edited = run_batch(sheet, settings, wait_s=0)
    assert (edited.exit_code, edited.held_rows) == (3, 1)
    (tmp_path / "dec").mkdir()
    following = run_batch(write_sheet(tmp_path / "dec" / "dec.csv", [1, 5, 6, 7]), settings, wait_s=0)
    assert (following.exit_code, following.held_rows) == (3, 1)
    assert cards_at_vendor(settings) == Counter(["E1", "E20", "E2", "E3", "E5", "E6", "E7"])  # nobody twice


def test_a_namesake_in_another_unit_under_another_id_is_not_offered_to_be_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-vendor19: 'gifts-staff' (another ledger) sent K1, Person 1 of 2 Main St Apt 3;
    'staff' holds E1, Person 1 of 2 Main St Apt 7, for review beside it. The line's name and street made
    her 'named' by it: the review offered to leave her out, another person's card taken for hers. A line
    naming a row by name and street must be in no other unit and carry no other ID of its own."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "documented")
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")

    def sheet(path: Path, rows: list[list[str]]) -> Path:
        with path.open("w", newline="") as handle:
            csv.writer(handle).writerows([HEADER, *rows])
        return path

    town = ["Boston", "MA", "02134", "CVS", "25"]
    theirs = [["K1", "Person 1", "2 Main St Apt 3", *town], ["K20", "Person 20", "21 Main St", *town]]
    run_batch(
        sheet(tmp_path / "gifts-staff.csv", theirs),
        replace(settings, ledger_path=tmp_path / "o.db"),
        wait_s=0,
    )
    mine = [["E1", "Person 1", "2 Main St Apt 7", *town], ["E2", "Person 2", "3 Main St", *town]]
    assert run_batch(sheet(tmp_path / "staff.csv", mine), settings, wait_s=0).review_rows == 2
    (group,) = api.review_batch(settings, "staff").groups
    assert group.elsewhere is None
    with pytest.raises(ReviewRefusedError, match="No line of vendor order BS-GIFTS-STAFF-0001"):
        api.leave_out_elsewhere(settings, "staff", OTHER, OTHER, by="tester")


def test_another_ledger_s_batch_of_the_same_name_is_set_aside_and_this_list_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two offices on one vendor account each ran their own 'staff.csv' (other people, the same card) with
    their own ledger: batch 'staff' both. Where the vendor's lines show no recipient (likely-real), the
    second office's rows waited on the first's BS-STAFF-0001 for ever: --release refused (its blind lines
    might be theirs), --not-ours refused ('its PO number is batch 'staff''s own beyond doubt'), and the only
    command offered, --at-vendor --rows, would have recorded three people as sent who never were (found by
    hunter-vendor20). An order of the batch's own PO numbers that this ledger never sent is now offered to be
    set aside as another ledger's batch of the same name; each office's people get one card each, every
    run after exits 0, and the other office's orders count in neither batch's money."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real")
    here = replace(resolve_settings(), out_dir=tmp_path / "out")
    there = replace(here, ledger_path=tmp_path / "there.sqlite", out_dir=tmp_path / "there")
    (tmp_path / "b").mkdir()
    theirs = write_sheet(tmp_path / "b" / "staff.csv", range(1, 5))
    assert run_batch(theirs, there, wait_s=0).exit_code == 0
    mine = write_sheet(tmp_path / "staff.csv", range(11, 14))
    assert run_batch(mine, here, wait_s=0).review_rows == 3
    capsys.readouterr()
    assert main(["reconcile", "staff", "--review"]) == 3
    said = " ".join(capsys.readouterr().err.split())
    offered = "bulkship reconcile staff --resolve BS-STAFF-0001 --release --not-ours BS-STAFF-0001"
    assert offered in said, said
    assert "another ledger's batch also named 'staff'" in said
    # a colleague's run of this same list is no other list: said before the command, with what it costs
    assert "hold none of these people" in said and "not this list sent from another computer" in said
    assert "this sends each a second one" in said
    assert main([*offered.split()[1:], "--yes"]) == 0
    for _ in range(2):
        result = run_batch(mine, here, wait_s=0)
        assert (result.exit_code, result.review_rows) == (0, 0)
    # the other office adds a person: its next PO number is this office's order now, set aside the same way
    write_sheet(theirs, range(1, 6))
    assert run_batch(theirs, there, wait_s=0).review_rows == 1
    (group,) = api.review_batch(there, "staff").groups
    assert group.not_ours.endswith("--not-ours BS-STAFF-0002") and group.not_ours_same_name == (
        "BS-STAFF-0002",
    )
    api.release_review(there, "staff", group.po_number, not_ours=["BS-STAFF-0002"], by="tester")
    assert run_batch(theirs, there, wait_s=0).exit_code == 0
    assert cards_at_vendor(here) == Counter(f"E{i}" for i in [1, 2, 3, 4, 5, 11, 12, 13])  # nobody twice
    for settings, charged in ((here, 75), (there, 125)):
        with Ledger.open(settings.ledger, lock=False) as ledger:
            assert overview(ledger)["staff"].money == {"charged": charged}
    capsys.readouterr()
    assert main(["reconcile", "staff", "--ledger", str(there.ledger)]) == 0, capsys.readouterr()


@pytest.mark.parametrize("note", ["keeps_note=false", "keeps_note=true"])
def test_this_list_sent_from_a_ledger_since_lost_is_not_offered_to_be_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, note: str
) -> None:
    """The same list run again after its ledger was lost: the vendor's blind lines may all be its rows, so
    the review never offers to set its orders aside as another ledger's (a release of every row: a second
    card each). Where the vendor shows no Note (orders sent before Notes, or a vendor dropping it) it offers
    to name the rows found in them. Where the orders carry the lost ledger's Note, nothing tells them from
    another office's batch of the same name (test_order_note): no command recording the rows is offered, the
    review says whose they are, and the command typed still settles them."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", f"likely-real,{note}")
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    lost = replace(settings, ledger_path=tmp_path / "lost.sqlite", out_dir=tmp_path / "lost")
    assert run_batch(sheet, lost, wait_s=0).exit_code == 0
    assert run_batch(sheet, settings, wait_s=0).review_rows == 3
    (group,) = api.review_batch(settings, "staff").groups
    assert not group.not_ours and not group.not_ours_same_name
    if note == "keeps_note=false":
        assert "--at-vendor" in group.at_vendor
    else:
        assert group.at_vendor == "" and len(group.placed_elsewhere) == 1
        order = group.placed_elsewhere[0].order_id
        rows = [r.row for r in group.rows]
        assert api.resolve_at_vendor(settings, "staff", group.po_number, order, rows=rows, by="t").applied
        assert run_batch(sheet, settings, wait_s=0).exit_code == 0
    assert cards_at_vendor(settings) == Counter(["E1", "E2", "E3"])


def test_a_ledger_restored_from_a_backup_is_not_offered_to_set_its_own_order_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ledger restored from a backup taken before BS-STAFF-0003 (E5, E6) went out, run with the list
    edited since (E5 gone, E7 and E8 new): its own 0003 came back with a 409 and rows wait on 0003 and 0004.
    Beside E8 alone on 0004, the review offered to set 0003 aside as another ledger's batch of the same name
    (two lines, one row waiting on 0004), though the rows waiting on 0003 may be its two lines: a release
    sending E6 a second card (found by hunter-vendor20, /tmp/hunter-vendor20/restore.py). The rows waiting in
    the whole batch count: nothing is offered to be set aside; nobody has two cards."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real")
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    sheet = tmp_path / "staff.csv"
    assert run_batch(write_sheet(sheet, range(1, 5)), settings, wait_s=0, max_lines=2).exit_code == 0
    backup = {p: p.read_bytes() for p in settings.ledger.parent.glob(settings.ledger.name + "*")}
    assert run_batch(write_sheet(sheet, range(1, 7)), settings, wait_s=0, max_lines=2).exit_code == 0
    for path in settings.ledger.parent.glob(settings.ledger.name + "*"):
        path.unlink()
    for path, content in backup.items():
        path.write_bytes(content)
    edited = run_batch(write_sheet(sheet, [1, 2, 3, 4, 6, 7, 8]), settings, wait_s=0, max_lines=2)
    assert edited.exit_code == 3 and edited.review_rows == 3
    groups = api.review_batch(settings, "staff").groups
    assert [g.po_number for g in groups] == ["BS-STAFF-0003", "BS-STAFF-0004"]
    assert not any(g.not_ours or g.not_ours_same_name for g in groups), [g.not_ours for g in groups]
    assert cards_at_vendor(settings) == Counter(f"E{i}" for i in range(1, 7))


def test_rows_more_than_the_lines_they_may_be_are_never_offered_as_ready_to_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same restored ledger: rows 6, 7 (E6, E7) wait on BS-STAFF-0003, whose two blind lines hold E5 and
    E6, and row 8 (E8) on 0004 beside the same lines. The review offered 'If they are at the vendor:
    --resolve BS-STAFF-0003 --at-vendor ID --rows 6,7' (and --rows 8 on 0004): followed, E7 was recorded as
    sent in 0003 and never got a card, every output saying it went (found by hunter-vendor20). Three rows for
    two lines: the person names the rows they found in it."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real")
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    sheet = tmp_path / "staff.csv"
    assert run_batch(write_sheet(sheet, range(1, 5)), settings, wait_s=0, max_lines=2).exit_code == 0
    backup = {p: p.read_bytes() for p in settings.ledger.parent.glob(settings.ledger.name + "*")}
    assert run_batch(write_sheet(sheet, range(1, 7)), settings, wait_s=0, max_lines=2).exit_code == 0
    for path in settings.ledger.parent.glob(settings.ledger.name + "*"):
        path.unlink()
    for path, content in backup.items():
        path.write_bytes(content)
    assert (
        run_batch(write_sheet(sheet, [1, 2, 3, 4, 6, 7, 8]), settings, wait_s=0, max_lines=2).review_rows == 3
    )
    offered = [g.at_vendor for g in api.review_batch(settings, "staff").groups]
    assert offered and all("--rows N,N (at most" in command for command in offered), offered


@pytest.mark.parametrize("note", ["keeps_note=false", "keeps_note=true"])
@pytest.mark.parametrize("dialect", ["likely-real", "documented,echo_line_identity=false"])
def test_a_lost_ledger_s_order_of_two_cards_is_not_offered_to_be_set_aside_as_another_list(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dialect: str,
    note: str,
) -> None:
    """The same list of three (two CVS 25 cards and a CVS 50, one order) run again after its ledger was lost,
    the vendor's lines showing no recipient: the review offered 'bulkship reconcile staff --resolve
    BS-STAFF-0001 --release --not-ours BS-STAFF-0001' as another ledger's batch of the same name (and the
    web page its button): the vendor order was counted once per card kind, its three lines read as six,
    more than the three rows waiting. Followed, the next run sent each person a second card (found by
    hunter-vendor24, its L1). The order's lines are counted once: nothing is offered to be set aside."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", f"{dialect},{note}")
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    sheet = tmp_path / "staff.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i, amount in ((1, "25"), (2, "25"), (3, "50")):
            writer.writerow(
                [f"E{i}", f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", amount]
            )
    lost = replace(settings, ledger_path=tmp_path / "lost.sqlite", out_dir=tmp_path / "lost")
    assert run_batch(sheet, lost, wait_s=0).exit_code == 0
    assert run_batch(sheet, settings, wait_s=0).review_rows == 3
    (group,) = api.review_batch(settings, "staff").groups
    assert (group.not_ours, group.not_ours_same_name) == ("", ())
    capsys.readouterr()
    assert main(["reconcile", "staff", "--review"]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "--not-ours" not in said and "hold none of these people" not in said
    with pytest.raises(ReviewRefusedError) as refused:
        api.release_review(settings, "staff", group.po_number, by="tester")
    assert "--not-ours" not in (refused.value.hint or "")
    assert run_batch(sheet, settings, wait_s=0).review_rows == 3
    assert cards_at_vendor(settings) == Counter(["E1", "E2", "E3"])
