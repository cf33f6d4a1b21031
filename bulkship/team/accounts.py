"""People: accounts with roles, argon2 password hashes, lockout with back-off, and signed-in sessions.

A session is a random token the browser keeps in a signed cookie; the database keeps only its SHA-256, when it
was last used and whether it ended. A session ends when its person signs out, after ``idle`` time without a
request, when the person's password changes (every other session) and when the account is disabled.

Lockout: after :data:`FREE_FAILURES` wrong passwords in a row an account is locked for
:data:`LOCK_BASE_S` seconds, doubling with each further failure up to :data:`LOCK_MAX_S`; a correct password
after the lock ends (or a password reset) starts the count again.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import BulkshipError, ConfigError
from ..settings import Settings
from . import ROLES, audit, store
from .tables import sessions, users

MIN_PASSWORD = 10
FREE_FAILURES = 5
LOCK_BASE_S = 30
LOCK_MAX_S = 3600
DEFAULT_IDLE = timedelta(minutes=30)
TOUCH_EVERY = timedelta(seconds=30)  # last_seen is written at most this often per session
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Checked against for a name nobody has: a wrong name costs as much time as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


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

    def fail(self, name: str) -> int:
        """One more wrong password for ``name``; the lock it earns (seconds, 0: none)."""
        with self._lock:
            failures = self._failures.pop(name, (0, None))[0] + 1
            lock = lock_seconds(failures)
            until = (store.parse_iso(store.now_iso()) + timedelta(seconds=lock)).isoformat() if lock else None
            self._failures[name] = (failures, until)
            while len(self._failures) > self._KEPT:
                self._failures.popitem(last=False)
            return lock


_unknown_names = _UnknownNames()


class AccountError(ConfigError):
    """A name, role, password or limit that cannot be used (exit 2)."""


class SignInRefused(BulkshipError):
    """Wrong name or password, a disabled account, or one locked after repeated failures."""

    def __init__(self, message: str, *, retry_after_s: int = 0) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class User:
    id: int
    name: str
    roles: frozenset[str]
    spend_limit: Decimal | None
    disabled: bool
    failed_logins: int
    locked_until: str | None
    created: str

    def has(self, *wanted: str) -> bool:
        return bool(self.roles & set(wanted))

    @property
    def roles_text(self) -> str:
        return ", ".join(sorted(self.roles))


def _user(row: sa.Row[Any]) -> User:
    return User(
        id=int(row.id),
        name=str(row.name),
        roles=frozenset(r for r in str(row.roles).split(",") if r),
        spend_limit=Decimal(row.spend_limit) if row.spend_limit else None,
        disabled=bool(row.disabled),
        failed_logins=int(row.failed_logins),
        locked_until=row.locked_until,
        created=str(row.created),
    )


# -- checks ----------------------------------------------------------------------------------------------


def check_name(name: str) -> str:
    folded = name.strip().lower()
    if not NAME_PATTERN.fullmatch(folded):
        raise AccountError(
            f"{name!r} cannot be a sign-in name",
            hint="use 1-64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit",
        )
    return folded


def check_roles(roles: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
    wanted = {r.strip().lower() for r in roles if r.strip()}
    unknown = sorted(wanted - set(ROLES))
    if unknown:
        raise AccountError(f"Unknown role {', '.join(unknown)}", hint=f"roles are {', '.join(ROLES)}")
    if not wanted:
        raise AccountError("A person needs at least one role", hint=f"roles are {', '.join(ROLES)}")
    return ",".join(sorted(wanted))


def check_password(password: str, name: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password is too short: use at least {MIN_PASSWORD} characters")
    if password.strip().lower() == name.lower():
        raise AccountError("The password cannot be the sign-in name")


def parse_limit(text: str | Decimal | None) -> Decimal | None:
    """A spend limit as people write money ('5,000', '$250.50'); '' or 'none': no personal limit."""
    if text is None:
        return None
    from ..money import AmountError, read_amount

    if isinstance(text, Decimal):
        if not text.is_finite() or text < 0:
            raise AccountError(f"{text!r} is not an amount of money", hint="write it like 5000 or 5000.00")
        return text.quantize(Decimal("0.01"))
    if str(text).strip().lower() in ("", "none"):
        return None
    try:  # the money reader of --max-total: '25,00' is refused, never read as 2,500.00
        value = read_amount(str(text))
    except AmountError as exc:
        raise AccountError(f"{text!r} {exc}", hint="write it like 5000 or 5000.00") from None
    return value.quantize(Decimal("0.01"))


# -- people ----------------------------------------------------------------------------------------------


def find_user(settings: Settings, name: str) -> User | None:
    with store.read(settings) as db:
        row = db.execute(sa.select(users).where(users.c.name == name.strip().lower())).first()
    return _user(row) if row else None


def user_by_id(settings: Settings, user_id: int) -> User | None:
    with store.read(settings) as db:
        row = db.execute(sa.select(users).where(users.c.id == user_id)).first()
    return _user(row) if row else None


def _existing(settings: Settings, name: str) -> User:
    found = find_user(settings, name)
    if found is None:
        raise AccountError(f"No person named {name!r}", hint="bulkship users list shows every account")
    return found


def list_users(settings: Settings) -> list[User]:
    with store.read(settings) as db:
        return [_user(r) for r in db.execute(sa.select(users).order_by(users.c.name))]


def add_user(
    settings: Settings,
    name: str,
    password: str,
    roles: list[str] | tuple[str, ...] | set[str],
    *,
    spend_limit: str | Decimal | None = None,
    actor: str,
    address: str = "",
) -> User:
    name = check_name(name)
    role_text = check_roles(roles)
    check_password(password, name)
    limit = parse_limit(spend_limit)
    now = store.now_iso()
    try:
        with store.engine(settings).begin() as db:
            db.execute(
                users.insert().values(
                    name=name,
                    password_hash=_hasher.hash(password),
                    roles=role_text,
                    spend_limit=str(limit) if limit is not None else None,
                    created=now,
                    password_changed=now,
                )
            )
    except sa.exc.IntegrityError:
        raise AccountError(f"There is already a person named {name!r}") from None
    audit.record(
        settings, "user_add", actor=actor, address=address, user=name, roles=role_text,
        spend_limit=str(limit) if limit is not None else "",
    )  # fmt: skip
    return _existing(settings, name)


def _update(settings: Settings, name: str, **values: object) -> None:
    with store.engine(settings).begin() as db:
        db.execute(users.update().where(users.c.name == name).values(**values))


def end_sessions(settings: Settings, user_id: int, *, keep: str | None = None) -> None:
    """End every open session of a person (but ``keep``, the token of the one changing its password)."""
    query = sessions.update().where(sessions.c.user_id == user_id, sessions.c.ended.is_(None))
    if keep is not None:
        query = query.where(sessions.c.token_hash != _token_hash(keep))
    with store.engine(settings).begin() as db:
        db.execute(query.values(ended=store.now_iso()))


def set_disabled(settings: Settings, name: str, disabled: bool, *, actor: str, address: str = "") -> User:
    found = _existing(settings, name)
    if disabled and found.has("admin") and not found.disabled and _enabled_admins(settings) <= 1:
        raise AccountError(
            f"{found.name} is the last admin who can sign in: disabling them would leave nobody to manage "
            "people",
            hint="give another person the admin role first",
        )
    _update(settings, found.name, disabled=disabled)
    if disabled:
        end_sessions(settings, found.id)
    audit.record(
        settings, "user_disable" if disabled else "user_enable", actor=actor, address=address, user=found.name
    )
    return _existing(settings, found.name)


def _enabled_admins(settings: Settings) -> int:
    return sum(1 for u in list_users(settings) if u.has("admin") and not u.disabled)


def set_roles(settings: Settings, name: str, roles: list[str], *, actor: str, address: str = "") -> User:
    found = _existing(settings, name)
    role_text = check_roles(roles)
    if found.has("admin") and "admin" not in role_text.split(",") and _enabled_admins(settings) <= 1:
        raise AccountError(f"{found.name} is the last admin: give another person the admin role first")
    _update(settings, found.name, roles=role_text)
    audit.record(settings, "user_roles", actor=actor, address=address, user=found.name, roles=role_text)
    return _existing(settings, found.name)


def set_limit(
    settings: Settings, name: str, limit: str | Decimal | None, *, actor: str, address: str = ""
) -> User:
    found = _existing(settings, name)
    value = parse_limit(limit)
    _update(settings, found.name, spend_limit=str(value) if value is not None else None)
    audit.record(
        settings, "user_limit", actor=actor, address=address, user=found.name,
        spend_limit=str(value) if value is not None else "none",
    )  # fmt: skip
    return _existing(settings, found.name)


def reset_password(settings: Settings, name: str, password: str, *, actor: str, address: str = "") -> User:
    """A new password set by an admin (or the command line): the lockout is lifted, sessions end."""
    found = _existing(settings, name)
    check_password(password, found.name)
    _update(
        settings, found.name, password_hash=_hasher.hash(password), password_changed=store.now_iso(),
        failed_logins=0, locked_until=None,
    )  # fmt: skip
    end_sessions(settings, found.id)
    audit.record(settings, "password_reset", actor=actor, address=address, user=found.name)
    return _existing(settings, found.name)


def change_password(
    settings: Settings, user: User, old: str, new: str, *, token: str | None = None, address: str = ""
) -> None:
    """A person's own change: the old password must be right; their other sessions end."""
    with store.read(settings) as db:
        stored = db.execute(sa.select(users.c.password_hash).where(users.c.id == user.id)).scalar_one()
    if not _verify(stored, old):
        audit.record(settings, "password_change", actor=user.name, address=address, outcome="wrong password")
        raise SignInRefused("The current password is not right: the password was not changed")
    check_password(new, user.name)
    _update(settings, user.name, password_hash=_hasher.hash(new), password_changed=store.now_iso())
    end_sessions(settings, user.id, keep=token)
    audit.record(settings, "password_change", actor=user.name, address=address, outcome="changed")


