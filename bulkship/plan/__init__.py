"""The plan stage: valid rows -> PhysicalShipment orders with stable PO numbers, and what they will cost.

Pure functions: no I/O, no clock (the date arrivals are counted from is an argument), no randomness.

Grouping. Rows are taken in file order and split by the product's fulfilment group (groups in order of first
appearance); each group is cut into orders of at most ``max_lines`` line items (default
:data:`DEFAULT_MAX_LINES`, the vendor's limit). One line item per row, with the row's own
``PhysicalDeliveryAddress`` and ``ExternalId`` (the row's ``external_id``, or ``<BATCH>-<fingerprint[:16]>``
when the sheet has none, stable across runs).

PO numbers. ``<PREFIX>-<BATCH>-<SEQ>`` (e.g. ``ANNIV-2026Q4-0001``), upper-cased, each part reduced to the
vendor's alphabet ``[A-Za-z0-9._-]``, the whole at most 50 characters (a long batch name is cut and given a
short hash so that two long names never share PO numbers). SEQ counts orders in the batch from
``first_seq``. Because the numbering depends only on (prefix, batch, valid rows in file order), planning the
same file again with the ledger lost yields the same PO numbers, and the vendor's 409 hands back the orders
that already exist instead of creating new ones. With the ledger present, rows that already have a PO keep it
and only new rows are planned, numbered after the highest sequence used. A rejected order's good rows go into
a follow-up order ``<PO>-R<n>`` (n = 1, 2... per original order), also deterministic.

Cost. Per line (api-contract "Money"): ``Quantity × (Value × (1 − Discount%/100) + Fee)`` plus the shipping
method's price once per line item. :func:`summarise` totals cards, face value, discount, fees, shipping and
cost overall, per product and per shipping method, compares the total with the balance when the API offers
one, and gives each shipping method's estimated arrival date (``start + EstimatedDeliveryDays``
calendar days).

The package, one job a module (each imports only those before it): :mod:`.ponumbers` (PO numbers and
references), :mod:`.lines` (rows into line items), :mod:`.orders` (line items into numbered orders),
:mod:`.cost` (the cost and arrival summary).
"""

from __future__ import annotations

from .cost import Arrival, CostLine, PlanSummary, cards_renamed, check_cards_shown, price_changes, summarise
from .lines import DEFAULT_CARRIER, DEFAULT_COUNTRY, DEFAULT_SHIPPING_METHOD, plan_lines
from .orders import (
    DEFAULT_MAX_LINES,
    VENDOR_MAX_LINES,
    OrderPlan,
    follow_up_order,
    fulfillment_group,
    group_orders,
    plan_orders,
    plan_orders_lazily,
)
from .ponumbers import (
    DEFAULT_PO_PREFIX,
    PO_MAX_LENGTH,
    PO_PREFIX_MAX,
    batch_name_of,
    batch_po_pattern,
    external_reference,
    next_seq,
    order_seq,
    other_batch_po,
    po_number,
    po_part,
    po_stem,
    replan_po,
    skipped_number,
)

__all__ = [
    "DEFAULT_CARRIER",
    "DEFAULT_COUNTRY",
    "DEFAULT_MAX_LINES",
    "DEFAULT_PO_PREFIX",
    "DEFAULT_SHIPPING_METHOD",
    "PO_MAX_LENGTH",
    "PO_PREFIX_MAX",
    "VENDOR_MAX_LINES",
    "Arrival",
    "CostLine",
    "OrderPlan",
    "PlanSummary",
    "batch_name_of",
    "batch_po_pattern",
    "cards_renamed",
    "check_cards_shown",
    "external_reference",
    "follow_up_order",
    "fulfillment_group",
    "group_orders",
    "next_seq",
    "order_seq",
    "other_batch_po",
    "plan_lines",
    "plan_orders",
    "plan_orders_lazily",
    "po_number",
    "po_part",
    "po_stem",
    "price_changes",
    "replan_po",
    "skipped_number",
    "summarise",
]
