"""A list the web page refuses for its problems keeps nothing of it in the server (found by
hunter-hostile7, its LO-A; fixed by hunter-hostile8): a CSV of a million rows without an address (8 MB,
within the upload size) was refused in one line, and the server went on holding 1.2 GB, 1.4 GB after a third
such upload: the sheet read for it stayed among the pages' kept sheets, and what reading and judging it freed
was never given back to the system (the command line's pipeline does give it back). Now the refused list's
sheet is dropped, the refusal's traceback with it, and the memory is given back, as after each sheet read or
judged."""

from __future__ import annotations

import functools
import gc
import html
import weakref
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text

from bulkship import memtrim
from bulkship.program import ProgramSettings
from bulkship.settings import resolve_settings
from bulkship.sheetscan import Limits
from bulkship.web import create_app, webbatch
from bulkship.web import review as review_module


def test_a_list_refused_for_its_problems_leaves_nothing_of_it_in_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "list.csv"
    rows = [f"Person {n},,,,,CVS,50" for n in range(10)]  # 4 problems a row: street, city, state, ZIP
    path.write_text("Name,Address,City,State,ZIP,Product,Value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(  # where the web batch builds its settings (web/webbatch.py since 171842f8)
        webbatch, "ProgramSettings", functools.partial(ProgramSettings, limits=Limits(problems=12))
    )
    read: list[weakref.ref[object]] = []
    load_file = review_module.api.load_file

    def kept_track(*args: object, **kwargs: object) -> object:
        loaded = load_file(*args, **kwargs)  # type: ignore[arg-type]
        read.append(weakref.ref(loaded.frame))
        return loaded

    monkeypatch.setattr(review_module.api, "load_file", kept_track)
    alive_when_given_back: list[bool] = []
    give_back = memtrim.give_back_memory

    def given_back() -> bool:
        gc.collect()
        alive_when_given_back.append(any(ref() is not None for ref in read))
        return give_back()

    monkeypatch.setattr(memtrim, "give_back_memory", given_back)
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    with TestClient(create_app(settings), follow_redirects=True) as client:
        page = client.get("/batches/new").text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = client.post(
            "/batches",
            data={"csrf_token": token, "name": ""},
            files={"file": (path.name, path.read_bytes(), "text/csv")},
        )
        assert response.status_code == 422, response.text
        said = html.unescape(visible_text(response.text))
        assert "list.csv has more than 12 problems, above bulkship's limit for one list" in said
        gc.collect()
        assert read and all(ref() is None for ref in read)  # the server holds none of the refused rows
        assert alive_when_given_back and alive_when_given_back[-1] is False  # given back once they were gone
