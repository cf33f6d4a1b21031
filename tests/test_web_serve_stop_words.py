"""What `bulkship serve` says when it is stopped (SIGTERM, as systemd or docker stop sends): what it was
sending, if anything."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import httpx
from support.forkserver import ForkServer, sandbox
from test_web_browser import Server, many_rows, start_server

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    return {
        **os.environ, "BULKSHIP_DATA_DIR": str(tmp_path / "data"), "BULKSHIP_OUT": str(tmp_path / "results"),
        "BULKSHIP_TRACK_EVERY_MIN": "0",
    }  # fmt: skip


def _stopped(server: Server) -> str:
    """SIGTERM the server once it answers; what it said on its way out (stderr)."""
    assert httpx.get(server.url + "/", timeout=120).status_code == 200
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=120) == 130
    assert server.process.stderr is not None
    return " ".join(server.process.stderr.read_text().split())


def _send(server: Server, path: Path, batch: str) -> None:
    """Upload ``path`` as ``batch`` and press Send on its cost page."""
    with httpx.Client(base_url=server.url, headers={"Origin": server.url}, timeout=120) as page:
        form = {"csrf_token": TOKEN.findall(page.get("/batches/new").text)[0], "name": batch}
        files = {"file": (path.name, path.read_bytes(), "text/csv")}
        assert page.post("/batches", data=form, files=files).status_code == 303
        cost = page.get(f"/batches/{batch}/cost").text
        fields = dict(re.findall(r'name="(csrf_token|total|change)" value="([^"]+)"', cost))
        sent = page.post(f"/batches/{batch}/confirm", data=fields)
        assert sent.status_code == 303 and sent.headers["location"] == f"/batches/{batch}/progress"


def test_a_server_stopped_with_nothing_being_sent_says_so(tmp_path: Path, bulkship_forks: ForkServer) -> None:
    """Found by hunter-hostile12: every stop said 'Stopped. A batch this server was sending is in the ledger:
    it goes on, exactly once, when bulkship serve starts again', nothing being sent, nothing ever sent."""
    said = _stopped(start_server(bulkship_forks, _env(tmp_path)))
    assert "Stopped. No batch was being sent." in said, said
    assert "was sending" not in said and "while sending" not in said, said


def test_a_server_stopped_while_sending_names_the_batch_and_says_the_rest_goes_out_at_its_next_start(
    tmp_path: Path, bulkship_forks: ForkServer
) -> None:
    env = _env(tmp_path)
    with sandbox(bulkship_forks, "--order-latency-ms", "1000", env=env) as vendor:
        env = {**env, **vendor.printed, "BULKSHIP_CONCURRENCY": "1"}
        server = start_server(bulkship_forks, env)
        _send(server, many_rows(tmp_path / "staff.csv", 300), "staff")  # 3 orders, 1 s each at the vendor
        said = _stopped(server)
    assert "Stopped while sending batch staff: what was sent is in the ledger, and the rest goes out" in said
