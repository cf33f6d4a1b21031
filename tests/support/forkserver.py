"""Real ``bulkship`` processes for ~0.2 CPU-s instead of ~1.5: forked from a process that has imported the
package already.

A ``python -m bulkship run`` spends most of its CPU importing (pandas, SQLAlchemy, httpx, rich...); a test
starting twenty of them to kill each at some moment paid that twenty times. Here one server process per test
process (started on first use, ``python forkserver.py``) imports them once and, on request, forks a child
that sets the environment, working folder, arguments and output files it is given and runs
``python -m bulkship`` (runpy, as the interpreter does). The child is a process of its own: its own pid,
exit code, signals (SIGKILL is SIGKILL), locks and open files, ended by the interpreter as any script is.
What it does not share with a fresh interpreter: modules imported before its environment was set (nothing
of bulkship's reads the environment on import but ``cli.app``'s error console, whose width depends only on
whether stderr is a terminal), and its hash seed; and the server's pages, resident and mapped, which a
fresh `validate` would map too but for ~15 MB of resident and ~50 MB of address space (bulkship.web's and
the PostgreSQL driver's, preloaded here): a test capping a child's address space (``address_space``) or
bounding its peak RSS measures it with those on top, a little stricter than a fresh interpreter. Tests
about what a command imports keep starting the interpreter.

The server answers one request at a time on its stdin/stdout (JSON lines): ``spawn``, ``signal``, ``poll``
and ``wait``. It reaps its children itself, so a pid it reports is never another process's.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# what a `run`, `validate`, `track`, `serve` or `sandbox` imports beyond bulkship.cli (a module missing
# here costs its import in each child, nothing else)
PRELOAD = (
    "bulkship.cli", "bulkship.pipeline", "bulkship.rebuild", "bulkship.sandbox", "bulkship.team.gate",
    "bulkship.team.approvals", "bulkship.db.newledger", "bulkship.client.parcels", "bulkship.web",
    "sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql", "psycopg", "python_calamine",
    "defusedxml.ElementTree", "zipcodes", "rich._emoji_codes", "openpyxl", "xlsxwriter",
)  # fmt: skip


SANDBOX_PRINTS, SANDBOX_START_S = 3, 120.0  # its URL, email and token lines; a loaded machine is slow


@dataclass
class Completed:
    returncode: int
    stdout: str
    stderr: str


class Forked:
    """A child of the fork server, used as ``subprocess.Popen`` is: ``poll``, ``wait``, ``send_signal``,
    ``communicate`` (its output, when started with ``capture``)."""

    def __init__(self, server: ForkServer, pid: int, output: tempfile.TemporaryDirectory[str] | None) -> None:
        self.server, self.pid, self.output = server, pid, output
        self.returncode: int | None = None
        # where its stdout and stderr go while it runs (read them as it writes, or communicate at the end)
        self.stdout, self.stderr = (
            Path(output.name, name) if output else None for name in ("stdout", "stderr")
        )

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.server.ask(op="poll", pid=self.pid)["returncode"]
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Its exit code (minus the signal that ended it); after ``timeout`` s, ``TimeoutExpired``."""
        if timeout is not None:
            deadline = time.monotonic() + timeout
            while self.poll() is None:
                if time.monotonic() > deadline:
                    raise subprocess.TimeoutExpired(f"bulkship (pid {self.pid})", timeout)
                time.sleep(0.05)
        if self.returncode is None:
            self.returncode = int(self.server.ask(op="wait", pid=self.pid)["returncode"])
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            self.server.ask(op="signal", pid=self.pid, signum=signum)

    def printed(self, count: int, timeout: float) -> list[str] | None:
        """Its first ``count`` stdout lines as soon as it has printed them (started with ``capture`` and
        PYTHONUNBUFFERED set); None if it ends first or ``timeout`` s pass."""
        assert self.stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            ended = self.poll() is not None  # before reading: what it printed before it ended is read
            lines = self.stdout.read_text(errors="replace").splitlines(keepends=True)
            if len(lines) >= count and lines[count - 1].endswith("\n"):
                return lines[:count]
            if ended or time.monotonic() > deadline:
                return None
            time.sleep(0.05)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        """Its stdout and stderr once it has ended; one still running after ``timeout`` s is killed and
        ``TimeoutExpired`` raised."""
        assert self.output is not None, "started without capture"
        try:
            self.wait(timeout)
        except subprocess.TimeoutExpired:
            self.send_signal(signal.SIGKILL)
            self.wait()
            raise
        assert self.stdout is not None and self.stderr is not None
        with self.output:
            return self.stdout.read_text(errors="replace"), self.stderr.read_text(errors="replace")


