"""An edited list uploaded under its file's own name, refused as another batch's list under another name: the
review says so, and a person may say it is a list of its own there, as a name typed at the upload says it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_web import confirm, token, upload, wait_until_finished
from test_web_held import sent_to

from bulkship.settings import Settings, resolve_settings
from bulkship.web import create_app

HEAD = "Name,Street,City,State,Zip,Card,Amount,Notes\n"
HOLIDAY = "Ann Bell,1 Elm St,Boston,MA,02108,CVS,25,\nBen Cole,2 Elm St,Boston,MA,02108,CVS,25,\n" + (
    "Cara Dunn,3 Elm St,Boston,MA,02108,CVS,25,\n"
)
HOLIDAY_V2 = (  # Ann's amount changed, Dee added, Ed said to have resigned
    "Ann Bell,1 Elm St,Boston,MA,02108,CVS,50,\nBen Cole,2 Elm St,Boston,MA,02108,CVS,25,\n"
    "Cara Dunn,3 Elm St,Boston,MA,02108,CVS,25,\nDee Park,4 Elm St,Boston,MA,02108,CVS,25,\n"
    "Ed Cole,5 Elm St,Boston,MA,02108,CVS,25,resigned\n"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(resolve_settings(), out_dir=tmp_path / "results")


def test_an_edited_list_under_its_file_s_own_name_is_said_a_list_of_its_own_on_its_review_keeping_its_fixes(
    settings: Settings, tmp_path: Path
) -> None:
    """Found by newcomer18 (N6): holiday.csv sent, then holiday-v2.csv (the same three people, Ann's amount
    changed, Dee Park added) uploaded with no name typed: its review said 'Sending this upload would be
    refused: 2 of the 3 valid rows ... were already ordered by batch 'holiday' ... delete this batch and
    upload the file again with a name of its own typed in 'Batch name' (another than 'holiday-v2')'. The
    way out lost every fix made on the review. The review now offers 'It is a list of its own': pressed,
    the batch keeps its name and its fixes, the rows 'holiday' ordered are held, and only Dee is sent."""
    first, second = tmp_path / "holiday.csv", tmp_path / "holiday-v2.csv"
    first.write_text(HEAD + HOLIDAY)
    second.write_text(HEAD + HOLIDAY_V2.replace("Dee Park,4 Elm St", "Dee Park,4 Elm Stt"))
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, first)
        assert confirm(client, "holiday").url.path == "/batches/holiday/progress"
        wait_until_finished(client, "holiday")
        upload(client, second)
        review = client.get("/batches/holiday-v2/review?filter=all").text
        fix = {"csrf_token": token(client, "/batches/holiday-v2/review"), "cell:Street": "4 Elm St"}
        client.post("/batches/holiday-v2/rows/5", data=fix)  # a fix made on the review: kept
        cost = visible_text(client.get("/batches/holiday-v2/cost").text)  # refused there too: the way on
        assert "say so on its review (“It is a list of its own”: the changes made there are kept)" in cost
        review = client.get("/batches/holiday-v2/review").text
        assert 'id="refused-whole"' in review, visible_text(review)
        form = re.search(r'<form[^>]*action="(/batches/holiday-v2/own-list)".*?</form>', review, re.S)
        assert form, visible_text(review)
        fields = dict(re.findall(r'name="(csrf_token|change)" value="([^"]+)"', form.group(0)))
        after = client.post(form.group(1), data=fields)
        assert after.url.path == "/batches/holiday-v2/review"
        said = visible_text(after.text)
        assert 'id="refused-whole"' not in after.text, said
        assert "a list of its own" in said
        assert confirm(client, "holiday-v2").url.path == "/batches/holiday-v2/progress"
        wait_until_finished(client, "holiday-v2")
        assert client.post(form.group(1), data=fields).status_code == 200  # pressed again: said already
    streets = {"Ann Bell": "1 Elm St", "Ben Cole": "2 Elm St", "Cara Dunn": "3 Elm St"}
    streets["Dee Park"] = "4 Elm St"
    assert sorted(sent_to(settings)) == sorted(streets.items())  # each once: Ann's edit held, Ed left out
