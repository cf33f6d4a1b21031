"""Amounts as the checks read and write them: in US dollars, as Decimal, written without needless cents."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd

from ...money import MONEY_CURRENCY as MONEY_CURRENCY  # every amount is in US dollars: said once, there


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _money_text(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"


def _numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce")
