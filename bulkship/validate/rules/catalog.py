"""The rows against the vendor catalog: product, value, quantity, shipping method and card carrier, each
named by its id or its name (:mod:`.catalognames`); prices in another currency refused (:mod:`.currency`);
line 2 folded into line 1 must fit."""

from __future__ import annotations

import re

import pandas as pd

from ...models import ADDRESS_LINE_MAX, Catalog, Product, line2_with_company
from .. import fewnormal, normalize
from ..collect import ProblemCollector
from ..fewrows import few_cells, say
from ..normalize import by_unique, fullmatch_mask
from .cardvalues import _fitting
from .catalognames import (
    _by_brand,
    _by_id_then_name,
    _ids,
    _methods,
    card_brands,
    near_card,
    near_cards,
    product_ids,
)
from .currency import _check_currency, _check_shipping_currency
from .money import _money_text, _numbers
from .shipwords import method_said, methods_listed

MIN_QUANTITY = 1
MAX_QUANTITY = 1000  # api-contract: Quantity 1-1000


def _empty_as_read(collector: ProblemCollector, column: str) -> pd.Series:
    """The rows whose cell of ``column`` was empty as read (a value given for every row filled it in), each
    distinct cell read once: the strip of every cell was a per-row loop, three times per validate."""
    cells = collector.original(column)
    if (texts := fewnormal.texts(cells)) is not None:  # (a few rows: plain Python, the same mask)
        return pd.Series([not text.strip() for text in texts], index=cells.index, dtype=bool)
    return by_unique(cells, lambda cells: cells.astype(str).str.strip().eq(""))


