"""People: accounts with roles, argon2 password hashes, lockout with back-off, and signed-in sessions.

A session is a random token the browser keeps in a signed cookie; the database keeps only its SHA-256, when it
was last used and whether it ended. A session ends when its person signs out, after ``idle`` time without a
request, when the person's password changes (every other session) and when the account is disabled.

Lockout: after :data:`FREE_FAILURES` wrong passwords in a row an account is locked for
:data:`LOCK_BASE_S` seconds, doubling with each further failure up to :data:`LOCK_MAX_S`; a correct password
after the lock ends (or a password reset) starts the count again.

The package: :mod:`.records` (the person as stored), :mod:`.passwords` (hashes and the rules of a password),
:mod:`.people` (adding and changing accounts), :mod:`.signin` (lockout), :mod:`.sessions`.
"""

from __future__ import annotations

from .passwords import MIN_PASSWORD, check_password
from .people import (
    add_user,
    added_just_now,
    change_password,
    check_name,
    check_roles,
    parse_limit,
    reset_password,
    set_disabled,
    set_limit,
    set_roles,
)
from .records import NAME_PATTERN, AccountError, SignInRefused, User, find_user, list_users, user_by_id
from .sessions import DEFAULT_IDLE, TOUCH_EVERY, end_session, end_sessions, session_user, start_session
from .signin import FREE_FAILURES, LOCK_BASE_S, LOCK_MAX_S, authenticate, lock_seconds

__all__ = [
    "DEFAULT_IDLE",
    "FREE_FAILURES",
    "LOCK_BASE_S",
    "LOCK_MAX_S",
    "MIN_PASSWORD",
    "NAME_PATTERN",
    "TOUCH_EVERY",
    "AccountError",
    "SignInRefused",
    "User",
    "add_user",
    "added_just_now",
    "authenticate",
    "change_password",
    "check_name",
    "check_password",
    "check_roles",
    "end_session",
    "end_sessions",
    "find_user",
    "list_users",
    "lock_seconds",
    "parse_limit",
    "reset_password",
    "session_user",
    "set_disabled",
    "set_limit",
    "set_roles",
    "start_session",
    "user_by_id",
]
