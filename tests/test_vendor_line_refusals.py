"""A 400 naming the line it refuses (``LineItems[2].Zip``), over real HTTP (``support.vendor_proxy``): the
contract only assumes the form, and a vendor may count lines from 1. The refused row fails, never another."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import write_sheet
from support.vendor_proxy import Answer, Call, VendorProxy

from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch


def refusing(bad: set[str], base: int) -> Any:
    """The vendor refuses the lines of ``bad`` (by ExternalId), naming them counted from ``base``, ASP.NET
    style; every other order goes through."""

    def rewrite(call: Call) -> Answer:
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            items = call.json()["LineItems"]
            named = {
                f"order.LineItems[{i + base}].PhysicalDeliveryAddress.Zip": ["The Zip is not deliverable."]
                for i, item in enumerate(items)
                if item["ExternalId"] in bad
            }
            if named:
                return Answer.of(400, {"Message": "The request is invalid.", "ModelState": named})
        return call.forward()

    return rewrite


@pytest.mark.parametrize("base", [0, 1], ids=["from 0", "from 1"])
@pytest.mark.parametrize(
    "bad", [{"E1"}, {"E2"}, {"E4"}, {"E1", "E3"}], ids=["first", "second", "last", "two"]
)
def test_a_refused_line_fails_its_own_row_however_the_vendor_counts_lines(
    vendor: VendorProxy, tmp_path: Path, base: int, bad: set[str]
) -> None:
    """Found by hunter-vendor2: a vendor counting lines from 1 refused the last of 3 rows as
    'LineItems[3]...Zip'; read from 0 it named no line, and all 3 rows failed with that message (two good
    people never ordered, at every re-run). The first row refused ('LineItems[1]') failed the second row
    instead, then the third in the follow-up. Lines a 400 names without telling how it counts go alone,
    where the vendor's answer names them for sure."""
    vendor.rewrite = refusing(bad, base)
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3, 4])
    settings = vendor.settings(tmp_path)
    result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff")
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        rows = {str(r.external_id): r for r in ledger.batch_rows("staff")}
    assert {e for e, r in rows.items() if r.status == "failed"} == bad
    assert all("Zip is not deliverable" in (rows[e].error or "") for e in bad)
    assert {e for e, r in rows.items() if r.status == "ordered"} == {"E1", "E2", "E3", "E4"} - bad
    assert vendor.external_ids() == sorted({"E1", "E2", "E3", "E4"} - bad)  # each good card once
    assert (result.ordered_rows, result.failed_rows) == (4 - len(bad), len(bad))


def test_a_vendor_counting_lines_from_1_is_told_once_per_run(vendor: VendorProxy, tmp_path: Path) -> None:
    """Once an answer has said how the vendor counts, its later 400s are read so: no more lines sent apart."""
    vendor.rewrite = refusing({"E4", "E6"}, 1)
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 9))
    settings = vendor.settings(tmp_path, concurrency=1)
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff", max_lines=4)
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        rows = {str(r.external_id): r for r in ledger.batch_rows("staff")}
    assert {e for e, r in rows.items() if r.status == "failed"} == {"E4", "E6"}
    assert len(vendor.external_ids()) == 6
    # E4 is the last of the first order ('LineItems[4]': told), so E6 of the second ('LineItems[2]') is
    # read from 1 at once: the orders are the two sent, each refused, and their two follow-ups
    posts = sorted(c.json()["PONumber"] for c in vendor.posts())
    assert posts == ["BS-STAFF-0001", "BS-STAFF-0001-R1", "BS-STAFF-0002", "BS-STAFF-0002-R1"], posts


def test_a_422_naming_the_fields_it_refuses_fails_those_rows_and_sends_the_rest(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    """Found by hunter-vendor2: a vendor answering validation with 422 (a ProblemDetails naming
    'LineItems[1].PhysicalDeliveryAddress.Zip') was read as the documented 422 of insufficient funds: every
    run stopped at that order, nothing of the batch sent, saying 'The account needs 0.00 more for the 4
    row(s) not sent ... fund the account'. A 422 naming fields, without a word of money, refuses those
    lines."""

    def problem(call: Call) -> Answer:
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            ids = [item["ExternalId"] for item in call.json()["LineItems"]]
            if "E2" in ids:
                path = f"LineItems[{ids.index('E2')}].PhysicalDeliveryAddress.Zip"
                return Answer.of(
                    422,
                    {
                        "title": "One or more validation errors occurred.",
                        "status": 422,
                        "errors": {path: ["'Zip' is not a deliverable ZIP code."]},
                    },
                )
        return call.forward()

    vendor.rewrite = problem
    settings = vendor.settings(tmp_path)
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3, 4])
    result = run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff")
    assert result.stopped is None, result.stopped
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        rows = {str(r.external_id): r for r in ledger.batch_rows("staff")}
    assert {e: r.status for e, r in rows.items()} == {
        "E1": "ordered", "E2": "failed", "E3": "ordered", "E4": "ordered"
    }  # fmt: skip
    assert "not a deliverable ZIP" in (rows["E2"].error or "")
    assert vendor.external_ids() == ["E1", "E3", "E4"]


def test_a_422_of_insufficient_funds_naming_a_field_still_stops_the_run(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    def unfunded(call: Call) -> Answer:
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            body = {"Message": "Insufficient funds", "Errors": {"Amount": ["exceeds the available balance"]}}
            return Answer.of(422, body)
        return call.forward()

    vendor.rewrite = unfunded
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2])
    result = run_batch(sheet, vendor.settings(tmp_path), wait_s=0, client_factory=vendor.factory)
    assert result.stopped is not None and "cannot cover" in str(result.stopped)
    assert vendor.external_ids() == []


