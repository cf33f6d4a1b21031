"""The rows a batch's list holds until a day to come, each with its day (..load.skipped.heldday), as the run,
`bulkship status` and the cost page name them: 'waiting for their day' alone gave an HR person no day to put
in a calendar, and the run exits 0, so a person could be forgotten (newcomer18's N1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, NamedTuple

from .errors import BulkshipError
from .ledger import Ledger
from .money import MONEY_CURRENCY, money_plain, money_text
from .statuses import DAY_SAID, NOT_YET_REASON

if TYPE_CHECKING:
    import pandas as pd

    from .models import Catalog, SkippedRow

SHOWN = 5  # the rows named with their day; the rest counted
# The event a run writes of what its rows waiting for their day cost at its prices (row -> cost), the latest
# read by `status`, the plan and the Summary: their money was in no figure, the Summary's 'To send 0.00'
# beside a card of 100.00 plus fee the same file sends in February (newcomer18's N4)
HELD_PRICED = "held_priced"


def held_day(reason: str) -> date | None:
    """The day a held row's reason names (..models.SkippedRow.said), or None."""
    if not reason.startswith(NOT_YET_REASON) or DAY_SAID not in reason:
        return None
    try:
        return date.fromisoformat(reason.rsplit(DAY_SAID, 1)[1][:10])
    except ValueError:
        return None


def without_day(reason: str) -> str:
    """``reason`` without the day it names (an older ledger's reasons never had one)."""
    return reason.rsplit(DAY_SAID, 1)[0] if held_day(reason) is not None else reason


def held_until(ledger: Ledger, batch: str) -> tuple[tuple[int, str], ...]:
    """(row, its day as YYYY-MM-DD, or "" where its reason names none: an older bulkship's) of the batch's
    current rows held until a day to come, the soonest first. Not a row whose card another batch ordered:
    on its day it is held as a repeat, nothing sent nor charged; `status` and the run counted it waiting,
    with money, and the Summary as ordered before (found by review62 checking e37e9281)."""
    from .refusednow import rows_ordered_elsewhere

    held = [
        r
        for r in ledger.current_rows_with_status(batch, "skipped")
        if (r.error or "").startswith(NOT_YET_REASON)
    ]
    went = rows_ordered_elsewhere(ledger, batch, held)
    found = []
    for record in held:
        if record.row not in went:
            day = held_day(record.error or "")
            found.append((record.row, day.isoformat() if day else ""))
    return tuple(sorted(found, key=lambda held: (held[1] or "9999", held[0])))


def of_the_skipped(waiting: str, went: int) -> str:
    """' (1 waiting for their day ...; 1 ordered before: its card went)': of a count of skipped rows, those
    waiting for their day (``waiting``, said) and those whose card another batch ordered (``went``), as the
    run's last line and `status` say them."""
    parts = [
        waiting,
        f"{went} ordered before: {'its card' if went == 1 else 'their cards'} went" if went else "",
    ]
    said = "; ".join(p for p in parts if p)
    return f" ({said})" if said else ""


def days_said(held: Sequence[tuple[int, str]]) -> str:
    """'row 5 on or after 2027-01-15, row 4 on or after 2027-02-01' (the first :data:`SHOWN`)."""
    said = [f"row {row}" + (f" on or after {day}" if day else "") for row, day in held[:SHOWN]]
    more = f" and {len(held) - SHOWN} more" if len(held) > SHOWN else ""
    return ", ".join(said) + more


def first_day(held: Sequence[tuple[int, str]]) -> str:
    """', the first on 2027-01-15' (nothing where no day is known)."""
    return f", the first on {held[0][1]}" if held and held[0][1] else ""


