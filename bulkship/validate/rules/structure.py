"""What the sheet contract checks (pandera, lazy, from schemas/recipients.toml): required, max length and
format, each failure in plain words; and letters or digits lost before the file reached bulkship."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pandas as pd

from ...models import NOT_SENT
from ...quoting import quoted
from ...schema import (
    CHECK_MAX_LENGTH,
    CHECK_PATTERN,
    CHECK_REQUIRED,
    SheetContract,
    StructuralCheck,
    pandera_schema,
    structural_checks,
)
from .. import normalize
from ..collect import ProblemCollector
from ..normalize import by_unique, fullmatch_mask
from .money import _amount, _money_text

_EMPTY_HINTS = {
    "name": "fill in the recipient's name, or First Name and Last Name",
    "address1": "fill in the street address",
    "city": "fill in the city (APO, FPO or DPO for military mail)",
    "state": "fill in the 2-letter state code, e.g. MA",
    "zip": "fill in the 5-digit ZIP code",
    "product": "fill in a product id from the catalog, e.g. CVS, or set a default in the program settings",
    "value": "fill in the card's value in dollars, e.g. 50",
}


_SCHEMAS: dict[str, Any] = {}  # contract source -> pandera schema, built once per process
_CHECKS: dict[str, list[StructuralCheck]] = {}  # contract source -> the same checks, without pandera


def _passes(frame: pd.DataFrame, contract: SheetContract) -> bool:
    """Whether pandera would find nothing: every column present, no NA, every check true on every cell."""
    if contract.source not in _CHECKS:
        _CHECKS[contract.source] = structural_checks(contract)
    names = list(contract.columns)
    if not set(names) <= set(frame.columns) or frame[names].isna().to_numpy().any():
        return False
    return all(bool(test(frame[name]).all()) for name, _, test in _CHECKS[contract.source])


def _schema(contract: SheetContract, name: str) -> Any:
    """The pandera schema of one column of the contract."""
    key = f"{contract.source}\0{name}"
    if key not in _SCHEMAS:
        _SCHEMAS[key] = pandera_schema(contract, only=name)
    return _SCHEMAS[key]


# Printed on the parcel: a letter lost to a wrong text encoding (U+FFFD) would be printed too.
PRINTED_FIELDS = ("first_name", "last_name", "name", "company", "address1", "address2", "city")
LOST_LETTER = "\ufffd"


# ... or the '?' a program writes for a letter its encoding cannot hold: Excel's 'CSV (Comma delimited)' (its
# default CSV on Windows) wrote 'Nguy?n V?n An', '?? ??' (山田 太郎), '?ukasz Wa??sa', 'Micha? Nowak', each
# valid and printed so (found by hunter-sheets20). A '?' touching a letter, or a word of nothing but '?' (a
# cell of nothing else is a placeholder: .placeholders.PLACEHOLDER)
_QUESTION_FOR_A_LETTER = re.compile(r"[^\W\d_]\?|\?[^\W\d_]|(?<!\S)\?+(?!\S)")
_ONLY_QUESTIONS = re.compile(r"\s*\?+\s*")


def check_lost_letters(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A cell holding U+FFFD: some program read the text in the wrong encoding before it reached bulkship
    (or the file was read with an --encoding that does not fit), and the letter there is gone; or a '?'
    where a program that could not keep the letter wrote one."""
    if not any(_holds_a_mark(frame[column]) for column in PRINTED_FIELDS):
        return  # (nearly every list: ~4 ms of pandas steps a validate, each finding nothing)
    from_parts = pd.Series(False, index=frame.index)
    for column in PRINTED_FIELDS:
        mask = frame[column].str.contains(LOST_LETTER, regex=False)
        asked = ~mask & by_unique(
            frame[column],
            lambda c: c.str.contains(_QUESTION_FOR_A_LETTER) & ~fullmatch_mask(c, _ONLY_QUESTIONS),
        )
        if column == "name":  # a name made of First and Last Name is reported there, once
            mask &= ~from_parts
            asked &= ~from_parts
        elif column in ("first_name", "last_name"):
            from_parts |= mask | asked
        collector.error(
            mask,
            column,
            "Letter lost by a text encoding",
            "'{old}' holds '\ufffd' where a letter was lost when the text was saved or read in another "
            "encoding; type the letter again (or save the file as 'CSV UTF-8' from the program that made "
            "it).",
        )
        collector.error(
            asked,
            column,
            "Letter lost by a text encoding",
            "'{old}' holds '?', which the parcel would show: where a letter was lost (a program that could "
            "not keep it wrote '?' instead; Excel's 'CSV (Comma delimited)' keeps only Western European "
            "letters), save the file again as 'CSV UTF-8 (Comma delimited)' or as Excel Workbook (.xlsx), or "
            "type the letter; where it asks a question, settle it and clear the '?'.",
        )


