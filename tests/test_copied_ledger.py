"""A ledger copied (``cp`` of the SQLite file, or ``bulkship ledger copy`` into PostgreSQL) and run in two
places is two ledgers to the orders' Note (bulkship.ledger.identity): the copy's review never offers to
record its people in the original's order of a batch of the same name; the orders both sent before the copy
stay the copy's own; a backup restored in its own place keeps its id."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from support import embedded_sandbox_orders, write_sheet
from support.review import cards_at_vendor

from bulkship import api
from bulkship.cli import main
from bulkship.errors import ReviewRefusedError
from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.settings import Settings, resolve_settings

BLIND = ["likely-real", "documented,echo_line_identity=false"]  # lines showing no recipient


def copied(request: pytest.FixtureRequest, tmp_path: Path, office_a: Settings, how: str) -> Settings:
    """Office B's settings, on a copy of office A's ledger made ``how``: 'cp' of the SQLite file into
    another folder, or 'ledger copy' into a PostgreSQL database (office A going on with the SQLite file)."""
    if how == "cp":
        (tmp_path / "b").mkdir()
        for part in office_a.ledger.parent.glob(office_a.ledger.name + "*"):
            shutil.copy(part, tmp_path / "b" / part.name)
        return replace(
            office_a, ledger_path=tmp_path / "b" / office_a.ledger.name, out_dir=tmp_path / "b-out"
        )
    url = request.getfixturevalue("pg_url")
    assert main(["ledger", "copy", "--to", url, "--from", str(office_a.ledger)]) == 0
    return replace(office_a, ledger_url=url, out_dir=tmp_path / "b-out")


def ids(settings: Settings) -> tuple[str, frozenset[str]]:
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        found = ledger.ledger_ids()
        return found.own, found.former


@pytest.mark.parametrize("how", ["cp", "ledger copy"])
@pytest.mark.parametrize("dialect", BLIND)
def test_a_copied_ledger_is_never_offered_to_record_its_people_in_the_original_s_order(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    dialect: str,
    how: str,
) -> None:
    """Office A's ledger (it had sent batch q3) copied for office B, which then ran its own staff.csv as
    batch 'staff' beside A's: both ledgers carried one id, so A's BS-STAFF-0001 read as B's own order and
    B's review offered, ready, 'bulkship reconcile staff --resolve BS-STAFF-0001 --at-vendor ID --rows
    2,3,4': followed, B's three people were recorded as ordered, exit 0, 'already complete', and never got a
    card (found by hunter-vendor24, its L2). The id is bound to where it was made: the copy gets its own, A's
    order reads as the ledger it was copied from, nothing recording B's rows in it is offered; q3, sent
    before the copy, stays B's own (reconcile matches); set aside, B's people go out once each."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", dialect)
    office_a = replace(
        resolve_settings(), ledger_path=tmp_path / "a" / "ledger.sqlite", out_dir=tmp_path / "a-out"
    )
    (tmp_path / "a").mkdir()
    assert (
        run_batch(write_sheet(tmp_path / "a" / "q3.csv", range(100, 102)), office_a, wait_s=0).exit_code == 0
    )
    (original, _) = ids(office_a)
    office_b = copied(request, tmp_path, office_a, how)
    assert ids(office_b) == ("", frozenset({original}))  # copied: no id of its own there yet
    assert (
        run_batch(write_sheet(tmp_path / "a" / "staff.csv", range(1, 4)), office_a, wait_s=0).exit_code == 0
    )
    assert ids(office_a)[0] == original  # the original keeps its id
    mine = write_sheet(tmp_path / "staff.csv", range(11, 14))
    assert run_batch(mine, office_b, wait_s=0).review_rows == 3
    (group,) = api.review_batch(office_b, "staff").groups
    assert group.at_vendor == "" and [p.ledger_id for p in group.placed_elsewhere] == [original]
    with pytest.raises(ReviewRefusedError) as refused:
        api.release_review(office_b, "staff", "BS-STAFF-0001", by="tester")
    assert "--at-vendor" not in (refused.value.hint or "")
    capsys.readouterr()
    assert main(["reconcile", "staff", "--review", "--ledger", str(office_b.ledger_location)]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert (
        f"'bulkship ledger {original}'), the id this ledger carried before it was copied or moved here"
        in said
    )
    assert "If they are at the vendor" not in said and f"--at-vendor {group.vendor_order_id}" not in said
    # the batch both sent before the copy is still the copy's own
    assert main(["reconcile", "q3", "--ledger", str(office_b.ledger_location)]) == 0
    api.release_review(office_b, "staff", "BS-STAFF-0001", not_ours=["BS-STAFF-0001"], by="tester")
    assert run_batch(mine, office_b, wait_s=0).exit_code == 0
    assert cards_at_vendor(office_b) == Counter(f"E{i}" for i in [100, 101, 1, 2, 3, 11, 12, 13])
    (own, former) = ids(office_b)
    assert own not in ("", original) and former == {original}
    notes = {o["PONumber"]: o.get("Note") for o in embedded_sandbox_orders(office_b.data_dir)}
    assert notes["BS-STAFF-0002"] == f"bulkship ledger {own}"
    assert main(["reconcile", "q3", "--ledger", str(office_b.ledger_location)]) == 0


@pytest.mark.parametrize("dialect", BLIND)
def test_a_backup_restored_in_its_own_place_keeps_its_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialect: str
) -> None:
    """A backup of the ledger (taken before BS-STAFF-0002 went out) restored over it in its own place is
    the same ledger: its id stays, and the vendor's 0002 is still offered as its own."""
    monkeypatch.setenv("BULKSHIP_SANDBOX_DIALECT", dialect)
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    sheet = tmp_path / "staff.csv"
    assert run_batch(write_sheet(sheet, range(1, 3)), settings, wait_s=0, max_lines=2).exit_code == 0
    backup = {p: p.read_bytes() for p in settings.ledger.parent.glob(settings.ledger.name + "*")}
    assert run_batch(write_sheet(sheet, range(1, 5)), settings, wait_s=0, max_lines=2).exit_code == 0
    before = ids(settings)
    for path in settings.ledger.parent.glob(settings.ledger.name + "*"):
        path.unlink()
    for path, content in backup.items():
        path.write_bytes(content)
    assert ids(settings) == before and before[0]
    assert run_batch(sheet, settings, wait_s=0, max_lines=2).review_rows == 2
    (group,) = api.review_batch(settings, "staff").groups
    assert group.placed_elsewhere == () and "--at-vendor" in group.at_vendor


