"""The rows made ready to check: the sheet's columns under their canonical names (a preferred name over the
legal one), required columns present, every cell cleaned and normalised, empty cells given the defaults;
each change said as a warning."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from ..columns.fields import line_3_header
from ..models import CANONICAL_COLUMNS, LoadedSheet
from ..program import BUILTIN_DEFAULTS
from . import addresslines, invisible, normalize, placelines, preparenames, rules, unitlines, zipforms
from .collect import ProblemCollector
from .fallback import fallback_rows, read_fallback
from .names import (
    _placeholders,
    _with_family_name,
)
from .usps import STATES_SPELLED_OUT, US_NUMBERED, US_SPELLED_OUT

_CLEANED = "extra spaces or invisible characters removed; now reads '{new}'."
# found by newcomer22 (N1's twin on one line): 'Attn: Accounts Payable, 2200 Westlake Ave N' went on line 1
_ATTENTION_MOVED = (
    "'{old}' opens with an attention line: the street is sent as line 1, '{new}', and the attention line as "
    "line 2, where the carrier looks for each."
)
_ZERO_ADD_ON = "ZIP {old} written as {new}: an add-on of 0000 is no ZIP+4."
_TERRITORY = "is empty: {new} taken from its country, a US territory (US mail; its code is the state's)."


@dataclass(frozen=True)
class AsBefore:
    """What a row's fingerprint reads where it is not what is sent ("" elsewhere): the name (the First and
    Last Name joined, before the whole name in one of them was seen), the street (its two lines joined on
    line 1, before the second was moved to line 2), and line 2 (before its unit was named or found in the
    street: :mod:`.unitlines`)."""

    names: pd.Series
    streets: pd.Series
    lines_2: pd.Series


def _canonical_frame(sheet: LoadedSheet) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The sheet's columns under their canonical names, the rows whose one-word preferred name was sent
    with the family name of the row, and those sent to the next address group (:mod:`.fallback`; both said
    as warnings once the collector exists)."""
    moved = fallback_rows(sheet)
    columns: dict[str, pd.Series] = {}
    by_canonical = {canonical: header for header, canonical in sheet.column_map.items()}
    added = pd.Series(False, index=sheet.frame.index)
    for column in CANONICAL_COLUMNS:
        header = by_canonical.get(column)
        if header is not None:
            columns[column] = sheet.frame[header].fillna("").astype(object)
        else:
            columns[column] = pd.Series("", index=sheet.frame.index, dtype=object)
        preferred = sheet.preferred.get(column)
        if preferred is not None and preferred != header:  # a preferred name, where one is filled in
            overlay = sheet.frame[preferred].fillna("").astype(object)
            filled = overlay.str.strip().ne("")
            if column == "name":  # "N/A" or "-" under Preferred Name: the person has none
                filled &= ~_placeholders(overlay.astype(str).str.strip())
                overlay, added = _with_family_name(overlay, sheet, by_canonical, columns[column])
            columns[column] = overlay.where(filled, columns[column])
    read_fallback(columns, sheet, moved)
    return pd.DataFrame(columns, index=sheet.frame.index), added, moved


def _literal(text: str) -> str:
    """``text`` as it reads through a message template (ProblemCollector formats its messages)."""
    return text.replace("{", "{{").replace("}", "}}")


