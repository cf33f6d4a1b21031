"""A batch whose run ended with orders left to send (or waiting for an answer) reads so on its progress page,
not 'Finished.' (found by hunter-web29: a run stopped by the vendor's balance, and a `bulkship run` killed
mid-send, read 'Finished. See the results' where `bulkship status` says 'needs attention')."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from support.vendor_proxy import VendorProxy
from test_web import confirm, upload, wait_until_finished

from bulkship.cli import main
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL
from bulkship.web import create_app


def _staff(path: Path, count: int) -> Path:
    lines = ["Employee ID,Name,Address,City,State,ZIP,Product,Amount"]
    lines += [f"E{i},Person {i},{i} Main St,Boston,MA,02134,CVS,25" for i in range(1, count + 1)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_run_stopped_with_orders_left_says_so_not_finished(tmp_path: Path) -> None:
    with VendorProxy(tmp_path, balance=Decimal(3000)) as vendor:  # the first order of 2,500.00 only
        settings = vendor.settings(tmp_path)
        with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
            upload(client, _staff(tmp_path / "staff.csv", 250), name="staff")
            assert confirm(client, "staff").url.path == "/batches/staff/progress"
            wait_until_finished(client, "staff")
            said = " ".join(visible_text(client.get("/batches/staff/progress").text).split())
        assert len(vendor.orders()) == 1
    assert "Finished." not in said, said
    assert "Not finished: 2 order(s) not sent yet." in said, said
    assert "See its cost and send what is left" in said, said


def test_a_command_line_run_stopped_with_orders_left_says_to_re_run_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with VendorProxy(tmp_path, balance=Decimal(3000)) as vendor:
        settings = vendor.settings(tmp_path)
        monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
        monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
        monkeypatch.setenv("BULKSHIP_LEDGER", str(settings.ledger_path))
        monkeypatch.setenv("BULKSHIP_DATA_DIR", str(settings.data_dir))
        sheet = _staff(tmp_path / "staff.csv", 250)
        cli = [
            "run",
            str(sheet),
            "--yes",
            "--wait",
            "0",
            "--api-url",
            vendor.url,
            "--out",
            str(tmp_path / "out"),
        ]
        assert main(cli) != 0
        with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
            said = " ".join(visible_text(client.get("/batches/staff/progress").text).split())
        assert len(vendor.orders()) == 1
    assert "Finished." not in said, said
    assert "Not finished: 2 order(s) not sent yet." in said, said
    assert "whoever ran it re-runs the same command to send the rest" in said, said
