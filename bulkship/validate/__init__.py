"""Validate stage: normalise every row, check it (pandera for structure, then catalog and address rules) and
mark it valid, invalid or duplicate, with one plain-words message per problem.

    result = validate(load_sheet("recipients.xlsx"), catalog)
    result.rows          # CANONICAL_COLUMNS + ROW, STATUS, FINGERPRINT; index = spreadsheet row number
    result.problems      # errors (the row will not be ordered) and warnings (changes the user should see)

Everything runs column-wise; per-row Python only builds the messages of rows that have a problem.
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

import pandas as pd

from ..errors import MissingColumnsError
from ..models import (
    CANONICAL_COLUMNS,
    FINGERPRINT,
    ROW,
    STATUS,
    Catalog,
    LoadedSheet,
    Problem,
    ValidationResult,
)
from ..program import ProgramSettings
from ..schema import SheetContract, load_contract
from . import normalize, rules
from .collect import ProblemCollector
from .examples import check_examples
from .lookalikes import mark_lookalikes

# Ordering-relevant fields: a change in any of them makes a different order (fingerprint input).
FINGERPRINT_FIELDS = (
    "name",
    "address1",
    "address2",
    "city",
    "state",
    "zip",
    "country",
    "product",
    "value",
    "quantity",
    "shipping_method",
    "carrier_id",
    "external_id",
)
_CASE_INSENSITIVE = ("name", "address1", "address2", "city")
FINGERPRINT_HEX = 32
_CLEANED = "extra spaces or invisible characters removed; now reads '{new}'."

__all__ = ["FINGERPRINT_FIELDS", "validate"]


def validate(
    sheet: LoadedSheet,
    catalog: Catalog,
    *,
    program: ProgramSettings | None = None,
    ordered: Callable[[], Collection[str]] | None = None,
) -> ValidationResult:
    """Normalise and check every row of ``sheet`` against the sheet contract and the vendor ``catalog``.
    ``ordered``: the fingerprints the batch's ledger holds as ordered, asked for only when two rows are one
    person written differently (the row already ordered stays it, the other is its duplicate)."""
    program = program or ProgramSettings()
    contract = load_contract(program.schema_path)
    defaults = {**program.effective_defaults, **sheet.defaults}
    _require_columns(sheet, contract, defaults)
    frame, family_added = _canonical_frame(sheet)
    if frame.empty:  # a header and nothing else: valid, with nothing to order
        empty = frame.assign(**{ROW: pd.Series(dtype="int64"), STATUS: "", FINGERPRINT: ""})
        return ValidationResult(sheet=sheet, rows=empty, problems=sheet.read_problems)
    collector = ProblemCollector(sheet, contract, frame)
    _say_family_added(sheet, collector, family_added)
    products = rules.product_ids(catalog)
    frame = _normalise(frame, defaults, collector, sheet, chosen=program.defaults, products=products)
    rules.check_lost_letters(frame, collector)
    rules.check_structure(frame, contract, collector)
    rules.check_catalog(frame, catalog, collector)
    rules.check_addresses(frame, collector, reject_po_boxes=program.reject_po_boxes)
    check_examples(frame, sheet.frame, collector)
    collector.explain(sheet.read_problems)
    frame[ROW] = frame.index.astype("int64")
    frame[STATUS] = "valid"
    frame.loc[frame.index.isin(collector.error_rows()), STATUS] = "invalid"
    skipped = pd.Series(frame.index.isin([s.row for s in sheet.skipped]), index=frame.index)
    if skipped.any():
        frame.loc[skipped, STATUS] = "skipped"
    _fingerprint_and_duplicates(frame, collector, contract, skipped, ordered)
    problems = collector.sorted()
    if skipped.any():  # a skipped row is never judged: its problems would be noise
        rows = {s.row for s in sheet.skipped}
        problems = tuple(p for p in problems if p.row not in rows)
    return ValidationResult(sheet=sheet, rows=frame, problems=problems)


def _require_columns(sheet: LoadedSheet, contract: SheetContract, defaults: dict[str, str]) -> None:
    """A required column that is neither in the sheet nor defaulted makes the whole file unusable."""
    present = set(sheet.column_map.values()) | {c for c, v in defaults.items() if v}
    if "name" not in present and {"first_name", "last_name"} & present:
        present.add("name")
    missing = [spec.title for spec in contract.columns.values() if spec.required and spec.name not in present]
    if missing:
        raise MissingColumnsError(
            f"{Path(sheet.path).name} lacks required column(s): {', '.join(missing)}. Its headers are: "
            + ", ".join(f"'{h}'" for h in sheet.headers),
            hint="rename the headers, map them with [columns] in a program settings file (--config), "
            "or set [defaults]; `bulkship template` writes a sheet with every header",
        )


def _canonical_frame(sheet: LoadedSheet) -> tuple[pd.DataFrame, pd.Series]:
    """The sheet's columns under their canonical names, and the rows whose one-word preferred name was sent
    with the family name of the row (said as a warning once the collector exists)."""
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
    return pd.DataFrame(columns, index=sheet.frame.index), added


def _with_suffix(names: pd.Series, suffix: pd.Series) -> pd.Series:
    """ "John Smith" + "Jr." -> "John Smith Jr.", where the name is given and does not end with it already."""
    names = names.astype(str)
    key = suffix.str.casefold().str.rstrip(".")
    ends = pd.Series(
        [f" {n.casefold().rstrip('. ')}".endswith(f" {k}") for n, k in zip(names, key, strict=True)],
        index=names.index,
    )
    add = suffix.ne("") & names.str.strip().ne("") & ~ends
    return names.where(~add, names.str.rstrip() + " " + suffix)


def _with_last_name(name: pd.Series, last_name: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A one-word name ("Kate", a Preferred Name column of first names) on a row that has a Last Name:
    the parcel reads "Kate Lee", not "Kate". Also returns which rows changed."""
    one_word = name.ne("") & ~name.str.contains(" ", regex=False)  # names are trimmed, spaces single
    if not one_word.any():  # the usual list: nothing to look at, found at C speed
        return name, one_word
    one_word[one_word] = ~_placeholders(name[one_word])  # "N/A Lee" would pass the placeholder check
    return _given_with_family(name, one_word, last_name.str.strip())


