"""People: accounts added, their roles, spend limits and passwords changed, disabled and enabled; each change
in the audit trail."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from ...settings import Settings
from .. import ROLES, audit, store
from ..tables import users
from . import passwords
from .records import NAME_PATTERN, AccountError, SignInRefused, User, existing_user, list_users, update_user
from .sessions import end_sessions


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


def parse_limit(text: str | Decimal | None) -> Decimal | None:
    """A spend limit as people write money ('5,000', '$250.50'); '' or 'none': no personal limit."""
    if text is None:
        return None
    from ...money import AmountError, read_amount

    if isinstance(text, Decimal):
        if not text.is_finite() or text < 0:
            raise AccountError(f"{text!r} is not an amount of money", hint="write it like 5000 or 5000.00")
        return text.quantize(Decimal("0.01"))
    if str(text).strip().lower() in ("", "none"):
        return None
    try:  # the money reader of --max-total: '25,00' is refused, never read as 2,500.00
        value = read_amount(str(text))
        return value.quantize(Decimal("0.01"))
    except AmountError as exc:
        raise AccountError(f"{text!r} {exc}", hint="write it like 5000 or 5000.00") from None
    except ArithmeticError:  # more digits than a sum of money has (found by hunter-web, W4: a 500 page)
        raise AccountError(
            f"{text!r} is not an amount of money", hint="write it like 5000 or 5000.00"
        ) from None


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
    passwords.check_password(password, name)
    limit = parse_limit(spend_limit)
    now = store.now_iso()
    try:
        with store.engine(settings).begin() as db:
            db.execute(
                users.insert().values(
                    name=name,
                    password_hash=passwords.hash_password(password),
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
    return existing_user(settings, name)


PRESSED_AGAIN_S = 60  # an account added this long ago at most, as asked again, is that same 'Add'


def added_just_now(
    settings: Settings,
    name: str,
    password: str,
    roles: list[str] | tuple[str, ...] | set[str],
    *,
    spend_limit: str | Decimal | None = None,
) -> User | None:
    """The account ``name`` when it is the one these very details added just now: 'Add' pressed twice (a
    double click) read "There is already a person named 'zed'" of the account its first press had added
    (found by hunter-web16 in Chromium). Same roles and limit, the same password, never changed since,
    added within :data:`PRESSED_AGAIN_S`; else None (the name is another person's, or an older account)."""
    from datetime import timedelta

    try:
        name, role_text, limit = check_name(name), check_roles(roles), parse_limit(spend_limit)
    except AccountError:
        return None
    with store.read(settings) as db:
        row = db.execute(sa.select(users).where(users.c.name == name)).first()
    if row is None or row.roles != role_text or row.disabled or row.password_changed != row.created:
        return None
    if (row.spend_limit or None) != (str(limit) if limit is not None else None):
        return None
    since = store.parse_iso(store.now_iso()) - timedelta(seconds=PRESSED_AGAIN_S)
    if store.parse_iso(str(row.created)) < since or not passwords.verify(str(row.password_hash), password):
        return None
    return existing_user(settings, name)


def set_disabled(settings: Settings, name: str, disabled: bool, *, actor: str, address: str = "") -> User:
    found = existing_user(settings, name)
    if disabled and found.has("admin") and not found.disabled and _enabled_admins(settings) <= 1:
        raise AccountError(
            f"{found.name} is the last admin who can sign in: disabling them would leave nobody to manage "
            "people",
            hint="give another person the admin role first",
        )
    update_user(settings, found.name, disabled=disabled)
    if disabled:
        end_sessions(settings, found.id)
    audit.record(
        settings, "user_disable" if disabled else "user_enable", actor=actor, address=address, user=found.name
    )
    return existing_user(settings, found.name)


def _enabled_admins(settings: Settings) -> int:
    return sum(1 for u in list_users(settings) if u.has("admin") and not u.disabled)


def set_roles(settings: Settings, name: str, roles: list[str], *, actor: str, address: str = "") -> User:
    found = existing_user(settings, name)
    role_text = check_roles(roles)
    if found.has("admin") and "admin" not in role_text.split(",") and _enabled_admins(settings) <= 1:
        raise AccountError(f"{found.name} is the last admin: give another person the admin role first")
    update_user(settings, found.name, roles=role_text)
    # the roles before too: "appr: finance" alone did not say the approver role was taken away
    audit.record(
        settings, "user_roles", actor=actor, address=address, user=found.name, roles=role_text,
        before=",".join(sorted(found.roles)),
    )  # fmt: skip
    return existing_user(settings, found.name)


def set_limit(
    settings: Settings, name: str, limit: str | Decimal | None, *, actor: str, address: str = ""
) -> User:
    found = existing_user(settings, name)
    value = parse_limit(limit)
    update_user(settings, found.name, spend_limit=str(value) if value is not None else None)
    audit.record(
        settings, "user_limit", actor=actor, address=address, user=found.name,
        spend_limit=str(value) if value is not None else "none",
        before=str(found.spend_limit) if found.spend_limit is not None else "none",
    )  # fmt: skip
    return existing_user(settings, found.name)


def reset_password(settings: Settings, name: str, password: str, *, actor: str, address: str = "") -> User:
    """A new password set by an admin (or the command line): the lockout is lifted, sessions end."""
    found = existing_user(settings, name)
    passwords.check_password(password, found.name)
    update_user(
        settings, found.name, password_hash=passwords.hash_password(password),
        password_changed=store.now_iso(), failed_logins=0, locked_until=None,
    )  # fmt: skip
    end_sessions(settings, found.id)
    audit.record(settings, "password_reset", actor=actor, address=address, user=found.name)
    return existing_user(settings, found.name)


def change_password(
    settings: Settings, user: User, old: str, new: str, *, token: str | None = None, address: str = ""
) -> None:
    """A person's own change: the old password must be right, each wrong one counted and locked as a sign-in's
    (a session left open, or its cookie taken, guessed the password without end: found by hunter-web5);
    their other sessions end."""
    from .signin import counted_try

    def stored() -> Any:
        with store.read(settings) as db:
            return db.execute(
                sa.select(users.c.password_hash, users.c.locked_until).where(users.c.id == user.id)
            ).one()

    counted_try(
        settings, user, old, stored().password_hash,
        locked_until=lambda: stored().locked_until,
        refused=lambda why, **detail: audit.record(
            settings, "password_change", actor=user.name, address=address, outcome=why, **detail
        ),
        wrong=SignInRefused("The current password is not right: the password was not changed"),
    )  # fmt: skip
    passwords.check_password(new, user.name)
    changed = store.now_iso()
    update_user(settings, user.name, password_hash=passwords.hash_password(new), password_changed=changed)
    end_sessions(settings, user.id, keep=token)
    audit.record(settings, "password_change", actor=user.name, address=address, outcome="changed")
