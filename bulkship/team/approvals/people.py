"""The people an approver rejected: a rejection holds for the recipients of the plan it rejected, in any
batch of the team, until an approver approves a plan holding them.

Rejected ('Not these two people'), a batch deleted and its list uploaded again under another name, cut
below what its requester may send alone, went out on Send with no approver seeing it (found by hunter-web15;
the lead's decision). Each decision keeps who it was about (``approval_people``): a rejection, every
recipient of the plan it rejected; an approval, those of its plan that stood rejected. A person whose last
decision is a rejection stands rejected: a plan holding them goes to an approver, who reads where, by whom
and why they were rejected, and may approve them (no dead end: the list fixed as asked goes out).

A recipient is their name, street and ZIP as the repeat checks fold them (:mod:`bulkship.folding`), whatever
the card or amount: a rejected person sent a smaller card is the same person. Each is kept a second time by
their folded name alone (a key ``n:...``, beside them their street then): rejected, then uploaded again at
another address (moved, or the street typed another way), they went out unseen (the lead's decision, on
hunter-web16's leftover): a plan holding someone of a rejected person's name goes to an approver, who reads
where that person was rejected, by whom and why. A namesake is asked about too; an approver approves them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from collections.abc import Collection, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

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
NAME_KEY = "n:"  # a person by their folded name alone; an address key starts with its ZIP's digits
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
    # those rejected at another address, by name: 'Kim Ray then at 11 Elm St, Boston'
    elsewhere: tuple[str, ...] = ()

    def said(self, here: str) -> str:
        """'Kim Ray and Lou Fox were rejected in batch gift by carol (“Not these two”, request #4)', and
        where those rejected at another address were then."""
        where = "in this batch" if self.batch == here else f"in batch {self.batch}"
        then = f" ({'; '.join(self.elsewhere)})" if self.elsewhere else ""
        return (
            f"{names(self.people)} {'was' if len(self.people) == 1 else 'were'} rejected {where} by "
            f"{self.by} (“{self.reason}”, request #{self.request}){then}"
        )


def names(people: tuple[str, ...], shown: int = 3) -> str:
    """The first ``shown`` people by name, and how many more."""
    first = [p.split(",")[0] for p in people[:shown]]
    more = len(people) - len(first)
    if more:
        return f"{', '.join(first)} and {more} more"
    return first[0] if len(first) == 1 else f"{', '.join(first[:-1])} and {first[-1]}"


class Line(NamedTuple):
    """A recipient as a plan's line names them: 'Kim Ray' at '11 Elm St, Boston'."""

    name: str
    at: str

    @property
    def shown(self) -> str:
        return ", ".join(part for part in self if part)


def recipients(
    orders: Iterable[OrderRecord], zips: Collection[str] | None = None, named: AbstractSet[str] | None = None
) -> dict[str, Line]:
    """Each recipient of the orders' lines, twice: their key ('ZIP:hash', name, street and ZIP) and their
    name's key ('n:hash', :func:`name_key`), each -> the line naming them. ``zips``: only the lines to one of
    these ZIP codes, ``named``: only the names of these keys, the others passed over before anything is
    folded (folding a 100,000-line plan's names and streets took ~5 s); neither: every line."""
    found: dict[str, Line] = {}
    zips_read: dict[str, str] = {}
    every = zips is None and named is None
    for order in orders:
        to_zip = zips is not None and _may_hold(order, zips, zips_read)
        of_name = named is not None and _may_name(order, named)
        if not (every or to_zip or of_name):
            continue
        for item in line_items(order):
            address = item.get("PhysicalDeliveryAddress") or {}
            name = str(address.get("Name") or "")
            at = ", ".join(str(p) for p in (address.get("AddressLine1"), address.get("City")) if p)
            if every or (of_name and name_key(name) in named):  # type: ignore[operator]
                found.setdefault(name_key(name), Line(name, at))
            zip5 = _zip5(str(address.get("Zip") or ""), zips_read)
            if not (every or (to_zip and zip5 in zips)):  # type: ignore[operator]
                continue
            street = _folded_street(
                str(address.get("AddressLine1") or ""), str(address.get("AddressLine2") or "")
            )
            digest = hashlib.sha256(_SEP.join((_folded_name(name), street)).casefold().encode()).hexdigest()
            found.setdefault(f"{zip5}:{digest[:PERSON_HEX]}", Line(name, at))
    return found


