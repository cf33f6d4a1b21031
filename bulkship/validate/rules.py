"""The checks: structure (pandera, lazy, from schemas/recipients.toml), catalog and address rules."""

from __future__ import annotations

import operator
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from ..models import ADDRESS_LINE_MAX, NOT_SENT, Catalog, Product
from ..schema import CHECK_MAX_LENGTH, CHECK_PATTERN, CHECK_REQUIRED, SheetContract, pandera_schema
from . import normalize
from .collect import ProblemCollector
from .normalize import by_unique, casefold, fullmatch_mask, map_text
from .usps import MILITARY_CITIES, MILITARY_STATES, PO_BOX, STATE_NAMES, known_zip_prefixes, zip_prefix_states

MIN_QUANTITY = 1
MAX_QUANTITY = 1000  # api-contract: Quantity 1-1000
US = "US"

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


def _schema(contract: SheetContract) -> Any:
    if contract.source not in _SCHEMAS:
        _SCHEMAS[contract.source] = pandera_schema(contract)
    return _SCHEMAS[contract.source]


# Printed on the parcel: a letter lost to a wrong text encoding (U+FFFD) would be printed too.
PRINTED_FIELDS = ("first_name", "last_name", "name", "company", "address1", "address2", "city")
LOST_LETTER = "\ufffd"


