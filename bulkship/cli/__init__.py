"""Command-line interface: thin commands over the library. Library errors become one ``Error:`` line."""

from __future__ import annotations

import sys

import typer

from ..errors import BulkshipError
from . import commands  # noqa: F401  (each command module registers on ``app``)
from .app import app, err_console


def _usage_exit_code(exc: Exception) -> int | None:
    """Typer (which vendors click since 0.29) raises usage errors that know how to show themselves."""
    show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
    if callable(show) and isinstance(code, int):
        show()
        return code
    return None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``bulkship`` script; returns (and, as a script, exits with) the exit code."""
    try:
        result = app(args=argv, standalone_mode=False, prog_name="bulkship")
    except BulkshipError as exc:
        err_console.print(f"[bold red]Error:[/] {exc.message}", soft_wrap=True)
        if exc.hint:
            err_console.print(f"  {exc.hint}", soft_wrap=True)
        code = exc.exit_code
    except typer.Exit as exc:
        code = int(getattr(exc, "exit_code", 0) or 0)
    except typer.Abort:
        err_console.print("Aborted.")
        code = 1
    except KeyboardInterrupt:
        err_console.print("Interrupted. Re-running the same command resumes where it stopped.")
        code = 130
    except Exception as exc:
        usage_code = _usage_exit_code(exc)
        if usage_code is None:
            raise
        code = usage_code
    else:
        code = result if isinstance(result, int) else 0
    if argv is None:
        sys.exit(code)
    return code


__all__ = ["app", "main"]
