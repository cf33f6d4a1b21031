"""Who is asking, and may they: sign-in sessions and the role every page and action requires.

:class:`TeamAuth` is a pure-ASGI guard inside the CSRF guard. While the ledger has no account (a fresh
single-user install) it lets every request through, as bulkship always did. Once an account exists every
request but the sign-in page and the static files needs a signed-in person:

* the browser holds ``bulkship_session``, a random token signed with the server's secret
  (``<data folder>/web-secret``, created 0600 on first use, never logged); the ledger's database keeps the
  token's SHA-256 and when it was last used (:mod:`bulkship.team.accounts`), so signing out, idle time, a
  password change or a disabled account end it on every server sharing the ledger;
* :data:`.rules.RULES` says which roles may use each route, and what a person does there in words (what the
  trail and the refusal page say of an action refused).

After a successful action with an ``audit`` name the trail gets a line: who, from where, which batch (from the
path, or the page it leads to) and the path's other parts (the row of a cell fix).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import re
import secrets
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from itsdangerous import BadSignature, Signer
from starlette.concurrency import run_in_threadpool

from ..atomicfile import temp_path_for
from ..errors import ConfigError
from ..private import private_file
from ..settings import Settings
from ..team import accounts, approvals, audit, store
from .guards import App, Message, Receive, Scope, Send, _header, _send_page, secure_cookie
from .rules import PUBLIC_MARK, RULES, Rule, allowed, rule_for

__all__ = ["PUBLIC_MARK", "RULES", "Rule", "allowed", "rule_for"]  # (long imported from here)

log = logging.getLogger("bulkship.web")

SESSION_COOKIE = "bulkship_session"
SECRET_FILE = "web-secret"
# -- the session cookie -----------------------------------------------------------------------------------


def load_secret(data_dir: Path) -> bytes:
    """The server's signing secret: created (0600, in a 0700 folder) the first time, read after that.

    Written whole into a file of its own, then linked into place: created and then written, a second
    server starting at the same moment could read it empty, and sign its cookies with an empty key (found
    by hunter-web10); an empty one (left by a crash of that older way) is made again."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir / SECRET_FILE
    for _ in range(3):
        try:
            secret = path.read_bytes().strip()
        except FileNotFoundError:
            empty = False
        else:
            if secret:
                return secret
            empty = True
        _put_secret(path, secrets.token_urlsafe(48).encode("ascii"), replace=empty)
    raise ConfigError(f"Could not write the web page's signing secret {path}: delete it and start again")


def _put_secret(path: Path, secret: bytes, *, replace: bool) -> None:
    """``secret`` written whole beside ``path``, then put in its place: linked when there is none (the first
    of servers starting together wins, the others read it), or over an empty one."""
    temp = temp_path_for(path)  # named as every writer's, so a killed start's is cleared (atomicfile)
    try:
        with private_file(temp).open("wb") as out:  # 0600 before anything is written
            out.write(secret)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temp, path)
        else:
            _link_once(temp, path, secret)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _link_once(temp: Path, path: Path, secret: bytes) -> None:
    """``temp`` linked as ``path`` unless there is one already. A file system without hard links (some
    network shares; found by review27) gets the file created there, then written, as before the link."""
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    except OSError:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        with os.fdopen(fd, "wb") as out:
            out.write(secret)


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else ""


def local_person() -> str:
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):
        return "local"


def _cookie(scope: Scope, name: str) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(_header(scope, b"cookie"))
    except Exception:
        return ""
    morsel = cookie.get(name)
    return morsel.value if morsel else ""


