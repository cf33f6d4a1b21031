"""Column-wise normalisers. Each takes text Series and returns the new Series plus the mask of changed cells,
so that the caller can record every change as a warning. No per-row Python where a column op exists."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from . import fewnormal
from .usps import COUNTRY_ALIASES, COUNTRY_NUMBERS, TERRITORY_COUNTRIES, state_lookup

MONEY_NOISE = r"(?i)^\s*(?:usd|us\$)?\s*\$?\s*|\s*(?:usd|dollars?)\s*$|,(?=\d{3}(?:\D|$))|\$"
MONEY = r"\d{1,7}(?:\.\d{1,2})?"
# An amount as people type it ($10.00, 1,250.50): read without a word; anything else read is said ('50 USD').
ORDINARY_MONEY = r"\$?\s?(?:\d{1,3}(?:,\d{3})+|\d{1,7})(?:\.\d{1,2})?"
DECIMAL_COMMA = r"\$?\s*\d+,\d{1,2}"
SCIENTIFIC = r"(?i)[-+]?\d(?:\.\d+)?E[-+]?\d+"
YES_WORDS = {"yes", "y", "true", "1", "x", "ok", "allow", "allowed"}
NO_WORDS = {"no", "n", "false", "0", "", "-"}


UNIQUE_SHARE = 0.5  # below this share of distinct values, string work runs once per distinct value
# Up to this many cells of text, distinct values are found in Python: pandas' factorize costs ~30-80 µs a
# call, more than the work it saves on a short list (by_unique runs ~50 times a validate: issue 14)
_FEW_CELLS = 256


def factorized(column: pd.Series) -> tuple[np.ndarray, Any]:
    """``pd.factorize(column, sort=False, use_na_sentinel=False)``: each cell's code and the distinct values
    in order of first appearance (a list for a short column whose every value is a ``str``)."""
    if (column.dtype == object or isinstance(column.dtype, pd.StringDtype)) and len(column) <= _FEW_CELLS:
        values = column.tolist()
        if all(type(value) is str for value in values):
            first: dict[str, int] = {}
            codes = [first.setdefault(value, len(first)) for value in values]
            return np.array(codes, dtype=np.intp), list(first)
    return pd.factorize(column, sort=False, use_na_sentinel=False)


def by_unique(column: pd.Series, func: Callable[[pd.Series], Any]) -> Any:
    """``func(column)``, computed once per distinct value when values repeat (states, products, amounts,
    shipping methods: a few dozen values in 100k rows). ``func`` may return a Series or a tuple of them."""
    codes, uniques = factorized(column)
    if len(uniques) > len(column) * UNIQUE_SHARE:
        return func(column)
    result = func(pd.Series(uniques, dtype=object))

    def spread(series: pd.Series) -> pd.Series:
        return pd.Series(series.to_numpy()[codes], index=column.index)

    return tuple(spread(s) for s in result) if isinstance(result, tuple) else spread(result)


def map_text(
    column: pd.Series, func: Callable[[str], Any], fallback: Callable[[pd.Series], pd.Series]
) -> pd.Series:
    """``func`` on every value, as pandas' own string method ``fallback`` would give it (same dtype), but at
    C speed: pandas calls a Python lambda per value. A value that is not text (NA) goes the pandas way."""
    try:
        return pd.Series(list(map(func, column.tolist())), index=column.index, dtype=column.dtype)
    except TypeError:
        return fallback(column)


def map_each(
    column: pd.Series, func: Callable[[str], Any], fallback: Callable[[pd.Series], pd.Series]
) -> pd.Series:
    """``by_unique(column, lambda c: map_text(c, func, fallback))``, same values and dtype, for a ``func``
    cheaper than hashing (strip, casefold): it runs on every value and the distinct count only picks the
    dtype that ``by_unique`` would have given."""
    values = column.tolist()
    try:
        result = list(map(func, values))
        distinct = len(set(values))
    except TypeError:
        return by_unique(column, lambda c: map_text(c, func, fallback))
    if distinct > len(values) * UNIQUE_SHARE:
        return pd.Series(result, index=column.index, dtype=column.dtype)
    return pd.Series(np.array(result, dtype=object), index=column.index)  # by_unique's spread infers it


def fullmatch_mask(column: pd.Series, pattern: str | re.Pattern[str], *, na: bool = True) -> pd.Series:
    """``column.str.fullmatch(pattern)`` as booleans (``na`` where a value is not text), without a Python
    call per value."""
    regex = re.compile(pattern)
    values = column.tolist()
    try:
        matched = np.fromiter(map(bool, map(regex.fullmatch, values)), dtype=bool, count=len(values))
    except TypeError:
        return column.str.fullmatch(regex).fillna(na).astype(bool)
    return pd.Series(matched, index=column.index)


def states(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    if (cells := fewnormal.texts(column)) is not None:  # (a few rows: plain Python, the same result)
        return fewnormal.states(column, cells)
    return by_unique(column, _states)


def _states(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'massachusetts', 'ma', 'Ma.', 'N.Y.', 'US-NY' -> the code where the name or code is known; others
    left for the checks."""
    lookup = state_lookup()
    folded = column.str.casefold()
    mapped = folded.map(lookup)
    if mapped.notna().all():  # the usual list: every state a code or a name, nothing to spell otherwise
        result = mapped.astype(object)
        return result, result.ne(column)
    for spelling in (
        folded.str.rstrip("."),
        folded.str.replace(r"[.\s]", "", regex=True),  # dotted codes: 'N.Y.', 'D. C.'
        folded.str.replace(r"^us-", "", regex=True),  # ISO 3166-2: 'US-MA'
    ):
        mapped = mapped.where(mapped.notna(), spelling.map(lookup))
    result = mapped.where(mapped.notna(), column.str.upper()).astype(object)
    return result, result.ne(column) & mapped.notna()


