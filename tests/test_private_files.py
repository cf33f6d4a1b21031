"""What bulkship creates that holds recipients or secrets (the ledger with its accounts' password hashes and
audit trail, SQLite's -wal/-shm files beside it, the sandbox's state, result workbooks and CSVs, the
folders holding them) is readable by its user only, under the usual umask 022 too. A folder the user
chose that exists already keeps its mode; a blank template is an ordinary file."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import write_sheet

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.settings import resolve_settings
from bulkship.team import store


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """umask 022, as on most machines: left alone, every new file would be readable by everyone."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _modes(*roots: Path) -> dict[str, int]:
    """Each folder and file under the roots (the roots too), by path, with its permission bits."""
    found = {}
    for root in roots:
        found[str(root)] = stat.S_IMODE(root.stat().st_mode)
        for path in root.rglob("*"):
            found[str(path)] = stat.S_IMODE(path.lstat().st_mode)
    return found


def _not_private(modes: dict[str, int]) -> dict[str, str]:
    return {
        path: oct(mode) for path, mode in modes.items() if mode != (0o700 if Path(path).is_dir() else 0o600)
    }


def test_the_ledger_sandbox_results_and_their_folders_are_the_users_alone(
    monkeypatch: pytest.MonkeyPatch, quick_hashes: None
) -> None:
    data_dir = Path(os.environ["BULKSHIP_DATA_DIR"])
    assert not data_dir.exists()
    sheet = write_sheet(Path("staff.csv"), range(1, 4))
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0", "--csv"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long password\n"))
    assert main(["users", "add", "dana", "--role", "admin"]) == 0  # password hashes in the ledger
    store.forget_engines()
    out = Path("output")
    assert {p.name for p in out.iterdir()} >= {"Q4-results.xlsx", "Q4-results.csv"}
    settings = resolve_settings()
    with Ledger.open(settings.ledger_location) as ledger:  # open and written to: SQLite's WAL files exist
        ledger.batch("Q4")
        assert {"ledger.sqlite-wal", "ledger.sqlite-shm"} <= {p.name for p in data_dir.iterdir()}
        modes = _modes(data_dir, out)
    assert {"ledger.sqlite", "sandbox.sqlite"} <= {Path(p).name for p in modes}
    assert _not_private(modes) == {}


def test_a_folder_the_user_chose_keeps_its_mode_and_a_blank_template_is_an_ordinary_file(
    tmp_path: Path,
) -> None:
    chosen = tmp_path / "shared"
    chosen.mkdir(mode=0o755)
    sheet = write_sheet(Path("staff.csv"), range(1, 3))
    assert main(["run", str(sheet), "--batch", "Q4", "--yes", "--wait", "0", "--out", str(chosen)]) == 0
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755
    assert stat.S_IMODE((chosen / "Q4-results.xlsx").stat().st_mode) == 0o600
    assert main(["template", "--out", str(chosen / "template.xlsx")]) == 0
    assert stat.S_IMODE((chosen / "template.xlsx").stat().st_mode) == 0o644
