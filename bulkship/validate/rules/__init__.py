"""The checks: structure (pandera, lazy, from schemas/recipients.toml), catalog and address rules.

A module each (each imports only those before it): :mod:`.money` (amounts read and written), :mod:`.structure`
(the sheet contract, lost letters and digits), :mod:`.catalognames` (which catalog item a cell names),
:mod:`.catalog` (the vendor catalog), :mod:`.placeholders` (a placeholder where a name or address belongs),
:mod:`.addresses` (the address rules).
"""

from __future__ import annotations

from .addresses import US, check_addresses, courier_methods
from .catalog import MAX_QUANTITY, MIN_QUANTITY, check_catalog
from .catalognames import product_ids
from .money import MONEY_CURRENCY
from .placeholders import PLACE, PLACEHOLDER, RELATION, check_placeholders
from .structure import LOST_LETTER, PRINTED_FIELDS, check_lost_letters, check_scientific, check_structure

__all__ = [
    "LOST_LETTER",
    "MAX_QUANTITY",
    "MIN_QUANTITY",
    "MONEY_CURRENCY",
    "PLACE",
    "PLACEHOLDER",
    "PRINTED_FIELDS",
    "RELATION",
    "US",
    "check_addresses",
    "check_catalog",
    "check_lost_letters",
    "check_placeholders",
    "check_scientific",
    "check_structure",
    "courier_methods",
    "product_ids",
]
