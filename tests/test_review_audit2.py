"""Second audit of the "needs review" resolution (bulkship.resolve): each test fails before its fix. The real
pipeline and the in-process sandbox, in the documented dialect (lines show their ExternalId and recipient)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from support import HEADER, SandboxVendor, write_sheet
from support.review import release_all, run, settings_in

from bulkship import api
from bulkship.errors import ReviewRefusedError
from bulkship.sandbox.dialect import parse_dialect


def test_an_order_set_aside_as_another_batchs_still_blocks_a_release_by_the_rows_externalid(
    tmp_path: Path,
) -> None:
    """BS-GIFTS-STAFF-0001 (run with another ledger) holds E1 under an older name; batch 'staff' holds E1 for
    review (its ExternalId is at the vendor with other content). Setting that order aside as another batch's
    (--not-ours) must not release E1: a line carrying a row's ExternalId blocks a release wherever it is.
    Before, the review listing even offered `--release --not-ours BS-GIFTS-STAFF-0001` and the next run sent
    E1 a second card. Since 7a01d71 E2 and E3, found nowhere at the vendor, wait too (fail-closed), on that
    PO with E1: every release of the group was refused because of E1's line, so the two new people could
    never be sent (review31's L1). The release of the PO now releases the rows no vendor line may be, E1
    keeping waiting: each new person gets one card, E1 none more."""
    vendor = SandboxVendor(tmp_path, dialect=parse_dialect("documented"))
    try:
        elsewhere = write_sheet(tmp_path / "gifts-staff.csv", [1, 20], names={1: "Pat Old"})
        run(vendor, settings_in(tmp_path / "elsewhere"), elsewhere)
        sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
        settings = settings_in(tmp_path)
        assert run(vendor, settings, sheet).review_rows == 3
        factory = vendor.factory()
        (group,) = api.review_batch(settings, "staff", client_factory=factory).groups
        assert not group.release.allowed
        assert group.release.free == (3, 4)  # E2, E3: the way out offered
        assert not group.not_ours  # no command offered that would send E1 again
        with pytest.raises(ReviewRefusedError, match=r"ExternalId \(E1\)") as refused:
            api.release_review(
                settings,
                "staff",
                group.po_number,
                not_ours=["BS-GIFTS-STAFF-0001"],
                by="tester",
                client_factory=factory,
            )
        assert "--not-ours" not in (refused.value.hint or "")
        done = api.release_review(settings, "staff", group.po_number, by="tester", client_factory=factory)
        assert done.released == (3, 4)
        assert [row for row, _why in done.waiting] == [2]
        assert "ExternalId (E1)" in done.describe()[-1]
        assert run(vendor, settings, sheet).review_rows == 1  # E1 still waits
        assert run(vendor, settings, sheet).review_rows == 1
        assert vendor.external_ids() == Counter({"E1": 1, "E20": 1, "E2": 1, "E3": 1})  # nobody twice
    finally:
        vendor.close()


def test_an_order_released_as_another_batchs_no_longer_counts_as_this_batchs(tmp_path: Path) -> None:
    """audit2 A3: batch 'staff' finds BS-GIFTS-STAFF-0001 (gifts-staff's, run with another ledger) and
    holds its rows on it; a person releases them with --not-ours BS-GIFTS-STAFF-0001. The rows go out once,
    and staff's ledger no longer keeps BS-GIFTS-STAFF-0001 as one of staff's own orders (it was: 'created',
    2 cards, 50.00; status counted 2 orders, the batch list 5 cards for 3 rows ordered)."""
    from bulkship.ledger import Ledger
    from bulkship.overview import overview

    vendor = SandboxVendor(tmp_path, dialect=parse_dialect("likely-real"))
    try:
        run(vendor, settings_in(tmp_path / "elsewhere"), write_sheet(tmp_path / "gifts-staff.csv", [20, 21]))
        sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
        settings = settings_in(tmp_path)
        assert run(vendor, settings, sheet).review_rows == 3
        api.release_review(
            settings,
            "staff",
            "BS-GIFTS-STAFF-0001",
            not_ours=["BS-GIFTS-STAFF-0001"],
            by="tester",
            client_factory=vendor.factory(),
        )
        assert run(vendor, settings, sheet).exit_code == 0
        assert vendor.external_ids() == Counter({"E1": 1, "E2": 1, "E3": 1, "E20": 1, "E21": 1})
        with Ledger.open(settings.ledger, lock=False) as ledger:
            seen = overview(ledger)["staff"]
            states = {o.po_number: o.state for o in ledger.orders("staff")}
        assert seen.cards == 3, (seen.cards, states)
        assert states.get("BS-GIFTS-STAFF-0001") != "created", states
    finally:
        vendor.close()


def test_a_release_setting_aside_another_batch_s_order_says_its_blind_lines_may_be_these_people_s_cards(
    tmp_path: Path,
) -> None:
    """Found by hunter-vendor19 (likely-real dialect: lines show neither ExternalId nor recipient):
    'gifts-staff' (another ledger) sent E1 (as Pat Old) and E20 in BS-GIFTS-STAFF-0001; 'staff' holds E1-E3
    for review on it. The review offers `--release --not-ours BS-GIFTS-STAFF-0001`, and the plan to confirm
    said only 'set aside as another batch's': not a word that its two CVS 25.00 lines may be these rows'
    cards. Followed, E1 got a second card. The plan now says so before it is recorded."""
    vendor = SandboxVendor(tmp_path, dialect=parse_dialect("likely-real"))
    try:
        run(vendor, settings_in(tmp_path / "elsewhere"), write_sheet(tmp_path / "gifts-staff.csv", [1, 20]))
        settings = settings_in(tmp_path)
        assert run(vendor, settings, write_sheet(tmp_path / "staff.csv", range(1, 4))).review_rows == 3
        plan = api.release_review(
            settings, "staff", "BS-GIFTS-STAFF-0001", not_ours=["BS-GIFTS-STAFF-0001"], by="tester",
            client_factory=vendor.factory(), confirm=lambda _plan: False,
        )  # fmt: skip
        said = " ".join(plan.describe())
        assert "line(s) 1-2 of BS-GIFTS-STAFF-0001" in said, said
        assert "it is their card and a release sends them a second one" in said, said
    finally:
        vendor.close()


def test_a_bulk_release_keeps_only_the_rows_a_card_no_row_claims_may_be(tmp_path: Path) -> None:
    """hunter-vendor17's leftover: after a lost ledger, HR re-keyed and renamed E2 (now E2B 'Pat New', same
    street, amount 50): the vendor's line of E2 as first sent is claimed by no row. `reconcile staff
    --release` released nobody while that card was shown, E4 (a new person elsewhere) included. Now it keeps
    only E2B (the line shows its street) and releases E4; the next run sends E4 once, E2B none."""
    vendor = SandboxVendor(tmp_path, dialect=parse_dialect("documented"))
    try:
        settings, sheet = _e2_re_keyed_after_a_lost_ledger(vendor, tmp_path, "3 Main St")
        done = release_all(settings, "staff", vendor.factory())
        assert [r.released for r in done.releases] == [(5,)], done.describe()  # E4 (row 5)
        (released,) = done.releases[0].describe()  # E2's line is said not to be E4's, not "a second card"
        assert "show other recipients than these rows'" in released and "second" not in released, released
        ((rows, why),) = [(rows, why) for _po, rows, why in done.kept]
        assert rows == (3,) and "shows the row's street" in why, why
        run(vendor, settings, sheet)
        assert vendor.external_ids() == Counter({"E1": 1, "E2": 1, "E3": 1, "E4": 1})
    finally:
        vendor.close()


@pytest.mark.parametrize("retyped", ["#3 Main St", "Suite 5 3 Main St", "3, Main St"])
def test_a_bulk_release_keeps_a_row_at_the_street_of_a_card_no_row_claims_however_it_is_typed(
    tmp_path: Path, retyped: str
) -> None:
    """review32's leftover, probed by hunter-vendor19: E2B ('Pat New', amount 50, re-keyed from E2 after a
    lost ledger) at '3 Main St' retyped '#3 Main St', 'Suite 5 3 Main St' or '3, Main St' read as another
    street than the vendor's line of E2 as first sent: `reconcile staff --release` released E2B and the next
    run sent that person a second card. It keeps E2B waiting now, as at '3 Main St'."""
    vendor = SandboxVendor(tmp_path, dialect=parse_dialect("documented"))
    try:
        settings, sheet = _e2_re_keyed_after_a_lost_ledger(vendor, tmp_path, retyped)
        done = release_all(settings, "staff", vendor.factory())
        assert [r.released for r in done.releases] == [(5,)], done.describe()  # E4 alone
        run(vendor, settings, sheet)
        assert vendor.external_ids() == Counter({"E1": 1, "E2": 1, "E3": 1, "E4": 1})
    finally:
        vendor.close()


def _e2_re_keyed_after_a_lost_ledger(vendor: SandboxVendor, tmp_path: Path, street: str) -> tuple[Any, Path]:
    """staff.csv (E1-E3) sent, the ledger lost; HR re-keyed and renamed E2 (E2B 'Pat New' at ``street``,
    amount 50) and added E4: run again, every row held for review. The settings and the list."""
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 4))
    settings = settings_in(tmp_path)
    run(vendor, settings, sheet)
    settings.ledger.unlink()
    people = [
        ["E1", "Person 1", "2 Main St", "CVS", "25"],
        ["E2B", "Pat New", street, "CVS", "50"],
        ["E3", "Person 3", "4 Main St", "CVS", "25"],
        ["E4", "Person 4", "5 Main St", "CVS", "25"],
    ]
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([[i, name, at, "Boston", "MA", "02134", p, a] for i, name, at, p, a in people])
    assert run(vendor, settings, sheet).review_rows
    return settings, sheet


def test_a_bulk_release_names_whom_the_cards_no_row_claims_show(tmp_path: Path) -> None:
    """review32 on ab26212: E2 renamed 'Pat New' and moved (33 Oak Ave): no card tied to no row shows its name
    or street, so `reconcile staff --release` releases it with E4, the plan saying only that "the vendor's
    other cards tied to no row show other recipients than these rows'": nothing to hold 'Pat New' against
    (the same person, a second card). It names whom they show."""
    vendor = SandboxVendor(tmp_path, dialect=parse_dialect("documented"))
    try:
        settings, _sheet = _e2_re_keyed_after_a_lost_ledger(vendor, tmp_path, "33 Oak Ave")
        done = release_all(settings, "staff", vendor.factory())
        assert [r.released for r in done.releases] == [(3, 5)], done.describe()  # E2B and E4
        (released,) = done.releases[0].describe()
        assert "other recipients than these rows' (Person 2 at 3 Main St)" in released, released
    finally:
        vendor.close()
