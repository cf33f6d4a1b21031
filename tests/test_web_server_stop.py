"""A run cut short by the server's stop (SIGTERM, as systemd or docker stop sends) is resumed at the next
start, as one cut by a kill is (found by hunter-web5)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from support import embedded_sandbox_orders, visible_text
from test_web import SAMPLES, confirm, token, upload, wait_until_finished

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


def test_the_server_s_stop_waits_for_no_page_still_reading_a_list(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-hostile12: `bulkship serve` stopped (SIGTERM) while four uploads of 2,000 long notes
    were read exited 204 s later, once every reading had finished: uvicorn waited for each page, and each
    reading ran in a thread the process waits for. The stop now lets a page still reading go at once, saying
    the server is stopping: its reading goes on in a thread of its own, which the process does not wait for.
    Here a reading that never ends by itself (the real ones take minutes) holds the Columns page."""
    import asyncio
    import signal
    import threading

    import httpx
    from test_web import TOKEN

    from bulkship.web import review
    from bulkship.web.server import bind, server_for

    reading, release = threading.Event(), threading.Event()
    real_read = review.read_card_column

    def read_for_ever(*args: Any, **kwargs: Any) -> Any:
        reading.set()
        release.wait()
        return real_read(*args, **kwargs)

    monkeypatch.setattr(review, "read_card_column", read_for_ever)
    sock = bind("127.0.0.1", 0)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = server_for(create_app(settings))
    serving = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    serving.start()
    try:
        with httpx.Client(base_url=url, headers={"Origin": url}, timeout=120) as page:
            form = {"csrf_token": TOKEN.findall(page.get("/batches/new").text)[0], "name": "long"}
            files = {"file": ("long.csv", (SAMPLES / "direct-mail.csv").read_bytes(), "text/csv")}
            assert page.post("/batches", data=form, files=files).status_code == 303
            answered: list[httpx.Response] = []
            opened = threading.Thread(
                target=lambda: answered.append(page.get("/batches/long/columns")), daemon=True
            )
            opened.start()
            assert reading.wait(120)
            server.handle_exit(signal.SIGTERM, None)  # what SIGTERM does
            serving.join(timeout=120)
            assert not serving.is_alive(), "the server's stop waited for the page still reading its list"
            opened.join(timeout=120)
            said = answered[0].text if answered else ""
            assert "The server is stopping: this page was not worked out. Nothing was sent or changed" in said
            assert answered[0].status_code == 503, answered[0].status_code  # (was 422: the list unusable)
            readers = [t for t in threading.enumerate() if t.name == "bulkship-reading"]
            assert readers and all(t.daemon for t in readers)  # the process exits without them
    finally:
        release.set()
        serving.join(timeout=120)


def test_the_uploads_read_at_once_are_a_setting_of_the_server(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-hostile12's leftover: two uploads were read at once, whatever the machine (web.review's
    READ_AT_ONCE, no setting): a team of ten uploading at once on a machine of 16 cores waited in turn.
    `bulkship serve --readings N` (env BULKSHIP_READINGS) sets it: here three readings, each waiting for the
    other two to start, all start with 3, where 2 would hold the third for ever."""
    import asyncio
    import signal
    import threading

    import httpx
    from test_web import TOKEN

    from bulkship.cli import main
    from bulkship.web import review
    from bulkship.web.server import bind, server_for

    all_reading = threading.Barrier(3, timeout=60)
    real_read, read = review.read_card_column, set()

    def read_with_the_others(sheet: Any, *args: Any, **kwargs: Any) -> Any:
        if sheet.path not in read:  # each upload's first reading (a page may read its sheet twice)
            read.add(sheet.path)
            all_reading.wait()  # BrokenBarrierError (the page refused) unless three read at once
        return real_read(sheet, *args, **kwargs)

    monkeypatch.setattr(review, "read_card_column", read_with_the_others)
    sock = bind("127.0.0.1", 0)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = server_for(create_app(settings, readings_at_once=3))
    serving = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    serving.start()
    answered: list[int] = []
    try:
        with httpx.Client(base_url=url, headers={"Origin": url}, timeout=120) as page:
            for name in ("one", "two", "three"):
                form = {"csrf_token": TOKEN.findall(page.get("/batches/new").text)[0], "name": name}
                sheet = (SAMPLES / "direct-mail.csv").read_bytes().replace(b"Maria Lopez", name.encode())
                files = {"file": (f"{name}.csv", sheet, "text/csv")}
                assert page.post("/batches", data=form, files=files).status_code == 303
            opened = [
                threading.Thread(
                    target=lambda n=name: answered.append(page.get(f"/batches/{n}/columns").status_code)
                )
                for name in ("one", "two", "three")
            ]
            for thread in opened:
                thread.start()
            for thread in opened:
                thread.join(timeout=120)
    finally:
        server.handle_exit(signal.SIGTERM, None)
        serving.join(timeout=120)
    assert answered == [200, 200, 200]
    assert main(["serve", "--readings", "0"]) == 2
    assert "Invalid value for '--readings'" in capsys.readouterr().err


def test_a_server_of_one_app_stopping_lets_another_still_serving_read(settings: Settings) -> None:
    """After 20ee95b9 (found by hunter-web27): the readings of an app were stopped at the end of any one of
    its lifespans; two TestClients of one app (as tests sign two people in), the first closed, the other's
    upload answered 'The server is stopping: this page was not worked out'. They stop with the last one."""
    app = create_app(settings, run_wait_s=0)
    with TestClient(app, follow_redirects=True) as alice:
        with TestClient(app, follow_redirects=True) as carol:
            assert carol.get("/").status_code == 200
        upload(alice, SAMPLES / "anniversary.xlsx", name="after")
        review = alice.get("/batches/after/review").text
        assert "25</strong> rows" in review and "The server is stopping" not in review


def test_a_page_the_server_s_stop_let_go_answers_503_saying_so(settings: Settings) -> None:
    """hunter-web27's leftover: a page the server's stop let go (its reading not done) answered 422, as a
    list that cannot be used (the Columns page), or 409 (the cost page), which a proxy or a script reads as
    a refusal of what was asked for good. It answers 503 (Service Unavailable), Retry-After, with its words.
    The Held rows page, which went on without its plan and showed the rows as the ledger had them, said
    nothing of the stop: it says the stop's page instead."""
    app = create_app(settings, run_wait_s=0)
    with TestClient(app, follow_redirects=True) as client:
        upload(client, SAMPLES / "anniversary.xlsx", name="cut")
        app.web.reviews.stop()  # what the server's stop does (SIGTERM: bulkship.web.server)
        pages = {url: client.get(url) for url in ("/batches/cut/cost", "/batches/cut/held", "/batches/cut")}
        files = {"file": ("a.xlsx", (SAMPLES / "anniversary.xlsx").read_bytes(), "application/octet-stream")}
        pages["upload"] = client.post(
            "/batches", data={"csrf_token": token(client), "name": "b"}, files=files
        )
    for url, page in pages.items():
        assert (page.status_code, page.headers.get("retry-after")) == (503, "30"), url
        said = " ".join(visible_text(page.text).split())
        assert "The server is stopping: this page was not worked out. Nothing was sent or changed" in said, (
            url
        )
