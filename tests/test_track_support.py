"""Helpers for the track, webhook and reconcile tests (no tests here): a ledger with a batch already sent, a
result workbook written for it, and a scripted vendor whose orders the test moves along."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from bulkship.client.vendor import VendorClient
from bulkship.errors import NotFoundError
from bulkship.ledger import Ledger, LineOutcome, PlannedLineRecord, PlannedOrderRecord, RowUpdate
from bulkship.models import Catalog, Shipment, ShippingMethod, VendorLineItem, VendorOrder
from bulkship.reconcile.sheets import ResultBook, RowOutcome, RunInfo, write_result_workbook
from bulkship.settings import Settings

BATCH = "ANNIV-2026Q4"
PREFIX = "ANNIV"
HEADERS = ("Employee", "Name", "Zip", "Card", "Amount", "Notes")
# row -> (fingerprint, cells); row 4 is invalid, the others go into two orders.
ROWS: dict[int, tuple[str, list[str]]] = {
    2: ("fp-a", ["E1", "Ann Lee", "02134", "CVS", "50", "=1+1"]),
    3: ("fp-b", ["E2", "Bo Park", "07102", "CVS", "25", "+1 555"]),
    4: ("fp-c", ["E3", "", "80202", "CVS", "25", ""]),
    5: ("fp-d", ["E4", "Cy Diaz", "78701", "TARGET", "100", "@x"]),
}
ORDERS = {  # PO -> rows
    f"{PREFIX}-{BATCH}-0001": [2, 3],
    f"{PREFIX}-{BATCH}-0002": [5],
}
SHIPPING = Decimal("3.50")


def catalog() -> Catalog:
    return Catalog(
        products={}, shipping_methods={"STANDARD": ShippingMethod("STANDARD", "Standard", SHIPPING)}
    )


def _payload(po: str, rows: list[int]) -> dict[str, Any]:
    return {
        "Type": "PhysicalShipment",
        "PONumber": po,
        "LineItems": [
            {
                "ExternalId": ROWS[r][1][0],
                "ProductId": ROWS[r][1][3],
                "Value": float(ROWS[r][1][4]),
                "Quantity": 1,
                "PhysicalDeliveryAddress": {"ShippingMethodId": "STANDARD", "Zip": ROWS[r][1][2]},
            }
            for r in rows
        ],
    }


def line_cost(row: int) -> Decimal:
    return Decimal(ROWS[row][1][4]) + SHIPPING


class ScriptedVendor:
    """Stands in for the client: orders live here, tests move them along; counts the reads."""

    def __init__(self) -> None:
        self.orders: dict[str, VendorOrder] = {}
        self.reads = 0
        self.closed = False

    async def __aenter__(self) -> ScriptedVendor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self.closed = True

    def factory(self) -> Callable[[Settings], VendorClient]:
        """The client factory of track and the webhook receiver: this stand-in answers the calls they make."""
        return lambda _settings: cast(VendorClient, self)

    async def catalog(self, refresh: bool = False) -> Catalog:
        return catalog()

    async def get_order(self, order_id: str) -> VendorOrder:
        self.reads += 1
        if order_id not in self.orders:
            raise NotFoundError(f"No order {order_id}", status_code=404)
        return self.orders[order_id]

    async def list_orders(self, po_number: str | None = None) -> list[VendorOrder]:
        return [o for o in self.orders.values() if po_number in (None, o.po_number)]

    def set_line(
        self, order_id: str, index: int, status: str, *, tracking: str = "", delivered: str = ""
    ) -> None:
        order = self.orders[order_id]
        lines = list(order.line_items)
        shipments: tuple[Shipment, ...] = ()
        if tracking:
            shipments = (
                Shipment(
                    tracking_number=tracking,
                    carrier="USPS",
                    tracking_url=f"https://tools.usps.com/go/TrackConfirmAction?tLabels={tracking}",
                    shipped_date="2026-11-25T12:00:00Z",
                    delivered_date=delivered,
                ),
            )
        lines[index] = replace(lines[index], status=status, shipments=shipments)
        everything = {li.status for li in lines}
        order_status = "Complete" if everything <= {"Shipped", "Delivered", "Complete"} else "Pending"
        self.orders[order_id] = replace(order, line_items=tuple(lines), status=order_status)

    def ship_everything(self, *, delivered: bool = False) -> None:
        for order_id, order in list(self.orders.items()):
            for i in range(len(order.line_items)):
                self.set_line(
                    order_id, i, "Delivered" if delivered else "Shipped", tracking=f"TRK-{order_id}-{i}",
                    delivered="2026-11-28T09:00:00Z" if delivered else "",
                )  # fmt: skip


def sent_batch(ledger_path: Path, out_dir: Path, vendor: ScriptedVendor) -> Path:
    """A batch as `bulkship run` leaves it: rows recorded, two orders created (Pending), a result workbook."""
    with Ledger.open(ledger_path) as ledger:
        ledger.upsert_batch(
            BATCH,
            file_name="/in/anniv.xlsx",
            file_hash="cd" * 32,
            po_prefix=PREFIX,
            rows=4,
            valid=3,
            invalid=1,
        )
        ledger.record_rows(
            BATCH,
            [
                RowUpdate(
                    fp, row, "invalid" if row == 4 else "planned", "name: required" if row == 4 else None
                )
                for row, (fp, _) in ROWS.items()
            ],
        )
        for seq, (po, rows) in enumerate(ORDERS.items(), start=1):
            lines = [
                PlannedLineRecord(ROWS[r][0], i, ROWS[r][1][0], line_cost(r)) for i, r in enumerate(rows)
            ]
            cost = sum((line_cost(r) for r in rows), Decimal(0))
            ledger.save_planned_orders(
                BATCH, [PlannedOrderRecord(po, seq, po, _payload(po, rows), cost, lines)]
            )
            ledger.mark_sending(po)
            order = VendorOrder(
                id=f"ord-{seq}",
                po_number=po,
                status="Pending",
                line_items=tuple(
                    VendorLineItem(f"li-{seq}-{i}", ROWS[r][1][0], ROWS[r][1][3], Decimal(ROWS[r][1][4]), 1,
                                   line_cost(r), "Pending")
                    for i, r in enumerate(rows)
                ),
            )  # fmt: skip
            vendor.orders[order.id] = order
            outcomes = [
                LineOutcome(ROWS[r][0], f"li-{seq}-{i}", line_cost(r), "pending") for i, r in enumerate(rows)
            ]
            ledger.record_created(po, order, outcomes, created=True)
        output = out_dir / f"{BATCH}-results.xlsx"
        outcomes_by_row = {
            2: RowOutcome(2, "pending", normalised="zip: 2134 → 02134"),
            3: RowOutcome(3, "pending"),
            4: RowOutcome(4, "invalid", problems="name: required"),
            5: RowOutcome(5, "pending"),
        }
        book = ResultBook(
            HEADERS,
            [(r, cells) for r, (_, cells) in ROWS.items()],
            outcomes_by_row,
            info=RunInfo(batch=BATCH),
            fingerprints={r: fp for r, (fp, _) in ROWS.items()},
        )
        write_result_workbook(book, output)
        ledger.set_batch_output(BATCH, str(output))
    return output
