"""A table beside the list: two or more columns that an entirely empty column sets apart from the
recipients' and whose rows stop before theirs, such as the price list HR keeps for a VLOOKUP ("Product |
Value"), a pivot of counts ("Summary | Count") or the approvers' contacts ("Name | Email"). Its headers read
like order fields, and a column of it that fed the rows next to it would order the wrong card, amount,
quantity or name without a word. (A lone column past a spacer, or columns filled here and there, "Apt" or
"Qty" on a few rows, are the list's own: a table beside it is filled in every column of every row it has.)

Where the list's rows end is read from the rows it fills as a table's (a remark or a totals row under it
does not lengthen it). The list's columns are mapped without such a table, and its columns are listed as not
used, in a note. But a column of it that would be the list's only one for an order field ("Count" as the
quantity, "Product | Value" beside a list without a card) cannot be told from the list's own columns whose
last rows are not filled in yet: bulkship does not guess. The command line refuses the file naming both ways
out (``[columns] quantity = "J"`` reads it, ``quantity = ""`` leaves it unused); the web page
(``strict=False``) marks the column ambiguous for the person to choose on the Columns page.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..columns import (
    NAME_FIELDS,
    ORDER_FIELDS,
    AmbiguousColumnsError,
    ColumnInfo,
    ColumnMapping,
    HeaderIndex,
    map_columns,
    own_titles,
)
from ..errors import FileFormatError
from ..program import ProgramSettings
from ..schema import SheetContract
from ..sheetscan import column_letter
from .cells import _blank_cells
from .rivals import unlike_rivals
from .skipped import _TOTAL_CELL


def _blocks(positions: Sequence[int]) -> list[list[int]]:
    """Runs of adjacent column positions: an empty column (not kept) separates two."""
    blocks: list[list[int]] = []
    for position in positions:
        if blocks and position == blocks[-1][-1] + 1:
            blocks[-1].append(position)
        else:
            blocks.append([position])
    return blocks


def _last_row(body: pd.DataFrame, filled: np.ndarray, columns: Sequence[str]) -> int:
    """The last spreadsheet row ``filled`` (rows x columns of one block) fills as a row of its table: two of
    its cells and at least half as many as its rows usually fill, and not a totals row (0: none). A remark
    under the list ('Approved: J. Smith') or a totals row ("Total | 100", or the sums alone, under the cards)
    does not make one block longer than another; a wide template's rows, each filling a few of its
    columns, all count."""
    counts = filled.sum(axis=1)
    usual = float(np.median(counts[counts > 0])) if counts.any() else 0.0
    rows = np.flatnonzero(counts >= max(2, math.ceil(usual / 2)))
    for at in rows[::-1][:MAX_TOTALS_ROWS]:  # the last rows only: totals end a table
        if not _a_totals_row(body, int(at), columns):
            return int(body.index[at])
    return int(body.index[rows[-MAX_TOTALS_ROWS - 1]]) if len(rows) > MAX_TOTALS_ROWS else 0


MAX_TOTALS_ROWS = 3  # "Subtotal", "Tax", "Grand total" rows under a table


def _a_totals_row(body: pd.DataFrame, at: int, columns: Sequence[str]) -> bool:
    """Whether the row at position ``at`` reads "Total" in any cell, or each of its filled cells in
    ``columns`` (one block) is the sum of two or more numbers above it (a totals row without a label)."""
    if any(_TOTAL_CELL.fullmatch(str(cell)) for cell in body.iloc[at].tolist()):
        return True
    sums = 0
    for header in columns:
        cell = body[header].iloc[at]
        if _blank_cells([cell])[0]:
            continue
        number = pd.to_numeric(pd.Series([cell]), errors="coerce").iloc[0]
        if number != number:  # text: a recipient's cell, and the column above is not read
            return False
        above = pd.to_numeric(body[header].iloc[:at], errors="coerce").dropna()
        if len(above) < 2 or not math.isclose(float(number), float(above.sum())):
            return False
        sums += 1
    return sums > 0


def _a_table(filled: np.ndarray) -> bool:
    """Whether a block's columns (``filled``: rows x columns) read as a small table of their own: at least two
    rows, each filled in every column from its first filled row to its last (a price list, a pivot). Columns
    filled here and there ("Apt", "Qty" on a few recipients' rows) are the list's."""
    rows = np.flatnonzero(filled.any(axis=1))
    if len(rows) < 2:
        return False
    return bool(filled[int(rows[0]) : int(rows[-1]) + 1].all())


def _left_out(
    mapping: ColumnMapping,
    headers: list[str],
    letters: list[int],
    hidden: set[int],
    notes: dict[int, str],
    undecided: Mapping[int, str] | None = None,
) -> None:
    """Columns not mapped (``notes``: position in ``headers`` -> why), listed in the sheet's order: unused,
    or ambiguous for those in ``undecided`` (position -> the field it would give the list, for the person to
    choose it or leave it unused)."""
    for i, note in notes.items():
        letter = column_letter(letters[i])
        field = (undecided or {}).get(i)
        status = "ambiguous" if field else "unused"
        mapping.columns.append(ColumnInfo(headers[i], letter, field, status, letters[i] in hidden, note))
    order = {header: i for i, header in enumerate(headers)}
    mapping.columns.sort(key=lambda info: order[info.header])


def _lacks(whole: ColumnMapping, header: str, fields: set[str]) -> bool:
    """Whether ``header`` would have been the only column of an order field the list itself lacks."""
    field = whole.column_map.get(header)
    return field in ORDER_FIELDS and field not in fields


def map_list_columns(
    body: pd.DataFrame,
    keep: Sequence[int],
    hidden_columns: set[int],
    contract: SheetContract,
    program: ProgramSettings,
    path: Path,
    *,
    strict: bool,
    repeats: Mapping[str, str],
) -> ColumnMapping:
    """:func:`~bulkship.columns.map_columns` of the list's own columns (``keep``: 0-based positions of
    ``body``'s columns), a table beside it left out as the module docstring says."""
    headers = list(body.columns)
    letters = [p + 1 for p in keep]
    unlike = unlike_rivals(body, contract, program)  # "Region" beside "State": no rival of it

    def mapped(chosen: Sequence[int], *, strict: bool) -> ColumnMapping:
        chosen = [i for i in chosen if headers[i] not in unlike]
        mapping = map_columns(
            [headers[i] for i in chosen], [letters[i] for i in chosen], hidden_columns, contract, program,
            path, strict=strict, repeats=repeats,
        )  # fmt: skip
        rivals = {i: unlike[header] for i, header in enumerate(headers) if header in unlike}
        mapping.notices += [
            f"Column '{headers[i]}' ({column_letter(letters[i])}) is not used: {why}."
            for i, why in rivals.items()
        ]
        _left_out(mapping, headers, letters, hidden_columns, rivals)
        return mapping

    blocks = _blocks(keep)
    if len(blocks) < 2:
        return mapped(range(len(keep)), strict=strict)
    index_of = {position: i for i, position in enumerate(keep)}
    filled = [
        np.column_stack([~_blank_cells(body[headers[index_of[p]]].tolist()) for p in block])
        for block in blocks
    ]  # each block's cells, blank or not: read once for where it ends and whether it is a table
    ends = [
        _last_row(body, cells, [headers[index_of[p]] for p in block])
        for cells, block in zip(filled, blocks, strict=True)
    ]
    index = HeaderIndex(contract.alias_index(program.aliases), own_titles(contract))

    def fields_of(columns: Sequence[int]) -> set[str]:
        meanings = (index.meaning(repeats.get(headers[i], headers[i])) for i in columns)
        return {meaning.field for meaning in meanings if meaning}

    people = [b for b, block in enumerate(blocks) if _a_list(fields_of([index_of[p] for p in block]))]
    # the block naming people and streets is the list (a table beside it may be longer); else the longest
    longest = max(range(len(blocks)), key=lambda b: (ends[b], len(blocks[b])))
    main = people[0] if len(people) == 1 else longest
    tables = {
        index_of[p]: b
        for b, block in enumerate(blocks)
        if (ends[b] != ends[main] if len(people) == 1 else ends[b] < ends[main])
        and len(block) > 1  # a lone column past a spacer is the list's ("Apt", "Qty")
        and _a_table(filled[b])
        for p in block
    }
    if not tables:
        return mapped(range(len(keep)), strict=strict)
    whole = mapped(range(len(keep)), strict=False)  # what each column would feed, read with the list
    chosen = {
        info.header for info in whole.columns if info.field in program.columns and info.status == "used"
    }
    beside = {i: b for i, b in tables.items() if headers[i] not in chosen}
    if not beside:
        return mapped(range(len(keep)), strict=strict)
    for b in sorted(set(beside.values())):  # a list of recipients of its own: never left out as a table
        if _a_list(fields_of([i for i, block in beside.items() if block == b])):
            raise _two_lists(path, blocks, main, b, ends)
    mapping = mapped([i for i in range(len(keep)) if i not in beside], strict=strict)
    fields = set(mapping.column_map.values()) | set(mapping.preferred)
    undecided: dict[int, str] = {}  # a column that would be the list's only one for an order field
    for b in sorted(set(beside.values())):
        columns = [i for i, block in beside.items() if block == b]
        gap_position = blocks[b][0] - 1 if blocks[b][0] > blocks[main][-1] else blocks[b][-1] + 1
        named = ", ".join(f"'{headers[i]}' ({column_letter(letters[i])})" for i in columns)
        one = len(columns) == 1
        gap = column_letter(gap_position + 1)
        said = (
            f"{'Column' if one else 'Columns'} {named} {'stands' if one else 'stand'} in a separate table "
            f"beside the list (an empty column {gap} between them) that ends at row {ends[b]}, "
            f"{'before' if ends[b] < ends[main] else 'after'} the list (row {ends[main]})"
        )
        lacking = {i: whole.column_map[headers[i]] for i in columns if _lacks(whole, headers[i], fields)}
        if lacking and strict:
            raise _undecided(said, lacking, headers, letters, contract, program)
        undecided.update(lacking)
        also = "".join(
            f" '{headers[i]}' would be the list's {contract.title(field)}: choose it, or leave it not used, "
            f'on the Columns page (a program file\'s [columns] {field} = "{column_letter(letters[i])}" or '
            f'{field} = "").'
            for i, field in lacking.items()
        )
        mapping.notices.append(
            f"{said}: {'nothing read from it until you choose' if lacking else 'not used'}.{also}"
        )
    notes = {
        i: "in a separate table beside the list? choose it or leave it not used"
        if i in undecided
        else "in a separate table beside the list: not used"
        for i in beside
    }
    _left_out(mapping, headers, letters, hidden_columns, notes, undecided)
    return mapping


def _a_list(fields: set[str]) -> bool:
    """Whether columns giving ``fields`` are a list of recipients: a name and a street at least (the
    approvers' "Name | Email" beside the list is not)."""
    return "address1" in fields and bool(fields & NAME_FIELDS)


def _two_lists(
    path: Path, blocks: list[list[int]], main: int, other: int, ends: list[int]
) -> FileFormatError:
    """The refusal of a second list of recipients beside the first (December | empty column | January)."""

    def named(b: int) -> str:
        return f"{column_letter(blocks[b][0] + 1)}:{column_letter(blocks[b][-1] + 1)} (to row {ends[b]})"

    left, right = sorted((main, other), key=lambda b: blocks[b][0])
    return FileFormatError(
        f"{path.name} holds two lists of recipients side by side, in columns {named(left)} and "
        f"{named(right)}; bulkship reads one list per batch and would leave the other's people out. Nothing "
        "was sent",
        hint="put each list on a sheet of its own (and send each as a batch of its own), or delete one",
    )


def _undecided(
    said: str,
    lacking: Mapping[int, str],
    headers: list[str],
    letters: list[int],
    contract: SheetContract,
    program: ProgramSettings,
) -> AmbiguousColumnsError:
    """The refusal of a column beside the list that would be the list's only one for an order field: a
    pivot's "Count" (cards to people who asked for one) cannot be told from the list's own "Quantity" whose
    last rows are not filled in yet (one card to people who asked for three). Both ways out are named."""
    i, field = next(iter(lacking.items()))
    letter = column_letter(letters[i])
    return AmbiguousColumnsError(
        f"{said}; '{headers[i]}' would be the list's {contract.title(field)}: bulkship will not guess "
        "whether it belongs to the rows next to it. Nothing was read further",
        hint=f"choose with {program.column_line(field, letter)} to read it, or "
        f"{program.column_line(field, '')} to leave it unused, {program.where_column_lines_go} (or move "
        "that table to another sheet)",
    )
