"""Plain typed values that pass between stages. No I/O here.

Contracts between stages:

* ``load`` returns a :class:`LoadedSheet`: every cell as text (its type kept beside it), each row keyed by its
  spreadsheet row number.
* ``validate`` returns a :class:`ValidationResult` whose ``rows`` frame has the :data:`CANONICAL_COLUMNS`
  (normalised text) plus ``ROW`` (spreadsheet row number, also the index), ``STATUS`` and ``FINGERPRINT``.
* ``plan`` turns the valid rows into :class:`PlannedOrder` values.
* The vendor catalog, as read by the client, is a :class:`Catalog`.

The package: :mod:`.sheet` (a sheet as read and validated), :mod:`.catalog` (the vendor's cards and shipping
methods), :mod:`.planned` (orders as planned and sent), :mod:`.vendor` (what the vendor answers); every name
is here too.
"""

from __future__ import annotations

from .catalog import (
    NO_PRICE,
    UNREADABLE_PRICE,
    CardCarrier,
    Catalog,
    Product,
    ShippingMethod,
)
from .planned import (
    ADDRESS_LINE_MAX,
    PlannedLine,
    PlannedOrder,
    folded_address_line1,
    line2_with_company,
)
from .sheet import (
    CANONICAL_COLUMNS,
    FINGERPRINT,
    NAME_COLUMNS,
    NOT_SENT,
    ROW,
    STATUS,
    FixTheseRows,
    LoadedSheet,
    Problem,
    RowStatus,
    Severity,
    SkippedRow,
    ValidationResult,
    ValidationSummary,
)
from .vendor import (
    Balance,
    Shipment,
    VendorLineItem,
    VendorOrder,
)

__all__ = [
    "ADDRESS_LINE_MAX",
    "CANONICAL_COLUMNS",
    "FINGERPRINT",
    "NAME_COLUMNS",
    "NOT_SENT",
    "NO_PRICE",
    "ROW",
    "STATUS",
    "UNREADABLE_PRICE",
    "Balance",
    "CardCarrier",
    "Catalog",
    "FixTheseRows",
    "LoadedSheet",
    "PlannedLine",
    "PlannedOrder",
    "Problem",
    "Product",
    "RowStatus",
    "Severity",
    "Shipment",
    "ShippingMethod",
    "SkippedRow",
    "ValidationResult",
    "ValidationSummary",
    "VendorLineItem",
    "VendorOrder",
    "folded_address_line1",
    "line2_with_company",
]