def _fill_defaults(
    frame: pd.DataFrame,
    defaults: dict[str, str],
    collector: ProblemCollector,
    chosen: Collection[str],
    products: Mapping[str, str],
) -> None:
    """Empty cells take the defaults, the product first: a default amount belongs to the default product,
    and so does a default card carrier (another card's row keeps its own, or none),
    so a row naming another card with its Amount left empty is an error, not a card of the wrong value
    (a program's CVS 25 made a TARGET row with no amount TARGET 25, found by newcomer6). A card is named by
    its id or its name (``products``: "CVS Pharmacy" is CVS, found by review10). A default filling empty
    cells of a column the sheet has is said on each row: nobody wrote that value there."""
    product = defaults.get("product", "")
    said_product = _literal(product)
    for column in sorted(defaults, key=lambda c: c != "product"):
        default = defaults[column]
        shown = _literal(default)
        if column not in frame.columns or not default:
            continue
        empty = frame[column].eq("")
        if column in ("value", "carrier_id") and product:
            named = frame["product"].str.strip().str.casefold()
            cards = named.map(products).fillna(named).str.casefold()
            other = empty & cards.ne(products.get(product.strip().casefold(), product).casefold())
        if column == "carrier_id" and product and column in chosen:
            # a HOLIDAY sleeve of the default Visa card is no CVS card's: another card's row takes the
            # built-in carrier (found by newcomer9: "'' is not a card carrier for CVS; leave it empty")
            frame[column] = frame[column].where(~other, BUILTIN_DEFAULTS[column])
            empty &= ~other
        if column == "value" and product:
            # a list with no amount column (a form letting people choose the card) has nowhere to write it
            # (found by newcomer5: "column 'Value': is empty" of a Typeform download that has no such column)
            write = "write" if collector.has_column("value") else "add a column 'Value' to the list and write"
            collector.error(
                other,
                "value",
                "Amount missing",
                f"is empty; the default amount {shown} in the program settings is for {said_product} cards, "
                f"not {{product}}: {write} this card's amount.",
            )
            empty &= ~other
        frame[column] = frame[column].where(~empty, default)
        if column in chosen and collector.has_column(column):
            collector.warn(
                empty,
                column,
                f"{collector.header(column)} from the program defaults",
                f"is empty: {shown} taken from the program settings' [defaults].",
            )


def _units_on_line_2(frame: pd.DataFrame, collector: ProblemCollector, sheet: LoadedSheet) -> pd.Series:
    """Line 2's unit printed once and named ('2 Main St Apt 5' | '5': line 2 empty; '4' under 'Apt': 'Apt
    4'), said; returns line 2 as it was where changed ("" elsewhere), for the fingerprint."""
    before = frame["address2"]
    header = next((h for h, field in sheet.column_map.items() if field == "address2"), None)
    frame["address2"], twice = unitlines.units_said_twice(frame["address1"], frame["address2"], header)
    said = "'{old}' is the unit the street '{address1}' ends with: printed once, on line 1."
    collector.warn(twice, "address2", "Unit written twice", said)
    frame["address2"], named = unitlines.named_units(frame["address2"], header)
    collector.warn(named, "address2", "Unit named", "'{old}' printed as '{new}', as a carrier reads a unit.")
    return before.where(twice | named, "")


def _own_place_off_line_2(frame: pd.DataFrame, collector: ProblemCollector) -> pd.Series:
    """Line 2 emptied where it names only the row's own city, state and ZIP or the country, said; returns
    line 2 as it was where emptied ("" elsewhere), for the fingerprint."""
    before = frame["address2"]
    place = placelines.own_place_lines(before, frame)
    frame["address2"] = before.where(~place, "")
    said = "'{old}' names the row's own city, state and ZIP (or the country), printed below it: not again."
    collector.warn(place, "address2", "Place on line 2", said)
    return before.where(place, "")


