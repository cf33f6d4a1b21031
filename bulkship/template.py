"""A blank recipient workbook: the canonical headers, an instructions sheet, a text-formatted ZIP column and
drop-down lists (Excel data validation) for state, product, shipping method and card carrier."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from .atomicfile import atomic_path
from .models import Catalog
from .program import ProgramSettings
from .safetext import needs_quote
from .schema import SheetContract, load_contract
from .sheetscan import column_letter
from .validate.usps import STATE_NAMES

TEMPLATE_ROWS = 5000  # rows prepared with formats and drop-downs
RECIPIENTS_SHEET = "Recipients"
INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"
TEXT_COLUMNS = ("external_id", "zip", "phone")  # Excel must not turn 02134 into 2134


def _lists(catalog: Catalog) -> dict[str, list[str]]:
    products = sorted(p.id for p in catalog.products.values() if p.ships_physically)
    carriers = {"DEFAULT"} | {c.id for p in catalog.products.values() for c in p.card_carriers}
    return {
        "state": list(STATE_NAMES),
        "product": products,
        "shipping_method": sorted(catalog.shipping_methods),
        "carrier_id": ["DEFAULT", *sorted(carriers - {"DEFAULT"})],
        "allow_duplicate": ["yes"],
    }


def free_path(path: Path) -> Path:
    """``path`` if nothing is there yet, else the first free ``name-2.xlsx``, ``name-3.xlsx``...: a template
    the user already filled in is never written over."""
    if not path.exists():
        return path
    for number in itertools.count(2):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise AssertionError("unreachable")


def write_template(
    path: str | Path, catalog: Catalog, *, program: ProgramSettings | None = None, force: bool = False
) -> Path:
    """Write the template at ``path`` or, when a file is there and ``force`` is not given, at a free name
    next to it (see :func:`free_path`). Returns where it was written."""
    import xlsxwriter

    program = program or ProgramSettings()
    contract = load_contract(program.schema_path)
    defaults = program.effective_defaults
    path = Path(path)
    path = path if force else free_path(path)
    with atomic_path(path, private=False) as temp:  # a blank sheet: no one's data
        _write_book(xlsxwriter.Workbook(str(temp)), catalog, contract, defaults)
    return path


def _write_book(book: Any, catalog: Catalog, contract: SheetContract, defaults: dict[str, str]) -> None:
    try:
        header = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1})
        required_header = book.add_format({"bold": True, "bg_color": "#F4B183", "border": 1})
        text = book.add_format({"num_format": "@"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        sheet = book.add_worksheet(RECIPIENTS_SHEET)
        instructions = book.add_worksheet(INSTRUCTIONS_SHEET)
        lists_sheet = book.add_worksheet(LISTS_SHEET)
        lists = _lists(catalog)
        quoted = book.add_format({"quote_prefix": True})  # a catalog id like '=1+2' stays text
        for position, (column, values) in enumerate(lists.items()):
            lists_sheet.write_string(0, position, contract.title(column), header)
            for row, value in enumerate(values, start=1):
                lists_sheet.write_string(row, position, value, quoted if needs_quote(value) else None)
        lists_sheet.hide()
        list_ranges = {
            column: f"={LISTS_SHEET}!${column_letter(i + 1)}$2:${column_letter(i + 1)}${len(values) + 1}"
            for i, (column, values) in enumerate(lists.items())
        }
        for position, spec in enumerate(contract.columns.values()):
            is_required = spec.required and not defaults.get(spec.name)
            sheet.write_string(0, position, spec.title, required_header if is_required else header)
            width = max(len(spec.title) + 4, 12)
            sheet.set_column(position, position, width, text if spec.name in TEXT_COLUMNS else None)
            if spec.name in list_ranges:
                sheet.data_validation(
                    1,
                    position,
                    TEMPLATE_ROWS,
                    position,
                    {
                        "validate": "list",
                        "source": list_ranges[spec.name],
                        "error_type": "warning" if spec.name == "state" else "stop",
                        "error_title": spec.title,
                        "error_message": f"Choose a value from the list. {spec.description}"[:255],
                        "input_title": spec.title[:32],
                        "input_message": spec.description[:255],
                    },
                )
            elif spec.description:
                sheet.data_validation(
                    1,
                    position,
                    TEMPLATE_ROWS,
                    position,
                    {
                        "validate": "any",
                        "input_title": spec.title[:32],
                        "input_message": spec.description[:255],
                    },
                )
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, 0, len(contract.columns) - 1)
        quoted_formats = {
            False: book.add_format({"quote_prefix": True}),
            True: book.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"}),
        }
        _write_instructions(instructions, contract, defaults, (header, wrap, quoted_formats))
        sheet.activate()
    finally:
        book.close()


def _write_instructions(
    sheet: Any, contract: SheetContract, defaults: dict[str, str], formats: tuple[Any, Any, dict[bool, Any]]
) -> None:
    header, wrap, quoted = formats
    lines = [
        "One row per recipient on the Recipients sheet. Orange headers must be filled in on every row.",
        "Keep the header row. Extra columns of your own are allowed: bulkship carries them to the results.",
        "Run `bulkship validate FILE` to check the sheet before anything is ordered.",
    ]
    for row, line in enumerate(lines):
        sheet.write_string(row, 0, line)
    top = len(lines) + 1
    titles = ["Column", "Required", "Default when empty", "Description", "Example", "Also accepted headers"]
    for position, title in enumerate(titles):
        sheet.write_string(top, position, title, header)
    # the schema and program files are the user's text: formula-like text in them stays inert too
    for row, spec in enumerate(contract.columns.values(), start=top + 1):
        default = defaults.get(spec.name, "")
        if spec.name == "name":
            default = "First Name + Last Name"
        cells = [spec.title, "yes" if spec.required and not default else "", default, spec.description]
        cells += [spec.example, ", ".join(spec.aliases)]
        for position, text in enumerate(cells):
            wrapped = position in (3, 5)
            fmt = quoted[wrapped] if needs_quote(text) else (wrap if wrapped else None)
            sheet.write_string(row, position, text, fmt)
    for position, width in enumerate((18, 10, 22, 70, 16, 50)):
        sheet.set_column(position, position, width)
