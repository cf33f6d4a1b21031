"""``bulkship serve``: the web page (upload, review, cost, send, results) over the same library.

Binds 127.0.0.1 unless ``--host`` says otherwise, and says so. Without an API URL it runs against the embedded
sandbox and its pages carry the sandbox banner. Result workbooks go to ``<data dir>/results`` unless ``--out``
(or ``BULKSHIP_OUT``) names a folder.
"""

from __future__ import annotations

import gc
import os
from dataclasses import replace
from typing import Annotated

import typer

from ..defaults import MAX_FILE_BYTES
from ..errors import ConfigError
from ..webhookurl import checked_webhook_url, refuse_serving_itself
from .app import (
    ApiUrlOption,
    CredentialsOption,
    LedgerOption,
    ServeOutOption,
    announce_target,
    app,
    err_console,
    settings_from,
)

DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_MB = MAX_FILE_BYTES // (1024 * 1024)  # the loader reads no larger file
DEFAULT_TRACK_EVERY_MIN = 15.0  # tracking refreshed in the background this often
MAX_TRACK_EVERY_MIN = 7 * 24 * 60.0  # a week: beyond, a sleep no event loop takes
# uploads read at once (web.review.READ_AT_ONCE, not a setting before: hunter-hostile12's leftover)
DEFAULT_READINGS, MAX_READINGS = 2, 64


@app.command("serve")
def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this machine only).")
    ] = ("127.0.0.1"),
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port (0: any free port).")
    ] = DEFAULT_PORT,
    max_upload_mb: Annotated[
        int,
        typer.Option("--max-upload-mb", min=1, envvar="BULKSHIP_MAX_UPLOAD_MB", help="Largest upload in MB."),
    ] = DEFAULT_MAX_UPLOAD_MB,
    track_every: Annotated[
        float,
        typer.Option(
            "--track-every",
            min=0,
            max=MAX_TRACK_EVERY_MIN,
            envvar="BULKSHIP_TRACK_EVERY_MIN",
            help="Refresh tracking in the background every N minutes; 0: only when asked.",
        ),
    ] = DEFAULT_TRACK_EVERY_MIN,
    webhook_url: Annotated[
        str | None,
        typer.Option(
            "--webhook-url",
            envvar="BULKSHIP_WEBHOOK_URL",
            help="Register this URL with every order sent from the page: a `bulkship webhook serve` on the "
            "same ledger records deliveries as they happen.",
        ),
    ] = None,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            "--secure-cookies",
            help="Mark cookies Secure (HTTPS only) even though requests arrive as plain HTTP: behind a "
            "reverse proxy that ends TLS (env BULKSHIP_SECURE_COOKIES=1).",
        ),
    ] = False,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Serve another address than this machine's own while no account exists: anyone who can "
            "reach it can then send orders (and add the first admin). Without it, add an account first.",
        ),
    ] = False,
    readings: Annotated[
        int,
        typer.Option(
            "--readings",
            min=1,
            max=MAX_READINGS,
            envvar="BULKSHIP_READINGS",
            help="Uploads read at once (a list, its review or cost worked out); others wait their turn. Each "
            "reading holds its list in memory and a core: raise it where cores and memory are to spare.",
        ),
    ] = DEFAULT_READINGS,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    ledger: LedgerOption = None,
    out: ServeOutOption = None,
) -> None:
    """Serve the web page: upload a spreadsheet, review it, see the cost, send, download the results."""
    if secure_cookies:
        from ..web.guards import SECURE_COOKIES_ENV

        os.environ[SECURE_COOKIES_ENV] = "1"  # read where each cookie is made
    from ..web import serve
    from ..web.guards import secure_cookies_forced
    from ..web.server import LOOPBACK

    settings = settings_from(api_url=api_url, credentials=credentials, ledger=ledger, out=out)
    if out is None and not os.environ.get("BULKSHIP_OUT"):
        settings = replace(settings, out_dir=settings.data_dir / "results")
    webhook_url = checked_webhook_url(webhook_url or None)
    refuse_serving_itself(webhook_url, host, port)
    settings.credentials()  # missing or misplaced: the operator's to fix here, not each user's on the page
    announce_target(settings, webhook_url)

    from ..ledger import Ledger, ledger_exists
    from ..team import team_mode

    # opened (and brought up to date) here as the server would at its start: a ledger that cannot be used (a
    # newer bulkship upgraded it) is one Error line, not the server's traceback
    if ledger_exists(settings.ledger_location):
        with Ledger.open(settings.ledger_location, lock=False):
            pass
    signed_in = team_mode(settings)
    if host not in LOOPBACK and not signed_in and not allow_remote:
        # no sign-in until the first account: on the network, anyone there could spend the vendor account
        raise ConfigError(
            f"bulkship serve --host {host}: no account exists yet, so anyone who can reach this machine "
            "could send orders and make themselves its first admin. Nothing is served",
            hint="add an account first (bulkship users add NAME --role admin), serve this machine only (no "
            "--host), or pass --allow-remote to serve it without sign-in anyway",
        )

    def ready(url: str) -> None:
        where = (
            "this machine only (loopback); pass --host 0.0.0.0 to let other machines in"
            + ("" if signed_in else ", once an account exists (bulkship users add NAME --role admin)")
            if host in LOOPBACK
            else f"every machine that can reach {host}"
            + (
                ": everyone signs in (team mode)"
                if signed_in
                else ": there are no accounts, anyone there can send orders "
                "(bulkship users add NAME --role admin)"
            )
        )
        typer.echo(f"bulkship serve: {url}", err=False)
        err_console.print(f"Listening on {url} for {where}. Ctrl-C stops it.", soft_wrap=True)
        if secure_cookies_forced():  # at its http:// address no one can sign in (found by newcomer14)
            err_console.print(
                "Cookies are marked Secure (--secure-cookies): open the page at your HTTPS reverse proxy's "
                f"address; at {url} itself (plain HTTP) no one on another machine can sign in.",
                soft_wrap=True,
            )

    # What is loaded by now (pandas, SQLAlchemy, the app) lives as long as the server: the collector need not
    # scan it again on every full collection, nor once more on the way out (~0.4 s of CPU per stop).
    gc.freeze()
    serve(
        settings, host=host, port=port, max_upload_bytes=max_upload_mb * 1024 * 1024, on_ready=ready,
        track_every_s=track_every * 60 or None, webhook_url=webhook_url, readings_at_once=readings,
    )  # fmt: skip
