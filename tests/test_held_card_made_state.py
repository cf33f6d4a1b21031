"""A batch whose only rows not sent are held for the very card another batch made: nothing is left to do, and
its state says so on `status` (its --json) and the Batches page alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bulkship.cli import main
from bulkship.overview import BatchOverview
from bulkship.settings import resolve_settings
from bulkship.web import create_app

HEADER = "Name,Address,City,State,ZIP,Product,Amount\n"
HAL = "Hal Lee,1 Main St,Boston,MA,02134,CVS,25\n"
GUS = "Gus Tan,2 Oak Ave,Boston,MA,02134,CVS,25\n"
DEE = "Dee Fox,3 Elm St,Boston,MA,02134,CVS,25\n"


def _states(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    return {b["batch"]: b["state"] for b in json.loads(capsys.readouterr().out)["batches"]}


@pytest.mark.parametrize("where", ["sqlite", "postgresql"])
def test_a_batch_whose_held_rows_have_their_very_card_already_is_not_needing_attention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest, where: str
) -> None:
    """The closing note of session 47 (4.): list a (Hal, Gus) sent; list b (Gus again, Dee) run as batch dec
    sent Dee and held Gus, saying 'This person has this card already: nothing to do', exit 0; run again,
    'Nothing was sent in this run', exit 0; yet `status` and the Batches page read 'needs attention' for
    good, as if a person had to act. It reads 'sent' as its own cards do; a list of only such rows too."""
    if where == "postgresql":  # the state's count of such rows is a query of its own: on both back-ends
        request.getfixturevalue("monkeypatch").setenv("BULKSHIP_LEDGER", request.getfixturevalue("pg_url"))
    (tmp_path / "a.csv").write_text(HEADER + HAL + GUS)
    (tmp_path / "b.csv").write_text(HEADER + GUS + DEE)
    (tmp_path / "c.csv").write_text(HEADER + HAL)
    out = ["--yes", "--wait", "0", "--out", str(tmp_path / "out")]
    assert main(["run", str(tmp_path / "a.csv"), "--batch", "a", *out]) == 0
    for _ in range(2):  # the repeat run, nothing to do, reads the same
        assert main(["run", str(tmp_path / "b.csv"), "--batch", "dec", *out]) == 0
        assert "nothing to do" in " ".join(capsys.readouterr().err.split())
    assert main(["run", str(tmp_path / "c.csv"), "--batch", "again", *out]) == 0
    assert _states(capsys) == {"a": "sent", "dec": "sent", "again": "sent"}
    with TestClient(create_app(resolve_settings())) as client:
        page = client.get("/").text
    assert "needs attention" not in page.split("<tbody", 1)[-1], page


def test_held_rows_a_person_must_decide_still_need_attention() -> None:
    """Held rows without their very card made (an edit, another address, a card planned elsewhere) still
    need a person, beside the ones that have it."""
    sent = BatchOverview("b", rows={"ordered": 1, "held": 3}, orders={"created": 1}, held_with_card=2)
    assert sent.state() == "needs attention"
    assert BatchOverview("b", rows={"held": 3}, held_with_card=2).state() == "needs attention"
    done = BatchOverview("b", rows={"ordered": 1, "held": 3}, orders={"created": 1}, held_with_card=3)
    assert done.state() == "sent"
    assert BatchOverview("b", rows={"held": 3, "invalid": 1}, held_with_card=3).state() == "needs fixes"
    late = BatchOverview("b", rows={"held": 3, "planned": 1}, orders={"planned": 1}, held_with_card=3)
    assert late.state() == "awaiting confirmation"
