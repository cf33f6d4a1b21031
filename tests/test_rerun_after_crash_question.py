"""`bulkship run` again after a run lost the vendor's answers (a crash, a cut connection), answered by a
person: the orders in doubt are asked of the vendor before the question, which is then of what is left.

Found by hunter-vendor36 (the kill kit, /tmp/hunter-vendor36/kill): a CLI run of 300 rows killed -9 after 3
orders reached the vendor, run again without --yes, said 'In doubt: 5,000.00 USD for 200 row(s) in 2
order(s) ... To send: nothing new. 0 order(s) to send; 100 row(s) already ordered are not sent again' and
asked 'Send these orders?' of the two orders the vendor had made: a 'no' left 200 people 'in doubt'."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from support import write_sheet
from support.vendor_proxy import Answer, Call, VendorProxy

from bulkship.cli import main
from bulkship.pipeline import run_batch
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL


def _answers_lost(vendor: VendorProxy, *, made: bool) -> None:
    """Every answer of the order's POST and of its look-up is lost (504); ``made``: the vendor made it."""

    def lost(call: Call) -> Answer:
        if call.path.lower() == "/v1/orders" and vendor.posts():  # read before: a new batch is checked
            if call.method == "POST" and made and len(vendor.posts()) == 1:
                call.forward()
            return Answer.of(504, {"Message": "Gateway Timeout"})
        return call.forward()

    vendor.rewrite = lost


def _run_again_answering_no(
    vendor: VendorProxy, tmp_path: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> int:
    vendor.rewrite = lambda call: call.forward()  # the vendor answers again
    monkeypatch.setenv("BULKSHIP_EMAIL", SANDBOX_EMAIL)
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    where = ["--api-url", vendor.url, "--ledger", str(tmp_path / "ledger.sqlite"), "--out", str(tmp_path)]
    return main(["run", str(sheet), "--wait", "0", *where])


def _first_run_lost(vendor: VendorProxy, tmp_path: Path, *, made: bool) -> Path:
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2])
    _answers_lost(vendor, made=made)
    result = run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory)
    assert result.unknown_orders == 1, result
    return sheet


def test_orders_in_doubt_the_vendor_made_are_found_before_anything_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        sheet = _first_run_lost(vendor, tmp_path, made=True)
        capsys.readouterr()
        code = _run_again_answering_no(vendor, tmp_path, sheet, monkeypatch)
        said = " ".join(capsys.readouterr().err.split())
        assert "Send these orders?" not in said and "0 order(s) to send" not in said, said
        assert code == 0, said  # nothing left to ask of: both rows ordered, found at the vendor
        assert "2 ordered" in said, said
        # ... and says where they were: 'Nothing was sent in this run.' alone read as nobody sent them
        found = "1 order(s) in doubt (sent before, the answer lost) found at the vendor by their PO numbers"
        assert found in said and "nothing was sent again" in said, said
        assert vendor.external_ids() == ["E1", "E2"]  # each card once


def test_an_order_in_doubt_the_vendor_never_got_is_asked_of_as_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with VendorProxy(tmp_path) as vendor:
        sheet = _first_run_lost(vendor, tmp_path, made=False)
        capsys.readouterr()
        code = _run_again_answering_no(vendor, tmp_path, sheet, monkeypatch)
        said = " ".join(capsys.readouterr().err.split())
        assert "0 order(s) to send" not in said, said
        again = "No new order to send; the 1 order(s) in doubt go again under the same PO numbers"
        assert again in said, said
        assert "Send the 1 order(s) in doubt again (the vendor did not show them" in said, said
        assert code == 1 and "Not confirmed: nothing was sent" in said, said
        assert vendor.external_ids() == []  # the 'no' sent nothing
