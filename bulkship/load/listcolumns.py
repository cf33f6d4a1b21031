"""Which column of the list feeds which field, as the loader reads the sheet (steps of
:func:`.sheet._to_loaded_sheet`): the rows above the header naming whose address or which card each column is,
streets under a name or beside a street, columns whose values show they hold something else set aside, and
the columns nothing reads looked at, decided or refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..columns.meaning import HeaderMeaning
from ..columns.records import AmbiguousColumnsError, ColumnMapping
from ..program import ProgramSettings
from ..schema import SheetContract
from .besides import map_list_columns
from .cardlabels import read_under_card_labels, said_other_person, said_under_card_labels
from .cells import _Grid
from .doubtful import (
    set_aside_answers,
    set_aside_country_numbers,
    set_aside_doubtful,
    set_aside_mail_answers,
    set_aside_row_counter,
    set_aside_row_numbers,
    set_aside_shipping_cost,
)
from .grouprow import (
    group_labels,
    grouped_repeats,
    read_under_labels,
    said_groups,
    said_read,
    said_under_labels,
)
from .homecompany import set_aside_company_at_home
from .lookalikes import (
    decide_or_refuse,
    refuse_house_number_apart,
    undecided_columns,
)
from .secondcard import refuse_second_card
from .shipto import (
    said_beside,
    said_streets,
    streets_beside_a_street,
    streets_under_a_name,
)

LOOKALIKE_ROWS = 600  # rows sampled to tell whether an unused column's values look like a field


def mapped(
    grid: _Grid,
    header_row: int,
    body: pd.DataFrame,
    keep: list[int],
    headers: list[str],
    repeats: dict[str, str],
    meaning: Callable[[str], HeaderMeaning | None],
    contract: SheetContract,
    program: ProgramSettings,
    path: Path,
    strict_columns: bool,
) -> tuple[ColumnMapping, dict[str, str]]:
    """Which column feeds which field, read with the rows above the header (group rows naming whose address
    or which card each column is) and the streets under a name or beside a street; what was read so said in
    its notices. Also returns the 'Ship to' columns read beside a street."""
    frame = grid.frame
    hidden_columns = grid.scan.hidden_columns if grid.scan else set()
    # 'Home Address' and 'Work Address' on the row above two 'Street' columns: read as whose each is
    labels = group_labels(frame, header_row, grid.scan.merged if grid.scan else [], keep)
    card = {}  # 'Card' over 'Name': the card, unless the program file names the card's column
    if "product" not in program.columns:
        card = read_under_card_labels(headers, keep, repeats, labels, meaning)
    repeats = {**repeats, **card}
    plain, repeats = repeats, grouped_repeats(headers, keep, repeats, labels, meaning)
    under = read_under_labels(headers, keep, repeats, labels, meaning)  # 'Card' over 'Type': 'Card Type'
    repeats = {**repeats, **under}
    chosen = {"name", "address1"} & set(program.columns)  # 'Ship to' = '18 Oak Hill Rd': the street
    streets = {} if chosen else streets_under_a_name(body, repeats, meaning)
    beside = {} if chosen else streets_beside_a_street(body, repeats, meaning)  # 'Ship to' beside 'Address'
    repeats = {**repeats, **streets, **beside}
    try:
        mapping = map_list_columns(
            body, keep, hidden_columns, contract, program, path, strict=strict_columns, repeats=repeats
        )
    except AmbiguousColumnsError as error:
        if any(f"'{header}'" in error.message for header in repeats):
            error.message += said_groups(headers, keep, repeats, labels)
        raise
    mapping.notices += said_read(headers, keep, plain, repeats, labels, mapping.column_map, meaning)
    mapping.notices += said_under_labels(under, headers, keep, labels)
    mapping.notices += said_under_card_labels(card, headers, keep, labels)
    mapping.notices += said_other_person(headers, keep, labels, mapping.column_map)
    mapping.notices += said_streets(streets, body, [p + 1 for p in keep])
    said_beside(beside, body, mapping)
    return mapping, beside


def set_aside(mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings) -> list[str]:
    """Columns read as a field by their header whose values show they hold something else, set aside: what
    is said of each."""
    return [
        *set_aside_doubtful(mapping, body, program),
        *set_aside_mail_answers(mapping, body, program),
        *set_aside_row_counter(mapping, body, program),
        *set_aside_row_numbers(mapping, body, program),
        *set_aside_shipping_cost(mapping, body, program),
        *set_aside_answers(mapping, body, program),
        *set_aside_country_numbers(mapping, body, program),
        *set_aside_company_at_home(mapping, body, program),  # 'Company' beside 'Home Address Line 1'
    ]


def columns_decided(
    mapping: ColumnMapping,
    body: pd.DataFrame,
    contract: SheetContract,
    program: ProgramSettings,
    where: str,
    strict_columns: bool,
) -> tuple[str, dict[str, list[str]]]:
    """The columns nothing reads looked at (a house number apart, a second card) and the ones left to decide
    decided or refused; returns where the program comes from and the first values of each unused column."""
    source = program.source or "a program file (--config)"
    values_of = {
        info.header: body[info.header].iloc[:LOOKALIKE_ROWS].tolist()
        for info in mapping.columns
        if info.status == "unused"
    }
    refuse_house_number_apart(mapping, values_of, body.iloc[:LOOKALIKE_ROWS], where)
    if strict_columns:  # the columns page shows the mapping, and the refusal beside it (web.columns)
        refuse_second_card(mapping, body, program, where)
    undecided = undecided_columns(mapping, values_of, program)
    decide_or_refuse(mapping, undecided, contract, program, strict=strict_columns)
    return source, values_of
