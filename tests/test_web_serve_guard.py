"""`bulkship serve` on a real socket keeps the webhook receiver's connection rules (bulkship.asgi_guard):
connections past the cap are closed at once, so idle or trickling clients cannot hold the server."""

from __future__ import annotations

import os
import select
import signal
import socket
import time
from pathlib import Path

import pytest
from support.forkserver import ForkServer

from bulkship.asgi_guard import GuardLimits
from bulkship.cli import main

CAP = GuardLimits().max_connections


def test_serve_closes_connections_beyond_the_cap(tmp_path: Path, bulkship_forks: ForkServer) -> None:
    env = {**os.environ, "BULKSHIP_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    process = bulkship_forks.popen(["serve", "--port", "0"], env=env, capture=True)  # its own process
    conns: list[socket.socket] = []
    try:
        printed = process.printed(1, 120)
        assert printed, process.stderr.read_text() if process.stderr else ""
        first = printed[0]  # the line naming the URL, printed once the socket listens
        port = int(first.strip().rpartition(":")[2].rstrip("/"))
        conns = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(CAP + 5)]
        closed: set[int] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # a closed connection reads as end of file
            waiting = [c for i, c in enumerate(conns) if i not in closed]
            readable = select.select(waiting, [], [], 0.05)[0]
            closed |= {conns.index(c) for c in readable if c.recv(1) == b""}
            if len(closed) >= 5:
                break
        assert len(closed) == 5  # the first CAP stay open, within their header deadline
        kept = conns[min(set(range(len(conns))) - closed)]
        kept.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert kept.recv(4096).startswith(b"HTTP/1.1 200")
    finally:
        for conn in conns:
            conn.close()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_serving_the_network_without_any_account_is_refused_in_one_line(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Until the first account exists the page has no sign-in: on another address than this machine's own,
    anyone there could send orders on the vendor account and make themselves its first admin (found by
    hunter-web4). Refused before anything listens; ``--allow-remote`` says it is meant."""
    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "no account exists yet" in err and "Nothing is served" in err
    assert "bulkship users add NAME --role admin" in err and "--allow-remote" in err
    assert "Traceback" not in err and not list(isolated_data_dir.rglob("uploads"))


def test_serving_this_machine_without_any_account_says_how_to_let_others_in(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read by review20 as a newcomer (the README's second command): 'Listening on ... for this machine only
    (loopback); pass --host 0.0.0.0 to let other machines in', and `serve --host 0.0.0.0`, followed, was
    refused: no account exists yet. The line now says an account comes first."""
    monkeypatch.setattr("gc.freeze", lambda: None)  # what serving does to the process, not this test's

    def listening(_settings: object, **options: object) -> None:
        options["on_ready"]("http://127.0.0.1:1")  # type: ignore[operator]

    monkeypatch.setattr("bulkship.web.serve", listening)
    assert main(["serve", "--port", "0"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "pass --host 0.0.0.0 to let other machines in, once an account exists" in said, said
    assert "bulkship users add NAME --role admin" in said
