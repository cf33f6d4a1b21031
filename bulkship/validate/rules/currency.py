"""Cards and shipping methods the vendor prices in another currency, or at a price bulkship cannot read:
refused, never added to dollar totals nor counted as free (moved out of catalog.py for issue 14)."""

from __future__ import annotations

import pandas as pd

from ...models import NO_PRICE, UNREADABLE_PRICE, Catalog
from ..collect import ProblemCollector
from .money import MONEY_CURRENCY


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
    unpriced = currency.eq(UNREADABLE_PRICE.upper())
    collector.error(
        currency.notna() & ~unpriced & ~skip,
        "product",
        "Product in another currency",
        "{new} is priced in {currency}; bulkship orders and adds up in US dollars only, so it is not sent. "
        "Choose a card priced in USD.",
        extra={"currency": currency.fillna("")},
    )
    collector.error(
        unpriced & ~skip,
        "product",
        "Product without a readable price",
        "the vendor's catalog gives {new} a fee or discount bulkship cannot read (or lists it twice at "
        "different prices), so what the orders cost cannot be said; not sent. Choose another card, or ask "
        "the vendor its price.",
    )


def _check_shipping_currency(frame: pd.DataFrame, catalog: Catalog, collector: ProblemCollector) -> None:
    """A shipping method priced in another currency (or at a price that cannot be read, or at none) is
    refused: its price would be added to dollar totals, or counted as free (found by review6; a method
    listed with its price under another name, by hunter-vendor2)."""
    from ...plan import DEFAULT_SHIPPING_METHOD

    foreign = {
        m.id: m.currency
        for m in catalog.shipping_methods.values()
        if m.currency and m.currency.upper() != MONEY_CURRENCY
    }
    if not foreign:
        return
    method = frame["shipping_method"].replace("", DEFAULT_SHIPPING_METHOD)
    currency = method.map(foreign)
    unpriced = currency.isin((UNREADABLE_PRICE, NO_PRICE))
    collector.error(
        currency.notna() & ~unpriced,
        "shipping_method",
        "Shipping method in another currency",
        "shipping method {method} is priced in {currency}; bulkship orders and adds up in US dollars only, "
        "so it is not sent. Choose a shipping method priced in USD.",
        extra={"currency": currency.fillna(""), "method": method},
    )
    collector.error(
        unpriced,
        "shipping_method",
        "Shipping method without a price",
        "the vendor's list of shipping methods gives {method} no price bulkship can read (or two different "
        "ones), so what the orders cost cannot be said; not sent. Choose another shipping method, or ask the "
        "vendor its price.",
        extra={"method": method},
    )
