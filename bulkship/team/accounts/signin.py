"""Signing in: the name and password checked, with lockout and back-off after wrong passwords (for names
nobody has too, so that a lockout never tells which names have accounts)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from ...settings import Settings
from .. import audit, store
from ..tables import users
from . import passwords
from .records import SignInRefused, User, existing_user, update_user, user_of_row

FREE_FAILURES = 5
LOCK_BASE_S = 30
LOCK_MAX_S = 3600


class _UnknownNames:
    """Wrong passwords for names nobody has, counted and locked as an account's are (in this process, the
    most recent names only), so that a lockout never tells which names have accounts."""

    _KEPT = 4096

    def __init__(self) -> None:
        self._failures: OrderedDict[str, tuple[int, str | None]] = OrderedDict()
        self._lock = threading.Lock()

    def seconds_left(self, name: str) -> int:
        with self._lock:
            return _seconds_left(self._failures.get(name, (0, None))[1])

    def claim(self, name: str) -> int | None:
        """One more wrong password for ``name``, counted before it is checked as an account's is; the lock it
        earns (seconds, 0: none), or None, counting nothing, while the name is locked."""
        with self._lock:
            if _seconds_left(self._failures.get(name, (0, None))[1]):
                return None
            failures = self._failures.pop(name, (0, None))[0] + 1
            lock = lock_seconds(failures)
            until = (store.parse_iso(store.now_iso()) + timedelta(seconds=lock)).isoformat() if lock else None
            self._failures[name] = (failures, until)
            while len(self._failures) > self._KEPT:
                self._failures.popitem(last=False)
            return lock


_unknown_names = _UnknownNames()


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
        key = f"{store.location(settings)}\x00{folded}"  # per team database, as accounts are
        lock = _unknown_names.claim(key)
        if lock is None:
            raise _still_locked(max(1, _unknown_names.seconds_left(key)))
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
            .values(failed_logins=users.c.failed_logins + 1)
            .returning(users.c.failed_logins)
        ).scalar_one_or_none()
        if failures is None:
            return None
        lock = lock_seconds(int(failures))
        if lock:
            until = (store.parse_iso(now) + timedelta(seconds=lock)).isoformat()
            db.execute(users.update().where(users.c.id == user_id).values(locked_until=until))
    return int(failures)
