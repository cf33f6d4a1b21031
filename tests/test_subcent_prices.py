"""A vendor catalog priced in fractions of a cent (a shipping method at 7.775, a fee of 0.333 a card) is
billed in cents: each line's shipping to the cent, each card's cost to the cent. The plan shown, a
--max-total, the run, `reconcile` and every money cell of the result workbook hold those cents (found by
hunter-money9: the plan summed the listed prices, one cent a line off the vendor's charge)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from support import no_sleep
from support.money_invariants import check_money

from bulkship import api
from bulkship.client import connect
from bulkship.errors import SpendLimitError
from bulkship.pipeline import run_batch
from bulkship.reconcile.sheets import ORDERS_SHEET, RESULTS_SHEET, SUMMARY_SHEET
from bulkship.sandbox import Sandbox, SandboxConfig, create_app
from bulkship.sandbox.catalog import BUILTIN_CATALOG
from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, Settings

CENT = Decimal("0.01")


def factory(sandbox: Sandbox) -> Any:
    transport = httpx.ASGITransport(app=create_app(sandbox))
    return lambda settings: connect(settings, transport=transport, sleep=no_sleep)


def _subcent_vendor(tmp_path: Path) -> Sandbox:
    catalog = copy.deepcopy(BUILTIN_CATALOG)
    third = copy.deepcopy(next(p for p in catalog["Products"] if p["Id"] == "VISA-PREPAID"))
    third.update(Id="THIRDS", Name="Thirds", Denominations=[1, 1000])
    third["Meta"]["ShippingConfiguration"].update(HasRequiredCardCarriers=False, FulfillmentGroup="RETAIL")
    third["Cost"] = {"Fee": 0.333, "DiscountPercentage": 33.3333333}
    catalog["Products"].append(third)
    catalog["ShippingMethods"].append(
        {"Id": "HALF", "Name": "Half-cent courier", "Price": 7.775, "CurrencyCode": "USD",
         "EstimatedDeliveryDays": 4}
    )  # fmt: skip
    (tmp_path / "subcent.json").write_text(json.dumps(catalog))
    return Sandbox(
        SandboxConfig(
            state_file=tmp_path / "vendor.sqlite", clock_speed=0, catalog_file=tmp_path / "subcent.json"
        )
    )


def _settings(tmp_path: Path) -> Settings:
    return Settings(
        api_url="http://vendor.invalid", email=SANDBOX_EMAIL, access_token=SANDBOX_ACCESS_TOKEN,
        data_dir=tmp_path / "data", ledger_path=tmp_path / "ledger.sqlite", out_dir=tmp_path / "out",
    )  # fmt: skip


def _sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "subcent.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Quantity,Shipping Method\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,1,HALF\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,1,HALF\n"
        "Cy Dunn,3 Main St,Boston,MA,02134,THIRDS,1,3,HALF\n"
        "Di Fox,4 Main St,Boston,MA,02134,THIRDS,7.50,3,STANDARD\n"
    )
    return sheet


def _money_cells(path: Path) -> list[tuple[str, str, Any]]:
    """Every number under a money header of the Results, Orders and Summary sheets."""
    money = {"Face value", "Discount", "Fees", "Shipping cost", "Total"}
    book = openpyxl.load_workbook(path, read_only=True)
    found = []
    for name in (RESULTS_SHEET, ORDERS_SHEET, SUMMARY_SHEET):
        headers: list[Any] = []
        for row in book[name].iter_rows(values_only=True):
            if "Total" in row:
                headers = list(row)
                continue
            for header, cell in zip(headers, row, strict=False):
                if header in money and isinstance(cell, int | float):
                    found.append((name, str(header), cell))
    return found


def test_a_catalog_priced_in_fractions_of_a_cent_is_planned_capped_and_shown_as_the_vendor_bills_it(
    tmp_path: Path,
) -> None:
    vendor = _subcent_vendor(tmp_path)
    settings = _settings(tmp_path)
    sheet = _sheet(tmp_path)
    shown: list[Decimal] = []

    def say_yes(view: Any) -> bool:
        shown.append(view.worst_case)
        return True

    try:
        # the vendor bills each HALF line 7.78, each THIRDS card 1.00 or 5.33: 92.33 (listed prices: 92.315)
        with pytest.raises(SpendLimitError, match=r"cost 92\.33, more than --max-total 92\.32"):
            run_batch(
                sheet, settings, batch="subcent", wait_s=0, client_factory=factory(vendor),
                max_total=Decimal("92.32"),
            )  # fmt: skip
        assert vendor.orders() == [], "nothing sent past the cap"
        result = run_batch(
            sheet, settings, batch="subcent", wait_s=0, client_factory=factory(vendor),
            max_total=Decimal("92.33"), confirm=say_yes,
        )  # fmt: skip
        (order,) = vendor.orders()
        assert shown == [Decimal("92.33")] == [result.total_cost] == [Decimal(str(order["Cost"]))]
        assert result.exit_code == 0 and not [n for n in result.notes if "differ" in n], result.notes
        report = api.reconcile_batch(settings, "subcent", client_factory=factory(vendor))
        assert report.matches and report.ledger_total == report.vendor_total == Decimal("92.33")
        seen = check_money(
            settings.ledger, "subcent", input_rows=range(2, 6), vendor_orders=vendor.orders(), web=True
        )
        cy = seen.rows[4]  # three cards of 1.00: fees of 0.999 to the cent, shipping of 7.775 billed 7.78
        assert [cy["Fees"], cy["Shipping cost"], cy["Total"]] == [1.0, 7.78, 10.78]
        assert result.output is not None
        cells = _money_cells(result.output)
        assert cells and [c for c in cells if Decimal(str(c[2])) != Decimal(str(c[2])).quantize(CENT)] == []
    finally:
        vendor.close()