def price_held(
    ledger: Ledger, batch: str, rows: pd.DataFrame, skipped: Sequence[SkippedRow], catalog: Catalog
) -> None:
    """Records (:data:`HELD_PRICED`) what each row of ``skipped`` held until a day costs at ``catalog``'s
    prices, as a line of the plan would (a row of a card or value the catalog lacks: not priced, said so).
    ``rows``: the validated rows, the skipped ones among them."""
    from .models import STATUS

    # a row whose day was not found (past the first held cells probed: heldday.MOST_TEXTS) costs what it
    # costs all the same: left unpriced, 300 rows held to different days read '... and 288 not priced'
    held = [s.row for s in skipped if _until_a_day(s) and s.row in rows.index]
    held = [row for row in held if rows.at[row, STATUS] == "skipped"]  # not one to fix: ..validate.heldnow
    if not held:
        return
    costs = {str(row): money_plain(cost) for row, cost in held_costs(rows, held, catalog, batch).items()}
    # the rows an earlier run priced that this one does not read as held (a Fix these sheet holds its rows to
    # fix, the others as its workbook left them): as priced then, not 'not priced' (hunter-money22: '25.00
    # USD ... and 1 row(s) not priced' after Fix these, of 130.95). `held_money` counts those still held
    now = {str(row) for row in held}
    kept = {row: cost for row, cost in _latest_costs(ledger, batch).items() if row not in now}
    ledger.log_event(batch, None, HELD_PRICED, costs={**kept, **costs})


def held_costs(rows: pd.DataFrame, held: Sequence[int], catalog: Catalog, batch: str) -> dict[int, Decimal]:
    """Row -> what each row of ``held`` (of the validated ``rows``) costs at ``catalog``'s prices, as a line
    of the plan would: a row of a card or value the catalog lacks is not priced."""
    from .plan.lines import plan_lines

    costs: dict[int, Decimal] = {}
    for row in held:
        try:
            (line,) = plan_lines(rows.loc[[row]], catalog, batch)
        except (BulkshipError, InvalidOperation, ValueError, KeyError):
            continue
        costs[row] = line.cost
    return costs


def _until_a_day(skipped: SkippedRow) -> bool:
    return bool(skipped.until) or skipped.reason.startswith(NOT_YET_REASON)


def _latest_costs(ledger: Ledger, batch: str) -> dict[str, str]:
    events = ledger.events(batch, kinds=[HELD_PRICED])
    latest = max(events, key=lambda event: event.at) if events else None
    return {str(k): str(v) for k, v in ((latest.detail.get("costs") or {}) if latest else {}).items()}


class HeldMoney(NamedTuple):
    """What the rows waiting for their day cost as last priced: the total of those priced, how many were
    not (a card the catalog lacked, or an older run's), and when."""

    total: Decimal
    unpriced: int
    priced_at: str


def held_money(ledger: Ledger, batch: str, held: Sequence[tuple[int, str]]) -> HeldMoney | None:
    """:class:`HeldMoney` of ``held`` (:func:`held_until`), or None when no run priced them."""
    if not held:
        return None
    events = ledger.events(batch, kinds=[HELD_PRICED])
    if not events:
        return None
    latest = max(events, key=lambda event: event.at)
    costs = latest.detail.get("costs") or {}
    priced = [Decimal(str(costs[str(row)])) for row, _day in held if str(row) in costs]
    return HeldMoney(sum(priced, Decimal(0)), len(held) - len(priced), latest.at)


def money_said(held: HeldMoney | None, currency: str) -> str:
    """', 120.00 USD at the prices of 2026-12-05' (and the rows not priced), or nothing."""
    if held is None:
        return ""
    unpriced = f" and {held.unpriced} row(s) not priced" if held.unpriced else ""
    return f", {money_text(held.total)} {currency} at the prices of {held.priced_at[:10]}{unpriced}"


def waiting_money_json(held: HeldMoney | None) -> dict[str, object]:
    """The --json keys of what the rows waiting for their day cost as last priced (none: never priced)."""
    if held is None:
        return {}
    return {
        "waiting_cost": money_plain(held.total),
        "waiting_unpriced": held.unpriced,
        "waiting_priced": held.priced_at,
    }


def held_note(ledger: Ledger, batch: str) -> list[str]:
    """The Summary's note of the rows waiting for their day: their money is in no figure of it (To send
    0.00 beside a card of 100.00 the same file sends in February: finance closed the budget without it,
    newcomer18's N4), their days, and how they are sent."""
    held = held_until(ledger, batch)
    if not held:
        return []
    cost = held_money(ledger, batch, held)
    money = f"{money_said(cost, MONEY_CURRENCY).removeprefix(', ')}, " if cost is not None else ""
    return [
        f"{len(held)} row(s) the list holds until a day to come are in no figure above ({money}not "
        f"charged, not to send yet): {days_said(held)}; the same file run again on or after a row's day "
        "sends it, at that day's prices"
    ]
