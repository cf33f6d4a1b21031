"""What a ``FulfillmentComplete`` webhook delivery names: its order's ids and PONumber. The payload is
not documented (api-contract.md assumes the full order object); senders often wrap the order in an event
with an Id of its own, under a key of their choosing (``Order``, ``Data``, ``Payload``, ``Resource``,
``data.object``). The receiver (:mod:`bulkship.webhook`) takes the first id its ledger knows, else the
first PONumber it knows: a delivery is a signal to read the order again, never the order itself."""

from __future__ import annotations

from typing import Any

from .client.parse import MAPPING, field, po_number_of

MAX_DEPTH = 3  # how deep a wrapped order is looked for (an event, its data, the object in it)


def order_ids_of(body: Any, depth: int = 0) -> list[str]:
    """Every id a delivery may name its order by, the likeliest first: the order object's ``Id``, or an
    event's ``OrderId`` and the ids of what it wraps (any object in it) before the event's own ``Id``."""
    if not isinstance(body, MAPPING):
        return []

    def given(key: str) -> list[str]:
        value = field(body, key)  # keys read case-insensitively, as every vendor answer is
        return [str(value).strip()] if isinstance(value, str | int) and str(value).strip() else []

    first, others = _wrapped(body, depth)
    explicit = given("OrderId") + given("Order_Id")
    wrapped = [i for inner in first for i in order_ids_of(inner, depth + 1)]
    own = given("Id")
    elsewhere = [i for inner in others for i in order_ids_of(inner, depth + 1)]
    return list(dict.fromkeys(explicit + wrapped + own + elsewhere))


def po_numbers_of(body: Any, depth: int = 0) -> list[str]:
    """The PONumbers a delivery names, at its top or in what it wraps, the top first."""
    if not isinstance(body, MAPPING):
        return []
    own = po_number_of(body)
    first, others = _wrapped(body, depth)
    wrapped = [po for inner in first + others for po in po_numbers_of(inner, depth + 1)]
    return list(dict.fromkeys(([own] if own else []) + wrapped))


def _wrapped(body: Any, depth: int) -> tuple[list[Any], list[Any]]:
    """The objects a delivery wraps, within the depth: its ``Order`` or ``Data`` (the likeliest, before
    the event's own Id), and any other (``Payload``, ``Resource``..., after it)."""
    if depth >= MAX_DEPTH:
        return [], []
    first = [v for v in (field(body, "Order"), field(body, "Data")) if isinstance(v, MAPPING)]
    others = [v for v in body.values() if isinstance(v, MAPPING) and not any(v is f for f in first)]
    return first, others
