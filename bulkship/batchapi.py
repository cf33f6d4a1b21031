"""Which vendor API a batch belongs to.

A batch's orders exist at one API only: the embedded sandbox (recorded as ``"sandbox"``) or a vendor base
URL. The ledger records it per batch (``batches.api``) the first time the batch is run; running, tracking or
reconciling the batch against another API is refused with :class:`~bulkship.errors.BatchConflictError`,
since that API has never heard of its PO numbers (and a sandbox batch must never be reported as real).

Batches recorded before the ledger kept the API (``api`` NULL) are accepted and take the API of their
next run.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from .errors import BatchConflictError

if TYPE_CHECKING:
    from .ledger import BatchRecord
    from .settings import Settings

SANDBOX_API = "sandbox"


def api_identity(settings: Settings) -> str:
    """``"sandbox"`` for the embedded sandbox, else the vendor's base URL as the client uses it."""
    if settings.is_sandbox:
        return SANDBOX_API
    from .client.transport import normalize_base_url

    return normalize_base_url(str(settings.api_url))


def describe_api(api: str) -> str:
    return "the embedded sandbox" if api == SANDBOX_API else f"the vendor API {api}"


def embedded_sandbox_elsewhere(settings: Settings) -> str:
    """Why the embedded sandbox knows none of some orders the ledger says it created: it keeps them in the
    data folder, while a team's ledger is shared (found by newcomer11: finance reconciling on another machine
    a batch the web page sent read 'vendor 0 orders ... Totals differ ... Differences found')."""
    said = (
        f"The embedded sandbox keeps its orders in this data folder only ({settings.sandbox_state_file}): it "
        "holds none sent through another machine's or data folder's embedded sandbox, nor any from before "
        "`bulkship sandbox reset`. To try bulkship as a team on one ledger, run one "
        "`bulkship sandbox --state FILE` (with `--host 0.0.0.0 --allow-remote` for other machines) and set "
        "the BULKSHIP_API_URL, BULKSHIP_EMAIL and BULKSHIP_ACCESS_TOKEN it prints for every command and "
        "`bulkship serve`."
    )
    beside = settings.ledger.parent / "sandbox.sqlite"  # a colleague's data folder, named with --ledger
    if settings.ledger_url or not beside.is_file() or beside == settings.sandbox_state_file:
        return said
    # finance reading a colleague's trial with --ledger was told 'Totals differ ... Differences found' and
    # how to set up a shared sandbox, not the one setting that reads it (found by newcomer22)
    return (
        f"{said} The ledger's own folder holds the embedded sandbox its trials were sent through ({beside}): "
        f"run the same command with BULKSHIP_SANDBOX_STATE={shlex.quote(str(beside))} to compare with it."
    )


def _how_to_select(api: str) -> str:
    if api == SANDBOX_API:
        return "without --api-url and with BULKSHIP_API_URL unset"
    return f"with --api-url {api} (or BULKSHIP_API_URL={api})"


_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def api_key(api: str) -> str:
    """An API as compared: one vendor whatever way its URL was typed (``HTTP://Host:443/``, ``https://host``;
    ``localhost`` and ``127.0.0.1``). Erring towards "the same API" only makes the repeat guard compare more
    batches (a row held by mistake is one flag away; a second card is not)."""
    from urllib.parse import urlsplit

    if api == SANDBOX_API:
        return api
    try:
        parts = urlsplit(api.strip())
        host = (parts.hostname or "").casefold()
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.casefold(), 0)
    except ValueError:
        return api.strip().casefold()
    host = "loopback" if host in _LOOPBACK else host
    path = parts.path.rstrip("/").casefold().removesuffix("/v1")
    return f"{host}:{port}{path}"


def same_api(recorded: str | None, api: str | None) -> bool:
    """Whether two recorded APIs are one (an unrecorded one, from an older ledger, matches any)."""
    return recorded is None or api is None or api_key(recorded) == api_key(api)


def other_api_note(recorded: str | None, settings: Settings) -> str:
    """What a page of ``settings``' server says of a batch whose orders went to another API (a ledger shared
    by a server of the embedded sandbox and by runs against the vendor), or "". Under the SANDBOX banner, a
    batch the vendor charged 1,734.25 for read as one more trial, with no word of its API (found by
    newcomer11, W6; newcomer12)."""
    server = api_identity(settings)
    if not recorded or same_api(recorded, server):
        return ""
    if recorded == SANDBOX_API:
        return "a trial on the embedded sandbox, not this server's vendor: no real order, no real money"
    return f"orders at the vendor API {recorded}, not {describe_api(server)}: that vendor's money"


def check_batch_api(record: BatchRecord | None, settings: Settings, *, action: str, command: str) -> None:
    """Refuse to ``action`` batch ``record`` against another API than the one it was ordered through.

    ``command`` is the command line to repeat against the batch's own API (e.g. ``bulkship track NAME``)."""
    recorded = getattr(record, "api", None) if record is not None else None
    if record is None or not recorded:
        return
    here = api_identity(settings)
    if same_api(recorded, here):
        return
    hint = f"run `{command}` {_how_to_select(recorded)}"
    if action == "run":
        hint += f"; or, to order the file through {describe_api(here)}, give it a new batch: --batch NEW-NAME"
    raise BatchConflictError(
        f"Batch {record.name!r} was ordered through {describe_api(recorded)}, but this command uses "
        f"{describe_api(here)}: refusing to {action} it there. Nothing was sent or changed",
        hint=hint,
    )
