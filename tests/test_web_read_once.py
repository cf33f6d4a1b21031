"""A list read once however many requests ask for it at once (found by hunter-hostile10): the review page of
a 100,000-row upload takes its reading's time to come, and a person reloading it meanwhile (or a second tab,
a colleague opening the same batch) started a second reading of the same file beside the first, and a third
with the next reload: the memory and the cores of each at once, every other page of the server slowed by
them. A request asking for what another is reading now waits for that reading."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text

from bulkship.settings import resolve_settings
from bulkship.web import create_app
from bulkship.web import review as review_module


def test_two_requests_for_an_upload_being_read_read_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "list.csv"
    rows = [f"Person {n},{n} Main St,Boston,MA,02108,CVS,50" for n in range(1, 6)]
    path.write_text("Name,Address,City,State,ZIP,Product,Value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    load_file = review_module.api.load_file
    readings: list[object] = []
    reading, again_read, release, armed = (
        threading.Event(),
        threading.Event(),
        threading.Event(),
        threading.Event(),
    )

    def slow_reading(*args: object, **kwargs: object) -> object:
        if armed.is_set():
            readings.append(args)
            (again_read if reading.is_set() else reading).set()
            release.wait(30)  # the first reading of a long list, still going
        return load_file(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(review_module.api, "load_file", slow_reading)
    with TestClient(create_app(settings), follow_redirects=False) as client:
        page = client.get("/batches/new").text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        uploaded = client.post(
            "/batches",
            data={"csrf_token": token, "name": ""},
            files={"file": (path.name, path.read_bytes(), "text/csv")},
        )
        columns_url = uploaded.headers["location"]
        armed.set()
        pages: list[tuple[int, str]] = []

        def open_columns() -> None:
            response = client.get(columns_url)
            pages.append((response.status_code, response.text))

        first = threading.Thread(target=open_columns)
        first.start()
        assert reading.wait(30)
        again = threading.Thread(target=open_columns)  # reloaded while the first is read
        again.start()
        read_twice = again_read.wait(0.5)  # a second reading starts at once, if it does
        release.set()
        first.join(60)
        again.join(60)
    assert not read_twice and len(readings) == 1, readings
    assert [status for status, _ in pages] == [200, 200]
    for _, page in pages:  # each request's page, the columns read as any other time
        assert "list.csv, header on row 1" in visible_text(
            page
        ) and "Person 1 Person 2 Person 3" in visible_text(page)


def test_uploads_opened_at_once_are_read_two_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LO5b of hunter-hostile10, measured by hunter-hostile11: different uploads opened at once were each read
    at once, each holding its reading's memory: eight lists of 100,000 rows took the server from 125 MB to
    1,198 MB (more people, more). They are read two at a time now (662 MB), the others waiting for their
    turn; each page comes as any other time."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    load_file = review_module.api.load_file
    lock, reading_now, most = threading.Lock(), [0], [0]
    two_in, third_in, release = threading.Event(), threading.Event(), threading.Event()

    def slow_reading(*args: object, **kwargs: object) -> object:
        with lock:
            reading_now[0] += 1
            most[0] = max(most[0], reading_now[0])
            (third_in if reading_now[0] > 2 else two_in if reading_now[0] == 2 else threading.Event()).set()
        try:
            release.wait(30)  # a long list's reading, still going
            return load_file(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            with lock:
                reading_now[0] -= 1

    with TestClient(create_app(settings), follow_redirects=False) as client:
        urls = []
        for n in range(3):
            path = tmp_path / f"list{n}.csv"
            rows = [f"Person {n}{k},{k} Main St,Boston,MA,02108,CVS,50" for k in range(1, 6)]
            path.write_text("Name,Address,City,State,ZIP,Product,Value\n" + "\n".join(rows) + "\n")
            page = client.get("/batches/new").text
            token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            uploaded = client.post(
                "/batches",
                data={"csrf_token": token, "name": ""},
                files={"file": (path.name, path.read_bytes(), "text/csv")},
            )
            urls.append(uploaded.headers["location"])
        monkeypatch.setattr(review_module.api, "load_file", slow_reading)
        pages: dict[int, tuple[int, str]] = {}

        def open_columns(n: int) -> None:
            response = client.get(urls[n])
            pages[n] = (response.status_code, response.text)

        opened = [threading.Thread(target=open_columns, args=(n,)) for n in range(3)]
        for thread in opened:
            thread.start()
        assert two_in.wait(30)
        read_three = third_in.wait(2)  # a third reading starts beside them, if it does
        release.set()
        for thread in opened:
            thread.join(60)
    assert not read_three and most[0] == 2, most
    assert sorted(pages) == [0, 1, 2] and [pages[n][0] for n in range(3)] == [200, 200, 200]
    for n in range(3):  # each list's own columns
        assert f"list{n}.csv, header on row 1" in visible_text(pages[n][1])
        assert f"Person {n}1 Person {n}2 Person {n}3" in visible_text(pages[n][1])
