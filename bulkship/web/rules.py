"""Which roles may use each route of the web page, and what a person does there, in words.

:data:`RULES` says, for each route (method and path template, as the app declares it), the roles that may use
it, the audit trail's action name for a successful request, and ``doing``: what the person tried, as the trail
and the refusal page say it when the person's roles do not allow it ("send batch {name}", with the path's
parts filled in). The roles of sending, tracking, reconciling and settling come from
:mod:`bulkship.team.roles`, which the command line checks too. A route without a rule may be read (GET) by
anyone signed in and refused for anything else; a test checks that every route of the app has a rule and
that each role is refused what it may not do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from starlette.routing import compile_path

from ..team.roles import RECONCILE, SEND, SETTLE, TRACK

ALL = frozenset({"admin", "requester", "approver", "finance"})
PUBLIC_MARK = "*public*"
PUBLIC = frozenset({PUBLIC_MARK})  # no sign-in needed
READERS = ALL


@dataclass(frozen=True)
class Rule:
    method: str
    path: str  # the route's template, e.g. /batches/{name}/rows/{row}
    roles: frozenset[str]
    audit: str | None = None  # the audit trail's action name for a successful request
    doing: str = ""  # what the person does there, the path's parts in braces: "fix row {row} of batch {name}"
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", compile_path(self.path)[0])

    def doing_said(self, params: dict[str, str]) -> str:
        """What the person tried, in words, the path's parts filled in. A refusal in the trail said only the
        route ('POST /batches/{name}/approval/{request:int}/approve'), which an admin reading the trail had
        to decode (the web page's known leftover, fixed by hunter-web26)."""
        if not self.doing:
            return f"{self.method} {self.path}"
        return self.doing.format_map({k: _short(v) for k, v in params.items()})


def _short(value: str) -> str:
    return value if len(value) <= 80 else value[:77] + "..."


def _r(
    method: str, path: str, roles: frozenset[str] | set[str], audit_as: str | None = None, doing: str = ""
) -> Rule:
    return Rule(method, path, frozenset(roles), audit_as, doing)


REQUESTER = SEND.roles  # prepare a batch and send it
_COLUMNS = "choose the columns of batch {name}"
RULES: tuple[Rule, ...] = (
    _r("GET", "/", READERS),
    _r("GET", "/batches/new", REQUESTER, doing="open the page to upload a new list"),
    _r("POST", "/batches", REQUESTER, "upload", "upload a new list"),
    _r("POST", "/batches/{name}/sheet", REQUESTER, "sheet", "choose the sheet of batch {name}"),
    _r("GET", "/batches/{name}/columns", READERS),
    _r("POST", "/batches/{name}/columns", REQUESTER, "mapping", _COLUMNS),
    _r("POST", "/batches/{name}/columns/reset", REQUESTER, "mapping", _COLUMNS),
    _r("POST", "/batches/{name}/columns/use", REQUESTER, "mapping", _COLUMNS),
    _r("POST", "/batches/{name}/columns/every-row", REQUESTER, "mapping", _COLUMNS),
    _r("POST", "/batches/{name}/columns/profile", REQUESTER, "profile", "save the columns of batch {name}"),
    _r("GET", "/batches/{name}", READERS),  # sends on to the step the batch is at (checked there again)
    _r("GET", "/batches/{name}/review", READERS),
    _r("POST", "/batches/{name}/rows/{row}", REQUESTER, "fix", "fix row {row} of batch {name}"),
    _r(
        "POST",
        "/batches/{name}/rows/{row}/take-in",
        REQUESTER,
        "take_in",
        "take in row {row} of batch {name}, which the list leaves out",
    ),
    _r("POST", "/batches/{name}/column", REQUESTER, "fix", "change a column's cells in batch {name}"),
    _r("POST", "/batches/{name}/own-list", REQUESTER, "own_list", "say batch {name} is a list of its own"),
    _r("GET", "/batches/{name}/cost", READERS),
    # audited by the confirmation itself (team_pages)
    _r("POST", "/batches/{name}/confirm", REQUESTER, doing="send batch {name} (Send on its cost page)"),
    # held rows sent anyway (a second card if the same person): whoever may send, or an approver
    _r("GET", "/batches/{name}/held", READERS),
    _r(
        "POST",
        "/batches/{name}/held",
        REQUESTER | {"approver"},
        "repeat",
        "send held rows of batch {name} anyway, or leave them out",
    ),
    _r("GET", "/batches/{name}/progress", READERS),
    _r("GET", "/batches/{name}/progress/live", READERS),
    # a confirmed Send whose server process is gone, taken up here: who may send, or an approver (it was
    # approved); the run acts for whoever confirmed it, within the total confirmed
    _r("POST", "/batches/{name}/resume", REQUESTER | {"approver"}, "resume", "resume sending batch {name}"),
    _r("GET", "/batches/{name}/results", READERS),
    _r("GET", "/batches/{name}/results.{kind:str}", READERS, "export"),
    _r(
        "GET",
        "/batches/{name}/reconcile",
        RECONCILE.roles,
        "reconcile",
        "check batch {name} against the vendor",
    ),
    _r("POST", "/batches/{name}/track", TRACK.roles, "track", "refresh the tracking of batch {name}"),
    _r("POST", "/batches/{name}/delete", REQUESTER, "delete", "delete batch {name}"),
    _r("GET", "/batches/{name}/needs-review", READERS),
    _r(
        "POST",
        "/batches/{name}/needs-review/check",
        RECONCILE.roles,
        "review_check",
        "check the rows of batch {name} waiting for review against the vendor",
    ),
    _r(
        "POST",
        "/batches/{name}/needs-review/settle",
        SETTLE.roles,
        "review_settle",
        "settle a row of batch {name} waiting for review",
    ),
    # team pages (bulkship.web.team_pages)
    _r("GET", "/login", PUBLIC),
    _r("POST", "/login", PUBLIC),
    _r("POST", "/logout", READERS),
    _r("GET", "/account", READERS),
    _r("POST", "/account/password", READERS),
    _r("GET", "/approvals", READERS),
    _r("GET", "/batches/{name}/approval", READERS),
    # audited by the library
    _r(
        "POST",
        "/batches/{name}/approval/{request:int}/approve",
        {"approver"},
        doing="approve request #{request} to send batch {name}",
    ),
    _r(
        "POST",
        "/batches/{name}/approval/{request:int}/reject",
        {"approver"},
        doing="reject request #{request} to send batch {name}",
    ),
    # the person who asked (checked by the library and the database), whatever their roles now
    _r("POST", "/batches/{name}/approval/{request:int}/withdraw", READERS),  # audited by the library
    _r("GET", "/audit", {"finance", "admin"}, doing="read the audit trail"),
    _r("GET", "/audit.{kind:str}", {"finance", "admin"}, "audit_export", "download the audit trail"),
    _r("GET", "/admin/users", {"admin"}, doing="open the People page"),
    _r("POST", "/admin/users", {"admin"}, doing="add a person"),  # audited by the library (user_add...)
    _r("POST", "/admin/users/{user}", {"admin"}, doing="change the account of {user}"),
    _r("POST", "/admin/settings", {"admin"}, doing="change the team's settings"),
)


def rule_for(method: str, path: str) -> tuple[Rule | None, dict[str, str]]:
    method = "GET" if method == "HEAD" else method
    for rule in RULES:
        if rule.method != method:
            continue
        match = rule.regex.match(path)
        if match:
            return rule, match.groupdict()
    return None, {}


def allowed(rule: Rule | None, method: str, roles: frozenset[str]) -> bool:
    if rule is None:  # a route nobody gave a rule: read-only for anyone signed in
        return method in ("GET", "HEAD") and bool(roles)
    return PUBLIC_MARK in rule.roles or bool(rule.roles & roles)
