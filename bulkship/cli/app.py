"""The typer application and what every command shares: the stderr console, settings options, error output."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from ..atomicfile import remove_stale_temps
from ..settings import DEFAULT_OUT_DIR, ENV_PREFIX, Settings, resolve_settings
from .shown import ShownConsole


def _flags_without_a_type() -> None:
    """``--help`` shows no value type beside a flag: typer 0.29 writes ``--yes <bool>``, which reads as if
    ``--yes true`` were wanted (it is refused: "unexpected extra argument")."""
    option = getattr(typer.core, "TyperOption", None)
    shown = getattr(option, "display_type_rich", None)
    if option is None or shown is None or getattr(shown, "flags_untyped", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        return None if getattr(self, "is_flag", False) else shown(self, ctx)

    display_type_rich.flags_untyped = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich


_flags_without_a_type()

app = typer.Typer(
    name="bulkship",
    help="Turn a recipient spreadsheet into physical gift-card orders, exactly once.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Progress, banners and logs go to stderr; stdout stays machine-readable for --json.
# Piped or captured, rich would assume 80 columns and cut money columns short; a log file has room.
# No markup: file names, batch names and the vendor's messages print literally ('[Q4] staff' stays whole);
# what is meant to be styled says so with styled().
# Control characters a file, a vendor or a person wrote are shown, never obeyed by the terminal (.shown).
err_console = ShownConsole(
    stderr=True, highlight=False, markup=False, width=None if sys.stderr.isatty() else 120
)


def styled(*parts: str | tuple[str, str]) -> Text:
    """Literal text with styled pieces: ``styled(("Error:", "bold red"), " ", message)``."""
    return Text.assemble(*parts)


def said_error(label: str, message: str) -> Text:
    """An error's line: its label in bold red ('Error:'), or the message alone where the label is none (a
    person's own no at 'Send these orders?' is no error)."""
    return styled((label, "bold red"), " ", message) if label else styled(message)


def plain_console(width: int | None = None) -> Console:
    """A stdout console for tables (``catalog``, ``status``) that prints every value literally."""
    return ShownConsole(highlight=False, markup=False, width=width)


SANDBOX_BANNER = "SANDBOX — no real orders: running against bulkship's embedded vendor simulator."

ApiUrlOption = Annotated[
    str | None,
    typer.Option(
        "--api-url", help="Vendor API base URL (env BULKSHIP_API_URL). Without one: the embedded sandbox."
    ),
]
CredentialsOption = Annotated[
    Path | None,
    typer.Option("--credentials", help="TOML file with email and access_token (env BULKSHIP_CREDENTIALS)."),
]
LedgerOption = Annotated[
    str | None,
    typer.Option(
        "--ledger",
        help="The ledger: a SQLite file, or postgresql://USER@HOST/DATABASE shared by a team "
        "(env BULKSHIP_LEDGER).",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Output folder (default: output/ in the current folder; env BULKSHIP_OUT)."),
]
# `bulkship serve` writes into the data folder unless told ("default output/" sent people to the wrong place)
ServeOutOption = Annotated[
    Path | None,
    typer.Option(
        "--out", help="Folder for result workbooks (default: results/ in the data folder; env BULKSHIP_OUT)."
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="A CSV's text encoding (utf-8, cp1252, ...). Default: decided from the whole file; a file "
        "mixing encodings is refused.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]


def settings_from(
    api_url: str | None = None,
    credentials: Path | None = None,
    ledger: str | None = None,
    out: Path | None = None,
    **extra: Any,
) -> Settings:
    settings = resolve_settings(
        api_url=api_url, credentials_file=credentials, ledger=ledger, out_dir=out, **extra
    )
    remove_stale_temps(settings.out_dir)  # what a killed run left there holds recipient data
    return settings


def remove_default_stale_temps() -> None:
    """When any command starts: the temporary files killed runs left in the output folder (recipient data)."""
    remove_stale_temps(os.environ.get(ENV_PREFIX + "OUT") or DEFAULT_OUT_DIR)


def with_encoding(program: Any, encoding: str | None) -> Any:
    """The program settings with ``--encoding`` applied (the flag wins over the settings file)."""
    import dataclasses

    return dataclasses.replace(program, encoding=encoding) if encoding else program


def announce_target(settings: Settings, webhook_url: str | None = None) -> None:
    """Say loudly when nothing real happens, and which vendor is used when it does."""
    if settings.is_sandbox:
        err_console.print(styled((SANDBOX_BANNER, "bold yellow")))
        if webhook_url:  # the receiver waited for calls that never come, nothing said (newcomer3's N7j)
            err_console.print(
                "Note: the embedded sandbox lives inside this command and calls no webhook. To try "
                "--webhook-url, run `bulkship sandbox --port 8001` and set the three variables it prints, "
                "for this command and for the receiver."
            )
    else:
        err_console.print(f"Vendor API: {settings.api_url}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
    sys.stdout.flush()
