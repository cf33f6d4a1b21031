"""The columns a list must have: a required column neither in the sheet nor defaulted makes the whole file
unusable, and the refusal says how to mend it (split whole addresses, rename the column holding people's
names, or map the headers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..columns import ColumnInfo
from ..errors import MissingColumnsError
from ..models import LoadedSheet
from ..schema import SheetContract
from .citystatezip import city_state_zip_header, combined_fields
from .namecolumn import names_people
from .wholeaddress import whole_address_column, whole_addresses


def require_columns(
    sheet: LoadedSheet,
    contract: SheetContract,
    defaults: dict[str, str],
    *,
    card_hint: Callable[[], str] | None = None,
) -> None:
    """A required column that is neither in the sheet nor defaulted makes the whole file unusable.
    ``card_hint``: which column to rename 'Product' where columns name the catalog's cards ('' if none)."""
    present = set(sheet.column_map.values()) | {c for c, v in defaults.items() if v}
    if "name" not in present and {"first_name", "last_name"} & present:
        present.add("name")
    if whole_address_column(sheet, defaults):  # 'Mailing address' = '12 Oak Ave, Boston, MA 02134': split
        present |= {"city", "state", "zip"}
    if sheet.card_amount:  # 'Gift' = 'Target $25': the card and its amount, split
        present.add("value")
    if combined := city_state_zip_header(sheet):  # 'City, State ZIP' = 'Boston, MA 02134': split
        present |= set(combined_fields(combined) or ())
    missing = [spec.title for spec in contract.columns.values() if spec.required and spec.name not in present]
    if missing:
        whole, on_lines = whole_addresses(sheet) if {"city", "state", "zip"} - present else (None, False)
        people = names_people(sheet) if "name" not in present and not whole else []
        lacking = {spec.name for spec in contract.columns.values() if spec.required} - present
        cards = card_hint() if card_hint and lacking == {"product"} else ""
        raise MissingColumnsError(
            f"{Path(sheet.path).name} lacks required column(s): {', '.join(missing)}. Its headers are: "
            + ", ".join(f"'{h}'" for h in sheet.headers)
            + (f". {whole_addresses_said(whole)}" if whole else ""),
            hint=(
                f"split '{whole}' into Street, City, State and ZIP columns ({how_to_split(on_lines)}), "
                "then run it again"
                if whole
                else _rename_to_name(people)
                if people
                else cards
                if cards
                else NO_AMOUNT
                if lacking == {"value"}
                else "rename the headers, map them with [columns] in a program settings file (--config), "
                "or set [defaults]; `bulkship template` writes a sheet with every header"
            ),
            whole_addresses=whole,
            whole_on_lines=on_lines,
        )


# A list with every column but the amount (a thank-you form's answers: the card chosen, no amount asked) was
# told "rename the headers ... or set [defaults]" (found by hunter-sheets31, fixed by hunter-sheets33)
NO_AMOUNT = (
    "no column gives the cards' amount: add one named 'Amount' (each card's dollars, e.g. 25), or give every "
    "row one amount in a program settings file (--config) holding the two lines '[defaults]' and "
    "'value = 25', then run it again"
)


def _rename_to_name(people: list[ColumnInfo]) -> str:
    """What a list lacking Name is told where columns hold people's names ('Coach' beside 'Player')."""
    named = ", ".join(f"'{info.header}' ({info.letter})" for info in people)
    if len(people) == 1:
        return f"{named} holds people's names: if the cards go to them, rename it 'Name', then run it again"
    return f"{named} hold people's names: rename the one the cards go to 'Name', then run it again"


def whole_addresses_said(column: str) -> str:
    """What a street column holding whole addresses is told (the command line's refusal, the Columns page)."""
    return f"Column '{column}' holds whole addresses (street, city, state and ZIP in one cell)"


def how_to_split(on_lines: bool) -> str:
    """How a spreadsheet splits whole addresses; ``on_lines``: their parts are lines of the cell (an HR
    report's), which Text to Columns splits only with a line break as the separator (newcomer8's L6)."""
    if on_lines:
        return (
            "Excel: Data › Text to Columns, Delimited, tick Other and press Ctrl+J in its box: each line of "
            "the cell becomes a column; then split the city line at its commas"
        )
    return "Excel: Data › Text to Columns"
