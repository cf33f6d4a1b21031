"""``bulkship sandbox`` serves the embedded vendor sandbox over HTTP; ``sandbox reset`` forgets its state."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ConfigError
from ..settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, resolve_settings
from .app import app, err_console

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
FUND_EXAMPLE = 1000  # the amount the start-up line shows how to deposit (POST /_sandbox/fund)

sandbox_app = typer.Typer(
    help="Run the embedded vendor sandbox as a real HTTP server (no real orders), or reset its state.",
    add_completion=False,
)
app.add_typer(sandbox_app, name="sandbox")


def _rate(help_text: str) -> object:
    return typer.Option(min=0.0, max=1.0, help=help_text)


@sandbox_app.callback(invoke_without_command=True)
def sandbox(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to bind; loopback only unless --allow-remote.")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="Port to listen on; 0 picks a free one.")] = DEFAULT_PORT,
    email: Annotated[str, typer.Option(help="Email the sandbox accepts.")] = SANDBOX_EMAIL,
    access_token: Annotated[
        str, typer.Option(help="Access token the sandbox accepts.")
    ] = SANDBOX_ACCESS_TOKEN,
    state: Annotated[
        Path | None, typer.Option(help="SQLite file keeping orders across restarts (default: in memory).")
    ] = None,
    balance: Annotated[str, typer.Option(help="Opening Available balance of a new state.")] = "1000000",
    latency_ms: Annotated[int, typer.Option(min=0, help="Delay added to every /v1 request.")] = 0,
    order_latency_ms: Annotated[
        int, typer.Option(min=0, help="Delay added to order creation only (POST /v1/Orders), on top.")
    ] = 0,
    error_rate: Annotated[float, _rate("Share of /v1 requests answered 500/503.")] = 0.0,
    timeout_rate: Annotated[float, _rate("Share answered 504 before anything is done.")] = 0.0,
    throttle_rate: Annotated[float, _rate("Share answered 429 with Retry-After.")] = 0.0,
    rate_limit: Annotated[
        float | None, typer.Option(min=0.001, help="Requests per second beyond which 429.")
    ] = None,
    drop_after_commit_rate: Annotated[
        float, _rate("Share of created orders whose answer is lost: the connection drops after the commit.")
    ] = 0.0,
    token_ttl: Annotated[int, typer.Option(min=1, help="Token lifetime in seconds.")] = 3600,
    seed: Annotated[int, typer.Option(help="Seed of every random fault and tracking number.")] = 0,
    webhook_duplicate_rate: Annotated[float, _rate("Share of webhooks delivered twice.")] = 0.0,
    order_failure_rate: Annotated[float, _rate("Share of orders that end Failed (refunded).")] = 0.0,
    clock_speed: Annotated[
        float | None, typer.Option(min=0.0, help="Sandbox seconds per real second (0: frozen).")
    ] = None,
    catalog: Annotated[
        Path | None, typer.Option(help="JSON catalog to serve instead of the built-in.")
    ] = None,
    allow_remote: Annotated[bool, typer.Option(help="Allow binding a non-loopback address.")] = False,
    dialect: Annotated[
        str,
        typer.Option(
            help="How it answers: 'documented' or 'likely-real' (camelCase, no line echo, ASP.NET errors, "
            "an order list that ignores the PO filter...), optionally with ,KNOB=VALUE overrides."
        ),
    ] = "documented",
) -> None:
    """Serve the sandbox until Ctrl-C or SIGTERM. Prints its URL and credentials first, one per line."""
    if ctx.invoked_subcommand is not None:
        return
    from ..sandbox import DEFAULT_CLOCK_SPEED, Sandbox, SandboxConfig
    from ..sandbox.dialect import parse_dialect
    from ..sandbox.server import base_url, bind, serve

    config = SandboxConfig(
        email=email,
        access_token=access_token,
        state_file=state,
        balance=_decimal(balance),
        token_ttl=token_ttl,
        seed=seed,
        latency_ms=latency_ms,
        order_latency_ms=order_latency_ms,
        error_rate=error_rate,
        timeout_rate=timeout_rate,
        throttle_rate=throttle_rate,
        rate_limit=rate_limit,
        drop_after_commit_rate=drop_after_commit_rate,
        webhook_duplicate_rate=webhook_duplicate_rate,
        clock_speed=DEFAULT_CLOCK_SPEED if clock_speed is None else clock_speed,
        catalog_file=catalog,
        order_failure_rate=order_failure_rate,
        dialect=parse_dialect(dialect),
    )
    sandbox_instance = Sandbox(config)
    try:
        sock = bind(host, port, allow_remote=allow_remote)
    except BaseException:
        sandbox_instance.close()
        raise
    url = base_url(sock)
    # stdout: machine-readable, URL first, so a script can read it from the first line.
    sys.stdout.write(
        f"BULKSHIP_API_URL={url}\nBULKSHIP_EMAIL={email}\nBULKSHIP_ACCESS_TOKEN={access_token}\n"
    )
    sys.stdout.flush()
    err_console.print(
        f"Sandbox vendor API on {url} (no real orders, {config.dialect.text} dialect); "
        f"state: {state or 'in memory'}. Ctrl-C stops it.\n"
        f"Try: curl -X POST -H 'Email: {email}' -H 'AccessToken: ...' {url}/v1/Tokens\n"
        # a run it stopped for funds says "fund the prefunded account": how, here (found by newcomer12)
        f"Fund its account (after a run stopped for funds): curl -X POST -d '{{\"amount\": {FUND_EXAMPLE}}}' "
        f"{url}/_sandbox/fund",
        soft_wrap=True,
    )
    try:
        serve(sandbox_instance, sock)
    finally:
        sandbox_instance.close()
    err_console.print("Sandbox stopped." + (f" Its orders are kept in {state}." if state else ""))


@sandbox_app.command("reset")
def reset(
    state: Annotated[
        Path | None, typer.Option(help="State file to delete (default: the embedded sandbox's).")
    ] = None,
) -> None:
    """Delete the sandbox's state (orders, balance, clock). Stop any server using that file first."""
    from ..api import sandbox_reset

    settings = resolve_settings()
    path = state or settings.sandbox_state_file
    if sandbox_reset(settings, state=state):
        err_console.print(f"Deleted the sandbox state {path}: the next sandbox starts empty.", soft_wrap=True)
    else:
        err_console.print(f"No sandbox state at {path}: nothing to reset.", soft_wrap=True)


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ConfigError(f"--balance must be a number, not {text!r}") from None
    if not value.is_finite():
        raise ConfigError(f"--balance must be a finite number, not {text!r}")
    return value