def _street_lines(
    frame: pd.DataFrame, collector: ProblemCollector, line_3: str | None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """A street cell's second line moved to line 2 and an attention line before the street put on line 2,
    said; returns the street cells as written, the rows so moved and those whose lines stay on line 1."""
    written = frame["address1"]  # the street cell's lines as written, for the fingerprint below
    if line_3 is None:  # (a line 3 joins line 2: the street's second line is left on line 1 there)
        frame["address1"], frame["address2"], moved, on_line_1 = addresslines.street_lines(
            frame["address1"], frame["address2"], frame["city"]
        )
        frame["address1"], frame["address2"], split = addresslines.attention_first(
            frame["address1"], frame["address2"]
        )
        collector.warn(split, "address1", "Attention line before the street", _ATTENTION_MOVED)
        moved = moved | split  # (a new Series: street_lines may return one for both; their fingerprint below)
    else:
        moved = on_line_1 = pd.Series(False, index=frame.index)
    return written, moved, on_line_1


def _cleaned(frame: pd.DataFrame, collector: ProblemCollector, on_line_1: pd.Series) -> None:
    """Every cell's spaces and invisible characters, and full-width characters, read as plain, said."""
    for column in CANONICAL_COLUMNS:
        frame[column], changed = invisible.clean_text(frame[column])
        if column == "address1":  # said below, in its own words
            changed &= ~on_line_1
        collector.warn(changed, column, "Spaces or invisible characters removed", _CLEANED)
    for column in normalize.ASCII_FIELDS:
        frame[column], changed = normalize.ascii_forms(frame[column])
        collector.warn(changed, column, "Full-width characters read as plain", "'{old}' read as {new}.")
    for column in normalize.LABEL_FIELDS:  # printed on the parcel: full-width letters and digits only
        frame[column], changed = normalize.half_width(frame[column])
        collector.warn(changed, column, "Full-width characters read as plain", "'{old}' read as {new}.")


def _streets_as_before(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    written: pd.Series,
    moved: pd.Series,
    on_line_1: pd.Series,
) -> pd.Series:
    """The streets as the fingerprint reads them where their lines were moved ("" elsewhere); a street of
    several lines left on line 1, said."""
    # the fingerprint reads the two lines joined on line 1, as before the second line was moved: a batch sent
    # then is the same rows now, never an edit held or a card sent again
    # (in the order written: an attention line above the street sent on line 2 changes no fingerprint)
    streets = pd.Series("", index=frame.index, dtype=object)
    if moved.any():  # (the cells of lines only: a list of 100,000 streets on one line each pays nothing)
        streets.loc[moved] = invisible.clean_text(addresslines.on_one_line(written.loc[moved]))[0]
    # (the lines moved to an empty line 2 are said once for the column: bulkship.load.streetlines)
    collector.warn(
        on_line_1,
        "address1",
        "Street on two lines",
        "is on more than one line, and Address Line 2 holds '{line2}' already: its lines are sent on line 1 "
        "as '{new}'. If a line belongs on line 2, put it there with '{line2}'.",
        extra={"line2": frame["address2"]},
    )
    return streets


def _lines_2(
    frame: pd.DataFrame, collector: ProblemCollector, sheet: LoadedSheet, line_3: str | None
) -> pd.Series:
    """Line 2 and the company emptied where they say there is none, line 2's own place and unit put right,
    a line 3 added to it, said; returns line 2 as the fingerprint reads it where changed ("" elsewhere)."""
    for column, part in (("address2", "address line 2"), ("company", "company")):
        frame[column], said = normalize.nothing_written(frame[column])
        collector.warn(
            said, column, "No " + part, f"'{{old}}' says there is none: no {part} printed on the parcel."
        )
    placed = _own_place_off_line_2(frame, collector)
    lines_2 = _units_on_line_2(frame, collector, sheet)
    lines_2 = lines_2.where(placed.eq(""), placed)
    if line_3 is not None:
        line3 = sheet.frame[line_3].fillna("").astype(str)
        line3 = line3.where(~placelines.own_place_lines(line3, frame), "")
        frame["address2"], added = addresslines.with_line_3(frame["address2"], line3)
        said = f"'{_literal(line_3)}' added to line 2: {{new}}."
        collector.warn(added, "address2", "Address line 3 added", said)
    return lines_2


def _places(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """The state (from a US territory's country where empty) and the country read as their codes, said."""
    # a state or the US written out in full is said once for the column (bulkship.load.spelled), not per row
    frame["state"], territory = normalize.territory_states(frame["state"], frame["country"])
    collector.warn(territory, "state", "State from the country", _TERRITORY)
    spelled = normalize.spelled_out(frame["state"], STATES_SPELLED_OUT)
    frame["state"], changed = normalize.states(frame["state"])
    collector.warn(changed & ~spelled, "state", "State changed to its code", "'{old}' changed to {new}.")
    spelled = normalize.spelled_out(frame["country"], US_SPELLED_OUT | US_NUMBERED)
    frame["country"], changed = normalize.countries(frame["country"])
    collector.warn(changed & ~spelled, "country", "Country changed to its code", "'{old}' changed to {new}.")


def _amounts(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """The amount, the quantity and the duplicate flag read as the checks read them."""
    frame["value"], changed = normalize.money(frame["value"])
    collector.warn(changed, "value", "Amount read from text", "'{old}' read as {new}.")
    frame["quantity"] = normalize.whole_numbers(frame["quantity"])
    frame["allow_duplicate"] = normalize.yes_no(frame["allow_duplicate"])


def _zips(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """The ZIP read from text, its ZIP+4 written as USPS writes it, a lost leading zero put back by the
    state; a ZIP that cannot be a US one an error."""
    frame["zip"], zip_text = zipforms.zip_text(frame["zip"])
    zips, reformatted, repaired, unconfirmed = zipforms.zips(frame["zip"], frame["state"])
    frame["zip"], zeros = zipforms.zero_add_ons(zips)
    collector.warn(
        zip_text & ~(reformatted | repaired | unconfirmed | zeros),
        "zip",
        "ZIP read from text",
        "'{old}' read as {new}.",
    )
    collector.warn(reformatted & ~zeros, "zip", "ZIP+4 reformatted", "ZIP {old} written as {new}.")
    collector.warn(zeros & ~repaired, "zip", "ZIP+4 reformatted", _ZERO_ADD_ON)
    collector.warn(
        repaired,
        "zip",
        "ZIP repaired (lost leading zero)",
        "ZIP {old} repaired to {new} (state {state}); Excel had dropped its leading zero. "
        "Format the column as Text to keep it.",
    )
    collector.error(
        unconfirmed,
        "zip",
        "ZIP Code not valid",
        "'{old}' is not a US ZIP code; if Excel dropped a leading zero, 0-padding it does not match state "
        "{state}. Type the full 5-digit ZIP (e.g. 02134) in a Text-formatted column.",
    )


def _normalise(
    frame: pd.DataFrame,
    defaults: dict[str, str],
    collector: ProblemCollector,
    sheet: LoadedSheet,
    *,
    chosen: Collection[str] = (),
    products: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.Series]:
    """``chosen``: the fields whose default the person set (program [defaults]), not the built-in ones;
    ``products``: the catalog's cards by id or name (:func:`rules.product_ids`). Also returns what each row's
    fingerprint reads where it is not what is sent (:class:`AsBefore`)."""
    line_3 = line_3_header(sheet.frame.columns, sheet.column_map)
    written, moved, on_line_1 = _street_lines(frame, collector, line_3)
    _cleaned(frame, collector, on_line_1)
    streets = _streets_as_before(frame, collector, written, moved, on_line_1)
    name_header = preparenames.last_first(frame, collector, sheet)
    preparenames.taken_off(frame, collector)
    lines_2 = _lines_2(frame, collector, sheet, line_3)
    whole_first, first_name = preparenames.suffixed(frame, sheet)
    _fill_defaults(frame, defaults, collector, chosen, products or {})
    kept = preparenames.whole_names(frame, collector, sheet, name_header, whole_first, first_name)
    preparenames.symbols(frame, collector)
    rules.check_scientific(frame, collector)
    _places(frame, collector)
    _amounts(frame, collector)
    _zips(frame, collector)
    return frame, AsBefore(names=kept, streets=streets, lines_2=lines_2)