@functools.lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """A person by their name alone, folded as the repeat checks fold it: 'n:' and a hash of it."""
    return NAME_KEY + hashlib.sha256(_folded_name(name).casefold().encode()).hexdigest()[:PERSON_HEX]


def _zip5(text: str, read: dict[str, str]) -> str:
    """The ZIP code's first five digits; ``read`` keeps each distinct text's."""
    found = read.get(text)
    if found is None:
        found = read[text] = _NOT_DIGIT.sub("", text)[:5]
    return found


# a JSON string's text, its escapes kept ('unrolled': half the time of an alternation on 100,000 lines)
_JSON_TEXT = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
_ZIP_IN_JSON = re.compile(r'"Zip"\s*:\s*' + _JSON_TEXT)


def _may_hold(order: OrderRecord, zips: Collection[str], read: dict[str, str]) -> bool:
    """Whether a line of the order may go to one of ``zips``, from its stored JSON text, without decoding
    it (decoding a 100,000-line plan's payloads took ~0.5 s of each look). A ZIP written with an escape,
    or none, is read by decoding it."""
    if "" in zips:
        return True
    found = _ZIP_IN_JSON.findall(order.payload_json)
    return any("\\" in z or _zip5(z, read) in zips for z in found) or not found


_NAME_IN_JSON = re.compile(r'"Name"\s*:\s*' + _JSON_TEXT)


def _may_name(order: OrderRecord, named: AbstractSet[str]) -> bool:
    """Whether a line of the order names one of ``named`` (:func:`name_key`), from its stored JSON text."""
    found = _NAME_IN_JSON.findall(order.payload_json)
    return not found or not named.isdisjoint(map(_key_in_json, found))


@functools.lru_cache(maxsize=1 << 17)
def _key_in_json(text: str) -> str:
    """:func:`name_key` of a name as its JSON text has it; each distinct name decoded and folded once in the
    process (a plan is looked at again at each step of a send; a run's repeat checks folded them already)."""
    return name_key(json.loads(f'"{text}"') if "\\" in text else text)


# each distinct name and street folded once in this process: a plan is read again at each step of a send
_folded_name = functools.lru_cache(maxsize=1 << 17)(fold_person)
_folded_street = functools.lru_cache(maxsize=1 << 17)(fold_address)


def of_plan(
    settings: Settings,
    batch: str,
    prints: frozenset[str] | None = None,
    zips: Collection[str] | None = None,
    named: AbstractSet[str] | None = None,
) -> dict[str, Line]:
    """The recipients of the batch's orders to send, or (``prints``) of the orders a request's plan held;
    ``zips``, ``named``: only those to one of these ZIP codes or of these names (:func:`recipients`)."""
    from ...ledger import OPEN_STATES, Ledger

    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        if prints is None:
            return recipients(ledger.orders(batch, states=("planned", *OPEN_STATES)), zips, named)
        return recipients((o for o in ledger.orders(batch) if order_print(o) in prints), zips, named)


def rejected_marks(settings: Settings) -> tuple[set[str], set[str]]:
    """The ZIP codes of everyone a rejection ever named, and their names' keys (a person approved since
    among them): one DISTINCT over the index; a plan's recipients are read only in these (:func:`recipients`);
    none, nobody rejected."""
    p, d = approval_people, approval_decisions
    mark = sa.case((p.c.person.like(f"{NAME_KEY}%"), p.c.person), else_=sa.func.substr(p.c.person, 1, 6))
    query = (
        sa.select(mark)
        .distinct()
        .select_from(p.join(d, d.c.request_id == p.c.request_id))
        .where(d.c.decision == "rejected")
    )
    zips: set[str] = set()
    named: set[str] = set()
    with store.read(settings) as db:
        for key in db.scalars(query):
            if key.startswith(NAME_KEY):
                named.add(key)
            else:
                zips.add(str(key).partition(":")[0])
    return zips, named


