"""Passwords: argon2 hashes, the rules a new password must meet, and the check of one against its hash."""

from __future__ import annotations

import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .records import AccountError

MIN_PASSWORD = 10

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def needs_rehash(stored: str) -> bool:
    """A hash made with weaker parameters than today's: made again at the next sign-in."""
    return _hasher.check_needs_rehash(stored)


def verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash() -> str:
    """Checked against for a name nobody has: a wrong name costs as much time as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


def check_password(password: str, name: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password is too short: use at least {MIN_PASSWORD} characters")
    if password.strip().lower() == name.lower():
        raise AccountError("The password cannot be the sign-in name")
