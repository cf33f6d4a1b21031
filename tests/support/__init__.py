"""Test support shared by the test modules: recipient files, the in-process sandbox vendor, sleeps that
never wait (the fixtures built on them are in ``conftest.py``); ``support.money_invariants`` checks that every
output tells the same money."""

from __future__ import annotations

import csv
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx

from bulkship.client import connect
from bulkship.client.vendor import VendorClient
from bulkship.sandbox import Sandbox, SandboxConfig, create_app
from bulkship.settings import Settings

# The columns of a staff recipient file, spelled as users write them.
HEADER = ["Employee ID", "Name", "Address", "City", "State", "ZIP", "Product", "Amount"]


def visible_text(html: str) -> str:
    """A page as its reader sees the words: tags dropped, runs of spaces and line breaks one space."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def ram_disk(room: int) -> Path | None:
    """The machine's RAM-backed folder (/dev/shm) when this process may write there and ``room`` bytes of
    it are free; else None. Writable is not enough: a container's /dev/shm is often 64 MB (Docker's default),
    where test_csv_hostile's 500 MB file and a PostgreSQL cluster end in 'No space left on device'."""
    folder = Path("/dev/shm")
    if not (folder.is_dir() and os.access(folder, os.W_OK)):
        return None
    free = os.statvfs(folder)
    return folder if free.f_bavail * free.f_frsize >= room else None


def write_sheet(
    path: Path,
    people: Iterable[int],
    *,
    id_format: str = "E{}",
    bad: Collection[int] = (),
    names: Mapping[int, str] | None = None,
    product: str = "CVS",
    amount: str = "25",
    shipping: str = "",
) -> Path:
    """A real CSV of one recipient per number in ``people`` (all in Boston, MA 02134). A number in ``bad``
    has no street address (the row is invalid); ``names`` renames some people; ``shipping``: a 'Shipping'
    column naming that method on every row (else none: STANDARD)."""
    method = [shipping] if shipping else []
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER + (["Shipping"] if shipping else []))
        for i in people:
            name = (names or {}).get(i, f"Person {i}")
            address = "" if i in bad else f"{i + 1} Main St"
            cells = [id_format.format(i), name, address, "Boston", "MA", "02134", product, amount]
            writer.writerow(cells + method)
    return path


async def no_sleep(_seconds: float) -> None:
    """A ``sleep`` for the client and ``track``: backoffs and polling intervals pass at once."""


class Waits:
    """A ``sleep`` that never waits and records what it was asked to wait, for tests of backoff."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


ClientFactory = Callable[[Settings], VendorClient]


class SandboxVendor:
    """The embedded sandbox reached in-process (ASGI, no socket), with a client that never really sleeps.

    ``transport`` may be replaced by a wrapper that misbehaves; ``client()`` uses the one in place when it
    is called, ``factory(transport)`` makes the client factory ``run_batch`` takes."""

    def __init__(self, folder: Path, **knobs: Any) -> None:
        self.sandbox = Sandbox(SandboxConfig(state_file=folder / "vendor.sqlite", clock_speed=0, **knobs))
        self.transport: httpx.AsyncBaseTransport = httpx.ASGITransport(app=create_app(self.sandbox))
        self.settings = Settings(data_dir=folder / "data", ledger_path=folder / "ledger.sqlite")

    def client(self, settings: Settings | None = None) -> VendorClient:
        return connect(settings or self.settings, transport=self.transport, sleep=no_sleep)

    def factory(self, transport: httpx.AsyncBaseTransport | None = None) -> ClientFactory:
        chosen = transport or self.transport
        return lambda settings: connect(settings, transport=chosen, sleep=no_sleep)

    def external_ids(self) -> Counter[str]:
        """How many times the vendor holds each recipient (line ExternalId): exactly once is the promise."""
        return Counter(li["ExternalId"] for order in self.sandbox.orders() for li in order["LineItems"])

    def products(self) -> Counter[tuple[str, str]]:
        return Counter(
            (li["ExternalId"], li["ProductId"]) for o in self.sandbox.orders() for li in o["LineItems"]
        )

    def po_numbers(self) -> list[str]:
        return [order["PONumber"] for order in self.sandbox.orders()]

    def close(self) -> None:
        self.sandbox.close()


def embedded_sandbox_orders(data_dir: Path) -> list[dict[str, Any]]:
    """The orders the embedded sandbox of this data folder holds (what ``bulkship run`` ordered there)."""
    with Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0)) as sandbox:
        return sandbox.orders()


class NoPoNumberOnReads(httpx.AsyncBaseTransport):
    """An order read by its Id shows no PONumber either (with the sandbox's ``list_po_number=false``: a vendor
    that never shows an order's PONumber once it is made, whatever is asked), so its list can never prove a
    PO absent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        path = request.url.path.lower()
        if request.method != "GET" or not path.startswith("/v1/orders/") or response.status_code != 200:
            return response
        body = json.loads(await response.aread())
        return httpx.Response(200, json={k: v for k, v in body.items() if k.lower() != "ponumber"})


def wait_for_run(client: Any, batch: str, seconds: float = 0.1) -> None:
    """Until the batch's run on the client's server ends, for at most ``seconds`` (issue 14: the runner
    says as it ends, where a test slept and read the progress again); a sleep where none is queued, or the
    client is a real HTTP one (a server in another thread or process)."""
    runner = runner_of(client)
    if runner is None or not runner.wait(batch, timeout=seconds):
        time.sleep(seconds)


def runner_of(client: Any) -> Any:
    """The web runner (``bulkship.web.runner.Runner``) of a TestClient's app; None for a real HTTP client."""
    app = getattr(client, "app", None)
    while app is not None and not hasattr(app, "state"):  # under the guards' middleware (web.guards)
        app = getattr(app, "app", None)
    return None if app is None else app.state.web.runner


def run_if_queued(client: Any, batch: str, seconds: float = 30.0) -> None:
    """Until a run of the batch the client's server queued (at its start, resuming it) ends: at once where
    none is queued. For a test saying a server leaves a batch alone (it slept 0.5 s for that run to go)."""
    runner_of(client).wait(batch, timeout=seconds)


def until(probe: Callable[[], Any], what: str, seconds: float = 30.0) -> None:
    """Ask ``probe`` every 10 ms until it is true, for at most ``seconds`` (a handshake, no fixed sleep)."""
    deadline = time.monotonic() + seconds
    while not probe():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.01)


def clients_of(app: Any) -> Iterator[Callable[[], Any]]:
    """For a fixture to ``yield from``: clients of one web app, one per person (each with its own cookies),
    each closed after the test."""
    from starlette.testclient import TestClient

    opened: list[TestClient] = []

    def browser() -> TestClient:
        client = TestClient(app, follow_redirects=True)
        client.__enter__()
        opened.append(client)
        return client

    yield browser
    for client in opened:
        client.__exit__(None, None, None)