def standing(settings: Settings, keys: Collection[str]) -> dict[str, tuple[Rejected, str]]:
    """Those of ``keys`` (people) whose last decision is a rejection: key -> that rejection (its people left
    empty) and the person as it named them ('Kim Ray, 11 Elm St, Boston'; of a name's key, where they were:
    '11 Elm St, Boston'). Only their own lines are read: every line of every decision, read on each look,
    took ~3 s once a 100,000-person plan was rejected, on every cost page and Send of any batch (review32)."""
    p, d, r = approval_people, approval_decisions, approval_requests
    last: dict[str, tuple[int, int, str]] = {}  # person -> their last decision, its request, as it said them
    rejections: dict[int, Rejected] = {}
    wanted = sorted(keys)
    with store.read(settings) as db:
        for start in range(0, len(wanted), _KEYS_A_READ):
            query = (
                sa.select(p.c.person, p.c.request_id, p.c.shown, d.c.decision, r.c.batch)
                .add_columns(d.c.id, d.c.decided_by, d.c.decided_at, d.c.reason)
                .select_from(p.join(d, d.c.request_id == p.c.request_id).join(r, r.c.id == p.c.request_id))
                .where(p.c.person.in_(wanted[start : start + _KEYS_A_READ]))
            )
            for row in db.execute(query):
                if row.person in last and last[row.person][0] > row.id:
                    continue
                last[row.person] = (row.id, row.request_id, row.shown)
                if row.decision == "rejected" and row.request_id not in rejections:
                    rejections[row.request_id] = Rejected(
                        row.request_id, row.batch, row.decided_by, row.decided_at, row.reason, ()
                    )
    return {
        person: (rejections[request], shown)
        for person, (_id, request, shown) in last.items()
        if request in rejections
    }


def rejected_in(settings: Settings, batch: str) -> list[Rejected]:
    """The people of the batch's plan (its orders to send) who stand rejected, by the rejection of each,
    oldest first: at the same address, or by name elsewhere; none when nobody was ever rejected (one small
    read, no plan read)."""
    zips, named = rejected_marks(settings)
    if not zips and not named:
        return []
    people = of_plan(settings, batch, zips=zips, named=named or None)
    rejected = standing(settings, people.keys())
    grouped: dict[int, dict[Line, str]] = {}  # request -> its people in this plan -> where they were then
    at_their_address: set[Line] = set()
    for key in sorted(people.keys() & rejected.keys(), key=lambda k: k.startswith(NAME_KEY)):
        then, said = rejected[key]
        line = people[key]
        if not key.startswith(NAME_KEY):
            at_their_address.add(line)
            grouped.setdefault(then.request, {})[line] = ""
        elif line not in at_their_address:  # by name only: said where they were (a ZIP retyped: the same)
            grouped.setdefault(then.request, {})[line] = said
    first = {r.request: r for r, _said in rejected.values()}
    found = []
    for request in sorted(grouped):
        lines = sorted(grouped[request].items())
        shown = tuple(
            f"{line.shown} (rejected before at {then})" if then else line.shown for line, then in lines
        )
        moved = tuple(f"{line.name} then at {then}" for line, then in lines if then)
        found.append(dataclasses.replace(first[request], people=shown, elsewhere=moved))
    return found


def about(settings: Settings, batch: str, prints: frozenset[str], *, approve: bool) -> dict[str, str]:
    """Who a decision on the plan ``prints`` of ``batch`` is about, each as it is written down: a rejection,
    each of its recipients, by address and by name (of the batch's orders to send now when none of the plan's
    is found as asked: an order priced again since has another print); an approval, those of them who stand
    rejected (none read when nobody was ever rejected)."""
    if approve:
        zips, named = rejected_marks(settings)
        if not zips and not named:
            return {}
        plan = of_plan(settings, batch, prints, zips, named or None)
        rejected = standing(settings, plan.keys())
        found = {k: v for k, v in plan.items() if k in rejected}
    else:
        found = of_plan(settings, batch, prints) or of_plan(settings, batch)
    # a name's line keeps where the person is (:func:`standing`): 'rejected before at 11 Elm St, Boston'
    return {k: line.at if k.startswith(NAME_KEY) else line.shown for k, line in found.items()}


def record(db: sa.Connection, request_id: int, people: dict[str, str]) -> None:
    """Write who a decision was about, in the decision's own transaction."""
    if people:
        db.execute(
            approval_people.insert(),
            [{"request_id": request_id, "person": k, "shown": v} for k, v in people.items()],
        )
