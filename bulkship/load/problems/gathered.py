"""Every problem of what was read, gathered in the order the validate stage is given them: what a row's cells
read as, what a cell's format or font says, and each column's and row's own (a total, a correction, a note
naming a row, a formula's text). A list past the program's problem limit is refused as it is found
(:class:`.bounded.BoundedProblems`). The cells' notes come back too: the loaded sheet keeps them."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

import pandas as pd

from ...models import Problem, SkippedRow
from ...program import ProgramSettings
from ...schema import SheetContract
from ...statuses import NOT_YET_REASON
from ..cells import _Grid
from ..shipto import other_street_problems
from ..skipped.farewell import SENT, farewell_reading
from ..skipped.leavingday import farewell_list
from ..skipped.rows import _titles
from . import (
    _cell_note_problems,
    _continued_problems,
    _correction_problems,
    _currency_column_problems,
    _currency_problems,
    _each_problems,
    _elsewhere_problems,
    _errors_where_rows_are_picked,
    _formula_text_problems,
    _hidden_by_format_problems,
    _hidden_cents_problems,
    _note_names_problems,
    _one_person_problems,
    _overflowing_rows,
    _read_problems,
    _rush_problems,
    _show_formulas,
    _struck_cell_problems,
    _struck_text_problems,
    _total_problems,
    notes_on_cells,
)
from .askingnote import asking_problems
from .bounded import BoundedProblems
from .enddate import end_date_problems
from .farewellrows import farewell_problems
from .leavingahead import leaving_ahead_problems
from .stillhere import still_here_problems


def gathered_problems(
    grid: _Grid,
    header_row: int,
    body: pd.DataFrame,
    by_position: dict[int, str],
    column_map: dict[str, str],
    skipped: Collection[SkippedRow],
    merged_cells: list[Problem],
    beside: Mapping[str, str],
    contract: SheetContract,
    program: ProgramSettings,
    path: Path,
) -> tuple[BoundedProblems, pd.DataFrame]:
    """The problems of the rows read (not of ``skipped`` ones: a totals row's =SUM is no recipient's), and
    the cells' notes; a formula's cell shows its text in ``body`` after (its problem said it)."""
    # a totals row's =SUM is no problem of a recipient's; a row held until a day to come is judged now, as
    # validation judges it (..validate.heldnow): its note asking which amount was said only on its day,
    # its card priced meanwhile in the money waiting (found by newcomer28)
    not_judged = {
        s.row for s in skipped if not (s.reason.startswith(NOT_YET_REASON) and s.until and not s.left_then)
    }
    limit = program.limits.problems  # past it the list is refused, as validation would (exit 2)
    read_problems = BoundedProblems(path, limit)
    found = _read_problems(grid, by_position, column_map, body.index, BoundedProblems(path, limit))
    read_problems.keep(found, not_judged)
    read_problems.keep(merged_cells, not_judged)
    cell_checks = (  # what a cell's format or font says that its value does not
        _currency_problems,
        _struck_text_problems,
        _struck_cell_problems,
        _hidden_by_format_problems,
        _hidden_cents_problems,
    )
    for check in cell_checks:  # each a generator: a sheet formatted so throughout stops at the limit
        read_problems.keep(check(grid, by_position, column_map, body.index), not_judged)
    read_problems += _currency_column_problems(body, column_map, not_judged)
    read_problems += _overflowing_rows(grid, header_row, column_map, not_judged)
    read_problems += _total_problems(body, column_map, not_judged)
    read_problems += _continued_problems(body, column_map, skipped)
    read_problems += _one_person_problems(grid, body, by_position, column_map, not_judged)
    read_problems += other_street_problems(body, beside, column_map, not_judged)
    read_problems += _note_names_problems(body, column_map, skipped)
    read_problems += _each_problems(body, column_map, not_judged, chosen="value" in program.columns)
    default_value = program.defaults.get("value", "")
    aliases = contract.alias_index(program.aliases)
    read_problems += _correction_problems(
        body, column_map, aliases, not_judged, default_value, this_year=program.today().year
    )
    asked = asking_problems(body, column_map, not_judged, program.today(), grid, by_position)
    farewell = farewell_list(_titles(grid, header_row, path.name))  # (its leavers are its recipients)
    if farewell:  # ('On notice', 'Resigning' ask elsewhere; a leaver there, warned of: ..farewellrows)
        asked = [p for p in asked if farewell_reading(str(p.value)) != SENT]
    read_problems += asked
    read_problems += still_here_problems(body, column_map, not_judged, program.today())
    read_problems += end_date_problems(body, column_map, not_judged, program.today())  # ('End Date' passed)
    # (not on a row asking whether to send: "the card is sent now" beside "is this card to be sent?")
    in_question = {p.row for p in asked if p.severity == "error"}
    today = program.today()
    read_problems += leaving_ahead_problems(body, column_map, not_judged | in_question, today, farewell)
    if farewell:  # (its leavers sent with a warning, those let go asked: ..skipped.farewell)
        read_problems += farewell_problems(body, column_map, not_judged | in_question, today)
    read_problems += _elsewhere_problems(body, column_map, not_judged)
    read_problems += _errors_where_rows_are_picked(body, column_map, not_judged)
    read_problems += _rush_problems(body, column_map, not_judged, program.defaults)
    cell_notes = notes_on_cells(grid, body, by_position)
    read_problems += _cell_note_problems(body, cell_notes, column_map, not_judged, default_value)
    read_problems += _formula_text_problems(
        body, column_map, grid.formulas, by_position, not_judged, text_literals=grid.from_csv
    )
    _show_formulas(body, grid.formulas, by_position, column_map, not_judged)
    return read_problems, cell_notes
