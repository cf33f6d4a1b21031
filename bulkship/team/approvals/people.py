"""The people an approver rejected: a rejection holds for the recipients of the plan it rejected, in any
batch of the team, until an approver approves a plan holding them.

Rejected ('Not these two people'), a batch deleted and its list uploaded again under another name, cut
below what its requester may send alone, went out on Send with no approver seeing it (found by hunter-web15;
the lead's decision). Each decision keeps who it was about (``approval_people``): a rejection, every
recipient of the plan it rejected; an approval, those of its plan that stood rejected. A person whose last
decision is a rejection stands rejected: a plan holding them goes to an approver, who reads where, by whom
and why they were rejected, and may approve them (no dead end: the list fixed as asked goes out).

A recipient is their name, street and ZIP as the repeat checks fold them (:mod:`bulkship.folding`), whatever
the card or amount: a rejected person sent a smaller card is the same person.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from ...folding import fold_address, fold_person
from ...payload import line_items
from ...settings import Settings
from .. import store
from ..tables import approval_decisions, approval_people, approval_requests
from .records import order_print

if TYPE_CHECKING:
    from ...ledger import OrderRecord

PERSON_HEX = 32
_KEYS_A_READ = 500  # people looked up in one statement (SQLite's bound parameters)
_NOT_DIGIT = re.compile(r"\D")
_SEP = "\x00"


@dataclass(frozen=True)
class Rejected:
    """People of a plan an earlier decision rejected: the request, its batch, who rejected it, when, why."""

    request: int
    batch: str
    by: str
    at: str
    reason: str
    people: tuple[str, ...]  # as this plan names them: 'Kim Ray, 11 Elm St, Boston'

    def said(self, here: str) -> str:
        """'Kim Ray and Lou Fox were rejected in batch gift by carol (“Not these two”, request #4)'."""
        where = "in this batch" if self.batch == here else f"in batch {self.batch}"
        return (
            f"{names(self.people)} {'was' if len(self.people) == 1 else 'were'} rejected {where} by "
            f"{self.by} (“{self.reason}”, request #{self.request})"
        )


def names(people: tuple[str, ...], shown: int = 3) -> str:
    """The first ``shown`` people by name, and how many more."""
    first = [p.split(",")[0] for p in people[:shown]]
    more = len(people) - len(first)
    if more:
        return f"{', '.join(first)} and {more} more"
    return first[0] if len(first) == 1 else f"{', '.join(first[:-1])} and {first[-1]}"


def recipients(orders: Iterable[OrderRecord], zips: Collection[str] | None = None) -> dict[str, str]:
    """Each recipient of the orders' lines: its key ('ZIP:hash') -> its name and street as the plan has them.
    ``zips``: only the lines to one of these ZIP codes, the others passed over before anything is folded
    (folding a 100,000-line plan's names and streets took ~5 s)."""
    found: dict[str, str] = {}
    zips_read: dict[str, str] = {}
    for order in orders:
        if zips is not None and not _may_hold(order, zips, zips_read):
            continue
        for item in line_items(order):
            address = item.get("PhysicalDeliveryAddress") or {}
            zip5 = _zip5(str(address.get("Zip") or ""), zips_read)
            if zips is not None and zip5 not in zips:
                continue
            name = _folded_name(str(address.get("Name") or ""))
            street = _folded_street(
                str(address.get("AddressLine1") or ""), str(address.get("AddressLine2") or "")
            )
            digest = hashlib.sha256(_SEP.join((name, street)).casefold().encode()).hexdigest()[:PERSON_HEX]
            parts = (address.get("Name"), address.get("AddressLine1"), address.get("City"))
            found.setdefault(f"{zip5}:{digest}", ", ".join(str(p) for p in parts if p))
    return found


def _zip5(text: str, read: dict[str, str]) -> str:
    """The ZIP code's first five digits; ``read`` keeps each distinct text's."""
    found = read.get(text)
    if found is None:
        found = read[text] = _NOT_DIGIT.sub("", text)[:5]
    return found


_ZIP_IN_JSON = re.compile(r'"Zip"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _may_hold(order: OrderRecord, zips: Collection[str], read: dict[str, str]) -> bool:
    """Whether a line of the order may go to one of ``zips``, from its stored JSON text, without decoding
    it (decoding a 100,000-line plan's payloads took ~0.5 s of each look). A ZIP written with an escape,
    or none, is read by decoding it."""
    if "" in zips:
        return True
    found = _ZIP_IN_JSON.findall(order.payload_json)
    return any("\\" in z or _zip5(z, read) in zips for z in found) or not found


# each distinct name and street folded once in this process: a plan is read again at each step of a send
_folded_name = functools.lru_cache(maxsize=1 << 17)(fold_person)
_folded_street = functools.lru_cache(maxsize=1 << 17)(fold_address)


def of_plan(
    settings: Settings, batch: str, prints: frozenset[str] | None = None, zips: Collection[str] | None = None
) -> dict[str, str]:
    """The recipients of the batch's orders to send, or (``prints``) of the orders a request's plan held;
    ``zips``: only those to one of these ZIP codes (:func:`recipients`)."""
    from ...ledger import OPEN_STATES, Ledger

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        if prints is None:
            return recipients(ledger.orders(batch, states=("planned", *OPEN_STATES)), zips)
        return recipients((o for o in ledger.orders(batch) if order_print(o) in prints), zips)


def rejected_zips(settings: Settings) -> set[str]:
    """The ZIP codes of everyone a rejection ever named (a person approved since among them): one DISTINCT
    over the index, the plan's recipients read only in these (:func:`recipients`); none, nobody rejected."""
    p, d = approval_people, approval_decisions
    query = (
        sa.select(sa.func.substr(p.c.person, 1, 6))
        .distinct()
        .select_from(p.join(d, d.c.request_id == p.c.request_id))
        .where(d.c.decision == "rejected")
    )
    with store.read(settings) as db:
        return {str(key).partition(":")[0] for key in db.scalars(query)}


def standing(settings: Settings, keys: Collection[str]) -> dict[str, Rejected]:
    """Those of ``keys`` (people) whose last decision is a rejection: key -> that rejection (its people left
    empty). Only their own lines are read: every line of every decision, read on each look, took ~3 s once
    a 100,000-person plan was rejected, on every cost page and Send of any batch (review32)."""
    p, d, r = approval_people, approval_decisions, approval_requests
    last: dict[str, tuple[int, int]] = {}  # person -> their last decision and its request
    rejections: dict[int, Rejected] = {}
    wanted = sorted(keys)
    with store.read(settings) as db:
        for start in range(0, len(wanted), _KEYS_A_READ):
            query = (
                sa.select(p.c.person, p.c.request_id, d.c.decision, r.c.batch)
                .add_columns(d.c.id, d.c.decided_by, d.c.decided_at, d.c.reason)
                .select_from(p.join(d, d.c.request_id == p.c.request_id).join(r, r.c.id == p.c.request_id))
                .where(p.c.person.in_(wanted[start : start + _KEYS_A_READ]))
            )
            for row in db.execute(query):
                if row.person in last and last[row.person][0] > row.id:
                    continue
                last[row.person] = (row.id, row.request_id)
                if row.decision == "rejected" and row.request_id not in rejections:
                    rejections[row.request_id] = Rejected(
                        row.request_id, row.batch, row.decided_by, row.decided_at, row.reason, ()
                    )
    return {person: rejections[request] for person, (_id, request) in last.items() if request in rejections}


def rejected_in(settings: Settings, batch: str) -> list[Rejected]:
    """The people of the batch's plan (its orders to send) who stand rejected, by the rejection of each,
    oldest first; none when nobody was ever rejected (one small read, no plan read)."""
    zips = rejected_zips(settings)
    if not zips:
        return []
    people = of_plan(settings, batch, zips=zips)
    rejected = standing(settings, people.keys())
    grouped: dict[int, list[str]] = {}
    for key in people.keys() & rejected.keys():
        grouped.setdefault(rejected[key].request, []).append(people[key])
    first = {r.request: r for r in rejected.values()}
    return [dataclasses.replace(first[r], people=tuple(sorted(grouped[r]))) for r in sorted(grouped)]


def about(settings: Settings, batch: str, prints: frozenset[str], *, approve: bool) -> dict[str, str]:
    """Who a decision on the plan ``prints`` of ``batch`` is about: a rejection, each of its recipients (of
    the batch's orders to send now when none of the plan's is found as asked: an order priced again since
    has another print); an approval, those of them who stand rejected (none read when nobody was ever
    rejected)."""
    if approve:
        zips = rejected_zips(settings)
        if not zips:
            return {}
        plan = of_plan(settings, batch, prints, zips)
        rejected = standing(settings, plan.keys())
        return {k: v for k, v in plan.items() if k in rejected}
    return of_plan(settings, batch, prints) or of_plan(settings, batch)


def record(db: sa.Connection, request_id: int, people: dict[str, str]) -> None:
    """Write who a decision was about, in the decision's own transaction."""
    if people:
        db.execute(
            approval_people.insert(),
            [{"request_id": request_id, "person": k, "shown": v} for k, v in people.items()],
        )
