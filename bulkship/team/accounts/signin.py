"""Signing in: the name and password checked, with lockout and back-off after wrong passwords (for names
nobody has too, counted in the ledger's database as accounts are, so that a lockout never tells which names
have accounts, on any server sharing the ledger)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from ...settings import Settings
from .. import audit, store
from ..tables import sign_in_misses, team_settings, users
from . import passwords
from .records import SignInRefused, User, existing_user, update_user, user_of_row

FREE_FAILURES = 5
LOCK_BASE_S = 30
LOCK_MAX_S = 3600
# A name's wrong passwords are forgotten after a quiet day (none since, no lock running): an account's count
# starts again, and a made-up name's row is deleted, which is the same (the misses table grew by every name
# ever mistyped or made up). ``locked_until`` holds the time of the last wrong password when it locked
# nothing (a time passed reads as not locked), the lock's end when it did.
FORGET_AFTER = timedelta(days=1)
PRUNE_EVERY = timedelta(hours=1)  # how often a server deletes the made-up names forgotten


def lock_seconds(failures: int) -> int:
    """How long an account stays locked after ``failures`` wrong passwords in a row (0: not locked)."""
    if failures < FREE_FAILURES:
        return 0
    return int(min(LOCK_MAX_S, LOCK_BASE_S * 2 ** (failures - FREE_FAILURES)))


def _seconds_left(locked_until: str | None) -> int:
    if not locked_until:
        return 0
    left = (store.parse_iso(locked_until) - store.parse_iso(store.now_iso())).total_seconds()
    return max(0, int(left + 0.999))


def counted_try(
    settings: Settings,
    user: User,
    password: str,
    password_hash: str,
    *,
    locked_until: Callable[[], str | None],
    refused: Callable[..., None],
    wrong: SignInRefused,
) -> None:
    """One try at ``user``'s password, counted as every try is (signing in, or changing one's password):
    refused while the account is locked (``locked_until`` read then), a wrong one counted and the account
    locked after enough, a right one clearing the count. ``refused(why, **detail)`` records a refusal in
    the audit trail before it is raised; ``wrong``: what a wrong password is told."""
    failures = _claim_attempt(settings, user.id)
    if failures is None:  # locked (by this try's forerunners too, still being checked)
        left = max(1, _seconds_left(locked_until()))
        refused("locked")
        raise _still_locked(left)
    if not passwords.verify(password_hash, password):
        lock = lock_seconds(failures)
        refused("wrong password", failures=failures, locked_s=lock)
        raise _locked(lock) if lock else wrong
    update_user(settings, user.name, failed_logins=0, locked_until=None)  # the try counted was right


def authenticate(settings: Settings, name: str, password: str, *, address: str = "") -> User:
    """The person, when the name and password are right and the account may sign in; else SignInRefused
    (one message for a wrong name and a wrong password, so names cannot be guessed one at a time)."""
    wrong = SignInRefused("Wrong name or password.")
    folded = name.strip().lower()
    row = _row(settings, folded)
    if row is None:  # refused exactly as a real account is, locks included
        key = _name_key(settings, folded)
        lock = _claim_miss(settings, key)
        if lock is None:
            raise _still_locked(max(1, _seconds_left(_miss_locked_until(settings, key))))
        passwords.verify(passwords.dummy_hash(), password)
        audit.record(
            settings, "sign_in_refused", actor=_masked(folded), address=address, reason="unknown name"
        )
        raise _locked(lock) if lock else wrong
    found = user_of_row(row)
    counted_try(
        settings, found, password, row.password_hash,
        locked_until=lambda: user_of_row(_row(settings, folded)).locked_until,
        refused=lambda why, **detail: audit.record(
            settings, "sign_in_refused", actor=found.name, address=address, reason=why, **detail
        ),
        wrong=wrong,
    )  # fmt: skip
    if found.disabled:
        audit.record(settings, "sign_in_refused", actor=found.name, address=address, reason="disabled")
        raise SignInRefused("This account is disabled: ask an admin.")
    if passwords.needs_rehash(row.password_hash):
        update_user(settings, found.name, password_hash=passwords.hash_password(password))
    audit.record(settings, "sign_in", actor=found.name, address=address)
    return existing_user(settings, found.name)


def _masked(name: str) -> str:
    """A name no account has, as the audit trail keeps it: its first character and length only, since
    what was typed there may be a password (typed in the wrong box), and the trail is read by admins and
    exported."""
    return f"{name[:1]}… ({len(name)} characters, no such account)"


def _still_locked(left: int) -> SignInRefused:
    return SignInRefused(
        f"Too many wrong passwords: this account is locked for {left} more second(s).", retry_after_s=left
    )


def _locked(lock: int) -> SignInRefused:
    return SignInRefused(
        f"Too many wrong passwords: this account is locked for {lock} second(s).", retry_after_s=lock
    )


def _row(settings: Settings, folded: str) -> Any:
    with store.read(settings) as db:
        return db.execute(sa.select(users).where(users.c.name == folded)).first()


def _claim_attempt(settings: Settings, user_id: int) -> int | None:
    """Count this try as a wrong password *before* its password is checked, and lock the account when it
    is the try that earns a lock (a right password then clears both); None, counting nothing, while the
    account is locked. Counted only after the check, guesses sent in parallel were all checked before the
    first of them counted: 8 of 30 wrong guesses, and the right password among them signed in (found by
    hunter-web, W1)."""
    now = store.now_iso()
    with store.engine(settings).begin() as db:
        failures = db.execute(
            users.update()
            .where(users.c.id == user_id)
            .where(sa.or_(users.c.locked_until.is_(None), users.c.locked_until <= now))
            .values(
                failed_logins=sa.case(
                    (users.c.locked_until <= _forgotten_before(now), 1), else_=users.c.failed_logins + 1
                ),
                locked_until=now,  # this try's time, until a lock (or a right password) replaces it
            )
            .returning(users.c.failed_logins)
        ).scalar_one_or_none()
        if failures is None:
            return None
        _lock_when_due(db, int(failures), now, users.update().where(users.c.id == user_id))
    return int(failures)


def _forgotten_before(now: str) -> str:
    """The time before which a name's last wrong password is forgotten (:data:`FORGET_AFTER`)."""
    return (store.parse_iso(now) - FORGET_AFTER).isoformat()