def _holds_a_mark(column: pd.Series) -> bool:
    """Whether some cell holds a '?' or U+FFFD: without one, no check of :func:`check_lost_letters` finds
    anything."""
    return any(isinstance(v, str) and ("?" in v or LOST_LETTER in v) for v in column.tolist())


def check_structure(frame: pd.DataFrame, contract: SheetContract, collector: ProblemCollector) -> None:
    """Required, max length and format, every failure of every row at once (pandera lazy=True)."""
    # pandera only to word what fails: its pass costs ~10 ms even on 5 rows, importing it ~0.2 s a process
    if _passes(frame, contract):
        return
    for name in _failing(frame, contract):  # a column at a time: a million rows failing six columns made
        _check_column(frame, contract, collector, name)  # six million failure cases at once (2 GB)


def _failing(frame: pd.DataFrame, contract: SheetContract) -> list[str]:
    """The contract's columns of ``frame`` some cell fails (NA, or a check false), in order; a column the
    frame lacks is said by the columns' own checks, never of a row."""
    tests = _CHECKS[contract.source]
    return [
        name
        for name in contract.columns
        if name in frame.columns
        and (
            frame[name].isna().to_numpy().any()
            or not all(bool(test(frame[name]).all()) for column, _, test in tests if column == name)
        )
    ]


def _check_column(
    frame: pd.DataFrame, contract: SheetContract, collector: ProblemCollector, name: str
) -> None:
    """Every failure of one column, each in plain words (pandera, lazy)."""
    from pandera.errors import SchemaErrors

    try:
        _schema(contract, name).validate(frame[[name]], lazy=True)
        return
    except SchemaErrors as exc:
        cases = exc.failure_cases
    cases = cases[cases["column"].isin([name]) & cases["index"].notna()]
    for (column, check), group in cases.groupby(["column", "check"], sort=False):
        spec = contract.columns[str(column)]
        reported = collector.has_error(spec.name)
        group = group[~group["index"].isin(list(reported.index[reported]))]
        rows = [int(i) for i in group["index"]]
        values = [str(v) for v in group["failure_case"]]
        said_of = spec.name
        if check == CHECK_REQUIRED:
            hint = _EMPTY_HINTS.get(spec.name, f"fill in {spec.title}")
            messages = [f"is empty; {hint}." for _ in rows]
            kind = f"{spec.title} missing"
            if spec.name == "name" and not collector.has_column("name"):
                # said of the name column the list has: "column 'Name': is empty" named a column a First
                # Name / Last Name list does not have (found by newcomer2)
                said_of = collector.person_column()
                parts = [collector.header(c) for c in ("first_name", "last_name") if collector.has_column(c)]
                messages = [f"is empty{_as_is(parts)}; fill in the recipient's name." for _ in rows]
        elif check == CHECK_MAX_LENGTH:
            most = spec.max_length
            messages = [
                f"'{_start_of(v)}' is {len(v):,} characters long; the vendor accepts at most {most}."
                for v in values
            ]
            kind = f"{spec.title} too long"
        elif check == CHECK_PATTERN:
            messages = [_pattern_message(spec.name, v, spec.pattern_message) for v in values]
            kind = f"{spec.title} not valid"
        else:
            messages = [f"'{quoted(v)}' fails the check {check}." for v in values]
            kind = f"{spec.title} not valid"
        if spec.name in NOT_SENT and check != CHECK_REQUIRED:  # costs no card (found by newcomer8)
            kept = "kept in your results as typed, never sent to the vendor."
            messages = [f"{m.rstrip('.')}: {kept}" for m in messages]
            collector.add_each(rows, spec.name, kind, messages, values, severity="warning")
            continue
        collector.add_each(rows, said_of, kind, messages, values)


def _as_is(headers: list[str]) -> str:
    """', as is 'Last Name'' when the name is split over two columns, both empty."""
    return f", as is '{headers[1]}'" if len(headers) == 2 else ""


