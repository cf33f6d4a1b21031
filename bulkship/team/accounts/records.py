"""An account as stored: the person (:class:`User`), the errors a team's rules raise, and the reads and writes
of the users table the other parts share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from ...errors import BulkshipError, ConfigError
from ...settings import Settings
from .. import store
from ..tables import users

NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")


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
    def locked(self) -> bool:
        """Locked now: ``locked_until`` is also the time of the last wrong password, passed (signin)."""
        return bool(self.locked_until) and str(self.locked_until) > store.now_iso()

    @property
    def roles_text(self) -> str:
        return ", ".join(sorted(self.roles))


def user_of_row(row: sa.Row[Any]) -> User:
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


def find_user(settings: Settings, name: str) -> User | None:
    with store.read(settings) as db:
        row = db.execute(sa.select(users).where(users.c.name == name.strip().lower())).first()
    return user_of_row(row) if row else None


def user_by_id(settings: Settings, user_id: int) -> User | None:
    with store.read(settings) as db:
        row = db.execute(sa.select(users).where(users.c.id == user_id)).first()
    return user_of_row(row) if row else None


def existing_user(settings: Settings, name: str) -> User:
    found = find_user(settings, name)
    if found is None:
        raise AccountError(f"No person named {name!r}", hint="bulkship users list shows every account")
    return found


def list_users(settings: Settings) -> list[User]:
    with store.read(settings) as db:
        return [user_of_row(r) for r in db.execute(sa.select(users).order_by(users.c.name))]


def update_user(settings: Settings, name: str, **values: object) -> None:
    with store.engine(settings).begin() as db:
        db.execute(users.update().where(users.c.name == name).values(**values))