def test_two_runs_making_a_copied_ledger_s_id_at_once_keep_one(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A team's PostgreSQL ledger copied from a SQLite one (its id made there): two runs of two batches, which
    write at the same time on PostgreSQL, each make its id at their first plan. The one that read the id
    before the other wrote its own overwrote it: the other's orders then carried an id that was neither the
    ledger's nor a former one (its own orders read as another ledger's). The first one's id stays, and both
    use it."""
    from bulkship.ledger import identity

    url = request.getfixturevalue("pg_url")
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    assert run_batch(write_sheet(tmp_path / "q3.csv", range(1, 3)), settings, wait_s=0).exit_code == 0
    (original, _) = ids(settings)
    assert main(["ledger", "copy", "--to", url, "--from", str(settings.ledger)]) == 0
    real = identity.read_ids
    calls: list[str] = []
    made: list[str] = []
    with Ledger.open(url, batch="a") as first, Ledger.open(url, batch="b") as second:

        def racing(db: object, home: str) -> identity.LedgerIds:
            found = real(db, home)  # what the second run read ...
            calls.append(home)
            if len(calls) == 2:  # ... within its transaction, before it writes: the first run makes it now
                made.append(first.ledger_id())
            return found

        monkeypatch.setattr(identity, "read_ids", racing)
        mine = second.ledger_id()
        monkeypatch.setattr(identity, "read_ids", real)
        assert made and made[0] not in ("", original)
        assert mine == made[0] and second.ledger_ids().own == made[0]
    with Ledger.open(url, lock=False) as opened:
        assert opened.ledger_ids() == identity.LedgerIds(made[0], frozenset({original}))
