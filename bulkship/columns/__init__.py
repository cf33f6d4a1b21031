"""Which column feeds which order field: header recognition, the program's ``[columns]``, and never a guess.

A header is recognised through the aliases of ``schemas/recipients.toml`` (plus ``[aliases]``), also when an
HR system qualifies it: "Home Address Line 1", "Primary Address: City", "Legal First Name", "Preferred Name",
"Employee Name", "Street Address (Home)". The qualifier ranks columns that mean the same field:

* an address comes from one group: shipping > mailing > home > primary/personal/residential/unqualified >
  work. The best group that has an address line 1 gives every address field (or an unqualified column);
  columns of the other groups are listed as not used;
* a *preferred* name fills in over the legal (or plain) name, row by row, where it is not empty;
* a hidden column is never used when a visible one means the same field.

Two columns left for one order field (same rank, both visible) refuse the file: bulkship never picks the
leftmost silently (``strict=False``, for a page that lets the person choose, marks them ambiguous instead).
``[columns]`` in a program file maps a field to a header or a column letter and wins over every guess;
an empty text (``address2 = ""``) says no column feeds the field. Columns nothing reads are listed, with a
warning when their header or values look like a field.

The package, one job a module (each imports only those before it): :mod:`.fields` (the order fields and the
qualifier words), :mod:`.meaning` (what a header means), :mod:`.records` (the columns read and the mapping
made), :mod:`.fixed` (the program's ``[columns]``), :mod:`.choose` (one column among those meaning one field),
:mod:`.mapping` (:func:`map_columns`), :mod:`.report` (the mapping as a person sees and changes it).
"""

from __future__ import annotations

from .fields import (
    ADDRESS_FIELDS,
    NAME_FIELDS,
    NEUTRAL,
    ORDER_FIELDS,
    PREFERRED,
    QUALIFIER_RANK,
    UNQUALIFIED_RANK,
)
from .mapping import map_columns
from .meaning import HeaderIndex, HeaderMeaning, _words, closest_headers, header_score, own_titles
from .records import AmbiguousColumnsError, ColumnInfo, ColumnMapping, TwoListsError
from .report import UNDECIDED, ColumnsReport, FieldChoice, describe_fields, remap

__all__ = [
    "ADDRESS_FIELDS",
    "NAME_FIELDS",
    "NEUTRAL",
    "ORDER_FIELDS",
    "PREFERRED",
    "QUALIFIER_RANK",
    "UNDECIDED",
    "UNQUALIFIED_RANK",
    "AmbiguousColumnsError",
    "ColumnInfo",
    "ColumnMapping",
    "ColumnsReport",
    "FieldChoice",
    "HeaderIndex",
    "HeaderMeaning",
    "TwoListsError",
    "_words",
    "closest_headers",
    "describe_fields",
    "header_score",
    "map_columns",
    "own_titles",
    "remap",
]
