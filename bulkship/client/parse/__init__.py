"""Read vendor JSON into bulkship's typed values.

Response keys are read case-insensitively at every level (the docs write PascalCase, public clients read
camelCase), and so are enum values (``physicalShipment``): they are brought to the documented spelling here,
once. Order and line statuses go through one table of synonyms (:data:`STATUS_SYNONYMS`); a status it does
not know is kept verbatim, never taken for another. Fields that api-contract.md marks *assumed* are
optional: a missing or odd value gives a default, never an exception. What an error answer says (its
message, the fields it refuses, the original order a 409 names) is read in :mod:`bulkship.client.refusals`.

The package, one job a module: :mod:`.values` reads any JSON answer (keys case-insensitively, amounts,
enums, statuses, a page's records); :mod:`.records` reads the typed records (products, shipping methods,
orders and their lines, the balance) with it.
"""

from __future__ import annotations

from .records import (
    DEFAULT_CARD_CARRIER,
    LINE_ITEM_KEYS,
    LINE_QUANTITY_KEYS,
    LINE_VALUE_KEYS,
    ORDER_ENVELOPE_KEYS,
    SHIPPING_PRICE_KEYS,
    lines_counted,
    lines_partial,
    parse_balance,
    parse_order,
    parse_product,
    parse_shipping_method,
    po_number_of,
    raw_lines,
)
from .values import (
    ENUM_VALUES,
    MAPPING,
    PAGE_KEYS,
    STATUS_SYNONYMS,
    VendorObject,
    boolean,
    decimal,
    enum_value,
    field,
    integer,
    items,
    lowered,
    page_records,
    path,
    status_name,
    text,
)

__all__ = [
    "DEFAULT_CARD_CARRIER",
    "ENUM_VALUES",
    "LINE_ITEM_KEYS",
    "LINE_QUANTITY_KEYS",
    "LINE_VALUE_KEYS",
    "MAPPING",
    "ORDER_ENVELOPE_KEYS",
    "PAGE_KEYS",
    "SHIPPING_PRICE_KEYS",
    "STATUS_SYNONYMS",
    "VendorObject",
    "boolean",
    "decimal",
    "enum_value",
    "field",
    "integer",
    "items",
    "lines_counted",
    "lines_partial",
    "lowered",
    "page_records",
    "parse_balance",
    "parse_order",
    "parse_product",
    "parse_shipping_method",
    "path",
    "po_number_of",
    "raw_lines",
    "status_name",
    "text",
]