def check_catalog(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    """Product, value, quantity, shipping method and card carrier against the vendor catalog."""
    # an empty cell given the card for every row (the Columns page's, a program's [defaults]) is said so, not
    # "'' is not a product in the vendor catalog" of a card the person typed (found by newcomer8)
    given = _empty_as_read(collector, "product")
    written = frame["product"]
    frame["product"], renamed = _ids(written, product_ids(catalog))
    unknown = frame["product"].ne("") & ~frame["product"].isin(list(catalog.products))
    several = pd.Series("", index=frame.index)
    if unknown.any():  # 'Visa' of the one Visa card
        branded, several = _by_brand(frame["product"], unknown, card_brands(catalog))
        frame.loc[branded.index, "product"] = branded
        renamed |= pd.Series(frame.index.isin(branded.index), index=frame.index)
        unknown &= ~renamed
    _said_read_as(collector, "product", renamed, given, written, "product", "Product name read as its id")
    shippable = ", ".join(sorted(p.id for p in catalog.products.values() if p.ships_physically))
    collector.error(
        unknown & ~given & several.ne(""),
        "product",
        "Unknown product",
        "'{old}' names more than one card of the vendor catalog ({several}): write which one.",
        extra={"several": several},
    )
    unnamed = unknown & ~given & several.eq("")
    near = pd.Series("", index=frame.index)
    if unnamed.any():  # a typo of one card ('Starbuck') named beside the list, never picked for the row
        spellings = near_cards(catalog)
        near = by_unique(
            written[unnamed].astype(str), lambda cells: cells.map(lambda c: near_card(c, spellings))
        )
        near = near.reindex(frame.index, fill_value="")
    collector.error(
        unnamed & near.eq(""),
        "product",
        "Unknown product",
        f"'{{old}}' is not a product in the vendor catalog; use one of {shippable}.",
    )
    collector.error(
        unnamed & near.ne(""),
        "product",
        "Unknown product",
        f"'{{old}}' is not a product in the vendor catalog; use one of {shippable} (the nearest to it: "
        "{near}).",
        extra={"near": near},
    )
    collector.error(
        unknown & given,
        "product",
        "Unknown product",
        "is empty, and '{new}', the product given for every row, is not a product in the vendor catalog: "
        f"give every row one of {shippable}, or add a column for it to the list.",
    )
    digital = frame["product"].isin([p.id for p in catalog.products.values() if not p.ships_physically])
    # ... naming the cards that come in the row's value, where some do not: 'Amazon' 150 was told 'use one of
    # CVS, ..., TARGET', and TARGET 150 was refused on the next run (found by newcomer17)
    fitting = by_unique(
        frame["value"].where(digital, ""), lambda cells: cells.map(lambda c: _fitting(c, catalog))
    )
    collector.error(
        digital,
        "product",
        "Product cannot be shipped",
        "{new} is a digital-only card and cannot be shipped as a physical card; use one of {fitting}.",
        extra={"fitting": fitting.where(fitting.ne(""), shippable)},
    )
    _check_currency(frame, catalog, collector, skip=digital | unknown)
    _check_values(frame, catalog, collector)
    _check_quantity(frame, collector)
    listed = [m for m in catalog.shipping_methods.values() if m.name]
    names = {(said.casefold(), m.id) for m in listed for said in (m.name, m.name.split(" (")[0])}
    methods = _by_id_then_name(list(catalog.shipping_methods), sorted(names))
    given = _empty_as_read(collector, "shipping_method")
    written = frame["shipping_method"]
    frame["shipping_method"], renamed = _methods(written, methods)
    frame["shipping_method"], said = _methods_said(frame["shipping_method"], catalog)  # 'Next Day'
    renamed |= said
    _said_read_as(
        collector,
        "shipping_method",
        renamed,
        given,
        written,
        "shipping method",
        "Shipping method read as its id",
    )
    unknown = frame["shipping_method"].ne("") & ~frame["shipping_method"].isin(list(catalog.shipping_methods))
    choices = methods_listed(catalog.shipping_methods)
    collector.error(
        unknown & ~given,
        "shipping_method",
        "Unknown shipping method",
        f"'{{old}}' is not a shipping method; use one of {choices}.",
    )
    collector.error(
        unknown & given,
        "shipping_method",
        "Unknown shipping method",
        "is empty, and '{new}', the shipping method given for every row, is not one: give every row one of "
        f"{choices}, or add a column for it to the list.",
    )
    _check_shipping_currency(frame, catalog, collector)
    _check_carriers(frame, catalog, collector)
    _check_folded_address(frame, catalog, collector)


def _methods_said(column: pd.Series, catalog: Catalog) -> tuple[pd.Series, pd.Series]:
    """``column`` with each cell naming no method read as the one it surely says in other words ('Next Day'
    the method taking 1 day: :func:`.shipwords.method_said`), and the cells so read."""
    methods = catalog.shipping_methods
    unknown = column.ne("") & ~column.isin(list(methods))
    if not unknown.any():
        return column, pd.Series(False, index=column.index)
    said = by_unique(column[unknown], lambda cells: cells.map(lambda c: method_said(str(c), methods)))
    said = said.dropna()
    column = column.copy()
    column.loc[said.index] = said
    return column, pd.Series(column.index.isin(said.index), index=column.index)


def _said_read_as(
    collector: ProblemCollector,
    column: str,
    renamed: pd.Series,
    given: pd.Series,
    written: pd.Series,
    what: str,
    kind: str,
) -> None:
    """A name read as its id, said of the cell that held it, or once of the value given for every row."""
    collector.warn(renamed & ~given, column, kind, f"'{{old}}' read as {what} {{new}}.")
    _said_once(collector, renamed & given, column, written, what)


def _said_once(
    collector: ProblemCollector, rows: pd.Series, column: str, written: pd.Series, what: str
) -> None:
    """The value given for every row (the Columns page's, a program's [defaults]) read as its id: said once.
    On each row it filled, 'Thank you' read as THANKYOU made all 240 rows of a mailing rows with a warning,
    the street split over two lines on 27 of them lost among those (found by newcomer10). The rows the list
    leaves out are not counted: 'read as VISA-PREPAID (7 row(s))' over 6 rows ordered, a Terminated one
    left out, read as a card too many (found by newcomer11)."""
    rows = collector.judged(rows)
    if not rows.any():
        return
    pairs = pd.DataFrame({"written": written[rows], "new": collector.frame[column][rows]})
    for (said, new), count in pairs.value_counts(sort=False).items():
        collector.say_once(
            f"The {what} given for every row, '{said}', is read as {new} ({count:,} row(s)): said here once, "
            "not as a warning on every row."
        )


def _check_folded_address(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    """Line 2 as sent (the Company before it: :func:`line2_with_company`) must fit its line's limit, and so
    must line 2 sent inside line 1 (a vendor not known to keep AddressLine2): an apartment number or a
    company is never cut off or dropped."""
    if "address2" not in frame and "company" not in frame:
        return
    blank = pd.Series("", index=frame.index, dtype=object)
    line1 = frame.get("address1", blank).fillna("").astype(str)
    own2 = frame.get("address2", blank).fillna("").astype(str)
    company = frame.get("company", blank).fillna("").astype(str)
    sent2 = pd.Series(list(map(line2_with_company, line1, own2, company)), index=frame.index, dtype=object)
    if catalog.sends_address_line2:
        for column, rows in _line2_columns(frame, own2):
            collector.error(
                rows & sent2.ne(own2) & sent2.str.len().gt(ADDRESS_LINE_MAX),
                column,
                "Address too long",
                f"the Company is sent on address line 2 as '{{line2}}' (the vendor's address has no company "
                f"field), and that exceeds {ADDRESS_LINE_MAX} characters; shorten the Company or line 2.",
                extra={"line2": sent2},
            )
        return
    folded = line1.str.len() + 2 + sent2.str.len()
    for column, rows in _line2_columns(frame, own2):
        collector.warn(  # the result workbook shows the address as it is sent
            rows & sent2.ne("") & folded.le(ADDRESS_LINE_MAX),
            column,
            "Address line 2 sent inside line 1",
            "sent inside line 1 as '{address1}, {line2}' (this vendor may drop a separate line 2).",
            extra={"line2": sent2},
        )
        collector.error(
            rows & sent2.ne("") & folded.gt(ADDRESS_LINE_MAX),
            column,
            "Address too long",
            f"line 2 '{{line2}}' is sent inside line 1 (this vendor may drop a separate line 2), and "
            f"together they exceed {ADDRESS_LINE_MAX} characters; shorten line 1 or line 2.",
            extra={"line2": sent2},
        )


def _line2_columns(frame: pd.DataFrame, own2: pd.Series) -> list[tuple[str, pd.Series]]:
    """The column each row's line 2 as sent is said in: its own line 2 where filled in, else its Company (a
    row of a Company alone was said in its empty 'Suite': found by newcomer7, a client gift list)."""
    if "address2" not in frame or "company" not in frame:
        return [("address2" if "address2" in frame else "company", pd.Series(True, index=frame.index))]
    own = own2.ne("")
    return [("address2", own), ("company", ~own)]


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
    said = f"{{new}} cards is outside what one line may order: {MIN_QUANTITY} to {MAX_QUANTITY}."
    texts = fewnormal.texts(frame["quantity"])
    if texts is not None and "".join(texts).isascii():  # (a few rows: plain Python; '٣' read as pandas does)
        outside = [
            _DIGITS.fullmatch(t) is not None and not MIN_QUANTITY <= int(t) <= MAX_QUANTITY for t in texts
        ]
        say(collector.error, frame.index, outside, "quantity", "Quantity out of range", said)
        return
    digits = by_unique(frame["quantity"], lambda c: fullmatch_mask(c, _DIGITS))
    number = by_unique(frame["quantity"].where(digits, "0"), _numbers)
    collector.error(
        digits & ((number < MIN_QUANTITY) | (number > MAX_QUANTITY)),
        "quantity",
        "Quantity out of range",
        said,
    )


_DIGITS = re.compile(r"\d{1,7}")


def _carrier_choices(product: Product) -> list[str]:
    return ["DEFAULT", *[c.id for c in product.card_carriers if c.id != "DEFAULT"]]


def _check_carriers(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    if _no_carrier_to_check(
        frame, catalog
    ):  # the usual list of a few rows: none named but DEFAULT, none needed
        frame["carrier_id"] = frame["carrier_id"].astype(object)  # (as read below: the same cells)
        return
    every = {c.id.casefold(): c.id for p in catalog.products.values() for c in p.card_carriers}
    every |= {c.name.casefold(): c.id for p in catalog.products.values() for c in p.card_carriers if c.name}
    every["default"] = "DEFAULT"
    # an empty cell given the carrier for every row (the Columns page's, a program's [defaults]): said so, not
    # "'' is not a card carrier for CVS; use DEFAULT or leave it empty" of a cell that is empty (hunter-web14)
    given = _empty_as_read(collector, "carrier_id")
    written = frame["carrier_id"]
    frame["carrier_id"], renamed = _ids(written, every)
    collector.warn(
        renamed & ~given, "carrier_id", "Card carrier read as its id", "'{old}' read as card carrier {new}."
    )
    _said_once(collector, renamed & given, "carrier_id", written, "card carrier")
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
        unknown = in_product & carrier.ne("") & ~carrier.isin(choices)
        collector.error(
            unknown & ~given,
            "carrier_id",
            "Unknown card carrier",
            f"'{{old}}' is not a card carrier for {product.id}; use "
            + (" or ".join(choices) if len(choices) > 1 else "DEFAULT or leave it empty")
            + ".",
        )
        collector.error(
            unknown & given,
            "carrier_id",
            "Unknown card carrier",
            f"is empty, and {{new}}, the card carrier given for every row, is not one for {product.id} ("
            + " or ".join(choices)
            + "): give every row another one, or add a column for it to the list.",
        )


def _no_carrier_to_check(frame: pd.DataFrame, catalog: Catalog) -> bool:
    """Whether a list of a few rows names no card carrier but DEFAULT (the program's default) and orders no
    card that needs one, found in plain Python (..fewrows): :func:`_check_carriers` would say nothing and
    read every carrier cell as it is (DEFAULT is every card's carrier, "" is none's name)."""
    few = few_cells(frame, ("carrier_id", "product"))
    if few is None or not set(few["carrier_id"]) <= {"", "DEFAULT"}:
        return False
    products = [catalog.products.get(p) for p in set(few["product"])]
    every = [c.id for p in catalog.products.values() for c in p.card_carriers]
    needed = any(p is not None and p.ships_physically and p.requires_card_carrier for p in products)
    return not needed and all(every)