# -- signing in ------------------------------------------------------------------------------------------


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


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


def authenticate(settings: Settings, name: str, password: str, *, address: str = "") -> User:
    """The person, when the name and password are right and the account may sign in; else SignInRefused
    (one message for a wrong name and a wrong password, so names cannot be guessed one at a time)."""
    wrong = SignInRefused("Wrong name or password.")
    folded = name.strip().lower()
    with store.read(settings) as db:
        row = db.execute(sa.select(users).where(users.c.name == folded)).first()
    if row is None:  # refused exactly as a real account is, locks included
        key = f"{store.location(settings)}\x00{folded}"  # per team database, as accounts are
        left = _unknown_names.seconds_left(key)
        if left:
            raise _still_locked(left)
        _verify(_dummy_hash(), password)
        lock = _unknown_names.fail(key)
        audit.record(settings, "sign_in_refused", actor=folded[:64], address=address, reason="unknown name")
        raise _locked(lock) if lock else wrong
    found = _user(row)
    left = _seconds_left(found.locked_until)
    if left:
        audit.record(settings, "sign_in_refused", actor=found.name, address=address, reason="locked")
        raise _still_locked(left)
    if not _verify(row.password_hash, password):
        failures = _count_failure(settings, found.id)
        lock = lock_seconds(failures)
        audit.record(
            settings, "sign_in_refused", actor=found.name, address=address, reason="wrong password",
            failures=failures, locked_s=lock,
        )  # fmt: skip
        raise _locked(lock) if lock else wrong
    if found.disabled:
        audit.record(settings, "sign_in_refused", actor=found.name, address=address, reason="disabled")
        raise SignInRefused("This account is disabled: ask an admin.")
    if _hasher.check_needs_rehash(row.password_hash):
        _update(settings, found.name, password_hash=_hasher.hash(password))
    _update(settings, found.name, failed_logins=0, locked_until=None)
    audit.record(settings, "sign_in", actor=found.name, address=address)
    return _existing(settings, found.name)


