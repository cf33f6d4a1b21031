"""Imports every command module so that each registers on the shared app."""

from __future__ import annotations

import importlib

import typer

from .app import app, remove_default_stale_temps

# One module per command group; a module that is not written yet is simply absent.
COMMAND_MODULES = (
    "sandbox_cmd",
    "catalog_cmd",
    "validate_cmd",
    "template_cmd",
    "run_cmd",
    "track_cmd",
    "status_cmd",
    "reconcile_cmd",
    "serve_cmd",
    "users_cmd",
    "ledger_cmd",
)


@app.callback()
def _root() -> None:
    """Turn a recipient spreadsheet into physical gift-card orders, exactly once."""
    remove_default_stale_temps()


@app.command()
def version() -> None:
    """Print bulkship's version."""
    from .. import __version__

    typer.echo(__version__)


for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"{__package__}.{_name}")
    except ModuleNotFoundError as exc:  # only while a command module is not written yet
        if exc.name != f"{__package__}.{_name}":
            raise
