"""Rows waiting for review: what the vendor shows for them, and a person settling them, with the vendor.

A row waits for review (status ``review``) when it may be at the vendor but nothing proves which vendor line
it is: a refused re-send after a lost answer that the order list cannot check, a 409 whose original does
not show the row, planned orders held after a 409 for a PO number this ledger never sent, or rows that may
be among the vendor's lines after a lost ledger. Nothing is sent for them until a person decides:

* :func:`review` lists them by the PO they wait on, with why, what the vendor shows for that PO and the
  batch's PO range (under any prefix, follow-ups included), and whether a release is possible now. It
  changes nothing, so a read of the vendor's list made for it is reused for :data:`LISTING_REUSE_S` (the web
  page is viewed again and again; settling and releasing always read afresh).
* :func:`settle_at_vendor` — "it is at the vendor": the person names the vendor order (Id or PO number).
  It must belong to the batch (its PO stem, exactly). Rows are tied to its lines by the rules used everywhere
  (ExternalId with the same card and recipient; the full address; our own recorded send of exactly that
  payload, by position); a line that shows no identity is tied only to a row the person names
  (``rows``), and only when its card (product, value, quantity) is the row's and no other row holds it.
  Tied rows become ``ordered`` on that order; the others keep waiting.
* :func:`leave_out_elsewhere` — "its card was made elsewhere: leave it out": a line of a vendor order that
  is not the batch's beyond doubt (another batch's or ledger's) names the row (its ExternalId, or its name
  and street); the row is left out of the batch (``elsewhere``), never sent, none of its money.
* :func:`release` — "it is not at the vendor, send it": the vendor is asked again, the PO itself and the
  batch's whole PO range. Refused, with what was seen, unless the list is complete and no line there can be
  one of the rows: a line carrying the row's ExternalId, or of the same card for the same name, or of the
  same card showing no recipient and tied to no row. Released rows go out with the next ``bulkship run``:
  under the same PO with the stored payload when the whole order is released and the vendor provably has
  no such PO, else planned afresh (they are provably not at the vendor).

The ledger is locked for the whole check-then-write, so no run sends in between; every settlement is an
event naming who, when and why. Nothing here sends an order.

The package, one job a module (each imports only those before it): :mod:`.lines` (a vendor line and a
waiting row side by side: card, recipient, address, lines already tied), :mod:`.vendorview` (reading the
vendor: its order list, a PO asked about, the lines that may be rows waiting), :mod:`.checks` (what must
hold before anything is settled, and whether a release is possible), :mod:`.ties` (rows tied to a vendor
order's lines, and what is recorded for them), :mod:`.hints` (the next command the vendor's answer allows),
:mod:`.waiting` (the review), :mod:`.resolution` (a settlement as planned and shown, and what a person
types), :mod:`.settle` (a person's settlement: at the vendor, or released),
:mod:`.found` (every row the vendor's orders show by proof, settled in one go), :mod:`.bulk` (every row
waiting settled from one read: found ones recorded, those provably nowhere released), :mod:`.elsewhere`
(rows whose cards another batch's order holds, left out).
"""

from __future__ import annotations

from .bulk import BulkRelease, release_all
from .elsewhere import leave_out_elsewhere
from .found import FoundSettlement, settle_found
from .resolution import Resolution, default_person, parse_pos, parse_rows
from .settle import release, settle_at_vendor
from .waiting import ReviewReport, review

__all__ = [
    "BulkRelease",
    "FoundSettlement",
    "Resolution",
    "ReviewReport",
    "default_person",
    "leave_out_elsewhere",
    "parse_pos",
    "parse_rows",
    "release",
    "release_all",
    "review",
    "settle_at_vendor",
    "settle_found",
]