def check_scientific(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """Text like 1.23457E+11 in an id, ZIP or phone: Excel shortened a long number and its digits are lost."""
    for column in ("external_id", "zip", "phone"):
        mask = by_unique(frame[column], lambda c: fullmatch_mask(c, normalize.SCIENTIFIC))
        report = collector.warn if column in NOT_SENT else collector.error
        report(
            mask,
            column,
            "Number shortened to scientific notation",
            "'{old}' is a number Excel shortened to scientific notation; the original digits are lost. "
            "Format the column as Text in the source file and export it again.",
        )


# '25,00', '1.000,00': an amount written with a decimal comma (a European Excel's CSV)
_COMMA_AMOUNT = re.compile(r"\$?\s*(?:\d{1,3}(?:\.\d{3})+|\d+),\d{1,2}")


# '€ 50,00', '50 €', 'GBP 25': an amount in another currency than the dollar (a European list's), refused
# with only 'is not an amount' (found by hunter-sheets12)
# ... and a dollar of another country ('CA$25', 'C$25', 'AU$25', '$25 CAD', '25.00 (CAD)'), which read only
# "is not an amount" (found by hunter-money33)
_CURRENCY = (
    r"[€£¥₹₩₽]|(?:euros?|eur|gbp|chf|jpy|inr|cad|aud|mxn|sek|nok|dkk|pln|nzd|hkd|sgd|brl)\b"
    r"|(?:ca|c|au|a|nz|hk|s|mx|r)\$"
)
_OTHER_CURRENCY = re.compile(
    rf"(?i)\s*(?:({_CURRENCY})\s*[\d.,\s]*\d|\$?\s*\d[\d.,\s]*?\s*\(?({_CURRENCY})\.?\)?)\s*"
)
_NAMED = {"CA": "CAD", "C": "CAD", "AU": "AUD", "A": "AUD", "NZ": "NZD", "HK": "HKD", "S": "SGD", "MX": "MXN"}
_NAMED |= {"R": "BRL", "EURO": "EUR", "EUROS": "EUR"}  # the real written R$; "25 euros"


# an amount of eight digits or more, as the sheets write money ('$12,000,000.00', '99999999.99 USD'): the
# most one card may be is 9,999,999.99 (normalize.MONEY); it was refused as 'not an amount'
_EIGHT_DIGITS = r"(?:\d{2,3}(?:,\d{3}){2}|\d{1,3}(?:,\d{3}){3,}|\d{8,})"
_TOO_BIG = re.compile(rf"(?i)\s*(?:usd|us)?\s*\$?\s*{_EIGHT_DIGITS}(?:\.\d{{1,2}})?\s*(?:usd)?\s*")

QUOTED_CHARS = 40  # of a value too long, quoted by its start: a 200,000-character cell was quoted whole


def _start_of(value: str) -> str:
    return value if len(value) <= QUOTED_CHARS else value[:QUOTED_CHARS] + "…"


def _pattern_message(field: str, value: str, usual: str) -> str:
    """What is wrong with a value that does not read: a decimal comma is named as such, with the fix, and
    another currency than the dollar."""
    other = _OTHER_CURRENCY.fullmatch(value) if field == "value" else None
    if other is not None:
        comma = " (with a point, not a comma)" if re.search(r",\d{1,2}\s*\D*$", value) else ""
        currency = (other.group(1) or other.group(2)).upper()
        currency = _NAMED.get(currency.removesuffix("$"), currency)
        return (
            f"'{value}' is an amount in {currency}, and a card's value is in US dollars; type the value in"
            f" dollars as a plain number, such as 50 or 25.50{comma}."
        )
    if field == "value" and _COMMA_AMOUNT.fullmatch(value.strip()):
        dot = value.strip().lstrip("$").strip().replace(".", "").replace(",", ".")
        return (
            f"'{value}' is written with a decimal comma, which bulkship does not guess at (a comma also "
            f"separates thousands); write it with a point, {dot}, or save the file with '.' as the decimal "
            "separator."
        )
    cents = _float_noise(value) if field == "value" else None
    if cents is not None:  # 37.499999999999: a formula's result, shown as 37.50 (found by newcomer8)
        return (
            f"'{value}' is {cents} and a tiny remainder the sheet does not show (a formula's result?); type "
            f"the amount itself, {cents}, or paste the cell as a value rounded to cents."
        )
    if field == "value" and _TOO_BIG.fullmatch(value):  # a catalog's 1 to 100,000,000 (hunter-money9)
        return (
            f"'{quoted(value)}' is more than the 9,999,999.99 bulkship sends on one card; check the amount "
            "(a total for many people, or cents typed as dollars?) and type one card's value."
        )
    if field == "value" and _beyond_cents(value):  # 100/3 shown as $33.33 (found by review18)
        return (
            f"'{quoted(value)}' has more than two decimals, and a card's value is in dollars and cents (the "
            "sheet may show it rounded); type the amount to send, such as 25.50."
        )
    return f"'{quoted(value)}' {usual}."


def _beyond_cents(value: str) -> bool:
    """A number with more than two decimals ('33.3333333333333', '20.005'): an amount, not of cents."""
    amount = _amount(value.strip())
    if amount is None or not amount.is_finite():
        return False
    exponent = amount.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(Decimal("0.01"))


def _float_noise(value: str) -> str | None:
    """The amount in cents a number with a long tail of decimals is within a millionth of, if any."""
    amount = _amount(value.strip())
    exponent = amount.as_tuple().exponent if amount is not None and amount.is_finite() else 0
    if amount is None or not isinstance(exponent, int) or exponent >= -3:
        return None
    cents = amount.quantize(Decimal("0.01"))
    return _money_text(cents) if abs(amount - cents) < Decimal("0.000001") else None