def check_lost_letters(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A cell holding U+FFFD: some program read the text in the wrong encoding before it reached bulkship
    (or the file was read with an --encoding that does not fit), and the letter there is gone."""
    from_parts = pd.Series(False, index=frame.index)
    for column in PRINTED_FIELDS:
        mask = frame[column].str.contains(LOST_LETTER, regex=False)
        if column == "name":  # a name made of First and Last Name is reported there, once
            mask &= ~from_parts
        elif column in ("first_name", "last_name"):
            from_parts |= mask
        collector.error(
            mask,
            column,
            "Letter lost by a text encoding",
            "'{old}' holds '\ufffd' where a letter was lost when the text was saved or read in another "
            "encoding; type the letter again (or save the file as 'CSV UTF-8' from the program that made "
            "it).",
        )


def check_structure(frame: pd.DataFrame, contract: SheetContract, collector: ProblemCollector) -> None:
    """Required, max length and format, every failure of every row at once (pandera lazy=True)."""
    from pandera.errors import SchemaErrors

    try:
        _schema(contract).validate(frame, lazy=True)
        return
    except SchemaErrors as exc:
        cases = exc.failure_cases
    cases = cases[cases["column"].isin(list(contract.columns)) & cases["index"].notna()]
    for (column, check), group in cases.groupby(["column", "check"], sort=False):
        spec = contract.columns[str(column)]
        reported = collector.has_error(spec.name)
        group = group[~group["index"].isin(list(reported.index[reported]))]
        rows = [int(i) for i in group["index"]]
        values = [str(v) for v in group["failure_case"]]
        if check == CHECK_REQUIRED:
            hint = _EMPTY_HINTS.get(spec.name, f"fill in {spec.title}")
            messages = [f"is empty; {hint}." for _ in rows]
            kind = f"{spec.title} missing"
        elif check == CHECK_MAX_LENGTH:
            messages = [
                f"'{v}' is {len(v)} characters long; the vendor accepts at most {spec.max_length}."
                for v in values
            ]
            kind = f"{spec.title} too long"
        elif check == CHECK_PATTERN:
            messages = [_pattern_message(spec.name, v, spec.pattern_message) for v in values]
            kind = f"{spec.title} not valid"
        else:
            messages = [f"'{v}' fails the check {check}." for v in values]
            kind = f"{spec.title} not valid"
        if spec.name in NOT_SENT and check != CHECK_REQUIRED:  # costs no card (found by newcomer8)
            kept = "kept in your results as typed, never sent to the vendor."
            messages = [f"{m.rstrip('.')}: {kept}" for m in messages]
            collector.add_each(rows, spec.name, kind, messages, values, severity="warning")
            continue
        collector.add_each(rows, spec.name, kind, messages, values)


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


def _ids(column: pd.Series, lookup: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    folded = by_unique(column, casefold)
    mapped = folded.map(lookup)
    renamed = mapped.notna() & casefold(mapped.fillna("")).ne(folded)  # case alone is no news
    return mapped.where(mapped.notna(), column).astype(object), renamed


MONEY_CURRENCY = "USD"  # every amount bulkship plans, totals and writes is in US dollars


def _check_currency(
    frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector, skip: pd.Series
) -> None:
    """A card the vendor prices in another currency is refused: its value and cost would be added to dollar
    totals and written with a dollar format (fail closed; found by helper vendor3)."""
    foreign = {
        p.id: p.currency.upper()
        for p in catalog.products.values()
        if p.currency and p.currency.upper() != MONEY_CURRENCY
    }
    if not foreign:
        return
    currency = frame["product"].map(foreign)
    collector.error(
        currency.notna() & ~skip,
        "product",
        "Product in another currency",
        "{new} is priced in {currency}; bulkship orders and adds up in US dollars only, so it is not sent. "
        "Choose a card priced in USD.",
        extra={"currency": currency.fillna("")},
    )


def _check_shipping_currency(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    """A shipping method priced in another currency (or at a price that cannot be read) is refused: its
    price would be added to dollar totals, or counted as free (found by review6)."""
    from ..plan import DEFAULT_SHIPPING_METHOD

    foreign = {
        m.id: m.currency
        for m in catalog.shipping_methods.values()
        if m.currency and m.currency.upper() != MONEY_CURRENCY
    }
    if not foreign:
        return
    method = frame["shipping_method"].replace("", DEFAULT_SHIPPING_METHOD)
    currency = method.map(foreign)
    collector.error(
        currency.notna(),
        "shipping_method",
        "Shipping method in another currency",
        "shipping method {method} is priced in {currency}; bulkship orders and adds up in US dollars only, "
        "so it is not sent. Choose a shipping method priced in USD.",
        extra={"currency": currency.fillna(""), "method": method},
    )


def product_ids(catalog: Catalog) -> dict[str, str]:
    """Each product's id and name, case-folded -> its id: a list may name a card "CVS Pharmacy"."""
    products = {p.id.casefold(): p.id for p in catalog.products.values()}
    products |= {p.name.casefold(): p.id for p in catalog.products.values() if p.name}
    return products


def check_catalog(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    """Product, value, quantity, shipping method and card carrier against the vendor catalog."""
    frame["product"], renamed = _ids(frame["product"], product_ids(catalog))
    collector.warn(renamed, "product", "Product name read as its id", "'{old}' read as product {new}.")
    shippable = sorted(p.id for p in catalog.products.values() if p.ships_physically)
    filled = frame["product"].ne("")
    known = frame["product"].isin(list(catalog.products))
    collector.error(
        filled & ~known,
        "product",
        "Unknown product",
        "'{old}' is not a product in the vendor catalog; use one of " + ", ".join(shippable) + ".",
    )
    digital = frame["product"].isin([p.id for p in catalog.products.values() if not p.ships_physically])
    collector.error(
        digital,
        "product",
        "Product cannot be shipped",
        "{new} is a digital-only card and cannot be shipped as a physical card; use one of "
        + ", ".join(shippable)
        + ".",
    )
    _check_currency(frame, catalog, collector, skip=digital | (filled & ~known))
    _check_values(frame, catalog, collector)
    _check_quantity(frame, collector)
    methods = {m.id.casefold(): m.id for m in catalog.shipping_methods.values()}
    methods |= {m.name.casefold(): m.id for m in catalog.shipping_methods.values() if m.name}
    methods |= {m.name.split(" (")[0].casefold(): m.id for m in catalog.shipping_methods.values() if m.name}
    frame["shipping_method"], renamed = _ids(frame["shipping_method"], methods)
    collector.warn(
        renamed, "shipping_method", "Shipping method read as its id", "'{old}' read as shipping method {new}."
    )
    collector.error(
        frame["shipping_method"].ne("") & ~frame["shipping_method"].isin(list(catalog.shipping_methods)),
        "shipping_method",
        "Unknown shipping method",
        "'{old}' is not a shipping method; use one of " + ", ".join(sorted(catalog.shipping_methods)) + ".",
    )
    _check_shipping_currency(frame, catalog, collector)
    _check_carriers(frame, catalog, collector)
    _check_folded_address(frame, catalog, collector)


def _check_folded_address(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    """Line 2 sent inside line 1 (a vendor not known to keep AddressLine2) must fit line 1's limit: an
    apartment number is never cut off or dropped."""
    if catalog.sends_address_line2 or "address2" not in frame:
        return
    folded = frame["address1"].str.len() + 2 + frame["address2"].str.len()
    collector.warn(  # the result workbook shows the address as it is sent
        frame["address2"].ne("") & folded.le(ADDRESS_LINE_MAX),
        "address2",
        "Address line 2 sent inside line 1",
        "sent inside line 1 as '{address1}, {new}' (this vendor may drop a separate line 2).",
    )
    collector.error(
        frame["address2"].ne("") & folded.gt(ADDRESS_LINE_MAX),
        "address2",
        "Address too long",
        f"line 2 '{{new}}' is sent inside line 1 (this vendor may drop a separate line 2), and together they "
        f"exceed {ADDRESS_LINE_MAX} characters; shorten line 1 or line 2.",
    )


# '25,00', '1.000,00': an amount written with a decimal comma (a European Excel's CSV)
_COMMA_AMOUNT = re.compile(r"\$?\s*(?:\d{1,3}(?:\.\d{3})+|\d+),\d{1,2}")


def _pattern_message(field: str, value: str, usual: str) -> str:
    """What is wrong with a value that does not read: a decimal comma is named as such, with the fix."""
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
    return f"'{value}' {usual}."


def _float_noise(value: str) -> str | None:
    """The amount in cents a number with a long tail of decimals is within a millionth of, if any."""
    amount = _amount(value.strip())
    exponent = amount.as_tuple().exponent if amount is not None and amount.is_finite() else 0
    if amount is None or not isinstance(exponent, int) or exponent >= -3:
        return None
    cents = amount.quantize(Decimal("0.01"))
    return _money_text(cents) if abs(amount - cents) < Decimal("0.000001") else None


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _money_text(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"


def _numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce")


def _check_values(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    value_ok = by_unique(frame["value"], lambda c: fullmatch_mask(c, normalize.MONEY))
    for product_id, rows in frame.groupby("product", sort=False).groups.items():
        product = catalog.products.get(str(product_id))
        if product is None or not product.ships_physically:
            continue
        in_product = frame.index.isin(rows) & value_ok
        values = frame["value"]
        if product.denomination_type == "Variable" and len(product.denominations) >= 2:
            low, high = product.denominations[0], product.denominations[-1]
            numeric = by_unique(values.where(in_product, "0"), _numbers)
            outside = in_product & ((numeric < float(low)) | (numeric > float(high)))
            collector.error(
                outside,
                "value",
                "Value not allowed for the product",
                f"{{new}} is outside the range {product.id} accepts: "
                f"{_money_text(low)} to {_money_text(high)}.",
            )
        else:
            allowed = {_money_text(d) for d in product.denominations}
            collector.error(
                in_product & ~values.isin(allowed),
                "value",
                "Value not allowed for the product",
                f"{{new}} is not a value {product.id} comes in; use one of "
                + ", ".join(_money_text(d) for d in product.denominations)
                + ".",
            )


def _check_quantity(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    digits = by_unique(frame["quantity"], lambda c: fullmatch_mask(c, r"\d{1,7}"))
    number = by_unique(frame["quantity"].where(digits, "0"), _numbers)
    collector.error(
        digits & ((number < MIN_QUANTITY) | (number > MAX_QUANTITY)),
        "quantity",
        "Quantity out of range",
        f"{{new}} cards is outside what one line may order: {MIN_QUANTITY} to {MAX_QUANTITY}.",
    )


def _carrier_choices(product: Product) -> list[str]:
    return ["DEFAULT", *[c.id for c in product.card_carriers if c.id != "DEFAULT"]]


def _check_carriers(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    every = {c.id.casefold(): c.id for p in catalog.products.values() for c in p.card_carriers}
    every |= {c.name.casefold(): c.id for p in catalog.products.values() for c in p.card_carriers if c.name}
    every["default"] = "DEFAULT"
    frame["carrier_id"], renamed = _ids(frame["carrier_id"], every)
    collector.warn(
        renamed, "carrier_id", "Card carrier read as its id", "'{old}' read as card carrier {new}."
    )
    for product_id, rows in frame.groupby("product", sort=False).groups.items():
        product = catalog.products.get(str(product_id))
        if product is None or not product.ships_physically:
            continue
        choices = _carrier_choices(product)
        in_product = frame.index.isin(rows)
        carrier = frame["carrier_id"]
        if product.requires_card_carrier:
            collector.error(
                in_product & carrier.eq(""),
                "carrier_id",
                "Card carrier missing",
                f"is empty; {product.id} needs a card carrier: one of {', '.join(choices)}.",
            )
        collector.error(
            in_product & carrier.ne("") & ~carrier.isin(choices),
            "carrier_id",
            "Unknown card carrier",
            f"'{{old}}' is not a card carrier for {product.id}; use "
            + (" or ".join(choices) if len(choices) > 1 else "DEFAULT or leave it empty")
            + ".",
        )


# What a request form leaves in an address or a name nobody has filled in yet: a parcel sent to it is lost.
PLACEHOLDER = re.compile(
    r"(?i)\s*(?:tbd|tba|tbc|n/?a|none|unknown|pending|\?+|-+|\.+|x+|same(?:\s+as)?\s+(?:above|previous)|"
    r"see\s+(?:above|below|notes?)|to\s+be\s+(?:determined|confirmed|added)|address\s+to\s+follow|"
    # ... and what people write for "I will tell you later" or "you know where" (found by newcomer8)
    r"ditto|\"+|as\s+above|same|same\s+as\s+(?:row\s+\d+|before|last\s+(?:time|year)|home|work|office)|"
    r"(?:(?:address|addr\.?)\s+)?on\s+file|use\s+(?:home|work|office|current|my)\s+address|"
    r"will\s+(?:provide|send|follow|update)|ask\s+(?:manager|hr|me|him|her|them)|(?:hold\s+for\s+)?pick\s*-?\s*up|"
    r"hand\s+deliver(?:y|ed)?|deliver\s+to\s+(?:desk|office)|in\s+person|to\s+follow)\s*"
)
# Where to ship, written where a name or a street belongs ("Ship To" = Home, a street "Office")
PLACE = re.compile(
    r"(?i)\s*(?:home|office|work|residence|residential|mailing|business|personal|remote|campus|headquarters|hq|"
    r"site|desk|front\s+desk|mail\s*room|reception|company)(?:\s+(?:address|addr\.?|location))?\s*"
)


# Who a gift is for, where the name belongs ("Recipient" = Self / Spouse beside "Employee")
RELATION = re.compile(
    r"(?i)\s*(?:self|employee|spouse|partner|husband|wife|child|son|daughter|dependent|dependant|parent|"
    r"family|guest|other|n/?a)\s*"
)


def check_placeholders(frame: pd.DataFrame, collector: ProblemCollector) -> None:
    """A name, street or city that only holds a placeholder ('TBD', 'N/A', 'same as above', '-'), and a name
    that says who the gift is for instead of naming the person ('Self', 'Spouse')."""
    names = frame["name"]
    relation = names.ne("") & by_unique(names, lambda c: fullmatch_mask(c, RELATION.pattern))
    collector.error(
        relation,
        "name",
        "Not a name",
        "'{old}' says who the gift is for, not the recipient's name (a parcel addressed to '{old}' is lost): "
        "write the person's name in the name column, or map the column that holds it (Columns page, or "
        "[columns] name = ...).",
    )
    for column, what in (("name", "name"), ("address1", "street address"), ("city", "city")):
        values = frame[column]
        placeholder = values.ne("") & by_unique(values, lambda c: fullmatch_mask(c, PLACEHOLDER.pattern))
        if column != "city":  # a town may be called Office or Home; a person or a street is not
            placeholder |= values.ne("") & by_unique(values, lambda c: fullmatch_mask(c, PLACE.pattern))
        collector.error(
            placeholder & ~collector.has_error(column),
            column,
            "Placeholder instead of an address",
            f"'{{old}}' is a placeholder, not a {what}: fill in the recipient's real {what}, or leave the "
            "row out until it is known.",
        )


def check_addresses(frame: pd.DataFrame, collector: ProblemCollector, *, reject_po_boxes: bool) -> None:
    """State, ZIP/state agreement, military mail rules, PO boxes, US only."""
    check_placeholders(frame, collector)
    state = frame["state"]
    two_letters = by_unique(state, lambda c: fullmatch_mask(c, r"[A-Z]{2}"))
    collector.error(
        two_letters & ~state.isin(list(STATE_NAMES)),
        "state",
        "State not valid",
        "'{old}' is not a US state; use the 2-letter code (e.g. MA) or the full name (Massachusetts).",
    )
    zip_ok = by_unique(frame["zip"], normalize._is_zip) & ~collector.has_error("zip")
    state_ok = state.isin(list(STATE_NAMES))
    prefix = map_text(frame["zip"], operator.itemgetter(slice(3)), lambda c: c.str[:3])
    unknown_prefix = zip_ok & ~prefix.isin(list(known_zip_prefixes()))
    collector.error(
        unknown_prefix,
        "zip",
        "ZIP code not in use",
        "'{new}' is not a ZIP code in use in the United States; check it against the address.",
    )
    mismatch = zip_ok & state_ok & ~unknown_prefix & ~(prefix + state).isin(zip_prefix_states())
    collector.error(
        mismatch,
        "zip",
        "ZIP does not match the state",
        "ZIP {new} is not in state {state}; check both against the recipient's address.",
    )
    city = by_unique(frame["city"], lambda c: c.str.upper().str.replace(".", "", regex=False))
    military_city = city.isin(list(MILITARY_CITIES))
    military_state = state.isin(list(MILITARY_STATES))
    collector.error(
        military_city & ~military_state & state.ne(""),
        "state",
        "Military address not valid",
        "military mail to {city} needs state AA, AE or AP, not '{new}'.",
    )
    collector.error(
        military_state & ~military_city & city.ne(""),
        "city",
        "Military address not valid",
        "state {state} is for military mail; the city must be APO, FPO or DPO, not '{new}'.",
    )
    po_box = pd.Series(False, index=frame.index)
    for column in ("address1", "address2"):
        text = "\n".join(frame[column].tolist())
        if "box" in text.lower() and re.search(PO_BOX, text):  # one scan first: PO boxes are rare
            po_box |= frame[column].str.contains(PO_BOX, regex=True)
    if reject_po_boxes:
        collector.error(
            po_box,
            "address1",
            "PO box not allowed",
            "'{new}' is a PO box; this program ships to street addresses only. Ask for a street address.",
        )
    else:
        collector.warn(
            po_box,
            "address1",
            "PO box",
            "'{new}' is a PO box; cards are delivered by mail, some couriers do not deliver to PO boxes.",
        )
    collector.error(
        frame["country"].ne(US) & frame["country"].ne("") & ~collector.has_error("country"),
        "country",
        "Country not supported",
        "'{old}': physical gift cards ship to US addresses only (including APO/FPO/DPO).",
    )
