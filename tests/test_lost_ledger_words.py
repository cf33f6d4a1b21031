"""What a person re-running a list on another computer (a ledger that knows none of its orders) is told to
type (found by newcomer24 following the README as someone whose laptop died mid-send): the in-process
sandbox."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from support import SandboxVendor, write_sheet

from bulkship.errors import BatchConflictError
from bulkship.pipeline import run_batch
from bulkship.settings import Settings


def settings_in(folder: Path) -> Settings:
    return Settings(data_dir=folder / "data", out_dir=folder / "out")


@pytest.mark.parametrize("sent_as", ["volunteers-2026", "Volunteers 2026"])
def test_a_list_downloaded_again_on_another_computer_is_told_the_batch_name_its_orders_carry(
    tmp_path: Path, sent_as: str
) -> None:
    """The laptop sent 'volunteers-2026.xlsx' and died; on another computer the list, downloaded again as
    'volunteers-2026 (1).xlsx', runs as batch 'volunteers-2026-1' and is refused (the vendor holds its cards),
    told to "continue that batch by its own name (--batch)" without the name: the person had to read it out
    of the PO numbers (BS-VOLUNTEERS-2026-0001). The hint names it as the shell reads it; typed, the run
    records every row as ordered there and sends nothing."""
    vendor = SandboxVendor(tmp_path)
    try:
        sheet = write_sheet(tmp_path / "volunteers-2026.csv", range(3))
        run_batch(
            sheet, settings_in(tmp_path / "laptop"), batch=sent_as, wait_s=0, client_factory=vendor.factory()
        )
        other = settings_in(tmp_path / "desktop")
        with pytest.raises(BatchConflictError) as refused:
            run_batch(sheet, other, batch=f"{sent_as}-1", wait_s=0, client_factory=vendor.factory())
        typed = "volunteers-2026" if sent_as == "volunteers-2026" else "'Volunteers 2026'"
        assert f"continue that batch by its own name (--batch {typed})" in str(refused.value.hint)
        again = run_batch(sheet, other, batch=sent_as, wait_s=0, client_factory=vendor.factory())
        assert again.exit_code == 0 and again.ordered_rows == 3
        assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(3)})
    finally:
        vendor.close()


@pytest.mark.parametrize("run_as", ["Copy-of-Holiday-gifts-2026", "Holiday-gifts-2026---Copy"])
def test_a_list_re_run_under_another_name_is_not_told_a_coded_po_stem_as_its_batch_name(
    tmp_path: Path, run_as: str
) -> None:
    """Sent as 'Holiday-gifts-2026' (its PO numbers BS-HOLIDAY-GIFTS-2026-EC4EB0-0001: a mixed-case name is
    coded in its stem), the list re-run on another computer as 'Copy of Holiday gifts 2026.csv' was told
    '(--batch HOLIDAY-GIFTS-2026-EC4EB0)': typed, that batch shares the PO numbers but not the references,
    every row needed review, and the batch's own name was then refused as a repeat of it (review62 on
    1adbf31c). A name the PO numbers cannot give is not offered; the batch's own name still continues it."""
    vendor = SandboxVendor(tmp_path)
    try:
        sheet = write_sheet(tmp_path / "Holiday gifts 2026.csv", range(3))
        sent_as = "Holiday-gifts-2026"
        run_batch(
            sheet, settings_in(tmp_path / "laptop"), batch=sent_as, wait_s=0, client_factory=vendor.factory()
        )
        other = settings_in(tmp_path / "desktop")
        with pytest.raises(BatchConflictError) as refused:
            run_batch(sheet, other, batch=run_as, wait_s=0, client_factory=vendor.factory())
        assert "continue that batch by its own name (--batch);" in str(refused.value.hint), refused.value.hint
        again = run_batch(sheet, other, batch=sent_as, wait_s=0, client_factory=vendor.factory())
        assert again.exit_code == 0 and again.ordered_rows == 3
        assert vendor.external_ids() == Counter({f"E{i}": 1 for i in range(3)})
    finally:
        vendor.close()
