"""Which header feeds each field: :func:`map_columns`, the steps in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..otherheaders import (
    form_respondent_columns,
    results_columns,
    signup_location_columns,
    survey_location_columns,
)
from ..program import ProgramSettings
from ..schema import SheetContract, header_key
from .choose import _choose, _choose_address_group, _name_suffix, _side_by_side
from .fields import line_3_header
from .fixed import _fixed, _left_to_guess
from .meaning import HeaderIndex, own_titles
from .records import ColumnInfo, ColumnMapping, _Column


def map_columns(
    headers: Sequence[str],
    positions: Sequence[int],
    hidden_columns: set[int],
    contract: SheetContract,
    program: ProgramSettings,
    path: Path,
    *,
    strict: bool = True,
    repeats: Mapping[str, str] | None = None,
) -> ColumnMapping:
    """Decide which header feeds each field (see :mod:`bulkship.columns`). Raises AmbiguousColumnsError (only
    when ``strict``: else the columns are marked ambiguous and feed nothing).

    ``repeats``: a header the loader renamed because the sheet repeats it ("ZIP (2)") -> the text it repeats
    ("ZIP"): it means what that text means, so two "ZIP" columns are two columns for one field (never a
    second "Address" read as "Address 2")."""
    index = HeaderIndex(contract.alias_index(program.aliases), own_titles(contract))
    repeats = repeats or {}
    ours = results_columns(headers)
    respondent = form_respondent_columns(headers)
    located = survey_location_columns(headers)
    signed_up = signup_location_columns(headers)
    ours |= respondent | located | signed_up
    columns = [
        _Column(h, p, p in hidden_columns, None if h in ours else index.meaning(repeats.get(h, h)))
        for h, p in zip(headers, positions, strict=True)
    ]
    fixed = _fixed(program, columns, path)
    notes: dict[str, tuple[str, str]] = {}  # header -> (status, note)
    candidates, left_out = _left_to_guess(columns, fixed, contract, program, notes)
    mapping = ColumnMapping(column_map={c.header: f for f, c in fixed.items() if c is not None})
    mapping.notices += left_out
    mapping.notices += _not_the_order(ours - located - signed_up, respondent, mapping, program, notes)
    mapping.notices += _not_the_address(headers, located, mapping, program, notes)
    mapping.notices += _not_the_address(headers, signed_up, mapping, program, notes, _SIGNED_UP)
    if strict and (two_lists := _side_by_side(columns, fixed=any(fixed.values()))) is not None:
        raise two_lists
    _choose_address_group(candidates, notes, mapping)
    named = any(c.meaning and not c.meaning.preferred for c in candidates.get("name", []))
    for name, found in candidates.items():
        _choose(name, found, mapping, notes, contract, program, strict, named)
    mapping.suffix = _name_suffix(columns, mapping)
    mapping.columns += _described(columns, mapping, notes)
    mapping.notices += _read_from_hidden(columns, mapping, contract)
    return mapping


def _not_the_order(
    ours: set[str],
    respondent: set[str],
    mapping: ColumnMapping,
    program: ProgramSettings,
    notes: dict[str, tuple[str, str]],
) -> list[str]:
    """The notices for columns never read as the order: who answered a Microsoft Forms export
    (``respondent``) and bulkship's own result columns (the rest of ``ours``); ``notes`` gets why each is
    unused."""
    notices = []
    said = respondent - set(mapping.column_map)  # [columns] reads one on purpose: a form people answered
    for header in said:  # for themselves (found by review10)
        notes.setdefault(header, ("unused", "who answered the form (Microsoft Forms), not the recipient"))
    if said:
        name = next((h for h in sorted(said) if header_key(h) == "name"), None)
        notices.append(
            f"This is a Microsoft Forms export: {', '.join(repr(h) for h in sorted(said))} say who "
            "answered the form, not who receives the gift; they are not read as the order."
            + (
                f" If each person answered for themselves, read {name!r} as the recipient's name with "
                f'[columns] name = "{name}" in {program.source or "a program file (--config)"}.'
                if name
                else ""
            )
        )
    for header in ours - respondent:
        notes.setdefault(header, ("unused", "bulkship's result column: not read as the order"))
    if ours - respondent:
        notices.append(
            "This sheet carries bulkship's result columns (PO Number, Order ID, Face value...): they are not "
            "read as the order. Face value is a row's cards times their value, not one card's value."
        )
    return notices


# What a survey's (Alchemer's) place of each answer is, and a Mailchimp export's place of each sign-up: the
# column's note, and the notice's words after the headers
_ANSWERED = (
    "where the survey was answered from (its IP address), not an address",
    "where each answer came from (the survey placed it by its internet address), not where to ship: they "
    "are not read as the address. The address is read from the form's own questions",
)
_SIGNED_UP = (
    "where the subscriber signed up from (Mailchimp placed them by their IP address), not an address",
    "where each subscriber signed up from (Mailchimp placed them by their internet address), not where to "
    "ship: they are not read as the address. The address is read from the list's own address columns",
)


def _not_the_address(
    headers: Sequence[str],
    located: set[str],
    mapping: ColumnMapping,
    program: ProgramSettings,
    notes: dict[str, tuple[str, str]],
    words: tuple[str, str] = _ANSWERED,
) -> list[str]:
    """The notice for an export's columns placing each row by its IP address (``located``), never read as
    the address; ``notes`` gets why each is unused."""
    said = [h for h in headers if h in located and h not in mapping.column_map]
    for header in said:
        notes.setdefault(header, ("unused", words[0]))
    if not said:
        return []
    verb = "says" if len(said) == 1 else "say"
    source = program.source or "a program file (--config)"
    return [
        f"{', '.join(repr(h) for h in said)} {verb} {words[1]}; if one is not read, map it in [columns] in "
        f"{source}."
    ]


def _described(
    columns: list[_Column], mapping: ColumnMapping, notes: dict[str, tuple[str, str]]
) -> list[ColumnInfo]:
    """Each column with the field it feeds, its status and why."""
    overlays = {header: name for name, header in mapping.preferred.items()}
    line_3 = line_3_header([c.header for c in columns], mapping.column_map)
    described = []
    for column in columns:
        feeds = mapping.column_map.get(column.header) or overlays.get(column.header)
        feeds = feeds or next((f for f, h in mapping.fallback.items() if h == column.header), None)
        status, note = notes.get(column.header, ("used" if feeds else "unused", ""))
        if column.header in overlays:
            note = note or "preferred name: used where filled in, else the legal name"
        if column.header == mapping.suffix:
            status, note = "used", "name suffix (Jr., III): written after the name"
        elif column.header == line_3 and column.header not in notes:
            status, note = "used", "address line 3: added to line 2"
        described.append(ColumnInfo(column.header, column.letter, feeds, status, column.hidden, note))
    return described


def _read_from_hidden(columns: list[_Column], mapping: ColumnMapping, contract: SheetContract) -> list[str]:
    """A notice for each field read from a hidden column."""
    return [
        f"{contract.title(feeds)} is read from the hidden column {column.named()}: "
        "no visible column has that meaning."
        for column in columns
        if column.hidden and (feeds := mapping.column_map.get(column.header))
    ]
