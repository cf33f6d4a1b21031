"""What was read but is not what the person typed, as problems for the validate stage to judge: formulas and
their results, error values, dates and numbers that lost digits in Excel, text garbled by an encoding,
true/false values, a formula's text typed as a value (``="02134"`` read as the text it shows), cells that a
comma outside quotes pushed beyond the header's columns, merged cells read on each of their rows.

One concern a module: :mod:`.rows` (what a row's cells read as), :mod:`.cells` (what a cell's format or font
says), :mod:`.elsewhere` (a column sending the card to someone else), :mod:`.rush` (a column asking for
faster shipping than the row gets), :mod:`.each` (a one-card amount column saying another amount than
the value), :mod:`.continued` (the rest of a row's address on the row below it), :mod:`.oneperson` (one
person listed at several addresses: 'Address Type' = Home, Work), :mod:`.notenames` (a note on a row of its
own asking for a change to a recipient's row), :mod:`.gridcells` (cells pushed beyond the header by a comma,
cells merged down rows); :mod:`.notecolumns` gives the columns of notes, each distinct note read once.
"""

from __future__ import annotations

from .cellnotes import _cell_note_problems, notes_on_cells
from .cells import (
    _currency_column_problems,
    _currency_problems,
    _hidden_by_format_problems,
    _hidden_cents_problems,
    _struck_cell_problems,
    _struck_text_problems,
)
from .continued import _continued_problems
from .corrections import _correction_problems
from .each import _each_problems, many_cards_notice, unused_default_notice
from .elsewherecolumns import _elsewhere_problems
from .gridcells import _fill_merged, _overflowing_rows
from .leftoff import _left_off_problems
from .notenames import _note_names_problems
from .oneperson import _one_person_problems
from .rows import (
    TEXT_COLUMNS,
    _errors_where_rows_are_picked,
    _formula_text_problems,
    _read_problems,
    _show_formulas,
    _total_problems,
)
from .rush import _rush_problems

__all__ = [
    "TEXT_COLUMNS",
    "_cell_note_problems",
    "_continued_problems",
    "_correction_problems",
    "_currency_column_problems",
    "_currency_problems",
    "_each_problems",
    "_elsewhere_problems",
    "_errors_where_rows_are_picked",
    "_fill_merged",
    "_formula_text_problems",
    "_hidden_by_format_problems",
    "_hidden_cents_problems",
    "_left_off_problems",
    "_note_names_problems",
    "_one_person_problems",
    "_overflowing_rows",
    "_read_problems",
    "_rush_problems",
    "_show_formulas",
    "_struck_cell_problems",
    "_struck_text_problems",
    "_total_problems",
    "many_cards_notice",
    "notes_on_cells",
    "unused_default_notice",
]
