"""Command-line interface: thin commands over the library. Library errors become one ``Error:`` line."""

from __future__ import annotations

import errno
import functools
import gc
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import typer

from ..errors import BulkshipError
from ..launch import INTERRUPTED_EXIT_CODE
from . import commands  # noqa: F401  (each command module registers on ``app``)
from .app import app, err_console, print_json, said_error, styled
from .shown import one_line


def _usage_exit_code(exc: Exception) -> int | None:
    """Typer (which vendors click since 0.29) raises usage errors that know how to show themselves."""
    show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
    if callable(show) and isinstance(code, int):
        show()
        return code
    return None


def _usage_message(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message()) if callable(format_message) else str(exc)


# a path given that cannot be used: the user's to change (exit 2, as a file that cannot be used at all)
_PATH_ERRNOS = {
    errno.ENAMETOOLONG,
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EACCES,
    errno.EPERM,
    errno.ELOOP,
}


def _os_error(exc: OSError) -> tuple[str, int]:
    """What the system refused, in one line: its words and the path (cut short), and the exit code."""
    where = str(exc.filename or "")
    where = f"{where[:80]}...{where[-40:]}" if len(where) > 130 else where
    said = exc.strerror or str(exc)
    message = f"{said}: {where}" if where else said
    return message, 2 if exc.errno in _PATH_ERRNOS else 1


INTERRUPTED = "Interrupted. What was sent is in the ledger: re-running the same command resumes."
# Commands that send and record no order: 'What was sent is in the ledger' after Ctrl-C on `validate` read as
# if it had sent something (found by review21)
SENDS_NOTHING = frozenset({"validate", "template", "catalog", "version", "status", "audit", "users"})
INTERRUPTED_NOTHING_SENT = "Interrupted. Nothing was sent: this command sends no orders."
# `bulkship serve` stopped (Ctrl-C, systemd, docker stop): no command of the person's to run again; its runs
# are taken up by the server when it starts again (its log read the command line's words: hunter-web24's LO3)
# (said when the server could not say what it was sending: bulkship.web.server.stop_said says it otherwise)
SERVER_STOPPED = (
    "Stopped. Any batch this server was sending is in the ledger: it goes on, exactly once, when bulkship "
    "serve starts again."
)


def _interrupted(args: list[str]) -> Callable[[], str]:
    """What Ctrl-C (SIGTERM, SIGHUP) says: how to resume, unless the command sends nothing; a server, what it
    was sending when it stopped (every stop said 'A batch this server was sending is in the ledger...',
    nothing being sent: found by hunter-hostile12)."""
    command = next((a for a in args if not a.startswith("-")), "")
    if command == "serve":
        return lambda: getattr(sys.modules.get("bulkship.web.server"), "stop_said", "") or SERVER_STOPPED
    said = INTERRUPTED_NOTHING_SENT if command in SENDS_NOTHING else INTERRUPTED
    return lambda: said


def _terminate_as_interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (a stopped job) and SIGHUP (a closed terminal) take the same path as Ctrl-C: unwind, say how
    to resume. SIGHUP killed a run mid-send without it (found by hunter-ops1)."""
    raise KeyboardInterrupt


def _json_error(message: str, code: int, hint: str | None = None) -> None:
    """With --json, stdout always holds one JSON object: an error too, with the exit code."""
    print_json({"error": message, "hint": hint, "exit": code})


@functools.lru_cache(maxsize=1)
def _command(_commands: int, _groups: int) -> Any:
    """The click command typer builds from ``app``, built once for its commands and groups (``app(...)``
    builds it again on every call: about 25 ms of each in-process ``main``, which the test suite makes
    thousands of times). Its pretty exceptions are off, so typer's own call adds nothing else."""
    return typer.main.get_command(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``bulkship`` script; returns (and, as a script, exits with) the exit code."""
    if argv is None:
        signal.signal(signal.SIGTERM, _terminate_as_interrupt)
        hangup = getattr(signal, "SIGHUP", None)  # a closed terminal or SSH session; never under nohup
        if hangup is not None and signal.getsignal(hangup) is signal.SIG_DFL:
            signal.signal(hangup, _terminate_as_interrupt)
    args = sys.argv[1:] if argv is None else argv
    wants_json = "--json" in args
    interrupted_said = _interrupted(args)
    error: tuple[str, str | None] | None = None
    try:
        command = _command(len(app.registered_commands), len(app.registered_groups))
        result = command(args=argv, standalone_mode=False, prog_name="bulkship")
    except BulkshipError as exc:
        # one line each, whatever a file name holds ('new\nline.csv': hunter-hostile5's LO1)
        err_console.print(said_error(exc.label, one_line(exc.message)), soft_wrap=True)
        if exc.hint:
            err_console.print(f"  {one_line(exc.hint)}", soft_wrap=True)
        code = exc.exit_code
        error = (exc.message, exc.hint)
    except typer.Exit as exc:
        code = int(getattr(exc, "exit_code", 0) or 0)
    except typer.Abort as exc:
        # click turns Ctrl-C (and end of input at a prompt) into Abort
        interrupted = isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt)
        message = interrupted_said() if interrupted else "Aborted: nothing was confirmed, nothing was sent."
        err_console.print(message)
        code = INTERRUPTED_EXIT_CODE if interrupted else 1
        error = (message, None)
    except KeyboardInterrupt:
        message = interrupted_said()
        err_console.print(message)
        code = INTERRUPTED_EXIT_CODE
        error = (message, None)
    except OSError as exc:  # a path the system refuses (too long, not allowed), a full disk: one line
        message, code = _os_error(exc)
        err_console.print(styled(("Error:", "bold red"), " ", one_line(message)), soft_wrap=True)
        error = (message, None)
    except Exception as exc:
        usage_code = _usage_exit_code(exc)
        if usage_code is None:
            raise
        code = usage_code
        error = (_usage_message(exc), None)
    else:
        code = result if isinstance(result, int) else 0
        if code == INTERRUPTED_EXIT_CODE:  # typer turns Ctrl-C into a silent exit code 130
            message = interrupted_said()
            err_console.print(message)
            error = (message, None)
    if wants_json and error is not None:
        _json_error(error[0], code, error[1])
    if argv is None:
        # The interpreter's last garbage collections would walk every object pandas, SQLAlchemy and httpx
        # made (~0.5 s of CPU at every exit); frozen, they are left to the OS. Plain references are still
        # freed, atexit handlers still run and streams are still flushed.
        gc.freeze()
        sys.exit(code)
    return code


__all__ = ["app", "main"]
