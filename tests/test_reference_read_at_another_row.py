"""A row's ExternalId already ordered, the ordered card now read at another row of the list: the held note
names the row it was ordered for and the row now reading as it (newcomer20's N19). HR raised Maria Lopez's
amount 50 -> 100 on her row after her card was sent; her duplicate row further down ('double (see row 3)')
now read as the card ordered, and her own row was held 'ExternalId 10231 was already ordered in this batch
(row 3, PO BS-AW-0001) and that row is still in the file': row 3 naming itself. A real CSV, the
pipeline against the embedded sandbox; nothing is sent twice either way."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.settings import Settings

HEADER = ["Name", "Employee ID", "Street", "City", "State", "Zip", "Card", "Amount", "Notes"]


def _write(path: Path, maria: str) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["Ann Lee", "10001", "1 Main St", "Boston", "MA", "02134", "CVS", "50", ""])
        writer.writerow(["Maria Lopez", "10231", "5 Oak Ave", "Boston", "MA", "02134", "CVS", maria, ""])
        writer.writerow(["Bo Ray", "10002", "7 Elm St", "Boston", "MA", "02134", "CVS", "50", ""])
        writer.writerow(
            ["Maria Lopez", "10231", "5 Oak Ave", "Boston", "MA", "02134", "CVS", "50", "double (see row 3)"]
        )
    return path


def test_a_reference_ordered_for_a_row_now_read_at_another_names_both_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(data_dir=tmp_path / "data", out_dir=tmp_path / "out")
    sheet = _write(tmp_path / "awards.csv", "50")
    assert run_batch(sheet, settings, batch="AW", wait_s=0).sent_orders == 1  # row 5 a duplicate
    _write(sheet, "100")
    again = run_batch(sheet, settings, batch="AW", wait_s=0)
    assert again.exit_code == 3 and again.sent_orders == 0, again.notes
    with Ledger.open(settings.ledger, lock=False) as ledger:
        said = {r.row: r.error or "" for r in ledger.batch_rows("AW") if r.current and r.status == "held"}
    assert list(said) == [3], said
    assert "for this row as the list had it then" in said[3], said
    assert "row 5" in said[3] and "(row 3," not in said[3], said
    lines = [line for order in embedded_sandbox_orders(tmp_path / "data") for line in order["LineItems"]]
    assert len(lines) == 3  # Ann, Maria (50.00), Bo: nothing sent again
