"""Signed-in sessions: a random token the browser keeps in a signed cookie; the database keeps only its
SHA-256, when it was last used and whether it ended."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa

from ...settings import Settings
from .. import store
from ..tables import sessions
from .records import User, user_by_id

DEFAULT_IDLE = timedelta(minutes=30)
TOUCH_EVERY = timedelta(seconds=30)  # last_seen is written at most this often per session


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def end_sessions(settings: Settings, user_id: int, *, keep: str | None = None) -> None:
    """End every open session of a person (but ``keep``, the token of the one changing its password)."""
    query = sessions.update().where(sessions.c.user_id == user_id, sessions.c.ended.is_(None))
    if keep is not None:
        query = query.where(sessions.c.token_hash != _token_hash(keep))
    with store.engine(settings).begin() as db:
        db.execute(query.values(ended=store.now_iso()))


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
