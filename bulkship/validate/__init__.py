"""Validate stage: normalise every row, check it (pandera for structure, then catalog and address rules) and
mark it valid, invalid or duplicate, with one plain-words message per problem.

    result = validate(load_sheet("recipients.xlsx"), catalog)
    result.rows          # CANONICAL_COLUMNS + ROW, STATUS, FINGERPRINT; index = spreadsheet row number
    result.problems      # errors (the row will not be ordered) and warnings (changes the user should see)

Everything runs column-wise; per-row Python only builds the messages of rows that have a problem.

The steps, a module each: :mod:`.prepare` (canonical columns, cleaning, defaults; :mod:`.normalize` the
column-wise normalisers, :mod:`.names` the name on the parcel), :mod:`.rules` (the checks),
:mod:`.examples` (a template's example row), :mod:`.fingerprints` (duplicate rows; :mod:`.lookalikes` those
written differently), :mod:`.collect` (the problems, worded); :mod:`.report` writes the validation workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

import pandas as pd

from ..load.skipped.rows import HEADER_AGAIN
from ..models import FINGERPRINT, ROW, STATUS, Catalog, LoadedSheet, ValidationResult
from ..program import ProgramSettings
from ..schema import SheetContract, load_contract
from ..statuses import counted
from . import cardamount, rules
from .cardcolumn import card_column_hint, read_card_column
from .checkedonce import Checking, checked
from .citystatezip import (
    city_state_zip_header,
    compared_cities,
    read_city_state_zip,
    say_city_lines,
    split_city_lines,
    without_parts_of_unread_lines,
)
from .collect import ProblemCollector
from .companycolumn import read_company_column
from .examples import check_examples
from .fallback import check_borrowed_line_2, say_fallback, say_other_address
from .fingerprints import FINGERPRINT_FIELDS, _fingerprint_and_duplicates
from .heldnow import held_with_errors, said_once
from .lookalikes.answers import check_answered_twice
from .lookalikes.secondgifts import check_changed_between_lists
from .namecolumn import names_as_before, read_name_column
from .names import _say_family_added
from .prepare import _canonical_frame, _normalise
from .required import require_columns
from .titlerow import check_titles_over_headers
from .unread import check_cards_in_notes, check_unread_cards
from .wholeaddress import (
    say_whole_addresses,
    split_whole_addresses,
    whole_address_column,
    without_parts_of_unread,
)

__all__ = ["FINGERPRINT_FIELDS", "validate"]


def validate(
    sheet: LoadedSheet,
    catalog: Catalog,
    *,
    program: ProgramSettings | None = None,
    ordered: Callable[[], Collection[str]] | None = None,
    checking: Checking | None = None,
) -> ValidationResult:
    """Normalise and check every row of ``sheet`` against the sheet contract and the vendor ``catalog``.
    ``ordered``: the fingerprints the batch's ledger holds as ordered, asked for only when two rows are one
    person written differently (the row already ordered stays it, the other is its duplicate).
    ``checking``: the check kept by what it reads, the web page's review keeping it for its cost page
    (:mod:`.checkedonce`)."""
    program = program or ProgramSettings()
    contract = load_contract(program.schema_path)
    defaults = {**program.effective_defaults, **sheet.defaults}
    sheet = cardamount.read_card_amount(sheet, catalog, program)  # 'Gift' = 'Target $25': card and amount
    sheet = read_card_column(sheet, catalog, program)  # 'Gift' = CVS, Target: the card
    sheet = read_name_column(sheet, program)  # 'Tenant' = Ann Lee: the name
    sheet = read_company_column(sheet, program)  # 'Client' = 'Bristol Dental Group' beside 'Attn'
    sheet = read_city_state_zip(sheet)  # 'City, State ZIP' = 'Boston, MA 02134': the three
    if checking is None:
        return _check(sheet, catalog, program, contract, defaults, ordered)
    read = (sheet, catalog, program, contract, defaults)
    return checked(checking, read, ordered, lambda asked: _check(*read, asked))


def _check(
    sheet: LoadedSheet,
    catalog: Catalog,
    program: ProgramSettings,
    contract: SheetContract,
    defaults: dict[str, str],
    ordered: Callable[[], Collection[str]] | None,
) -> ValidationResult:
    """Every row of the sheet as the check reads it (its card, name, company and city columns read)."""
    require_columns(sheet, contract, defaults, card_hint=lambda: card_column_hint(sheet, catalog))
    frame, family_added, moved = _canonical_frame(sheet)
    whole = split_whole_addresses(frame, whole_address_column(sheet, defaults))  # no City, State, ZIP
    city_lines = split_city_lines(frame, city_state_zip_header(sheet), compared_cities(sheet))
    amounts = cardamount.split_card_amounts(frame, sheet, catalog)
    if frame.empty:  # a header and nothing else: valid, with nothing to order
        empty = frame.assign(**{ROW: pd.Series(dtype="int64"), STATUS: "", FINGERPRINT: ""})
        return ValidationResult(sheet=sheet, rows=empty, problems=sheet.read_problems)
    collector = ProblemCollector(sheet, contract, frame, limit=program.limits.problems)
    _say_family_added(sheet, collector, family_added)
    say_whole_addresses(collector, whole)
    say_city_lines(collector, city_lines)
    cardamount.say_card_amounts(collector, amounts)
    say_fallback(sheet, collector, moved)
    say_other_address(sheet, collector, moved)  # Outlook's Business address beside an empty Home one
    check_borrowed_line_2(sheet, collector, moved)
    products = rules.product_ids(catalog)
    chosen = program.defaults
    frame, as_before = _normalise(frame, defaults, collector, sheet, chosen=chosen, products=products)
    check_unread_cards(frame, sheet, products, collector)
    rules.check_lost_letters(frame, collector)
    rules.check_structure(frame, contract, collector)
    rules.check_catalog(frame, catalog, collector)
    check_cards_in_notes(frame, sheet, products, collector)
    couriers = rules.courier_methods({m.id: m.name for m in catalog.shipping_methods.values()})
    rules.check_addresses(frame, collector, reject_po_boxes=program.reject_po_boxes, couriers=couriers)
    name_parts = [h for h, field in sheet.column_map.items() if field in ("first_name", "last_name")]
    check_examples(frame, sheet.frame, collector, names=name_parts)
    headers_again = sorted(s.row for s in sheet.skipped if s.reason == HEADER_AGAIN)
    skipped = pd.Series(frame.index.isin([s.row for s in sheet.skipped]), index=frame.index)
    check_titles_over_headers(frame, sheet.frame, collector, headers_again, skipped)  # 'Second shipment'
    collector.explain(sheet.read_problems)
    frame[ROW] = frame.index.astype("int64")
    check_changed_between_lists(frame, collector, headers_again, skipped)
    # a form's answers: which answer is meant?
    check_answered_twice(frame, collector, sheet.headers, skipped, sheet.column_map)
    frame[STATUS] = "valid"
    frame.loc[frame.index.isin(collector.error_rows()), STATUS] = "invalid"
    if skipped.any():
        frame.loc[skipped, STATUS] = "skipped"
    to_fix = held_with_errors(sheet, collector.error_rows())
    if to_fix:  # a row held until a day is a row to send: wrong now, it is wrong on its day
        frame.loc[frame.index.isin(list(to_fix)), STATUS] = "invalid"
        sheet = replace(sheet, notices=said_once(sheet, to_fix, program))
    _fingerprint_and_duplicates(
        frame,
        collector,
        contract,
        skipped,
        ordered,
        names=names_as_before(sheet, frame, family_added, as_before.names),
        streets=as_before.streets,
        lines_2=as_before.lines_2,
        listed=sheet.frame,
        column_map=sheet.column_map,
    )
    problems = without_parts_of_unread_lines(without_parts_of_unread(collector.sorted(), whole), city_lines)
    problems = cardamount.without_parts_of_unread(problems, amounts)
    if collector.notices:
        sheet = replace(sheet, notices=(*sheet.notices, *collector.notices))
    if skipped.any():  # a skipped row is never judged: its problems would be noise
        rows = {s.row for s in sheet.skipped} - to_fix
        problems = tuple(p for p in problems if p.row not in rows)
    return ValidationResult(sheet=sheet, rows=frame, problems=problems)


def summary_lines(result: ValidationResult) -> list[str]:
    """A short text summary: rows, valid, invalid, duplicates, problems by kind."""
    summary = result.summary()
    lines = [
        f"{counted(summary.rows, 'row')}: {summary.valid} valid, {summary.invalid} invalid"
        + (f", {summary.duplicate} duplicate" if summary.duplicate else "")
        + (
            f", {summary.skipped} skipped ({_not_ordered(result, summary.skipped)})"
            if summary.skipped
            else ""
        )
    ]
    for kind, count in sorted(summary.by_problem.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:>6}  {kind}")
    warnings: dict[str, int] = {}
    for problem in result.problems:
        if problem.severity == "warning":
            warnings[problem.kind] = warnings.get(problem.kind, 0) + 1
    for kind, count in sorted(warnings.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:>6}  {kind} (warning)")
    return lines


def not_recipients(result: ValidationResult) -> tuple[int, str]:
    """How many of the rows left out are no recipient at all (a totals row, a note under the list), and
    which: the rows of a list of 5 people and its totals row are 6, of which 5 people (newcomer15's N7)."""
    kinds = [s.kind for s in result.sheet.skipped if s.kind in ("totals", "note")]
    said = [
        counted(kinds.count(kind), word)
        for kind, word in (("totals", "totals row"), ("note", "note"))
        if kind in kinds
    ]
    return len(kinds), " and ".join(said)


def ordered_before(result: ValidationResult) -> int:
    """How many of the rows left out had their card ordered already (..refusednow.said_apart)."""
    return len({s.row for s in result.sheet.skipped if s.ordered})


def _not_ordered(result: ValidationResult, skipped: int) -> str:
    """What the rows left out are: not ordered, but those whose card went already ('2 skipped (not ordered)'
    of a list whose row 2 was ordered before: found by hunter-vendor32)."""
    sent = ordered_before(result)
    if not sent:
        return f"not ordered{_of_them(result)}"
    went = f"{sent} ordered before: their cards went, nothing is sent again"
    return went if sent == skipped else f"{skipped - sent} not ordered{_of_them(result)}; {went}"


def _of_them(result: ValidationResult) -> str:
    count, which = not_recipients(result)
    return f"; of them {which}, no recipient{'s' if count > 1 else ''}" if count else ""


def error_lines(result: ValidationResult, shown: int, rest: str, leave: Collection[int] = ()) -> list[str]:
    """The first ``shown`` errors (rows not ordered as written), worded for the person, and how many more
    there are, ``rest`` saying where they are all listed; ``leave``: rows whose card went already."""
    errors = [p.message for p in result.problems if p.severity == "error" and p.row not in leave]
    more = [f"... and {len(errors) - shown} more problems: {rest}."] if len(errors) > shown else []
    return errors[:shown] + more
