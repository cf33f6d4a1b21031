"""A run cut short by the server's stop (SIGTERM, as systemd or docker stop sends) is resumed at the next
start, as one cut by a kill is (found by hunter-web5)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders
from test_web import SAMPLES, confirm, upload, wait_until_finished

from bulkship.errors import LedgerError
from bulkship.settings import Settings, resolve_settings
from bulkship.web import create_app, runner, state


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(resolve_settings(), out_dir=tmp_path / "results")


def test_a_run_the_server_stop_cut_short_is_resumed_at_the_next_start(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_run = runner.api.run
    with TestClient(create_app(settings), follow_redirects=True) as client:
        web_runner = client.app.web.runner  # type: ignore[attr-defined]

        def cut_by_the_stop(*_args: Any, **_kwargs: Any) -> Any:
            web_runner._stopping.set()  # uvicorn's shutdown ran; then the interpreter's refuses new futures
            raise LedgerError(
                "The ledger call did not finish: RuntimeError('cannot schedule new futures after interpreter "
                "shutdown')"
            )

        monkeypatch.setattr(runner.api, "run", cut_by_the_stop)
        upload(client, SAMPLES / "anniversary.xlsx", name="cut")
        confirm(client, "cut")
        deadline = time.monotonic() + 60  # the cut run ends before this server stops: 5 s could be too few
        while web_runner.active("cut") and time.monotonic() < deadline:
            time.sleep(0.05)
    batch = state.web_batch(settings, "cut")
    assert batch is not None and batch.due  # its end was not recorded: it was 'Finished', nothing sent
    monkeypatch.setattr(runner.api, "run", real_run)
    with TestClient(create_app(settings), follow_redirects=True) as client:  # the next start resumes it
        page = wait_until_finished(client, "cut")
        assert "cannot schedule new futures" not in page
    sent = [li["ExternalId"] for o in embedded_sandbox_orders(settings.data_dir) for li in o["LineItems"]]
    assert len(sent) == 25 == len(set(sent))
