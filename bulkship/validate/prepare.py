"""The rows made ready to check: the sheet's columns under their canonical names (a preferred name over the
legal one), required columns present, every cell cleaned and normalised, empty cells given the defaults;
each change said as a warning."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from ..columns.fields import PREFERRED, line_3_header
from ..models import CANONICAL_COLUMNS, LoadedSheet
from ..program import BUILTIN_DEFAULTS
from . import addresslines, invisible, normalize, placelines, rules, unitlines
from .collect import ProblemCollector
from .fallback import fallback_rows, read_fallback
from .names import (
    _NUMBER_IN_BRACKETS,
    _names_another,
    _one_holding_both,
    _placeholders,
    _with_family_name,
    _with_last_name,
    _with_suffix,
    preferred_in_parts,
    remark_at_end,
    without_leave,
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


def _goes_by(header: str | None) -> bool:
    """Whether a name column's header says it holds the name a person goes by ("Preferred Name", "Known As",
    "Nickname"): one word there is a first name."""
    return not PREFERRED.isdisjoint(re.findall(r"[a-z]+", (header or "").casefold())) or bool(
        re.search(r"(?i)\bgoes\s+by\b|\bnick", header or "")
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
    name_header = next((h for h, c in sheet.column_map.items() if c == "name"), None)
    if name_header is not None:
        frame["name"], changed, lone = normalize.last_first(
            frame["name"], declared=name_header in sheet.last_first
        )
        # not said where the row's own First and Last Name read the same (an ADP export's 'Payroll Name'
        # beside 'Legal First Name' | 'Legal Last Name': every row warned, found by newcomer7)
        if changed.any():  # the usual list turns nothing: nothing compared
            columns = (frame[c].tolist() for c in ("name", "first_name", "last_name"))
            own = [n.casefold() == f"{f} {la}".strip().casefold() for n, f, la in zip(*columns, strict=True)]
            changed &= ~pd.Series(own, index=frame.index)
        collector.warn(changed, "name", "Name written Last, First", "'{old}' read as {new}.")
        collector.warn(  # sent as written: the column's other names are First Last
            lone.ne(""),
            "name",
            "Name perhaps written Last, First",
            "'{name}' is sent as written (the other names of the column are First Last): if it is Last, "
            "First, write it '{turned}'.",
            extra={"turned": lone},
        )
    # Workday's "Worker" = "Tom Reed (On Leave)", "Maria Lopez (100234)", or both: neither the leave nor the
    # employee number is part of the name on a parcel (the leave first: it comes last)
    frame["name"], changed = without_leave(frame["name"])
    collector.warn(changed, "name", "Leave taken off the name", "'{old}' read as {new}: a leave still sends.")
    numbered = frame["name"].str.replace(_NUMBER_IN_BRACKETS, "", regex=True)
    changed = numbered.ne(frame["name"])
    frame["name"] = numbered
    collector.warn(changed, "name", "Number taken off the name", "'{old}' read as {new}.")
    said = "'{new}' goes on the parcel as written, its remark in brackets too: take it out if not a name."
    collector.warn(remark_at_end(frame["name"]), "name", "Remark in the name", said)
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
    # the whole name in First Name is found against the Last Name as typed: 'Ann Lee' | 'Lee' | 'Jr.'
    # went out 'Ann Lee Lee Jr.' (hunter-sheets5's leftover)
    whole_first, _ = _one_holding_both(frame["first_name"], frame["last_name"])
    first_name = frame["first_name"]
    if sheet.suffix is not None:  # after Last, First is turned around: "Smith, John" + "Jr."
        suffix, _ = invisible.clean_text(sheet.frame[sheet.suffix].fillna("").astype(str))
        frame["name"] = _with_suffix(frame["name"], suffix)
        frame["last_name"] = _with_suffix(frame["last_name"], suffix)
        first_name = _with_suffix(first_name, suffix)
    _fill_defaults(frame, defaults, collector, chosen, products or {})
    joined = (frame["first_name"] + " " + frame["last_name"]).str.strip()
    in_first, in_last = _one_holding_both(frame["first_name"], frame["last_name"])
    in_first |= whole_first & frame["first_name"].ne("") & ~in_last
    full_name = joined.where(~in_first, first_name).where(~in_last, frame["last_name"])
    legal = preferred_in_parts(frame, sheet)  # 'Preferred Name - First Name' beside 'Worker'
    # "N/A" under a Preferred Name read as the name, beside the person's First and Last Name
    no_name = full_name.ne("") & frame["name"].ne("")  # both given: a rare list, looked at only then
    if no_name.any():
        no_name[no_name] = _placeholders(frame["name"][no_name])
    took = frame["name"].eq("") | no_name
    frame["name"] = frame["name"].where(~took, full_name)
    # the fingerprint keeps reading the two cells joined, as before this was seen: a batch sent then is the
    # same rows now, never an edit held or a card sent again
    kept = joined.where(took & (in_first | in_last), "").where(legal.eq(""), legal)
    said = "'{old}' holds the whole name: sent as {name}, not '{joined}'."
    for column, whole in (("first_name", in_first), ("last_name", in_last)):
        collector.warn(took & whole, column, "Whole name in one cell", said, extra={"joined": joined})
    collector.warn(
        no_name, "name", "Placeholder name", "'{old}' is no name: sent as {new} (First and Last Name)."
    )
    # one word that is neither the row's first nor last name, under a name column that is no preferred name
    # ('Attention' = High, 'Worker' = Full-time): given the last name, it went out as "High Lee" (review18)
    lone = frame["name"].ne("") & ~frame["name"].str.contains(" ", regex=False) & ~no_name
    lone &= frame["first_name"].str.strip().ne("") & frame["last_name"].str.strip().ne("")
    if "name" in sheet.preferred or _goes_by(name_header):  # "Kate" under Preferred Name: her first name
        lone[:] = False
    elif lone.any():
        lone[lone] = _names_another(frame["name"][lone], frame["first_name"], frame["last_name"])
    frame["name"], changed = _with_last_name(frame["name"], frame["last_name"])
    collector.warn(
        changed & ~lone, "name", "Last name added", "'{old}' is one word: sent as {new} (its Last Name)."
    )
    if "name" not in sheet.preferred:  # a preferred name may differ from the legal one in every word
        other = full_name.ne("") & frame["name"].ne(full_name) & ~no_name
        if other.any():
            other[other] = _names_another(frame["name"][other], frame["first_name"], frame["last_name"])
        other |= lone
        collector.error(
            other,
            "name",
            "Name of another person",
            "'{old}' shares no name with First and Last Name ('{full}') of its row: which person gets "
            "this card? Write that person's name in both, or leave one of them empty.",
            extra={"full": full_name},
        )
    rules.check_scientific(frame, collector)

    # a state or the US written out in full is said once for the column (bulkship.load.spelled), not per row
    frame["state"], territory = normalize.territory_states(frame["state"], frame["country"])
    collector.warn(territory, "state", "State from the country", _TERRITORY)
    spelled = normalize.spelled_out(frame["state"], STATES_SPELLED_OUT)
    frame["state"], changed = normalize.states(frame["state"])
    collector.warn(changed & ~spelled, "state", "State changed to its code", "'{old}' changed to {new}.")
    spelled = normalize.spelled_out(frame["country"], US_SPELLED_OUT | US_NUMBERED)
    frame["country"], changed = normalize.countries(frame["country"])
    collector.warn(changed & ~spelled, "country", "Country changed to its code", "'{old}' changed to {new}.")
    frame["value"], changed = normalize.money(frame["value"])
    collector.warn(changed, "value", "Amount read from text", "'{old}' read as {new}.")
    frame["quantity"] = normalize.whole_numbers(frame["quantity"])
    frame["allow_duplicate"] = normalize.yes_no(frame["allow_duplicate"])
    frame["zip"], zip_text = normalize.zip_text(frame["zip"])
    zips, reformatted, repaired, unconfirmed = normalize.zips(frame["zip"], frame["state"])
    frame["zip"], zeros = normalize.zero_add_ons(zips)
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
    return frame, AsBefore(names=kept, streets=streets, lines_2=lines_2)
