"""What the web page names a batch uploaded there: a name every link to the batch reaches."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_web import token

from bulkship.settings import resolve_settings
from bulkship.web import create_app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def client(tmp_path: Path):
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as test_client:
        yield test_client


@pytest.mark.parametrize("file_name, typed", [("new.csv", ""), ("December.csv", "new")])
def test_a_batch_uploaded_as_new_is_named_so_that_its_own_address_opens_it(
    client: TestClient, file_name: str, typed: str
) -> None:
    """A list uploaded as 'new' (its file new.csv, or 'new' typed as the batch's name) was the batch 'new':
    its own address /batches/new is the New batch page, so the link a colleague was sent (or typed from the
    Batches page) opened an empty upload form, never the batch (found by hunter-web26). It is 'new-2' now."""
    landed = client.post(
        "/batches",
        data={"csrf_token": token(client), "name": typed},
        files={"file": (file_name, (SAMPLES / "direct-mail.csv").read_bytes(), "text/csv")},
    )
    assert landed.status_code == 200, landed.text
    assert landed.url.path == "/batches/new-2/columns"
    opened = client.get("/batches/new-2")
    assert opened.url.path.startswith("/batches/new-2/")  # the step the batch is at
    assert "new-2" in client.get("/").text
    assert client.get("/batches/new").url.path == "/batches/new"  # the upload page, as every link expects
    assert 'name="file"' in client.get("/batches/new").text


def test_a_command_line_batch_named_new_is_found_from_its_own_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hunter-web27's leftover: a batch run from the command line as 'new' (`bulkship run list.csv --batch
    new`) could not be opened by typing its address, /batches/new: that is the upload page, which showed an
    empty form and no word of it. The upload page says where batch 'new' is (its Results), where one is."""
    from support import visible_text

    from bulkship.cli import main

    monkeypatch.chdir(tmp_path)
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        assert "batch-named-new" not in client.get("/batches/new").text  # none yet: the page as it was
        assert main(["run", str(SAMPLES / "direct-mail.csv"), "--batch", "new", "--yes", "--wait", "0"]) == 0
        page = client.get("/batches/new").text
        assert 'name="file"' in page  # still the upload page
        said = " ".join(visible_text(page).split())
        assert "Looking for the batch named “new”? It is here" in said, said
        assert 'href="/batches/new/results"' in page
        assert "Results: new" in client.get("/batches/new/results").text
