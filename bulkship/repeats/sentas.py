"""What a row of the file now and the line item its card was ordered with differ in, said in figures: how
a row read as its ordered card writes it otherwise, and what an edited row asks that its card did not."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ..folding import fold_unit
from ..models import line2_with_company
from ..plan.lines import DEFAULT_SHIPPING_METHOD
from .cards import _quantity, _Rows

# What a line item sent and the row's fields it came from, for what a row written otherwise says
_SENT_AS = (
    ("name", ("Name",), ("name",)),
    ("street", ("AddressLine1", "AddressLine2"), ("address1", "address2")),
    ("city", ("City",), ("city",)),
    ("state", ("State",), ("state",)),
    ("ZIP", ("Zip",), ("zip",)),
    ("shipping method", ("ShippingMethodId",), ("shipping_method",)),
)
_PUNCTUATION = re.compile(r"[\s,.#]+")


def _written_otherwise(item: Mapping[str, Any], rows: _Rows, index: int) -> list[str]:
    """How row ``index`` writes what line ``item`` sent otherwise ("street '12 Elm St' when ordered, '12 Elm
    Street' now"): what a row that folds to the same card says it differs in."""
    sent = item.get("PhysicalDeliveryAddress") or {}
    said = []
    for label, keys, fields in _SENT_AS:
        then = " ".join(str(sent.get(k) or "") for k in keys).strip()
        now = " ".join(rows.cell(index, f) for f in fields).strip()
        if label == "street":  # line 2 as sent, the Company before it: no street changed to 'St Ortiz Law'
            line1, line2, company = (rows.cell(index, f) for f in ("address1", "address2", "company"))
            now = f"{line1} {line2_with_company(line1, line2, company)}".strip()
        if label == "shipping method":
            now = now or DEFAULT_SHIPPING_METHOD
        if _PUNCTUATION.sub(" ", then).strip().casefold() != _PUNCTUATION.sub(" ", now).strip().casefold():
            said.append(f"{label} '{then}' when ordered, '{now}' now")
    return said


def _other_quantity(item: Mapping[str, Any], rows: _Rows, index: int) -> bool:
    """Whether row ``index`` asks for another number of cards than line ``item`` ordered: an edit, not the
    same card written otherwise (review35)."""
    return _quantity(rows.cell(index, "quantity")) != _quantity(item.get("Quantity"))


def _same_unit(item: Mapping[str, Any], rows: _Rows, index: int) -> bool:
    """Whether row ``index`` names the apartment, suite or floor line ``item`` was sent to ('Apt 2' = '#2'):
    the street compares folded without it, and 'Apt 3' for the 'Apt 2' sent, or 'Apt 3' added where none
    was, corrects where the card went (read as the ordered row written otherwise, exit 0, the card at the
    wrong door said sent as ordered: found by review46 reviewing d5be345e). Such a row is held, as before."""
    sent = item.get("PhysicalDeliveryAddress") or {}
    return fold_unit(sent.get("AddressLine1"), sent.get("AddressLine2")) == rows.unit(index)


# what a row read as the ordered row may write otherwise (:func:`_written_otherwise`'s words): not the city,
# the state or the shipping method, which may be a change the card as sent does not have
_ONLY_WRITTEN = ("name '", "street '", "ZIP '")


def asked_otherwise(item: Mapping[str, Any], rows: _Rows, index: int) -> str:
    """What row ``index`` asks of the card line ``item`` ordered, where its card, value or number of cards
    differ: "ordered TARGET 50.00, this list asks TARGET 100.00" ("" where none does). A held edit said
    only 'other value': the person deciding, on the web page's review or Held rows, whether to send it
    anyway could not see which card the person had (the web page's known leftover, fixed by hunter-web26)."""
    then = (str(item.get("ProductId") or ""), _money(item.get("Value")), _quantity(item.get("Quantity")))
    now = (
        rows.cell(index, "product"),
        _money(rows.cell(index, "value")),
        _quantity(rows.cell(index, "quantity")),
    )
    if (then[0].casefold(), then[1], then[2]) == (now[0].casefold(), now[1], now[2]):
        return ""
    counted = then[2] != now[2]
    return f"ordered {_card(*then, counted=counted)}, this list asks {_card(*now, counted=counted)}"


def _card(product: str, value: str, quantity: int, *, counted: bool) -> str:
    card = f"{product.upper()} {value}".strip()
    return f"{quantity} x {card}" if counted else card


def _money(value: object) -> str:
    text = str(value if value is not None else "").strip()
    try:
        return f"{Decimal(text):,.2f}"
    except (InvalidOperation, ValueError):
        return text