_NUMBER_IN_BRACKETS = r"\s*[(\[]\s*#?[A-Za-z]{0,3}-?\d[\d-]*\s*[)\]]\s*$"  # "(100234)", "[E-1001]"


def _placeholders(names: pd.Series) -> pd.Series:
    """Names that only hold a placeholder ("N/A", "-", "TBD") or say who the gift is for ("Self")."""
    return normalize.by_unique(
        names,
        lambda c: (
            normalize.fullmatch_mask(c, rules.PLACEHOLDER)
            | normalize.fullmatch_mask(c, rules.RELATION)
            | normalize.fullmatch_mask(c, rules.PLACE)  # "Ship To" = Home (found by newcomer8)
        ),
    )


def _names_another(names: pd.Series, first: pd.Series, last: pd.Series) -> pd.Series:
    """Names holding neither the row's first nor its last name ("Maria Lopez (E1001)" on Raj Patel's row,
    "Front Desk" for Ann Lee: found by newcomer8), compared word by word as folded."""
    from ..folding import name_words

    return pd.Series(
        [
            not (name_words(name) & (name_words(first[i]) | name_words(last[i])))
            for i, name in zip(names.index, names.tolist(), strict=True)
        ],
        index=names.index,
    )


def _given_with_family(
    given: pd.Series, one_word: pd.Series, family: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """``given`` followed by ``family`` where it is one word (``one_word``) and the family name is known and
    not that word itself; and which rows changed."""
    add = one_word & family.ne("") & given.str.casefold().ne(family.str.casefold())
    return given.where(~add, given + " " + family), add


def _with_family_name(
    preferred: pd.Series, sheet: LoadedSheet, by_canonical: dict[str, str], legal: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """A preferred name of one word ("Kate": HR systems often keep only the first name there) with the
    family name the row has, from Last Name or the legal name (:func:`_family_of`): the parcel reads "Kate
    Lee", not "Kate" (found by newcomer6). Also returns which rows changed."""
    given = preferred.astype(str).str.strip()
    one_word = given.ne("") & ~given.str.contains(r"\s", regex=True)  # not cleaned yet: any white space
    if one_word.any():
        one_word[one_word] = ~_placeholders(given[one_word])
    if "last_name" in by_canonical:
        family = sheet.frame[by_canonical["last_name"]].fillna("").astype(str).str.strip()
    else:  # "Katherine Lee", "Lee, Katherine" written last name first, "Robert Smith Jr."
        family = pd.Series("", index=legal.index, dtype=object)
        family[one_word] = legal[one_word].astype(str).map(_family_of)
    named, add = _given_with_family(given, one_word, family)
    return preferred.where(~add, named), add


# A word after a family name that is no family name itself: "Robert Smith Jr." is Bob Smith Jr., not Bob Jr.
_NAME_SUFFIX = re.compile(r"(?i)^(?:jr|sr|ii|iii|iv|v|phd|md|dds|esq)\.?$")


def _family_of(legal: str) -> str:
    """The family name in a legal name: 'Lee' in 'Katherine Lee' and in 'Lee, Katherine'; 'Smith Jr.' in
    'Robert Smith Jr.' and in 'Robert Smith, Jr.' (a comma before a suffix is no 'Last, First'); "" when
    the legal name shows none."""
    before, comma, after = legal.partition(",")
    if comma and before.strip() and not _NAME_SUFFIX.match(after.strip()):
        return before.strip()
    words = legal.replace(",", " ").split()
    if words and _NAME_SUFFIX.match(words[-1]):
        return " ".join(words[-2:]) if len(words) >= 3 else ""
    return words[-1] if len(words) >= 2 else ""


def _say_family_added(sheet: LoadedSheet, collector: ProblemCollector, added: pd.Series) -> None:
    """A warning on each row whose one-word preferred name went out with the row's family name: the name
    sent is not one the sheet holds."""
    header = sheet.preferred.get("name")
    if header is None or not added.any():
        return
    given = sheet.frame[header].fillna("").astype(str).str.strip()
    collector.warn(
        added,
        "name",
        "Last name added",
        "'{given}' ({preferred}) is one word: sent as {new}, with the family name of its row.",
        extra={"given": given, "preferred": pd.Series(header, index=given.index)},  # a header may hold "{"
    )


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
        if column == "value" and product:
            named = frame["product"].str.strip().str.casefold()
            cards = named.map(products).fillna(named).str.casefold()
            other = empty & cards.ne(products.get(product.strip().casefold(), product).casefold())
            collector.error(
                other,
                "value",
                "Amount missing",
                f"is empty; the default amount {shown} in the program settings is for {said_product} cards, "
                "not {product}: write this card's amount.",
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


def _normalise(
    frame: pd.DataFrame,
    defaults: dict[str, str],
    collector: ProblemCollector,
    sheet: LoadedSheet,
    *,
    chosen: Collection[str] = (),
    products: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """``chosen``: the fields whose default the person set (program [defaults]), not the built-in ones;
    ``products``: the catalog's cards by id or name (:func:`rules.product_ids`)."""
    for column in CANONICAL_COLUMNS:
        frame[column], changed = normalize.clean_text(frame[column])
        collector.warn(changed, column, "Spaces or invisible characters removed", _CLEANED)
    for column in normalize.ASCII_FIELDS:
        frame[column], changed = normalize.ascii_forms(frame[column])
        collector.warn(changed, column, "Full-width characters read as plain", "'{old}' read as {new}.")
    name_header = next((h for h, c in sheet.column_map.items() if c == "name"), None)
    if name_header is not None:
        frame["name"], changed = normalize.last_first(frame["name"], declared=name_header in sheet.last_first)
        collector.warn(changed, "name", "Name written Last, First", "'{old}' read as {new}.")
    # Workday's "Worker" = "Maria Lopez (100234)": the employee number is no part of the name on a parcel
    numbered = frame["name"].str.replace(_NUMBER_IN_BRACKETS, "", regex=True)
    changed = numbered.ne(frame["name"])
    frame["name"] = numbered
    collector.warn(changed, "name", "Number taken off the name", "'{old}' read as {new}.")
    line_3 = normalize.line_3_header(sheet.frame.columns, sheet.column_map)
    if line_3 is not None:
        frame["address2"], added = normalize.with_line_3(frame["address2"], sheet.frame[line_3])
        said = f"'{_literal(line_3)}' added to line 2: {{new}}."
        collector.warn(added, "address2", "Address line 3 added", said)
    if sheet.suffix is not None:  # after Last, First is turned around: "Smith, John" + "Jr."
        suffix, _ = normalize.clean_text(sheet.frame[sheet.suffix].fillna("").astype(str))
        frame["name"] = _with_suffix(frame["name"], suffix)
        frame["last_name"] = _with_suffix(frame["last_name"], suffix)
    _fill_defaults(frame, defaults, collector, chosen, products or {})
    full_name = (frame["first_name"] + " " + frame["last_name"]).str.strip()
    # "N/A" under a Preferred Name read as the name, beside the person's First and Last Name
    no_name = full_name.ne("") & frame["name"].ne("")  # both given: a rare list, looked at only then
    if no_name.any():
        no_name[no_name] = _placeholders(frame["name"][no_name])
    frame["name"] = frame["name"].where(frame["name"].ne("") & ~no_name, full_name)
    collector.warn(
        no_name, "name", "Placeholder name", "'{old}' is no name: sent as {new} (First and Last Name)."
    )
    frame["name"], changed = _with_last_name(frame["name"], frame["last_name"])
    collector.warn(changed, "name", "Last name added", "'{old}' is one word: sent as {new} (its Last Name).")
    if "name" not in sheet.preferred:  # a preferred name may differ from the legal one in every word
        other = full_name.ne("") & frame["name"].ne(full_name) & ~no_name
        if other.any():
            other[other] = _names_another(frame["name"][other], frame["first_name"], frame["last_name"])
        collector.error(
            other,
            "name",
            "Name of another person",
            "'{old}' shares no name with First and Last Name ('{full}') of its row: which person gets "
            "this card? Write that person's name in both, or leave one of them empty.",
            extra={"full": full_name},
        )
    rules.check_scientific(frame, collector)

    frame["state"], changed = normalize.states(frame["state"])
    collector.warn(changed, "state", "State written as a code", "'{old}' changed to {new}.")
    frame["country"], changed = normalize.countries(frame["country"])
    collector.warn(changed, "country", "Country written as a code", "'{old}' changed to {new}.")
    frame["value"], changed = normalize.money(frame["value"])
    collector.warn(changed, "value", "Amount read from text", "'{old}' read as {new}.")
    frame["quantity"] = normalize.whole_numbers(frame["quantity"])
    frame["allow_duplicate"] = normalize.yes_no(frame["allow_duplicate"])
    frame["zip"], zip_text = normalize.zip_text(frame["zip"])
    zips, reformatted, repaired, unconfirmed = normalize.zips(frame["zip"], frame["state"])
    frame["zip"] = zips
    collector.warn(
        zip_text & ~(reformatted | repaired | unconfirmed),
        "zip",
        "ZIP read from text",
        "'{old}' read as {new}.",
    )
    collector.warn(reformatted, "zip", "ZIP+4 reformatted", "ZIP {old} written as {new}.")
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
    return frame


def _fingerprint_and_duplicates(
    frame: pd.DataFrame,
    collector: ProblemCollector,
    contract: SheetContract,
    skipped: pd.Series,
    ordered: Callable[[], Collection[str]] | None = None,
) -> None:
    base = pd.Series(_fingerprints(frame), index=frame.index, dtype=object)
    if not skipped.any():
        _judge_repeats(frame, base, collector, ordered)
        return
    shown = frame[~skipped].copy()  # skipped rows are never anyone's duplicate
    _judge_repeats(shown, base[~skipped], collector, ordered)
    fingerprints = base.copy()
    fingerprints[~skipped] = shown[FINGERPRINT]
    fingerprints[skipped] = _skipped_fingerprints(base[skipped], set(base[~skipped].tolist()))
    frame[FINGERPRINT] = fingerprints
    frame.loc[shown.index[shown[STATUS].eq("duplicate").to_numpy()], STATUS] = "duplicate"


def _judge_repeats(
    frame: pd.DataFrame,
    base: pd.Series,
    collector: ProblemCollector,
    ordered: Callable[[], Collection[str]] | None = None,
) -> None:
    """Fingerprints (with '#2'... for repeats allowed on purpose) and duplicate rows, in place."""
    codes, uniques = pd.factorize(base)
    if len(uniques) == len(base):  # the usual list: no two rows alike
        occurrence = pd.Series(0, index=frame.index, dtype="int64")
        first_row = frame[ROW]
    else:
        occurrence = base.groupby(codes).cumcount()
        first_row = frame[ROW].groupby(codes).transform("first")
    repeat = occurrence.gt(0)
    allowed = repeat & frame["allow_duplicate"].eq("yes")
    fingerprint = base.copy()
    if allowed.any():  # '#2', '#3'... only where built: a million-row column of suffixes costs 150 MB
        fingerprint[allowed] = base[allowed] + "#" + (occurrence[allowed] + 1).astype(str)
    frame[FINGERPRINT] = fingerprint
    duplicate = repeat & ~allowed
    header = collector.header("allow_duplicate")
    where = (
        f"put yes in the '{header}' column"
        if collector.has_column("allow_duplicate")
        else f"add a column '{header}' and put yes in it for this row"
    )
    collector.error(
        duplicate & frame[STATUS].eq("valid"),
        "name",
        "Duplicate row",
        f"same recipient, address and card as row {{first}}; it will not be sent twice. To send it again on "
        f"purpose, {where}.",
        extra={"first": first_row},
    )
    frame.loc[duplicate & frame[STATUS].eq("valid"), STATUS] = "duplicate"
    mark_lookalikes(frame, collector, where, ordered)  # one person written differently: a duplicate too


def _skipped_fingerprints(base: pd.Series, shown: set[str]) -> list[str]:
    """A skipped row keeps the fingerprint it would have if shown (a row ordered before and hidden since is
    still known as ordered), unless a shown row has the same content: then its own, so the ledger never
    takes one for the other."""
    return [fp if fp not in shown else f"{fp}~skipped" for fp in base.tolist()]


def _fingerprints(frame: pd.DataFrame) -> list[str]:
    """sha256 of the ordering fields joined by U+001F (names and address case-folded), first 32 hex digits;
    computed with C-level maps: no Python bytecode per row."""
    fields = [  # case-folded lazily: a million rows' folded copies never exist at once
        map(str.casefold, frame[c].tolist()) if c in _CASE_INSENSITIVE else frame[c].tolist()
        for c in FINGERPRINT_FIELDS
    ]
    digests = map(hashlib.sha256, map(str.encode, map("\x1f".join, zip(*fields, strict=True))))
    return list(map(operator.itemgetter(slice(FINGERPRINT_HEX)), map(_hexdigest, digests)))


_hexdigest = operator.methodcaller("hexdigest")


def summary_lines(result: ValidationResult) -> list[str]:
    """A short text summary: rows, valid, invalid, duplicates, problems by kind."""
    summary = result.summary()
    lines = [
        f"{summary.rows} rows: {summary.valid} valid, {summary.invalid} invalid"
        + (f", {summary.duplicate} duplicate" if summary.duplicate else "")
        + (f", {summary.skipped} skipped (not ordered)" if summary.skipped else "")
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


def problems_by_row(problems: tuple[Problem, ...]) -> dict[int, list[Problem]]:
    grouped: dict[int, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.row, []).append(problem)
    return grouped