def spelled_out(column: pd.Series, names: frozenset[str]) -> pd.Series:
    """The cells that are one of ``names`` (folded, spaces around aside): :data:`.usps.STATES_SPELLED_OUT`."""
    if (cells := fewnormal.texts(column)) is not None:
        return fewnormal.spelled_out(column, cells, names)
    return by_unique(column.astype(str), lambda c: c.str.strip().str.casefold().isin(names))


def territory_states(state: pd.Series, country: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each empty state whose country is a US territory (:data:`.usps.TERRITORY_COUNTRIES`) as its code, and
    the rows so filled."""
    if (states_written := fewnormal.texts(state)) is not None and (
        countries_written := fewnormal.texts(country)
    ) is not None:
        return fewnormal.territory_states(state, states_written, country, countries_written)
    written = country.astype(str).str.strip().str.casefold()
    territory = written.str.replace(r"^(\d{3})\.0+$", r"\1", regex=True).map(TERRITORY_COUNTRIES)
    filled = state.astype(str).str.strip().eq("") & territory.notna()
    return state.where(~filled, territory), filled


def countries(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    if (cells := fewnormal.texts(column)) is not None:
        return fewnormal.countries(column, cells)
    return by_unique(column, _countries)


def _countries(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Each country as its 2-letter code: by its name or code (:data:`.usps.COUNTRY_ALIASES`), or its ISO
    3166 number ('840', '840.0' as a workbook's number reads: :data:`.usps.COUNTRY_NUMBERS`)."""
    mapped = column.str.casefold().map(COUNTRY_ALIASES)
    numbered = column.str.strip().str.replace(r"^(\d{3})\.0+$", r"\1", regex=True).map(COUNTRY_NUMBERS)
    mapped = mapped.where(mapped.notna(), numbered)
    result = mapped.where(mapped.notna(), column).astype(object)
    return result, result.ne(column)


_LAST_FIRST = re.compile(r"^([^,\d]+?),\s*([^,\d]+)$")
_NOT_A_FIRST_NAME = re.compile(
    r"(?i)^(?:jr|sr|ii|iii|iv|v|phd|md|dds|esq|inc|llc|ltd|corp|co|gmbh|plc|lp|llp|pc|pa)\.?$"
)
LAST_FIRST_SHARE = 0.6  # "Lopez, Maria" in this share of a name column: it is written Last, First


def _as_first_last(value: str) -> str | None:
    match = _LAST_FIRST.match(value)
    if match is None or _NOT_A_FIRST_NAME.match(match.group(2).strip()):
        return None
    return f"{match.group(2).strip()} {match.group(1).strip()}"


def last_first(column: pd.Series, *, declared: bool) -> tuple[pd.Series, pd.Series, pd.Series]:
    """'Lopez, Maria' -> 'Maria Lopez' when the header says the column is written Last, First (``declared``)
    or most of its names are; 'Maria Lopez, Jr.' and 'Acme, Inc.' are left alone. Also the rows left as
    written whose one word before the comma reads as a last name ('Lopez, Maria' among First Last names),
    each with how it would read turned around: said on the row (found by newcomer6 and newcomer7)."""
    unchanged = pd.Series(False, index=column.index)
    none = pd.Series("", index=column.index, dtype=object)
    values = column.tolist()
    commas = [i for i, v in enumerate(values) if isinstance(v, str) and "," in v]
    if not commas:
        return column, unchanged, none
    turned = {i: first_last for i in commas if (first_last := _as_first_last(values[i]))}
    filled = sum(1 for v in values if isinstance(v, str) and v)
    if not turned or (not declared and len(turned) < filled * LAST_FIRST_SHARE):
        lone = [i for i in turned if " " not in values[i].partition(",")[0].strip()]
        said = none.copy()
        said.iloc[lone] = [turned[i] for i in lone]
        return column, unchanged, said
    for i, first_last in turned.items():
        values[i] = first_last
    changed = unchanged.copy()
    changed.iloc[list(turned)] = True
    return pd.Series(values, index=column.index, dtype=object), changed, none


def money(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    if (cells := fewnormal.texts(column)) is not None:
        return fewnormal.money(column, cells)
    return by_unique(column, _money)


def _money(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'$1,200.00' -> '1200'; '25.5' -> '25.50'. Amounts keep two decimals unless whole. Unreadable text is
    left as it is for the pattern check to report; a decimal comma ('25,50') too: it is ambiguous. The mask
    marks the amounts whose reading is worth a warning: not an ordinary '$1,200.00', but '50 USD'."""
    ambiguous = column.str.fullmatch(DECIMAL_COMMA)
    stripped = column.str.replace(MONEY_NOISE, "", regex=True)
    readable = stripped.str.fullmatch(MONEY) & ~ambiguous
    parts = stripped.str.partition(".")
    whole = parts[0].str.lstrip("0").replace("", "0")
    cents = parts[2].str.ljust(2, "0")
    amount = whole.where(cents.eq("00") | cents.eq(""), whole + "." + cents)
    result = amount.where(readable, column).astype(object)
    noise = stripped.ne(column) & ~column.str.fullmatch(ORDINARY_MONEY)  # what was not plain is said
    return result, noise & readable


# Fields whose values are digits or codes: full-width or other compatibility forms of them
# ('５０', 'ＭＡ', typed with an Asian input method or copied from a PDF) are the ASCII they stand for.
ASCII_FIELDS = ("state", "zip", "country", "product", "value", "quantity", "shipping_method", "carrier_id")


def ascii_forms(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'５０' -> '50', 'ＭＡ' -> 'MA' (Unicode NFKC, only for values that are not ASCII already); digits of
    other scripts as digits ('٠٢١٠٨' -> '02108': an amount so written was read, a ZIP refused as not in
    use)."""
    if _all_ascii(column):
        return column, pd.Series(False, index=column.index)
    result = by_unique(column, lambda c: map_text(c, _nfkc, lambda s: s.str.normalize("NFKC")))
    return result, result.ne(column)


# Fields printed on the parcel, where a Japanese input method's full-width forms ('５ Main St', 'Ａｎｎ')
# went to the vendor as typed (found by hunter-sheets3); other characters NFKC would change ('½', '№') stay
LABEL_FIELDS = ("name", "first_name", "last_name", "company", "address1", "address2", "city")
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def half_width(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """'５ Ｍａｉｎ Ｓｔ' -> '5 Main St': the full-width forms of ASCII as ASCII, nothing else."""
    if _all_ascii(column):
        return column, pd.Series(False, index=column.index)
    result = by_unique(column, lambda c: map_text(c, _half, lambda s: s.map(_half, na_action="ignore")))
    return result, result.ne(column)


def _half(value: str) -> str:
    return value if value.isascii() else value.translate(_HALF_WIDTH)


def _all_ascii(column: pd.Series) -> bool:
    """Whether every value is ASCII text already (the common case: nothing to change, no per-value work)."""
    try:
        return "".join(column.tolist()).isascii()
    except TypeError:  # a value that is not text
        return False


def _nfkc(value: str) -> str:
    if value.isascii():
        return value
    value = unicodedata.normalize("NFKC", value)
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c for c in value)


def whole_numbers(column: pd.Series) -> pd.Series:
    """'1.0' (a number formatted by some exporter) -> '1'."""
    return by_unique(column, lambda c: c.str.replace(r"^(\d+)\.0+$", r"\1", regex=True))


def yes_no(column: pd.Series) -> pd.Series:
    if (cells := fewnormal.texts(column)) is not None:
        return fewnormal.yes_no(column, cells, YES_WORDS, NO_WORDS)
    folded = by_unique(column, casefold)
    return column.where(~folded.isin(YES_WORDS), "yes").where(~folded.isin(NO_WORDS), "")


def casefold(column: pd.Series) -> pd.Series:
    return map_text(column, str.casefold, lambda c: c.str.casefold())


# "The same as the row above": a ditto mark ('"', as typed in Japan '〃', made curly by autocorrect '”', two
# apostrophes) or its words. '〃' on line 2 and '"' as the Company were printed on the parcel (found by
# hunter-sheets10); and the word in other languages: Japanese and Chinese '同上', the Latin 'idem' of Spanish,
# French and Italian lists
DITTO = r"[\"“”„‟″〃״ˮ](?:\s*[\"“”„‟″〃״ˮ])*|'{2,}|[‘’]{2,}|ditto|(?:same\s+)?as\s+above|same|同上|[ií]dem\.?"


# A cell marked empty in brackets: an Excel pivot table's '(blank)', '(empty)', '[blank]', '<none>'
EMPTY_MARK = r"[(\[<{]\s*(?:blank|empty|none|null|nil|n/?a|nothing)\s*[)\]>}]"


# What a form leaves in a part of an address that may stay empty ("Address 2" = N/A, "Company" = -): no such
# part, though it would be printed on the parcel as written
NOTHING = re.compile(
    r"(?i)\s*(?:n/?a|n\.a\.?|none|nil|null|not\s+applicable|[-–—]+|\.+|x+|"
    r"no\s+(?:apt|apartment|unit|suite|ste|floor|company)\.?|"
    # ... or the 0 a VLOOKUP (INDEX/MATCH, ='Sheet2'!C4) gives for an empty cell (found by hunter-sheets8:
    # line 2 '0' was printed on the parcel)
    r"0+(?:\.0+)?|"
    # ... or what an Excel pivot table shows for an empty item, '(blank)', and its kin; or the 'nan' and
    # '<NA>' a script's export writes (found by hunter-sheets9: '(blank)' was printed on line 2 of every
    # parcel of a list copied out of a pivot table)
    rf"{EMPTY_MARK}|blank|empty|nan|<na>|\"\"|'')\s*"
)


def nothing_written(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``column`` with the cells that say there is no such part ("N/A", "-", "none") emptied; those cells."""
    if (cells := fewnormal.texts(column)) is not None:
        return fewnormal.nothing_written(column, cells, NOTHING)
    said = column.ne("") & by_unique(column, lambda c: fullmatch_mask(c, NOTHING.pattern))
    return column.where(~said, ""), said