class Sessions:
    """Signs and reads the session cookie."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.signer = Signer(load_secret(settings.data_dir), salt="bulkship-session")

    def cookie(self, token: str, scope: Scope) -> str:
        signed = self.signer.sign(token.encode("ascii")).decode("ascii")
        return f"{SESSION_COOKIE}={signed}; Path=/; HttpOnly; SameSite=Lax{secure_cookie(scope)}"

    @staticmethod
    def cleared() -> str:
        return f"{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"

    def token(self, scope: Scope) -> str | None:
        value = _cookie(scope, SESSION_COOKIE)
        if not value:
            return None
        try:
            return self.signer.unsign(value.encode("ascii")).decode("ascii")
        except (BadSignature, UnicodeError):
            return None

    def person(self, scope: Scope) -> accounts.User | None:
        token = self.token(scope)
        if token is None:
            return None
        idle = timedelta(minutes=approvals.idle_minutes(self.settings))
        # htmx polling (the progress page) is the page's doing, not the person's: it keeps no session alive
        return accounts.session_user(self.settings, token, idle=idle, touch=not _wants_fragment(scope))


# -- the guard --------------------------------------------------------------------------------------------


def _wants_fragment(scope: Scope) -> bool:
    return _header(scope, b"hx-request").lower() == "true"


class TeamAuth:
    """See the module docstring. ``forbidden(roles_needed, person)`` renders the refusal page."""

    def __init__(self, app: App, settings: Settings, forbidden: Any) -> None:
        self.app, self.settings, self.forbidden = app, settings, forbidden
        self.sessions = Sessions(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        rule, params = rule_for(method, path)
        team = await run_in_threadpool(store.team_mode, self.settings)
        scope["team_mode"] = team
        scope["client_address"] = client_address(scope)
        if not team:
            scope["team_user"] = None
            scope["actor"] = local_person()
            await self.app(scope, receive, send)  # single-user: no sign-in, no roles, no trail
            return
        person = await run_in_threadpool(self.sessions.person, scope)
        scope["team_user"] = person
        scope["actor"] = person.name if person else ""
        if rule is not None and PUBLIC_MARK in rule.roles:
            await self.app(scope, receive, send)
            return
        if person is None:
            await self._to_sign_in(scope, send)
            return
        if not allowed(rule, method, person.roles):
            needed = ", ".join(sorted(rule.roles)) if rule else "a rule for this action"
            log.info("refused %s %s to %s (%s)", method, path, person.name, person.roles_text)
            if rule is not None and (method not in ("GET", "HEAD") or rule.audit):
                await run_in_threadpool(self._refused, rule, params, scope, person)
            doing = rule.doing_said(params) if rule is not None and rule.doing else "do this"
            await _send_page(send, 403, self.forbidden(needed, person, doing))
            return
        await self._audited(rule, params, scope, receive, send)

    def _refused(self, rule: Rule, params: dict[str, str], scope: Scope, person: accounts.User) -> None:
        """A change (or an export) refused for want of a role, in the trail: a finance account's Send, a
        requester's Approve, posted from an old page or by hand, left only a line in the server's log, and the
        trail, which says every sign-in refused, said nothing of who tried to send or approve what (found
        by hunter-web25)."""
        audit.record(
            self.settings, "refused", actor=person.name, address=scope.get("client_address", ""),
            batch=params.get("name"), tried=rule.doing_said(params),
            needs=" or ".join(sorted(rule.roles)), roles=person.roles_text,
        )  # fmt: skip

    async def _to_sign_in(self, scope: Scope, send: Send) -> None:
        query = scope["query_string"].decode("latin-1")
        wanted = scope["path"] + ("?" + query if query else "")
        target = "/login?next=" + quote(wanted, safe="")
        if scope["method"] != "GET":  # a form (Send, a fix) from a page whose session ended: it was not done
            # back to that page, not to the Batches page with no word (found by review17)
            page = urlsplit(_header(scope, b"referer"))
            back = page.path + ("?" + page.query if page.query else "") if page.path else "/"
            target = "/login?ended=1&next=" + quote(safe_next(back), safe="")
        headers = [(b"location", target.encode("latin-1")), (b"content-length", b"0")]
        if _wants_fragment(scope):  # htmx polling a fragment: send the whole page to the sign-in
            headers = [(b"hx-redirect", target.encode("latin-1")), (b"content-length", b"0")]
            await send({"type": "http.response.start", "status": 401, "headers": headers})
        else:
            await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def _audited(
        self, rule: Rule | None, params: dict[str, str], scope: Scope, receive: Receive, send: Send
    ) -> None:
        if rule is None or rule.audit is None:
            await self.app(scope, receive, send)
            return
        status = 0
        location = ""

        async def watching(message: Message) -> None:
            nonlocal status, location
            if message["type"] == "http.response.start":
                status = int(message["status"])
                for key, value in message.get("headers", []):
                    if key.lower() == b"location":
                        location = value.decode("latin-1")
            await send(message)

        await self.app(scope, receive, watching)
        if status and status < 400 and not scope.get(NOTHING_CHANGED):
            batch = params.pop("name", None) or _batch_in(location)
            detail = {k: v for k, v in params.items()}
            detail.update(scope.get(AUDIT_DETAIL) or {})  # what the page did, as it said (say_in_trail)
            if scope.get("query_string"):
                detail["query"] = scope["query_string"].decode("latin-1")[:200]
            await run_in_threadpool(
                lambda: audit.record(
                    self.settings, rule.audit or "", actor=scope.get("actor") or "", batch=batch,
                    address=scope.get("client_address", ""), **detail,
                )
            )  # fmt: skip


AUDIT_DETAIL = "bulkship.audit_detail"


def nothing_changed(scope: Scope) -> None:
    """An audited change that changed nothing (Apply or Save pressed on what the page showed, the same
    change sent twice) writes no line: its 'mapping' or 'fix' line, with nothing in it, made an approver who
    only looked at a colleague's batch one of its makers, refused its approval (found by hunter-web15)."""
    scope[NOTHING_CHANGED] = True


NOTHING_CHANGED = "bulkship.nothing_changed"


def say_in_trail(scope: Scope, **detail: str) -> None:
    """What an audited action changed, for its line in the trail (a cell's old and new value, the file
    uploaded, the columns chosen): written only if the action succeeds."""
    scope.setdefault(AUDIT_DETAIL, {}).update(detail)


def _batch_in(location: str) -> str | None:
    match = re.match(r"/batches/([^/?#]+)/", urlsplit(location).path)
    return match.group(1) if match else None


def safe_next(target: str) -> str:
    """Where to go after signing in: a path of this site only (never another host)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
