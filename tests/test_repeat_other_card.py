"""Another card to the same person within the window is held as a probable second card (newcomer27's N2 of
session 49; the lead's decision): the same Employee ID with the same name or address, or the same full name
at the same address. Two people (their own IDs differ, or a namesake elsewhere) are sent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import visible_text
from test_web import confirm, upload, wait_until_finished

from bulkship.cli import main
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = "Employee ID,Name,Address,City,State,ZIP,Product,Amount\n"
DUNN = "00126,Patrick Dunn,71 Summer St,Salem,MA,01970,{card},200\n"
ANN = "00127,Ann Lee,5 Elm St,Salem,MA,01970,CVS,25\n"


def _run(tmp_path: Path, name: str, text: str, *more: str) -> int:
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + text)
    out = ["--yes", "--wait", "0", "--out", str(tmp_path / "o")]
    return main(["run", str(path), "--batch", name, *out, *more])


def test_another_card_to_the_same_person_in_another_batch_is_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Patrick Dunn (00126, 71 Summer St) sent VISA-PREPAID 200 under X-late; the main list, his invalid card
    fixed there to HOMEDEPOT 200, sent it under X: a second card, no word, exit 0. Now held, naming the card
    sent; --allow-repeat sends it on purpose."""
    assert _run(tmp_path, "X-late", DUNN.format(card="VISA-PREPAID")) == 0
    capsys.readouterr()
    assert _run(tmp_path, "X", DUNN.format(card="HOMEDEPOT") + ANN) == 3
    said = " ".join("".join(capsys.readouterr()).split())
    assert (
        "row 2: Held, not sent: another card (VISA-PREPAID 200.00) to the same person (same Employee ID and "
        "name) was ordered in batch 'X-late'" in said
    ), said
    assert "--allow-repeat to send it" in said and "1 pending" in said, said
    assert _run(tmp_path, "X", DUNN.format(card="HOMEDEPOT") + ANN, "--allow-repeat") == 0
    assert "2 pending" in " ".join("".join(capsys.readouterr()).split())


SUMMER, OAK = "71 Summer St,Salem,MA,01970", "9 Oak St,Salem,MA,01970"


@pytest.mark.parametrize(
    ("first", "second", "held"),
    [
        # no Employee IDs: the same full name at the same address is the same person
        (f",Patrick Dunn,{SUMMER},CVS,25\n", f",Patrick Dunn,{SUMMER},TARGET,50\n", True),
        # the same ID and address, the name written otherwise
        (f"00126,Pat Dunn,{SUMMER},CVS,25\n", f"00126,Patrick Dunn,{SUMMER},TARGET,25\n", True),
        # the same ID and name, moved
        (f"00126,Patrick Dunn,{OAK},CVS,25\n", f"00126,Patrick Dunn,{SUMMER},TARGET,25\n", True),
        # two people: their own IDs differ, one address
        (f"00126,Patrick Dunn,{SUMMER},CVS,25\n", f"00999,Patrick Dunn,{SUMMER},TARGET,25\n", False),
        # a namesake elsewhere, no IDs
        (f",Patrick Dunn,{OAK},CVS,25\n", f",Patrick Dunn,{SUMMER},TARGET,25\n", False),
        # another person at the address
        (f",Patrick Dunn,{SUMMER},CVS,25\n", f",Mary Dunn,{SUMMER},TARGET,25\n", False),
    ],
)
def test_who_is_the_same_person_for_another_card(tmp_path: Path, first: str, second: str, held: bool) -> None:
    assert _run(tmp_path, "a", first + ANN) == 0
    assert _run(tmp_path, "b", second) == (3 if held else 0)


def test_the_web_page_holds_another_card_to_the_same_person_too(tmp_path: Path) -> None:
    """The same on the web page: the second list's Results show the row held, naming the card sent."""
    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        lists = (("late", DUNN.format(card="VISA-PREPAID")), ("main", DUNN.format(card="HOMEDEPOT") + ANN))
        for name, text in lists:
            (tmp_path / f"{name}.csv").write_text(HEADER + text)
            upload(client, tmp_path / f"{name}.csv", name=name)
            assert confirm(client, name).url.path == f"/batches/{name}/progress"
            wait_until_finished(client, name)
        results = visible_text(client.get("/batches/main/results").text)
    assert "1 row(s) held, not sent" in results and "another card (VISA-PREPAID 200.00)" in results, results
