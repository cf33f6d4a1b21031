"""A column naming the card on every row ('Gift' = CVS, Target beside 'Gift Value'), read as the Product where
no column gives one: its header is no Product's ('Gift' is also a yes/no column's), and the file was refused
"lacks Product", told to write a program file mapping it (found by newcomer8, left for hunter-sheets18). Its
cells decide, against the vendor's catalog the rows are checked with."""

from __future__ import annotations

from dataclasses import replace

from ..columns import _words
from ..load.lookalikes import _LOOKS_LIKE_HEADER
from ..models import Catalog, LoadedSheet
from ..program import ProgramSettings
from .rules import product_ids

SHOWN_CARDS = 5  # cards the notice names


def read_card_column(sheet: LoadedSheet, catalog: Catalog, program: ProgramSettings | None) -> LoadedSheet:
    """``sheet`` with its one unused column whose header looks like the card and each of whose filled cells
    (the rows left out aside) names a card of ``catalog`` read as the Product, said in a notice that takes the
    place of the one saying it looks like Product; ``sheet`` itself where a column, the defaults or
    ``[columns]`` give the Product, or no column or several fit. Read by validate, and by the web page as it
    reads the upload (its Columns page shows the column read)."""
    program = program or ProgramSettings()
    given = program.effective_defaults.get("product") or sheet.defaults.get("product")
    if "product" in sheet.column_map.values() or given or "product" in program.columns:
        return sheet
    cards = product_ids(catalog)
    left_out = [s.row for s in sheet.skipped]
    fitting: list[tuple[str, list[str]]] = []
    for info in sheet.columns:
        if (
            info.status != "unused"
            or info.note
            or not set(_words(info.header)) & _LOOKS_LIKE_HEADER["product"]
        ):
            continue
        cells = sheet.frame[info.header].drop(index=left_out, errors="ignore").astype(str).str.strip()
        named = [c for c in cells.unique().tolist() if c]
        if named and all(c.casefold() in cards for c in named):
            fitting.append((info.header, named))
    if len(fitting) != 1:
        return sheet
    header, named = fitting[0]
    info = next(i for i in sheet.columns if i.header == header)
    shown = ", ".join(named[:SHOWN_CARDS]) + (
        f" and {len(named) - SHOWN_CARDS} more" if len(named) > SHOWN_CARDS else ""
    )
    said = (
        f"Column '{header}' ({info.letter}) is read as Product: every card it names is one of the vendor "
        f"catalog's ({shown}), and no other column gives the card."
    )
    unused = f"Column '{header}' ({info.letter}) is not used, although"
    return replace(
        sheet,
        column_map={**sheet.column_map, header: "product"},
        columns=tuple(replace(i, field="product", status="used") if i is info else i for i in sheet.columns),
        notices=(*(n for n in sheet.notices if not n.startswith(unused)), said),
    )
