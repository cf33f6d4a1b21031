"""The program's ``[columns]``: the fields it fixes to a header or a column letter, the columns left to
guess from, and what a person is told of the columns it leaves unused."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, MissingColumnsError
from ..program import ProgramSettings
from ..schema import SheetContract, header_key
from .fields import ORDER_FIELDS
from .records import _Column

_LETTERS = re.compile(r"(?:column\s+)?([A-Za-z]{1,3})")


def _fixed(program: ProgramSettings, columns: list[_Column], path: Path) -> dict[str, _Column | None]:
    """``[columns]``: field -> the column it names by header, or by letter ("C", "column C"); None for a
    field the program says no column feeds (an empty text)."""
    by_key: dict[str, _Column] = {}
    by_text: dict[
        str, _Column
    ] = {}  # a header as typed wins: 'Reward $' is not 'Reward' (found by newcomer3)
    for column in columns:
        by_key.setdefault(header_key(column.header), column)
        by_text.setdefault(" ".join(column.header.split()).casefold(), column)
    by_letter = {column.letter: column for column in columns}
    fixed: dict[str, _Column | None] = {}
    where = program.source or "the program settings"
    chosen_for: dict[int, str] = {}
    for canonical, wanted in program.columns.items():
        if not wanted.strip():
            fixed[canonical] = None
            continue
        named = by_text.get(" ".join(wanted.split()).casefold()) or by_key.get(header_key(wanted))
        letters = _LETTERS.fullmatch(wanted.strip())
        if named is None and letters:
            named = by_letter.get(letters.group(1).upper())
        if named is None:
            raise MissingColumnsError(
                f"The program settings map {canonical} to the header '{wanted}', but {path.name} has no such "
                "header (nor column letter); its headers are: " + ", ".join(c.named() for c in columns),
                hint=f"fix [columns] in {where}",
            )
        if id(named) in chosen_for:
            raise InputError(
                f"The program settings read both {chosen_for[id(named)]} and {canonical} from column "
                f"{named.named()}; one column feeds one field",
                hint=f"fix [columns] in {where}",
            )
        chosen_for[id(named)] = canonical
        fixed[canonical] = named
    return fixed


# What a row gets when the program says no column feeds one of these fields
_WITHOUT_A_COLUMN = {
    "quantity": "every row gets 1 card",
    "shipping_method": "every row ships by the standard method",
    "address2": "no parcel gets an apartment, suite or unit",
}


def _left_out_by_program(column: _Column, field: str, title: str, where: str) -> str:
    """A notice for a column that is an order field by its header, left unused because ``[columns]`` says no
    column feeds that field (``quantity = ""``, the way out a refusal offers): a program file read for every
    sheet of its folder would otherwise leave next month's real Quantity column out without a word."""
    if field not in ORDER_FIELDS:
        return ""
    effect = _WITHOUT_A_COLUMN.get(field)
    return (
        f"Column {column.named()} is not used: {where} says no column feeds {title}"
        + (f", so {effect}" if effect else "")
        + f'. To read it, take {field} = "" out of [columns] in {where}.'
    )


def _read_by_letter(
    program: ProgramSettings, fixed: dict[str, _Column | None], contract: SheetContract, where: str
) -> list[str]:
    """A notice for each field ``[columns]`` maps by column letter, naming the header it reads: a letter
    reads whatever this month's export puts there (found by newcomer7: quantity = "H", written when H was
    "Qty", took "Years of Service": 17 cards for 2 people, without a word)."""
    notices = []
    for name, wanted in program.columns.items():
        column = fixed.get(name)
        if column is None or header_key(wanted) == header_key(column.header) or name not in ORDER_FIELDS:
            continue
        notices.append(
            f"{contract.title(name)} is read from column {column.named()}, as {where} names column "
            f"{column.letter}: check that this is the right column for this list."
        )
    return notices


def _left_to_guess(
    columns: list[_Column],
    fixed: dict[str, _Column | None],
    contract: SheetContract,
    program: ProgramSettings,
    notes: dict[str, tuple[str, str]],
) -> tuple[dict[str, list[_Column]], list[str]]:
    """The columns whose field ``[columns]`` does not fix, by that field, and the notices for the order
    fields' columns it leaves unused; ``notes`` gets why each column it says not to read is unused."""
    taken = {id(c) for c in fixed.values() if c is not None}
    candidates: dict[str, list[_Column]] = {}
    left_out: list[str] = []  # order fields' own columns the program says not to read: said with the plan
    where = program.source or "the program settings"
    for column in columns:
        if column.meaning and id(column) not in taken and column.meaning.field not in fixed:
            candidates.setdefault(column.meaning.field, []).append(column)
        elif column.meaning and id(column) not in taken and fixed.get(column.meaning.field) is None:
            title = contract.title(column.meaning.field)
            notes[column.header] = ("unused", f"{where} says no column feeds {title}")
            left_out.append(_left_out_by_program(column, column.meaning.field, title, where))
        elif column.meaning and id(column) not in taken and column.meaning.field in ORDER_FIELDS:
            chosen = fixed[column.meaning.field]
            assert chosen is not None
            title = contract.title(column.meaning.field)
            # a program file found beside the sheet, made for another list, reads another column: say which
            # (found by newcomer7: 'Budget' read as the card value, the list's own 'Amount' left unused)
            left_out.append(
                f"Column {column.named()} is not used: {where} reads {title} from {chosen.named()}. To read "
                f'it, map it with [columns] {column.meaning.field} = "{column.header}" in {where}.'
            )
    left_out += _read_by_letter(program, fixed, contract, where)
    return candidates, [notice for notice in left_out if notice]
