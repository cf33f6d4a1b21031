"""'n' at 'Send these orders?' is the person's own choice: the run said 'Error: Not confirmed: nothing was
sent', in bold red, as if something had gone wrong (found by newcomer25 following the README as an office
manager). It says 'Not confirmed: nothing was sent' alone, exit 1 as before; a refusal is still an error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from support import write_sheet

from bulkship.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["run", *args, "--wait", "0"])
    return code, " ".join(capsys.readouterr().err.split())


def test_a_no_at_the_question_is_not_called_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = write_sheet(tmp_path / "gifts.csv", range(3))
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, said = _run(capsys, str(sheet), "--out", str(tmp_path / "out"))
    assert code == 1 and "Not confirmed: nothing was sent" in said, said
    assert "Error:" not in said, said
    code, said = _run(capsys, str(sheet), "--out", str(tmp_path / "out"), "--yes", "--max-total", "1")
    assert code == 1 and "Error:" in said, said  # over --max-total: refused, an error as before
