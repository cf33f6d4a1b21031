"""A vendor line's parcels (its tracking), read wherever the vendor writes them. Nothing of it is
documented (api-contract.md: Shipments are assumed), and what is read here decides more than a column: a
line the vendor ended Failed or Cancelled made no card only when it shows no parcel
(``reconcile.join.made_no_card``), and such a row is sent again. A tracking number missed because it sits
in another shape (``"Tracking": {"Number": ...}``, ``"TrackingNumbers": [...]``, a tracking link alone)
read a returned card as none made: a second card."""

from __future__ import annotations

from typing import Any

from ..folding import no_reference
from ..models import Shipment
from .parse import MAPPING, field, lowered, text

# Where a parcel's tracking number may be: flat, or an object or a list under one of these names.
TRACKING_KEYS = (
    "TrackingNumber", "TrackingNo", "TrackingCode", "TrackingId", "Tracking", "TrackingNumbers",
    "TrackingInfo", "TrackingDetails",
)  # fmt: skip
# Inside a tracking object ("Tracking": {"Number": ..., "Url": ...}).
_NUMBER_KEYS = ("Number", "TrackingNumber", "Code", "Id", "Value")
_LINK_KEYS = ("TrackingUrl", "TrackingLink", "TrackingUri")
# A line is its own parcel only with a tracking number or link of its own (read only then: most have none).
_OWN_PARCEL_KEYS = frozenset(key.lower() for key in (*TRACKING_KEYS, *_LINK_KEYS))
_PARCEL_LISTS = (
    "Shipments", "Shipment", "Packages", "Parcels", "Fulfillments", "ClaimData", "Claim", "Claims",
)  # fmt: skip


def _tracking(value: Any) -> tuple[str, str]:
    """(tracking number, tracking link) of a value found under a tracking key: text, an object, a list."""
    if value is None or isinstance(value, bool):
        return "", ""
    if isinstance(value, MAPPING):
        number, _link = _tracking(field(value, *_NUMBER_KEYS))
        return number, _said(text(value, "Url", "Link", "Uri", *_LINK_KEYS))
    if isinstance(value, list):
        found = [_tracking(v) for v in value]
        return next((f for f in found if f[0]), next((f for f in found if f[1]), ("", "")))
    return ("", "") if isinstance(value, float) else (_said(str(value)), "")


def _tracking_of(raw: Any) -> tuple[str, str]:
    """(tracking number, tracking link) of a parcel record: the first key of :data:`TRACKING_KEYS` giving a
    number (the usual ``TrackingNumber`` read first, the others only without it), the link beside it or in
    the tracking object."""
    number, link = _tracking(field(raw, TRACKING_KEYS[0]))
    if not number and isinstance(raw, MAPPING):
        keys = lowered(raw)
        for key in TRACKING_KEYS[1:]:
            found, found_link = _tracking(keys.get(key.lower()))
            link = link or found_link
            if found:
                number, link = found, found_link or link
                break
    return number, _said(text(raw, *_LINK_KEYS)) or link


def _shipment(raw: Any) -> Shipment:
    number, link = _tracking_of(raw)
    return Shipment(
        tracking_number=number,
        carrier=text(raw, "Carrier", "CarrierName", "ShippingCarrier"),
        shipping_method_id=text(raw, "ShippingMethodId"),
        tracking_url=link,
        shipped_date=_date(text(raw, "ShippedDate", "ShipDate", "ShippedAt", "ShippedOn", "DateShipped")),
        delivered_date=_date(text(raw, "DeliveredDate", "DeliveredAt", "DeliveredOn", "DateDelivered")),
    )


def _said(value: str) -> str:
    """A tracking number or link as the vendor wrote it; "" for a placeholder saying there is none ('N/A',
    'none', 'pending', '0', '-', an empty Guid): a line the vendor failed with "TrackingNumber": "N/A" made
    no card, and read as a parcel its person never got one (found by review16)."""
    value = value.strip()
    zeros = value.strip("{}").replace("-", "")  # .NET's empty Guid, "00000000-0000-...", where none is
    return "" if no_reference(value) or (zeros and not zeros.strip("0")) else value


def _date(value: str) -> str:
    """A shipped or delivered date; "" for a placeholder or a date no parcel of bulkship's has, such as the
    "0001-01-01T00:00:00" a .NET service writes for a date it does not have (or 1900-01-01, 1970-01-01)."""
    value = _said(value)
    return "" if value[:4].isdigit() and int(value[:4]) < 2000 else value


def _records(value: Any) -> list[Any]:
    """An object or a list of objects, as a list of objects."""
    if isinstance(value, MAPPING):
        return [value]
    return [v for v in value if isinstance(v, MAPPING)] if isinstance(value, list) else []


def shipments(raw: Any) -> tuple[Shipment, ...]:
    """A line item's parcels: ``Shipments[]`` (or one ``Shipment``, ``Packages``, ``Parcels``...), the claim
    data (``claimData``, an object or a list), or the line item itself; each shown by a tracking number, a
    tracking link, or a shipped or delivered date."""
    keys = lowered(raw) if isinstance(raw, MAPPING) else {}
    found = [_shipment(s) for key in _PARCEL_LISTS for s in _records(keys.get(key.lower()))]
    if not any(s.tracking_number for s in found) and not _OWN_PARCEL_KEYS.isdisjoint(keys):
        own = _shipment(raw)
        if own.tracking_number or own.tracking_url:
            found.append(own)
    return tuple(s for s in found if s.shows_parcel)


# What names the line(s) an order-level parcel holds.
_LINE_REFS = (
    "LineItemId",
    "LineItemIds",
    "LineId",
    "LineIds",
    "ExternalId",
    "ExternalIds",
    "LineItems",
    "Items",
)


def order_parcels(raw_order: Any, raw_lines: list[Any]) -> list[tuple[Shipment, ...]]:
    """Each line's parcels written on the order instead (``"Shipments": [{"LineItemId": ..., ...}]`` beside
    the lines, or the order's own ``TrackingNumber``): missed, a line the vendor then ended Cancelled read as
    no card made and was sent again (found by hunter-vendor3). A parcel naming its lines (by line Id or
    ExternalId) goes to them; one naming none to every line: which card it holds is not said, and a card
    made is never read as none."""
    keys = lowered(raw_order) if isinstance(raw_order, MAPPING) else {}
    records = [r for key in _PARCEL_LISTS for r in _records(keys.get(key.lower()))]
    if not records and _said(text(raw_order, "TrackingNumber", "TrackingUrl")):
        records = [raw_order]  # (not its other tracking keys: an order's 'TrackingId' may be a request's)
    found: list[list[Shipment]] = [[] for _ in raw_lines]
    names = [{text(li, "Id", "LineItemId"), text(li, "ExternalId")} - {""} for li in raw_lines]
    for record in records:
        parcel = _shipment(record)
        if not parcel.shows_parcel:
            continue
        named = _named_lines(record) if record is not raw_order else set()
        places = [i for i, own in enumerate(names) if own & named]
        for i in places or range(len(raw_lines)):
            found[i].append(parcel)
    return [tuple(f) for f in found]


def _named_lines(record: Any) -> set[str]:
    """The line Ids and ExternalIds an order-level parcel names."""
    named: set[str] = set()
    for key in _LINE_REFS:
        value = field(record, key)
        for one in value if isinstance(value, list) else [value]:
            if isinstance(one, MAPPING):
                named |= {text(one, "Id", "LineItemId"), text(one, "ExternalId")}
            elif one is not None and not isinstance(one, bool):
                named.add(str(one))
    return named - {""}
