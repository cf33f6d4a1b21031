"""Two batches whose names agree in their first 24 characters: lists named by their export day
('peakline-employees-2026-12-04', then '...-12-05') make up the same ExternalId for the same row, since a
made-up reference carries only the name's first 24 characters. Sent from two ledgers on one vendor account,
the second batch read the first one's order as its own (found by newcomer23, N8: every unchanged row
'shipped' and charged to the new batch, the rest 'in doubt', the new hire in no order and not sent). Now the
other batch's order is what it is: cards this list would send again, refused as when the second run has a
name of its own. The batch's own orders under another prefix, its name cut to fit, are still found."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from support import embedded_sandbox_orders
from test_order_note import two_offices

from bulkship.errors import BatchConflictError
from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.settings import Settings

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
STAFF = [[f"Person {i}", f"{i} Pearl St", "Boulder", "CO", "80302", "TARGET", "50"] for i in range(1, 4)]
NEW_HIRE = ["Ruth Abernathy", "9 Pearl St", "Boulder", "CO", "80302", "TARGET", "50"]


def _cards(settings: Settings) -> Counter[str]:
    """The vendor's cards by recipient name (one sandbox for both ledgers)."""
    orders = embedded_sandbox_orders(settings.data_dir)
    return Counter(li["PhysicalDeliveryAddress"]["Name"] for o in orders for li in o["LineItems"])


def _list(folder: Path, name: str, rows: list[list[str]]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def test_a_list_named_by_another_day_is_refused_not_read_as_the_other_day_s_batch(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    here, there = two_offices(request, tmp_path, "sqlite")
    first = _list(tmp_path / "a", "peakline-employees-2026-12-04.csv", STAFF)
    assert run_batch(first, there, wait_s=0).exit_code == 0
    second = _list(tmp_path / "b", "peakline-employees-2026-12-05.csv", [*STAFF, NEW_HIRE])
    with pytest.raises(BatchConflictError) as refused:
        run_batch(second, here, wait_s=0)
    assert "BS-PEAKLINE-EMPLOYEES-2026-12-04-0001" in refused.value.message
    assert "Nothing was sent" in refused.value.message
    with Ledger.open(here.ledger_location, lock=False) as ledger:
        assert ledger.orders() == []  # no order of the other batch taken in as this batch's, nothing charged
    assert _cards(here) == Counter(row[0] for row in STAFF)
    # on purpose, as the refusal offers: every row sent again, the new hire too
    assert run_batch(second, here, wait_s=0, allow_repeat=True).ordered_rows == 4
    assert _cards(here) == Counter(row[0] for row in [*STAFF, *STAFF, NEW_HIRE])


def test_a_long_batch_sent_from_another_ledger_under_a_longer_prefix_is_still_found_as_its_own(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Under a 12-character prefix the name is cut to fit and ends in its hash: its lines are this batch's,
    tied as ordered (the new hire waits, as beside any order another ledger made: it may still be sending)."""
    here, there = two_offices(request, tmp_path, "sqlite")
    batch = "peakline-employees-2026-12-04"
    first = _list(tmp_path / "a", "staff.csv", STAFF)
    assert run_batch(first, there, wait_s=0, batch=batch, po_prefix="HR-DEPT-2026").exit_code == 0
    second = _list(tmp_path / "b", "staff.csv", [*STAFF, NEW_HIRE])
    result = run_batch(second, here, wait_s=0, batch=batch)
    assert (result.ordered_rows, result.sent_orders, result.review_rows) == (3, 0, 1)
    assert _cards(here) == Counter(row[0] for row in STAFF)  # nobody twice


@pytest.mark.parametrize(
    ("first", "prefix", "second"),
    [
        ("peakline-employees-2026-12-04", "HR-2026", "peakline-employees-2026-12-05"),  # the README's prefix
        ("peakline-employees-2026-12-04", "HR-DEPT-2026", "peakline-employees-2026-12-05"),  # its name cut
        ("gifts", "HR-2026", "Gifts"),
        ("Подарки", "BS", "礼物"),  # no letter A-Z: both stems are hashes, both references 'BATCH-...'
        ("Q4-2026", "BS", "2026"),  # BS-Q4-2026-0001: batch '2026''s PO number under prefix BS-Q4 too
    ],
)
def test_another_batch_s_order_under_a_prefix_of_two_parts_or_a_name_without_letters_is_refused(
    tmp_path: Path, request: pytest.FixtureRequest, first: str, prefix: str, second: str
) -> None:
    """Found by review61 checking 4cf6d8e8: under --po-prefix HR-2026, a name cut to fit, or names without a
    letter A-Z, the second batch still took the first one's order as its own (3 rows 'shipped', 150.00
    charged to it, the new hire in review and not sent). Now refused as the first test's; the first batch
    itself, run again from another ledger, is still found as its own."""
    here, there = two_offices(request, tmp_path, "sqlite")
    first_list = _list(tmp_path / "a", "staff.csv", STAFF)
    assert run_batch(first_list, there, wait_s=0, batch=first, po_prefix=prefix).exit_code == 0
    second_list = _list(tmp_path / "b", "staff.csv", [*STAFF, NEW_HIRE])
    with pytest.raises(BatchConflictError) as refused:
        run_batch(second_list, here, wait_s=0, batch=second)
    assert "Nothing was sent" in refused.value.message
    with Ledger.open(here.ledger_location, lock=False) as ledger:
        assert ledger.orders() == []
    result = run_batch(second_list, here, wait_s=0, batch=first)  # the first batch's own, lost ledger
    assert (result.ordered_rows, result.sent_orders, result.review_rows) == (3, 0, 1)
    assert _cards(here) == Counter(row[0] for row in STAFF)


def test_a_batch_s_own_order_numbered_as_another_batch_s_is_still_found_by_its_references(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Batch '2026' sent under --po-prefix BS-Q4 numbers its order BS-Q4-2026-0001, as batch 'Q4-2026' under
    BS does (the last case above, found by review61): run again from a lost ledger under BS, its lines carry
    its own references and it is found as its own, nobody twice."""
    here, there = two_offices(request, tmp_path, "sqlite")
    first_list = _list(tmp_path / "a", "staff.csv", STAFF)
    assert run_batch(first_list, there, wait_s=0, batch="2026", po_prefix="BS-Q4").exit_code == 0
    with Ledger.open(there.ledger_location, lock=False) as ledger:
        assert [o.po_number for o in ledger.orders()] == ["BS-Q4-2026-0001"]
    second_list = _list(tmp_path / "b", "staff.csv", [*STAFF, NEW_HIRE])
    result = run_batch(second_list, here, wait_s=0, batch="2026")
    assert (result.ordered_rows, result.sent_orders, result.review_rows) == (3, 0, 1)
    assert _cards(here) == Counter(row[0] for row in STAFF)