def _still_locked(left: int) -> SignInRefused:
    return SignInRefused(
        f"Too many wrong passwords: this account is locked for {left} more second(s).", retry_after_s=left
    )


def _locked(lock: int) -> SignInRefused:
    return SignInRefused(
        f"Too many wrong passwords: this account is locked for {lock} second(s).", retry_after_s=lock
    )


def _count_failure(settings: Settings, user_id: int) -> int:
    """One more wrong password, counted in the database (guesses in parallel all count), and the lock it
    earns; returns the count."""
    with store.engine(settings).begin() as db:
        failures = int(
            db.execute(
                users.update()
                .where(users.c.id == user_id)
                .values(failed_logins=users.c.failed_logins + 1)
                .returning(users.c.failed_logins)
            ).scalar_one()
        )
        lock = lock_seconds(failures)
        if lock:
            until = (store.parse_iso(store.now_iso()) + timedelta(seconds=lock)).isoformat()
            db.execute(users.update().where(users.c.id == user_id).values(locked_until=until))
    return failures


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(settings: Settings, user: User, *, address: str = "") -> str:
    """A new session for a person who just signed in; returns its token (for the cookie, nowhere else)."""
    token = secrets.token_urlsafe(32)
    now = store.now_iso()
    with store.engine(settings).begin() as db:
        db.execute(
            sessions.insert().values(
                token_hash=_token_hash(token), user_id=user.id, created=now, last_seen=now, address=address
            )
        )
    return token


def session_user(
    settings: Settings, token: str, *, idle: timedelta = DEFAULT_IDLE, touch: bool = True
) -> User | None:
    """The person signed in with this token, or None (unknown, ended, idle too long, account disabled).
    A session idle too long is ended here, so a later request cannot revive it. ``touch``: the request is
    the person's doing (a page polling itself is not, and keeps no session alive)."""
    key = _token_hash(token)
    with store.read(settings) as db:
        row = db.execute(sa.select(sessions).where(sessions.c.token_hash == key)).first()
    if row is None or row.ended:
        return None
    now = store.parse_iso(store.now_iso())
    last = store.parse_iso(row.last_seen)
    if now - last > idle:
        end_session(settings, token)
        return None
    found = user_by_id(settings, int(row.user_id))
    if found is None or found.disabled:
        return None
    if touch and now - last >= TOUCH_EVERY:
        with store.engine(settings).begin() as db:
            db.execute(
                sessions.update().where(sessions.c.token_hash == key).values(last_seen=now.isoformat())
            )
    return found


def end_session(settings: Settings, token: str) -> None:
    with store.engine(settings).begin() as db:
        db.execute(
            sessions.update()
            .where(sessions.c.token_hash == _token_hash(token), sessions.c.ended.is_(None))
            .values(ended=store.now_iso())
        )
