"""A vendor line's parcels (its tracking), read wherever the vendor writes them. Nothing of it is
documented (api-contract.md: Shipments are assumed), and what is read here decides more than a column: a
line the vendor ended Failed or Cancelled made no card only when it shows no parcel
(``reconcile.join.made_no_card``), and such a row is sent again. A tracking number missed because it sits
in another shape (``"Tracking": {"Number": ...}``, ``"TrackingNumbers": [...]``, a tracking link alone)
read a returned card as none made: a second card."""

from __future__ import annotations

from typing import Any

from ..models import Shipment
from .parse import MAPPING, field, text

# Where a parcel's tracking number may be: flat, or an object or a list under one of these names.
TRACKING_KEYS = (
    "TrackingNumber", "TrackingNo", "TrackingCode", "TrackingId", "Tracking", "TrackingNumbers",
    "TrackingInfo", "TrackingDetails",
)  # fmt: skip
# Inside a tracking object ("Tracking": {"Number": ..., "Url": ...}).
_NUMBER_KEYS = ("Number", "TrackingNumber", "Code", "Id", "Value")
_LINK_KEYS = ("TrackingUrl", "TrackingLink", "TrackingUri")
_PARCEL_LISTS = (
    "Shipments", "Shipment", "Packages", "Parcels", "Fulfillments", "ClaimData", "Claim", "Claims",
)  # fmt: skip


def _tracking(value: Any) -> tuple[str, str]:
    """(tracking number, tracking link) of a value found under a tracking key: text, an object, a list."""
    if value is None or isinstance(value, bool):
        return "", ""
    if isinstance(value, MAPPING):
        number, _link = _tracking(field(value, *_NUMBER_KEYS))
        return number, text(value, "Url", "Link", "Uri", *_LINK_KEYS).strip()
    if isinstance(value, list):
        found = [_tracking(v) for v in value]
        return next((f for f in found if f[0]), next((f for f in found if f[1]), ("", "")))
    return ("", "") if isinstance(value, float) else (str(value).strip(), "")


def _tracking_of(raw: Any) -> tuple[str, str]:
    """(tracking number, tracking link) of a parcel record: the first key of :data:`TRACKING_KEYS` giving a
    number (the usual ``TrackingNumber`` read first, the others only without it), the link beside it or in
    the tracking object."""
    number, link = _tracking(field(raw, TRACKING_KEYS[0]))
    if not number and isinstance(raw, MAPPING):
        keys = {str(key).lower(): value for key, value in raw.items()}
        for key in TRACKING_KEYS[1:]:
            found, found_link = _tracking(keys.get(key.lower()))
            link = link or found_link
            if found:
                number, link = found, found_link or link
                break
    return number, text(raw, *_LINK_KEYS).strip() or link


def _shipment(raw: Any) -> Shipment:
    number, link = _tracking_of(raw)
    return Shipment(
        tracking_number=number,
        carrier=text(raw, "Carrier", "CarrierName", "ShippingCarrier"),
        shipping_method_id=text(raw, "ShippingMethodId"),
        tracking_url=link,
        shipped_date=text(raw, "ShippedDate", "ShipDate", "ShippedAt", "ShippedOn", "DateShipped"),
        delivered_date=text(raw, "DeliveredDate", "DeliveredAt", "DeliveredOn", "DateDelivered"),
    )


def _records(value: Any) -> list[Any]:
    """An object or a list of objects, as a list of objects."""
    if isinstance(value, MAPPING):
        return [value]
    return [v for v in value if isinstance(v, MAPPING)] if isinstance(value, list) else []


def shipments(raw: Any) -> tuple[Shipment, ...]:
    """A line item's parcels: ``Shipments[]`` (or one ``Shipment``, ``Packages``, ``Parcels``...), the claim
    data (``claimData``, an object or a list), or the line item itself; each shown by a tracking number, a
    tracking link, or a shipped or delivered date."""
    keys = {str(key).lower(): value for key, value in raw.items()} if isinstance(raw, MAPPING) else {}
    found = [_shipment(s) for key in _PARCEL_LISTS for s in _records(keys.get(key.lower()))]
    if not any(s.tracking_number for s in found):
        own = _shipment(raw)
        if own.tracking_number or own.tracking_url:
            found.append(own)
    return tuple(s for s in found if s.shows_parcel)
