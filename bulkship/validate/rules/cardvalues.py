"""The cards a row's value comes in, told to a row whose card cannot ship ('Amazon' 150: VISA-PREPAID, the
one physical card that comes in 150), so the card it is told to use is one the next run accepts."""

from __future__ import annotations

import re

import pandas as pd

from ...models import Catalog, Product
from .. import normalize
from .money import _money_text, _numbers


def _takes(product: Product, value: str) -> bool:
    """Whether ``product`` comes in ``value`` (a money text, as :func:`_check_values` reads it)."""
    if product.denomination_type == "Variable" and len(product.denominations) >= 2:
        low, high = product.denominations[0], product.denominations[-1]
        return float(low) <= _numbers(pd.Series([value])).iloc[0] <= float(high)
    return value in {_money_text(d) for d in product.denominations}


def _fitting(value: str, catalog: Catalog) -> str:
    """The physical cards that come in ``value`` ('' when it is no amount, or when none or all of them do),
    with the values of the others: 'VISA-PREPAID: the card that comes in 150 (the others: TARGET 25, 50, 100,
    250)'."""
    physical = sorted((p for p in catalog.products.values() if p.ships_physically), key=lambda p: p.id)
    if not re.fullmatch(normalize.MONEY, str(value)):
        return ""
    fit = [p.id for p in physical if _takes(p, str(value))]
    if not fit or len(fit) == len(physical):
        return ""
    cards = "the cards that come" if len(fit) > 1 else "the card that comes"
    return ", ".join(fit) + f": {cards} in {value} (the others: {_rest(physical, fit)})"


def _rest(physical: list[Product], fit: list[str]) -> str:
    """What the physical cards not in ``fit`` come in ('TARGET 25, 50, 100, 250')."""
    return "; ".join(
        f"{p.id} "
        + (
            f"{_money_text(p.denominations[0])} to {_money_text(p.denominations[-1])}"
            if p.denomination_type == "Variable" and len(p.denominations) >= 2
            else ", ".join(_money_text(d) for d in p.denominations)
        )
        for p in physical
        if p.id not in fit
    )
