"""``bulkship sandbox --port 0`` as a child process, for tests, benchmarks and scripts needing a real server.

The server prints ``BULKSHIP_API_URL=…``, ``BULKSHIP_EMAIL=…`` and ``BULKSHIP_ACCESS_TOKEN=…`` first; they are
read with a time limit (a server that never starts must not hang the caller), and the rest of its output is
drained so that a chatty server never blocks on a full pipe.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

STARTUP_LIMIT_S = 30.0
STOP_LIMIT_S = 15.0
PRINTED_LINES = 3
SANDBOX_COMMAND = (sys.executable, "-m", "bulkship", "sandbox", "--port", "0")


@dataclass(frozen=True)
class RunningSandbox:
    url: str
    printed: dict[str, str]  # the BULKSHIP_* lines it printed: URL and the credentials it accepts
    process: subprocess.Popen[str]
    log: IO[str]  # what the server wrote to stderr

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read()


def _printed_lines(process: subprocess.Popen[str], count: int, limit_s: float) -> dict[str, str]:
    lines: queue.Queue[str] = queue.Queue()

    def drain() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=drain, daemon=True).start()
    printed: dict[str, str] = {}
    try:
        for _ in range(count):
            name, _, value = lines.get(timeout=limit_s).strip().partition("=")
            printed[name] = value
    except queue.Empty:
        pass
    return printed


@contextmanager
def running_sandbox(
    *flags: str,
    env: Mapping[str, str] | None = None,
    command: Sequence[str] = SANDBOX_COMMAND,
    printed_lines: int = PRINTED_LINES,
    startup_limit_s: float = STARTUP_LIMIT_S,
) -> Iterator[RunningSandbox]:
    """Start ``bulkship sandbox --port 0 FLAGS`` on loopback, yield it, then stop it (SIGTERM, then kill).

    ``command`` and ``printed_lines`` serve a stand-in vendor that prints only its URL line."""
    with tempfile.TemporaryFile(mode="w+") as log:  # a file, not a pipe: stderr never blocks the server
        process = subprocess.Popen(
            [*command, *flags],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env={**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"},
        )
        try:
            printed = _printed_lines(process, printed_lines, startup_limit_s)
            url = printed.get("BULKSHIP_API_URL", "")
            if not url:
                log.seek(0)
                raise RuntimeError(f"the sandbox did not start: {log.read()[-2000:]}")
            yield RunningSandbox(url, printed, process, log)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=STOP_LIMIT_S)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