def _lock_when_due(db: Any, failures: int, now: str, row: Any) -> int:
    """Lock ``row`` (an UPDATE of one account's or one made-up name's row) when ``failures`` calls for it,
    in the transaction that counted them: the seconds it is locked for, 0 when it is not."""
    lock = lock_seconds(failures)
    if lock:
        until = (store.parse_iso(now) + timedelta(seconds=lock)).isoformat()
        db.execute(row.values(locked_until=until))
    return lock


# -- names nobody has -------------------------------------------------------------------------------------
# Counted in the database, as accounts are: kept in the server's memory, a made-up name locked on one
# server (or before a restart) was unlocked on the other, where a real account stayed locked, so a sixth try
# there told which names had accounts (found by hunter-web10).

SIGN_IN_KEY = "sign_in_key"


def _name_key(settings: Settings, folded: str) -> str:
    """The name as the misses table keeps it: keyed with the ledger's own secret, since what was typed in
    the name box may be a password."""
    return hmac.new(_sign_in_key(settings), folded.encode("utf-8"), hashlib.sha256).hexdigest()


def _sign_in_key(settings: Settings) -> bytes:
    """The ledger's key for names nobody has: made by the first server that needs it, then every server's."""
    read = sa.select(team_settings.c.value).where(team_settings.c.key == SIGN_IN_KEY)
    with store.read(settings) as db:
        found = db.execute(read).scalar()
    if found is None:
        with store.engine(settings).begin() as db:
            db.execute(
                sa.text(
                    "INSERT INTO team_settings(key, value, updated, updated_by)"
                    " VALUES (:key, :value, :now, 'server') ON CONFLICT(key) DO NOTHING"
                ),
                {"key": SIGN_IN_KEY, "value": secrets.token_hex(32), "now": store.now_iso()},
            )
            found = db.execute(read).scalar_one()  # another server's, when it made one first
    return str(found).encode("ascii")


def _claim_miss(settings: Settings, key: str) -> int | None:
    """:func:`_claim_attempt` for a name nobody has: one more wrong password counted, the lock it earns
    (seconds, 0: none), or None, counting nothing, while the name is locked."""
    now = store.now_iso()
    _forget_quiet_misses(settings, now)
    with store.engine(settings).begin() as db:
        failures = db.execute(
            sa.text(
                "INSERT INTO team_sign_in_misses(name_key, failed_logins, locked_until)"
                " VALUES (:key, 1, :now)"
                " ON CONFLICT(name_key) DO UPDATE SET failed_logins = CASE"
                " WHEN team_sign_in_misses.locked_until <= :quiet THEN 1"
                " ELSE team_sign_in_misses.failed_logins + 1 END, locked_until = :now"
                " WHERE team_sign_in_misses.locked_until IS NULL OR team_sign_in_misses.locked_until <= :now"
                " RETURNING failed_logins"
            ),
            {"key": key, "now": now, "quiet": _forgotten_before(now)},
        ).scalar_one_or_none()
        if failures is None:
            return None
        lock = _lock_when_due(
            db, int(failures), now, sign_in_misses.update().where(sign_in_misses.c.name_key == key)
        )
    return lock


_pruned_at: dict[str, str] = {}  # ledger -> when this process last deleted its forgotten made-up names


def _forget_quiet_misses(settings: Settings, now: str) -> None:
    """Delete the made-up names whose wrong passwords are forgotten (:data:`FORGET_AFTER`): counted again
    from none, as an account's are then. At most every :data:`PRUNE_EVERY` per ledger in this process (a
    sweep of the table); a row not yet deleted counts from none all the same."""
    where = str(settings.ledger_location)
    last = _pruned_at.get(where)
    if last is not None and store.parse_iso(now) - store.parse_iso(last) < PRUNE_EVERY:
        return
    _pruned_at[where] = now
    with store.engine(settings).begin() as db:
        db.execute(sign_in_misses.delete().where(sign_in_misses.c.locked_until <= _forgotten_before(now)))


def _miss_locked_until(settings: Settings, key: str) -> str | None:
    with store.read(settings) as db:
        return db.execute(
            sa.select(sign_in_misses.c.locked_until).where(sign_in_misses.c.name_key == key)
        ).scalar()
