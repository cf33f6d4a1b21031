"""A send of this ledger's whose answer was lost, answered later by the vendor's order under its PO number
that another ledger placed (its Note names that ledger): this ledger's send made nothing there, whatever the
shape of that order, so its rows are never read as ordered in it, nor in doubt at the vendor; a person who
has checked whose it is sets it aside and the rows are sent, each once. On SQLite and PostgreSQL ledgers, in
the PascalCase and camelCase dialects whose lines show no recipient; a vendor dropping the Note still reads
the order as this ledger's send (nothing proves otherwise)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from support import write_sheet
from support.review import cards_at_vendor
from test_order_note import BLIND, two_offices

from bulkship.cli import main
from bulkship.errors import SpendLimitError
from bulkship.ledger import Ledger
from bulkship.overview import overview
from bulkship.pipeline import run_batch
from bulkship.settings import Settings


def _b_sent_and_went_down(tmp_path: Path, here: Settings, there: Settings, theirs: range) -> Path:
    """Office B plans its staff.csv (E11..E13, three CVS 25.00) as batch 'staff' and records its send of
    BS-STAFF-0001, whose answer never comes (the machine went down); office A, another ledger, sends
    ``theirs`` as batch 'staff' under that very PO number. B's list."""
    mine = write_sheet(tmp_path / "staff.csv", range(11, 14))
    with pytest.raises(SpendLimitError):  # planned, stopped at its confirmation
        run_batch(mine, here, wait_s=0, confirm=lambda *_: False)
    with Ledger.open(here.ledger_location) as ledger:
        ledger.mark_sending("BS-STAFF-0001")  # its intent recorded; its answer never came
    (tmp_path / "a").mkdir()
    assert run_batch(write_sheet(tmp_path / "a" / "staff.csv", theirs), there, wait_s=0).exit_code == 0
    return mine


@pytest.mark.parametrize(
    ("backend", "dialect"), [("sqlite", BLIND[0]), ("sqlite", BLIND[1]), ("postgresql", BLIND[1])]
)
def test_a_lost_send_answered_by_another_office_s_order_of_its_shape_is_not_read_as_made(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    backend: str,
    dialect: str,
) -> None:
    """A's order holds three CVS 25.00 cards, as B's plan did, its lines showing no recipient. B's run
    again read it as its own lost send and tied its three rows to A's lines by their places: 'ordered',
    exit 0, charged 75.00, and B's three people never got a card (found by hunter-vendor25, from
    review37's leftover). Now they wait for a person, nothing in doubt; set aside, they are sent once."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", dialect)
    here, there = two_offices(request, tmp_path, backend)
    mine = _b_sent_and_went_down(tmp_path, here, there, range(1, 4))
    result = run_batch(mine, here, wait_s=0)
    assert (result.review_rows, result.exit_code) == (3, 3)
    with Ledger.open(here.ledger_location, lock=False) as ledger:
        assert [r.status for r in ledger.batch_rows("staff")] == ["review"] * 3
        assert overview(ledger)["staff"].money == {}  # none of it B's: not charged, nothing in doubt
    ledger_arg = ["--ledger", str(here.ledger_location)]
    po = "BS-STAFF-0001"
    typed = ["reconcile", "staff", "--resolve", po, "--release", "--not-ours", po, "--yes"]
    assert main([*typed, *ledger_arg]) == 0  # once A's office has said its order holds none of B's people
    assert run_batch(mine, here, wait_s=0).exit_code == 0
    assert cards_at_vendor(here) == Counter(f"E{i}" for i in [1, 2, 3, 11, 12, 13])


@pytest.mark.parametrize("dialect", BLIND)
def test_a_lost_send_answered_by_another_office_s_larger_order_can_be_set_aside_as_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], dialect: str
) -> None:
    """review37's leftover: A's order holds four cards, B's plan three. B's rows waited on it for ever: the
    release refused while A's lines might be them, --not-ours refused as 'the batch's own beyond doubt'
    (B sent that PO). Now the review offers to set A's order aside, saying what a person must check first,
    and that sends B's three people once."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", dialect)
    here, there = two_offices(request=None, tmp_path=tmp_path, backend="sqlite")  # type: ignore[arg-type]
    mine = _b_sent_and_went_down(tmp_path, here, there, range(1, 5))
    assert run_batch(mine, here, wait_s=0).review_rows == 3
    capsys.readouterr()
    ledger_arg = ["--ledger", str(here.ledger_location)]
    assert main(["reconcile", "staff", "--review", *ledger_arg]) in (0, 3)
    said = " ".join("".join(capsys.readouterr()).split())
    offered = "bulkship reconcile staff --resolve BS-STAFF-0001 --release --not-ours BS-STAFF-0001"
    assert offered in said and "hold none of these people" in said, said
    assert main([*offered.split()[1:], "--yes", *ledger_arg]) == 0
    assert run_batch(mine, here, wait_s=0).exit_code == 0
    assert cards_at_vendor(here) == Counter(f"E{i}" for i in [1, 2, 3, 4, 11, 12, 13])
    with Ledger.open(here.ledger_location, lock=False) as ledger:
        assert overview(ledger)["staff"].money == {"charged": Decimal("75.00")}


def test_a_vendor_dropping_the_note_still_reads_the_order_as_this_ledger_s_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing shows whose the order is: B's rows wait, their money in doubt, as before (never sent
    again on a guess)."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", "likely-real,keeps_note=false")
    here, there = two_offices(request=None, tmp_path=tmp_path, backend="sqlite")  # type: ignore[arg-type]
    mine = _b_sent_and_went_down(tmp_path, here, there, range(1, 5))
    assert run_batch(mine, here, wait_s=0).review_rows == 3
    with Ledger.open(here.ledger_location, lock=False) as ledger:
        assert [r.status for r in ledger.batch_rows("staff")] == ["review"] * 3
        assert overview(ledger)["staff"].money["in doubt"] == Decimal("75.00")
    assert cards_at_vendor(here) == Counter(f"E{i}" for i in [1, 2, 3, 4])
