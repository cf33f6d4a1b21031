"""A row's problems that its other cells give it (a note asking for another address or amount, a 'Ship to
office?' or 'Rush?' answer, a one-card amount, an error value where rows are picked), read again once a
person corrected one of those cells: on the review page, or on a batch's *Fix these* sheet read into its
file run again.

Those problems are the order field's ('Row 6, column 'Notes': says 'Manager will hand deliver': the card
would go to the row's name and address ... or clear only that cell to send it there' is address1's), so a
corrected note dropped none of them: the row stayed 'not valid' with the very words of the note the person
had cleared as told, and an HR list's row ordered from *Fix these* was said refused again by the next run of
the list (found by newcomer20, N17 and N4). A note changed to another ask is an error again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .askingnote import asking_problems
from .corrections import _correction_problems
from .each import _each_problems
from .elsewherecolumns import _elsewhere_problems
from .rows import _errors_where_rows_are_picked
from .rush import _rush_problems
from .stillhere import still_here_problems

if TYPE_CHECKING:
    import pandas as pd

    from ...models import Problem
    from ...program import ProgramSettings


def _read(body: pd.DataFrame, column_map: dict[str, str], program: ProgramSettings) -> list[Problem]:
    from ...schema import load_contract

    aliases = load_contract(program.schema_path).alias_index(program.aliases)
    default_value = program.defaults.get("value", "")
    return [
        *_correction_problems(
            body, column_map, aliases, set(), default_value, this_year=program.today().year
        ),
        *asking_problems(body, column_map, set(), program.today()),
        *still_here_problems(body, column_map, set(), program.today()),
        *_elsewhere_problems(body, column_map, set()),
        *_errors_where_rows_are_picked(body, column_map, set()),
        *_rush_problems(body, column_map, set(), program.defaults),
        *_each_problems(body, column_map, set(), chosen="value" in program.columns),
    ]


def read_again(
    problems: tuple[Problem, ...],
    before: pd.DataFrame,
    after: pd.DataFrame,
    column_map: dict[str, str],
    rows: list[int],
    program: ProgramSettings,
) -> tuple[Problem, ...]:
    """``problems`` with those the cells of ``rows`` gave as they were (``before``) replaced by those they
    give as corrected (``after``). A problem read of the whole list, not of the row alone, stays as it was."""
    if not rows:
        return problems
    was = set(_read(before.loc[rows], column_map, program))
    now = _read(after.loc[rows], column_map, program)
    return (*(p for p in problems if p not in was), *now)
