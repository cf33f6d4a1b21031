"""How much a person may send without approval: the team's settings (the threshold, the idle time of a
session), a person's own lower limit, and what they sent alone in the last day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from ...money import MoneyTally, money_plain
from ...settings import Settings
from ...statuses import CHARGED, IN_DOUBT
from .. import accounts, audit, auditruns, store
from ..tables import team_settings

THRESHOLD = "approval_threshold"
IDLE_MINUTES = "session_idle_minutes"
DEFAULTS = {THRESHOLD: "0.00", IDLE_MINUTES: "30"}


def get_setting(settings: Settings, key: str) -> str:
    with store.read(settings) as db:
        found = db.execute(sa.select(team_settings.c.value).where(team_settings.c.key == key)).scalar()
    return str(found) if found is not None else DEFAULTS[key]


def set_setting(settings: Settings, key: str, value: str, *, actor: str, address: str = "") -> None:
    before = get_setting(settings, key)
    now = store.now_iso()
    with store.engine(settings).begin() as db:
        updated = db.execute(
            team_settings.update()
            .where(team_settings.c.key == key)
            .values(value=value, updated=now, updated_by=actor)
        )
        if not updated.rowcount:
            db.execute(team_settings.insert().values(key=key, value=value, updated=now, updated_by=actor))
    audit.record(settings, "setting", actor=actor, address=address, setting=key, before=before, after=value)


def threshold(settings: Settings) -> Decimal:
    return Decimal(get_setting(settings, THRESHOLD))


def set_threshold(settings: Settings, amount: str | Decimal, *, actor: str, address: str = "") -> Decimal:
    value = accounts.parse_limit(amount)
    if value is None:
        raise accounts.AccountError("The team threshold must be an amount (0: every batch needs approval)")
    set_setting(settings, THRESHOLD, str(value), actor=actor, address=address)
    return value


def idle_minutes(settings: Settings) -> int:
    return int(get_setting(settings, IDLE_MINUTES))


def set_idle_minutes(settings: Settings, minutes: int, *, actor: str, address: str = "") -> None:
    if not 1 <= minutes <= 24 * 60:
        raise accounts.AccountError("The idle time must be between 1 and 1440 minutes")
    set_setting(settings, IDLE_MINUTES, str(minutes), actor=actor, address=address)


def limit_for(settings: Settings, person: str | None) -> Decimal:
    """The most ``person`` may send without approval: the team threshold, or their own lower limit (also
    as cli:<name>, their login without BULKSHIP_USER: found by review10)."""
    team = threshold(settings)
    found = accounts.find_user(settings, person.removeprefix("cli:")) if person else None
    if found is not None and found.spend_limit is not None:
        return min(team, found.spend_limit)
    return team


SPLIT_WINDOW = timedelta(days=1)


def sent_alone(settings: Settings, person: str | None, *, besides: str) -> Decimal:
    """What ``person`` sent without an approval in the last day, in batches other than ``besides``: a list
    cut into files each under the limit is still one spend (found by newcomer7: three uploads of 75.00 went
    out under a threshold of 100), whether sent as alice or as cli:alice (review10). A run counts what it
    spent (:func:`_spent_by`), not what it might have: one the vendor stopped before any card counts nothing
    (found by hunter-money1: 'with the 100.00 alice sent without approval', 50.00 of it never charged)."""
    if not person:
        return Decimal(0)
    since = (datetime.now(UTC) - SPLIT_WINDOW).isoformat(timespec="seconds")
    name = person.removeprefix("cli:")  # alice and cli:alice (her login, without BULKSHIP_USER): one person
    alone = [
        entry
        for entry in auditruns.started_by(settings, (name, f"cli:{name}"), since=since)
        if entry.batch and entry.batch != besides and not entry.detail.get("approval")
    ]
    apart = _of_another_kind(settings, sorted({e.batch or "" for e in alone}))
    alone = [entry for entry in alone if entry.batch not in apart]
    if not alone:
        return Decimal(0)
    later = auditruns.run_lines_after(
        settings, sorted({e.batch or "" for e in alone}), min(e.id for e in alone)
    )
    ended: dict[str, Decimal] = {}  # batch -> what its runs that ended spent
    going = Decimal(0)  # runs still going (or of an older trail): their worst case
    for entry in alone:
        amount, done = _spent_by(entry, later)
        if done:
            ended[entry.batch or ""] = ended.get(entry.batch or "", Decimal(0)) + amount
        else:
            going += amount
    held = _held_now(settings, list(ended))
    return going + sum((min(amount, held.get(b, amount)) for b, amount in ended.items()), Decimal(0))


def _of_another_kind(settings: Settings, batches: list[str]) -> set[str]:
    """Of ``batches``, those whose money is of another kind than what ``settings`` sends: a trial's on the
    embedded sandbox (no real order, never added to a vendor's money) beside a vendor's, or the reverse.
    Counted together, alice's 100.00 tried on the embedded sandbox held her first real batch of 100.00 for
    an approver, 'with the 100.00 alice sent without approval in the last day 200.00' (hunter-money14's
    leftover, decided by hunter-money16). A batch whose API the ledger does not say counts, as before."""
    from ...batchapi import SANDBOX_API, api_identity
    from ...errors import BulkshipError
    from ...ledger import Ledger

    trial = api_identity(settings) == SANDBOX_API
    try:
        with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
            apis = {b.name: b.api for b in ledger.batches() if b.name in batches}
    except (BulkshipError, OSError, sa.exc.SQLAlchemyError):
        return set()
    return {name for name, api in apis.items() if api is not None and (api == SANDBOX_API) != trial}


def _held_now(settings: Settings, batches: list[str]) -> dict[str, Decimal]:
    """Each batch's money charged or in doubt now, by the ledger: what its runs that ended spent, less what
    the vendor gave back since (an order it failed after the run, sent again by the next run). Counted by
    the runs alone, alice's batch of 100.00 failed and sent again counted 200.00 'sent without approval in
    the last day', her next batch of 50.00 refused 'with the 200.00 alice sent' (found by hunter-money9).
    Nothing when the ledger cannot be read (the runs' own figures count then)."""
    from ...errors import BulkshipError
    from ...ledger import Ledger
    from ...overview import overview

    if not batches:
        return {}
    try:
        with Ledger.open(settings.ledger_location, lock=False, read_only=True) as ledger:
            records = [b for b in ledger.batches() if b.name in batches]
            found = overview(ledger, records)
    except (BulkshipError, OSError, sa.exc.SQLAlchemyError):
        return {}
    return {
        name: item.money.get(CHARGED, Decimal(0)) + item.money.get(IN_DOUBT, Decimal(0))
        for name, item in found.items()
    }


def _spent_by(opened: audit.AuditEntry, lines: list[audit.AuditEntry]) -> tuple[Decimal, bool]:
    """What the run ``opened`` started spent: its batch's money charged or in doubt when it ended (its
    closing line; after a run killed, the next run's opening) less when it began, and True. A run still
    going, or one whose trail a bulkship before these figures wrote, counts its worst case, and False."""
    worst = _amount(opened.detail.get("total")) or Decimal(0)
    before = _amount(opened.detail.get(SPENT_BEFORE))
    if before is None:
        return worst, False
    for line in lines:
        if line.batch != opened.batch or line.id <= opened.id:
            continue
        after = _amount(
            line.detail.get(SPENT_BEFORE if line.action in auditruns.RUN_OPENERS else SPENT_AFTER)
        )
        if after is not None:
            return max(Decimal(0), after - before), True
    return worst, False


SPENT_BEFORE = "spent_before"  # a run's opening line: the batch's money charged or in doubt then
SPENT_AFTER = "spent_after"  # its closing line: the same, once it ended


def spent(money: Mapping[str, MoneyTally]) -> str:
    """A batch's money charged or in doubt (a plan's or a run's ``money``), as the trail records it."""
    return money_plain(sum((t.total for b, t in money.items() if b in (CHARGED, IN_DOUBT)), Decimal(0)))


def _amount(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@dataclass(frozen=True)
class SenderLimit:
    """The most a run may make its batch cost in all (what it was charged included), as the team allows it:
    what its person may send without approval, or the total an approver approved. Checked only against the
    plan before sending, a vendor raising its prices during the run was paid past it: alice, who may send
    100.00 alone, sent a plan of 100.00 and 106.00 was charged, exit 0, no approver asked (found by
    hunter-money9). The run holds to it as to --max-total (:func:`bulkship.spendingroom.spending_room`)."""

    amount: Decimal
    said: str  # what the amount is, after it: "the 100.00 alice may send without approval"
    approved: bool = False  # an approver's yes to a total shown: a vendor's cent a card of rounding allowed


def room_for(settings: Settings, person: str | None, batch: str) -> Decimal:
    """What ``person`` may still send without approval in ``batch``: their limit less :func:`sent_alone`."""
    return max(Decimal(0), limit_for(settings, person) - sent_alone(settings, person, besides=batch))
