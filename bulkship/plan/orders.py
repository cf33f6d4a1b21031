"""Line items cut into orders of at most ``max_lines``, one fulfilment group each, numbered in file order; at
once or one at a time (:class:`OrderPlan`); a rejected order's follow-up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pandas as pd

from .. import defaults
from ..errors import InputError
from ..models import Catalog, PlannedLine, PlannedOrder
from .lines import _LineBuilder, plan_lines
from .ponumbers import _numbered, po_stem, replan_po

DEFAULT_MAX_LINES = defaults.MAX_LINES  # the vendor's assumed limit of line items per order
VENDOR_MAX_LINES = 100


def fulfillment_group(line: PlannedLine, catalog: Catalog) -> str:
    product = catalog.product(line.product_id)
    return product.fulfillment_group if product else ""


def group_orders(
    lines: Sequence[PlannedLine],
    catalog: Catalog,
    *,
    po_prefix: str,
    batch: str,
    max_lines: int = DEFAULT_MAX_LINES,
    first_seq: int = 1,
) -> list[PlannedOrder]:
    """Cut lines (in file order) into orders of at most ``max_lines``, one fulfilment group per order."""
    if not 1 <= max_lines <= VENDOR_MAX_LINES:
        raise InputError(f"Line items per order must be between 1 and {VENDOR_MAX_LINES}, not {max_lines}")
    by_group: dict[str, list[PlannedLine]] = {}
    group_of: dict[str, str] = {}  # product id -> fulfilment group, looked up once per product
    for line in lines:
        group = group_of.get(line.product_id)
        if group is None:
            group = group_of[line.product_id] = fulfillment_group(line, catalog)
        by_group.setdefault(group, []).append(line)
    orders: list[PlannedOrder] = []
    seq = first_seq
    stem = po_stem(po_prefix, batch)  # worked out once, not per order as po_number would
    for group, members in by_group.items():
        for start in range(0, len(members), max_lines):
            chunk = tuple(members[start : start + max_lines])
            orders.append(PlannedOrder(_numbered(stem, seq), chunk, group))
            seq += 1
    return orders


def plan_orders(
    valid_rows: pd.DataFrame,
    catalog: Catalog,
    *,
    po_prefix: str,
    batch: str,
    max_lines: int = DEFAULT_MAX_LINES,
    first_seq: int = 1,
) -> list[PlannedOrder]:
    """Valid rows -> orders: :func:`plan_lines` then :func:`group_orders`."""
    lines = plan_lines(valid_rows, catalog, batch)
    return group_orders(
        lines, catalog, po_prefix=po_prefix, batch=batch, max_lines=max_lines, first_seq=first_seq
    )


@dataclass(frozen=True)
class OrderPlan:
    """The orders :func:`plan_orders` makes, built one at a time when iterated (a million rows are 10,000
    orders of 100 lines: holding every line and payload at once cost gigabytes). Every row has been checked
    when it is made, so iterating raises nothing; ``len`` is the number of orders."""

    builder: _LineBuilder | None  # None: no valid rows, no orders
    groups: tuple[tuple[str, tuple[int, ...]], ...]  # fulfilment group -> row positions, in first appearance
    stem: str
    max_lines: int
    first_seq: int

    def __len__(self) -> int:
        return sum(-(-len(positions) // self.max_lines) for _group, positions in self.groups)

    def __iter__(self) -> Iterator[PlannedOrder]:
        seq = self.first_seq
        for group, positions in self.groups:
            for start in range(0, len(positions), self.max_lines):
                chunk = positions[start : start + self.max_lines]
                lines = tuple(map(self.builder.line, chunk))  # type: ignore[union-attr]
                yield PlannedOrder(_numbered(self.stem, seq), lines, group)
                seq += 1


def plan_orders_lazily(
    valid_rows: pd.DataFrame,
    catalog: Catalog,
    *,
    po_prefix: str,
    batch: str,
    max_lines: int = DEFAULT_MAX_LINES,
    first_seq: int = 1,
) -> OrderPlan:
    """The same orders as :func:`plan_orders`, with the same errors raised here (every row is checked
    first, in row order), made one at a time as the result is iterated."""
    builder = _LineBuilder(valid_rows, catalog, batch) if not valid_rows.empty else None
    by_group: dict[str, list[int]] = {}
    group_of: dict[str, str] = {}  # product id -> fulfilment group, looked up once per product
    for position in range(len(builder) if builder is not None else 0):
        product = builder.check(position)  # type: ignore[union-attr]  # (not None when there are rows)
        group = group_of.get(product.id)
        if group is None:
            found = catalog.product(product.id)
            group = group_of[product.id] = found.fulfillment_group if found else ""
        by_group.setdefault(group, []).append(position)
    if not 1 <= max_lines <= VENDOR_MAX_LINES:
        raise InputError(f"Line items per order must be between 1 and {VENDOR_MAX_LINES}, not {max_lines}")
    return OrderPlan(
        builder,
        tuple((group, tuple(positions)) for group, positions in by_group.items()),
        po_stem(po_prefix, batch),
        max_lines,
        first_seq,
    )


def follow_up_order(order: PlannedOrder, keep: Iterable[PlannedLine], attempt: int) -> PlannedOrder:
    """The rows of ``order`` that must still go out, as order ``<PO>-R<attempt>``."""
    return PlannedOrder(replan_po(order.po_number, attempt), tuple(keep), order.fulfillment_group)