NOT_DELIVERABLE = "The Zip is not deliverable."


@pytest.mark.parametrize(
    "refusal",
    [
        lambda ext: {"Message": "Validation failed", "Errors": [
            {"Field": "PhysicalDeliveryAddress.Zip", "ExternalId": ext, "Message": NOT_DELIVERABLE}
        ]},
        lambda ext: {"errors": {f"lineItems[{ext}].physicalDeliveryAddress.zip": [NOT_DELIVERABLE]}},
    ],
    ids=["entry naming the ExternalId", "path naming the ExternalId"],
)  # fmt: skip
def test_a_400_naming_the_refused_line_by_its_external_id_fails_that_row_only(
    vendor: VendorProxy, tmp_path: Path, refusal: Any
) -> None:
    """Found by hunter-vendor2: a 400 naming the refused line by the ExternalId bulkship sent
    ({"Field": "PhysicalDeliveryAddress.Zip", "ExternalId": "E2", "Message": ...}) pointed at no line
    index, so every row of the order failed, each told its ZIP was not deliverable."""

    def refuse_e2(call: Call) -> Answer:
        posted = call.method == "POST" and call.path.lower() == "/v1/orders"
        if posted and "E2" in [item["ExternalId"] for item in call.json()["LineItems"]]:
            return Answer.of(400, refusal("E2"))
        return call.forward()

    vendor.rewrite = refuse_e2
    settings = vendor.settings(tmp_path)
    sheet = write_sheet(tmp_path / "staff.csv", [1, 2, 3, 4])
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff")
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        rows = {str(r.external_id): r for r in ledger.batch_rows("staff")}
    assert {e for e, r in rows.items() if r.status == "failed"} == {"E2"}
    assert "not deliverable" in (rows["E2"].error or "")
    assert vendor.external_ids() == ["E1", "E3", "E4"]
    assert len(vendor.posts()) == 2  # the order, then its follow-up: nothing sent apart


@pytest.mark.parametrize("bad", ["100232", "3"], ids=["an Employee ID", "a small number"])
def test_a_400_naming_the_refused_line_by_a_numeric_external_id_fails_that_row_only(
    vendor: VendorProxy, tmp_path: Path, bad: str
) -> None:
    """Found by review16 (R10, after f35499d): Employee IDs are often numbers, and a vendor naming the refused
    line by its ExternalId ('lineItems[100232].zip') was read as naming line 100232 of a 4-line order: no
    line, so every row of the order failed at every run, the good ones never ordered."""
    people = {"100232": [100231, 100232, 100233, 100234], "3": [1, 2, 3, 4]}[bad]

    def refuse(call: Call) -> Answer:
        posted = call.method == "POST" and call.path.lower() == "/v1/orders"
        if posted and bad in [item["ExternalId"] for item in call.json()["LineItems"]]:
            return Answer.of(
                400, {"errors": {f"lineItems[{bad}].physicalDeliveryAddress.zip": [NOT_DELIVERABLE]}}
            )
        return call.forward()

    vendor.rewrite = refuse
    settings = vendor.settings(tmp_path)
    sheet = write_sheet(tmp_path / "staff.csv", people, id_format="{}")
    run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory, batch="staff")
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        rows = {str(r.external_id): r for r in ledger.batch_rows("staff")}
    assert {e for e, r in rows.items() if r.status == "failed"} == {bad}
    assert sorted(vendor.external_ids()) == sorted(str(p) for p in people if str(p) != bad)


@pytest.mark.parametrize(
    "words",
    [
        lambda a: f"Recipient address could not be verified: {a['AddressLine1']}, {a['City']} {a['State']}",
        lambda a: f"Cannot ship to {a['Name'].upper()}: address on the do-not-mail list",
    ],
    ids=["street", "name"],
)
def test_a_400_whose_words_name_one_recipient_fails_that_row_only(
    vendor: VendorProxy, tmp_path: Path, words: Any
) -> None:
    """Found by hunter-vendor2: a 400 with only a message ('Recipient address could not be verified: 3 Main
    St, Boston MA') failed every row of the order, each told its address could not be verified. The row
    whose street (or name) the words name fails; the others go out."""

    def refuse_e2(call: Call) -> Answer:
        posted = call.method == "POST" and call.path.lower() == "/v1/orders"
        for item in call.json()["LineItems"] if posted else []:
            if item["ExternalId"] == "E2":
                return Answer.of(400, {"Message": words(item["PhysicalDeliveryAddress"])})
        return call.forward()

    vendor.rewrite = refuse_e2
    settings = vendor.settings(tmp_path)
    run_batch(write_sheet(tmp_path / "staff.csv", [1, 2, 3, 12]), settings, wait_s=0,
              client_factory=vendor.factory, batch="staff")  # fmt: skip
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        rows = {str(r.external_id): r for r in ledger.batch_rows("staff")}
    assert {e for e, r in rows.items() if r.status == "failed"} == {"E2"}  # not E12 at '13 Main St'
    assert vendor.external_ids() == ["E1", "E12", "E3"]


def test_a_400_whose_words_name_no_recipient_still_fails_the_whole_order(
    vendor: VendorProxy, tmp_path: Path
) -> None:
    def refuse(call: Call) -> Answer:
        if call.method == "POST" and call.path.lower() == "/v1/orders":
            return Answer.of(400, {"Message": "Orders of this type are not enabled for your account"})
        return call.forward()

    vendor.rewrite = refuse
    settings = vendor.settings(tmp_path)
    run_batch(write_sheet(tmp_path / "staff.csv", [1, 2]), settings, wait_s=0, client_factory=vendor.factory)
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        assert {r.status for r in ledger.batch_rows("staff")} == {"failed"}
    assert vendor.external_ids() == []
