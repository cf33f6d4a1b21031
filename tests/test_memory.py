"""What keeps a million-row run's memory down, without changing what it does: the result workbook reads the
same rows from the part of a validation it keeps, and memory a stage freed goes back to the system.
(The memory itself is measured by ``python -m bench.memory``, not here.)"""

from __future__ import annotations

import csv
import gc
from pathlib import Path

import psutil
from intake_fixtures import sandbox_catalog

from bulkship.ledger import Ledger
from bulkship.load import load_sheet
from bulkship.memtrim import give_back_memory
from bulkship.models import STATUS
from bulkship.pipeline import run_batch
from bulkship.reconcile.join import book_from_run, for_the_workbook
from bulkship.settings import Settings
from bulkship.validate import validate

HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]
ROWS = [
    ["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],
    # normalised: MA (a full state name is said once for its column since 14cbfe0; an abbreviation per row)
    ["E2", "Bo Chan", "2 Main St", "Boston", "Mass.", "02134", "CVS", "25"],
    ["E1", "Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],  # a duplicate of row 2
    ["E4", "No Address", "", "Boston", "MA", "02134", "CVS", "25"],  # invalid
    ["E5", "Di Ross", "5 Main St", "Boston", "MA", "02134", "TARGET", "50"],
]


def test_the_workbook_reads_the_same_rows_from_the_part_of_a_validation_it_keeps(tmp_path: Path) -> None:
    sheet = tmp_path / "gifts.csv"
    with sheet.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out")
    result = run_batch(sheet, settings, wait_s=0)
    assert result.ordered_rows == 3
    validation = validate(load_sheet(sheet), sandbox_catalog())
    kept = for_the_workbook(validation)
    assert len(kept.rows.columns) < len(validation.rows.columns)  # names, addresses... let go
    assert kept.rows[STATUS].tolist() == validation.rows[STATUS].tolist()
    with Ledger.open(settings.ledger, lock=False) as ledger:
        whole = book_from_run(ledger, "gifts", validation, api=None)
        part = book_from_run(ledger, "gifts", kept, api=None)
        assert dict(part.outcomes) == dict(whole.outcomes)  # each row worked out when asked: the same
    assert part.fingerprints == whole.fingerprints
    outcomes = dict(part.outcomes)
    assert list(outcomes) == [2, 3, 4, 5, 6]
    assert "MA" in outcomes[3].normalised and outcomes[3].po_number  # the warning's new value still shown
    assert outcomes[4].status == "duplicate" and outcomes[5].status == "invalid"
    assert part.outcomes.get(99) is None


def test_memory_a_stage_freed_goes_back_to_the_system() -> None:
    """Texts and lists a stage freed leave their heap pages with the C library, which Python's small objects
    cannot use: handed back, the process holds less."""
    process = psutil.Process()
    blocks = [bytes(1500) + i.to_bytes(4, "little") for i in range(40_000)]  # ~60 MB, from the C heap
    kept = blocks[::64]  # a few stay: the freed pages sit between them, so the heap cannot simply shrink
    del blocks
    gc.collect()
    before = process.memory_info().rss
    assert give_back_memory()
    assert process.memory_info().rss < before - 20 * 2**20
    assert len(kept) == 625