class ForkServer:
    """The client side: starts the server process and asks it for children."""

    def __init__(self) -> None:
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (the server's stderr while it runs)
        self.process = subprocess.Popen(
            [sys.executable, __file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        self.lock = threading.Lock()
        self.ask(op="ready")

    def ask(self, **request: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        with self.lock:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        if not answer:
            self.log.seek(0)
            raise RuntimeError(f"the fork server ended: {self.log.read()[-2000:]}")
        return dict(json.loads(answer))

    def popen(
        self,
        args: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        capture: bool = False,
        code: str | None = None,
        cwd: Path | None = None,
        address_space: int = 0,
    ) -> Forked:
        """``python -m bulkship ARGS`` (with ``code``: ``python -c CODE ARGS``) in ``cwd`` (else this working
        folder); its output kept (``capture``) or dropped. ``address_space``: the most memory it may map
        (RLIMIT_AS, set in the child; it is then killed when the server ends), else no limit."""
        output = tempfile.TemporaryDirectory() if capture else None
        files = [os.path.join(output.name, name) if output else os.devnull for name in ("stdout", "stderr")]
        for path in files if output else ():  # there before the child is: a test may read them at once
            Path(path).touch()
        environ = dict(os.environ if env is None else env)
        pid = self.ask(
            op="spawn", args=list(args), env=environ, cwd=str(cwd or os.getcwd()), stdout=files[0],
            stderr=files[1], code=code, address_space=address_space,
        )["pid"]  # fmt: skip
        return Forked(self, int(pid), output)

    def run(
        self,
        args: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,
        code: str | None = None,
        cwd: Path | None = None,
        address_space: int = 0,
    ) -> Completed:
        """As ``subprocess.run([python, -m, bulkship, *args], capture_output=True, text=True)`` (with
        ``code``: ``[python, -c, code, *args]``; ``address_space`` as :meth:`popen`'s)."""
        child = self.popen(args, env=env, capture=True, code=code, cwd=cwd, address_space=address_space)
        out, err = child.communicate(timeout)
        return Completed(child.wait(), out, err)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@dataclass
class Sandbox:
    url: str
    printed: dict[str, str]  # the BULKSHIP_* lines it printed: its URL and the credentials it takes
    process: Forked


@contextmanager
def sandbox(forks: ForkServer, *flags: str, env: Mapping[str, str] | None = None) -> Iterator[Sandbox]:
    """``bulkship sandbox --port 0 FLAGS`` as a process of its own, as ``bulkship.sandbox.process``'s
    ``running_sandbox`` starts it (tested there): yields it once it has printed its URL and credentials, then
    stops it (SIGTERM, then SIGKILL)."""
    environ = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
    process = forks.popen(["sandbox", "--port", "0", *flags], env=environ, capture=True)
    try:
        lines = process.printed(SANDBOX_PRINTS, SANDBOX_START_S) or []
        printed = dict(line.strip().partition("=")[::2] for line in lines)
        if not printed.get("BULKSHIP_API_URL"):
            assert process.stderr is not None
            raise RuntimeError(f"the sandbox did not start: {process.stderr.read_text()[-2000:]}")
        yield Sandbox(printed["BULKSHIP_API_URL"], printed, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# -- the server process ------------------------------------------------------------------------------------


def _child(request: dict[str, Any]) -> None:
    """In the forked child: become ``python -m bulkship ARGS`` (or ``python -c CODE ARGS``) and never come
    back (SystemExit ends it)."""
    import runpy

    for fd, path, flags in ((0, os.devnull, os.O_RDONLY), (1, request["stdout"], os.O_WRONLY | os.O_CREAT),
                            (2, request["stderr"], os.O_WRONLY | os.O_CREAT)):  # fmt: skip
        opened = os.open(path, flags | (os.O_TRUNC if fd else 0), 0o644)
        os.dup2(opened, fd)
        os.close(opened)
    os.environ.clear()
    os.environ.update(request["env"])
    if os.environ.get("PYTHONUNBUFFERED"):
        sys.stdout.reconfigure(write_through=True)  # type: ignore[union-attr]
    os.chdir(request["cwd"])
    _capped(request.get("address_space", 0))
    _measured_apart()
    if request["code"] is not None:
        sys.path[0], sys.argv = "", ["-c", *request["args"]]  # as `python -c` has them
        exec(
            compile(request["code"], "<string>", "exec"),
            {"__name__": "__main__", "__builtins__": __builtins__},
        )
        raise SystemExit(0)
    sys.path[0] = request["cwd"]  # as `python -m` puts it
    sys.argv = ["bulkship", *request["args"]]
    runpy.run_module("bulkship", run_name="__main__", alter_sys=True)
    raise SystemExit(0)


def _capped(address_space: int) -> None:
    """The child's address space capped (as ``preexec_fn`` capped a fresh interpreter's), and the child
    killed if the server ends first: a test stopped midway left such a process working for an hour."""
    if address_space:
        import ctypes
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _measured_apart() -> None:
    """Under ``pytest --cov`` the server is measured (coverage's patch=subprocess): the child's lines go to
    a data file of its own, as a new process's do, not into the server's."""
    try:
        from coverage import Coverage
        from coverage.control import _after_fork_in_child
    except ImportError:
        return
    if Coverage.current() is not None:
        _after_fork_in_child()


def _returncode(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def serve() -> None:
    import importlib

    # the bulkship of this checkout, as `python -m bulkship` run from it imports: a worktree's fork server
    # (started as `python forkserver.py`, whose folder is all sys.path had of it) preloaded the bulkship the
    # venv's editable install names, /work/main's, so a branch's browser and process tests ran main's code
    # and passed or failed as main does (found by hunter-web26: a refusal page's new words, tested in
    # Chromium, read as main's)
    sys.path.insert(1, str(Path(__file__).resolve().parents[2]))
    for name in PRELOAD:
        with contextlib.suppress(ImportError):  # a child would fail alike, on its own
            importlib.import_module(name)
    gc.freeze()  # the modules' objects: never collected, and no child's collections walk (and copy) them
    if threading.active_count() != 1:  # a fork copies one thread only: the children would lack the others
        raise RuntimeError(f"a preloaded module started threads: {threading.enumerate()}")
    commands, answers = sys.stdin, sys.stdout
    children: dict[int, int | None] = {}  # pid -> exit code once reaped
    for line in commands:
        request = json.loads(line)
        op, pid = request["op"], request.get("pid", 0)
        answer: dict[str, Any] = {}
        if op == "spawn":
            answers.flush()
            child = os.fork()
            if child == 0:
                _child(request)
            children[child] = None
            answer["pid"] = child
        elif op == "signal" and children.get(pid, 0) is None:  # alive or a zombie: still ours
            os.kill(pid, request["signum"])
        elif op in ("poll", "wait"):
            if children[pid] is None:
                done, status = os.waitpid(pid, 0 if op == "wait" else os.WNOHANG)
                if done:
                    children[pid] = _returncode(status)
            answer["returncode"] = children[pid]
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
    for pid, code in children.items():  # the tests' process ended: leave no child behind
        if code is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


if __name__ == "__main__":
    serve()
