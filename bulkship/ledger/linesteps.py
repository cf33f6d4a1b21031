"""A vendor status read against the one recorded before it, for :mod:`.tracking`: how far along each is
(a recorded status never steps back), whether a line made a card (its status the only proof of a card mailed
untracked), and a line shown made or queued again after it was recorded ended without one; a line's latest
parcel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ..models import Shipment, VendorLineItem
from ..statuses import NO_CARD_STATUSES, status_letters

# How far along a vendor status is. A recorded status never moves to a lower rank: an answer read before a
# newer one was recorded (a poll racing a webhook, a lagging vendor replica) must not undo it. Statuses not
# listed here are recorded as they come.
ORDER_STATUS_RANK = {"pending": 0, "complete": 1, "failed": 1, "cancelled": 1}
LINE_STATUS_RANK = {"pending": 0, "complete": 1, "shipped": 2, "delivered": 3, "failed": 3, "cancelled": 3}


# A line shown Shipped or Delivered made a card, and so did one shown come back (Returned, Undeliverable: the
# vendor's own words, kept as they came). Tracking fields are only assumed (api-contract.md), and a card
# mailed untracked has none, so the status may be the only proof of it: without a tracking number or shipped
# date, a later Failed / Cancelled ('Refunded') must not replace it, or the row would read "no card was made"
# (reconcile.join.made_no_card) and be sent again: a second card, to an address it came back from. With one,
# the later status is news (returned undeliverable).
CARD_MADE_LINE_STATUSES = frozenset(
    {"shipped", "delivered", "returned", "returnedtosender", "undeliverable", "undelivered", "lost"}
    | {"partiallyshipped", "partiallydelivered", "partlyshipped"}  # a line of several cards, some out
)


def is_step_back(ranks: dict[str, int], before: str | None, after: str | None) -> bool:
    """True when ``after`` is an earlier status than ``before`` (both known to ``ranks``)."""
    old, new = ranks.get((before or "").lower()), ranks.get((after or "").lower())
    return old is not None and new is not None and new < old


def unmakes_card(before: str | None, after: str | None) -> bool:
    """True when a line recorded as having made a card would no longer read so: ended without one
    (Cancelled, 'Refunded'), or any status that does not say a card was made ('Processing' again, 'On
    Hold'). Such a step back was recorded when the status from which it stepped had no rank ('Returned'),
    and the next 'Refunded' then read "no card was made": a second card (found by hunter-vendor3)."""
    made, now = status_letters(before), status_letters(after)
    return made in CARD_MADE_LINE_STATUSES and bool(now) and now not in CARD_MADE_LINE_STATUSES


def shows_card_made(before: str | None, line: VendorLineItem) -> bool:
    """A line recorded Failed or Cancelled that the vendor now shows Shipped or Delivered with its parcel (a
    tracking number, a shipped or delivered date): the vendor sent the card after all. No stale answer, kept
    out by the ranks, can show that of a line that never shipped, and recording it only ever reads a card as
    made; left out, the row read "no card was made" and the next run sent a second card."""
    return (
        (before or "").lower() in NO_CARD_STATUSES
        and (line.status or "").lower() in CARD_MADE_LINE_STATUSES
        and any(s.shows_parcel for s in line.shipments)
    )


def queued_again(before: str | None, line: VendorLineItem) -> bool:
    """A line recorded Failed or Cancelled (no card) that the vendor shows in a status that may still make
    one (Pending again: put back in its queue). Taken for a stale answer, the row read "no card was made" and
    the next run sent a second card while the vendor's was on its way. Recording a stale one only keeps a row
    from being sent again until the next read says Failed once more."""
    after = (line.status or "").lower()
    return (before or "").lower() in NO_CARD_STATUSES and bool(after) and after not in NO_CARD_STATUSES


def _no_card(line: Sequence[Any]) -> bool:
    """A row's recorded line ((line id, cost, status, carrier, tracking number, link, shipped, delivered)):
    ended without a card, nothing shipped (billing.line_ended_without_card)."""
    return str(line[2] or "").lower() in NO_CARD_STATUSES and not any(line[4:8])


def latest_shipment(shipments: Sequence[Shipment]) -> Shipment | None:
    """A line's latest parcel (a card returned and shipped again has two): the one shipped last by its
    dates, whatever order the vendor lists them in; the last listed when dates do not tell."""
    if not shipments:
        return None
    dated = [(_when(s.shipped_date), i) for i, s in enumerate(shipments)]
    if all(when is not None for when, _i in dated):
        return shipments[max(dated, key=lambda d: (d[0], d[1]))[1]]
    return shipments[-1]


def _when(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
