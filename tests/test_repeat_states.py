"""A row's status says what it is now: a row the vendor refused, then found to repeat a card another batch
ordered since, is ``held`` (naming that batch), not still ``failed`` with the vendor's old words."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from support import SandboxVendor, write_sheet
from test_pipeline import RejectExternalId

from bulkship.pipeline import run_batch
from bulkship.settings import Settings


def _statuses(workbook: Path | None) -> dict[str, tuple[str, str]]:
    assert workbook is not None
    rows = list(openpyxl.load_workbook(workbook, read_only=True)["Results"].iter_rows(values_only=True))
    header = rows[0]
    at = {h: header.index(h) for h in ("Employee ID", "Status", "Problems / vendor error")}
    return {
        str(r[at["Employee ID"]]): (str(r[at["Status"]]), str(r[at["Problems / vendor error"]] or ""))
        for r in rows[1:]
    }


def test_a_failed_row_that_now_repeats_another_batch_shows_held(
    tmp_path: Path, sandbox_vendor: SandboxVendor
) -> None:
    staff = write_sheet(tmp_path / "staff.csv", range(4))
    transport = RejectExternalId(sandbox_vendor.transport, "E2")
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out")
    factory = sandbox_vendor.factory(transport)
    first = run_batch(staff, settings, wait_s=0, client_factory=factory)
    assert (first.ordered_rows, first.failed_rows) == (3, 1)
    assert _statuses(first.output)["E2"][0] == "failed"

    transport.refuse = False  # meanwhile another batch sends E2 the same card
    extra = write_sheet(tmp_path / "late-joiners.csv", [2, 7])
    other = run_batch(extra, settings, wait_s=0, client_factory=factory)
    assert other.ordered_rows == 2

    again = run_batch(staff, settings, wait_s=0, client_factory=factory)
    status, problems = _statuses(again.output)["E2"]
    assert status == "held", problems
    assert "late-joiners" in problems and "Undeliverable" not in problems
    assert (again.held_rows, again.failed_rows, again.exit_code) == (1, 0, 0)
    sent = [li["ExternalId"] for o in sandbox_vendor.sandbox.orders() for li in o["LineItems"]]
    assert sorted(sent) == ["E0", "E1", "E2", "E3", "E7"]  # E2 once, from the other batch
