"""`bulkship track` with a copy of the team's ledger (``cp`` to a finance login's folder) rewrote the team's
result workbook where the ledger records it, its Summary then naming the copy, and a stale copy would drop
what the team ran since (newcomer28's N9, hunter-vendor39's proposal). Now a workbook naming another ledger
that is still there, and is not the one this was made from by `bulkship ledger copy`, is left as it is and
said so; a data folder moved (the old ledger gone) and a `ledger copy` to PostgreSQL rewrite it as before."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from support import write_sheet

from bulkship.cli import main
from bulkship.errors import FileFormatError
from bulkship.ledger import Ledger
from bulkship.pipeline import run_batch
from bulkship.reconcile.sheets.read import ledger_written_by
from bulkship.settings import Settings, resolve_settings
from bulkship.track import track


def _team(tmp_path: Path) -> tuple[Settings, Path]:
    """The team's ledger with batch q run, and its workbook."""
    settings = replace(
        resolve_settings(), ledger_path=tmp_path / "team" / "ledger.sqlite", out_dir=tmp_path / "out"
    )
    result = run_batch(write_sheet(tmp_path / "q.csv", [1, 2]), settings, batch="q", wait_s=0)
    return settings, Path(str(result.output))


def _copy_of(settings: Settings, folder: Path) -> Settings:
    folder.mkdir()
    for part in settings.ledger.parent.glob(settings.ledger.name + "*"):
        shutil.copy(part, folder / part.name)
    return replace(settings, ledger_path=folder / settings.ledger.name)


def _tracked(settings: Settings) -> list[str]:
    report = asyncio.run(track(settings, "q"))
    return [w for p in report.batches for w in p.warnings]


def test_a_copy_of_the_ledger_leaves_the_team_s_workbook_as_it_is_and_says_so(tmp_path: Path) -> None:
    team, book = _team(tmp_path)
    before = book.read_bytes()
    copy = _copy_of(team, tmp_path / "fin")
    said = " ".join(_tracked(copy))
    assert book.read_bytes() == before  # its Summary named the copy
    assert f"was written from another ledger ({team.ledger}), which is still there" in said, said
    _tracked(team)  # the team's own track rewrites it, naming its ledger still
    assert ledger_written_by(book) == str(team.ledger)


def test_a_data_folder_moved_rewrites_it_as_before(tmp_path: Path) -> None:
    team, book = _team(tmp_path)
    moved = _copy_of(team, tmp_path / "moved")
    shutil.rmtree(team.ledger.parent)
    said = _tracked(moved)
    assert not any("another ledger" in w for w in said), said
    assert ledger_written_by(book) == str(moved.ledger)


def test_a_ledger_copied_to_postgresql_records_its_source_and_rewrites_it(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    team, book = _team(tmp_path)
    url = request.getfixturevalue("pg_url")
    assert main(["ledger", "copy", "--to", url, "--from", str(team.ledger)]) == 0
    shared = replace(team, ledger_url=url)
    with Ledger.open(shared.ledger_location, lock=False) as ledger:
        assert ledger.copied_from() == str(team.ledger.resolve())
        shown = ledger.path
    said = _tracked(shared)  # the SQLite file still there: the source, so the team's own
    assert not any("another ledger" in w for w in said), said
    assert ledger_written_by(book) == shown
    kept = " ".join(_tracked(team))  # ... and the old SQLite ledger no longer writes the team's workbook
    assert "which is still there" in kept and ledger_written_by(book) == shown, kept


def test_a_ledger_copied_to_postgresql_before_it_kept_its_source_still_rewrites_it(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A team's PostgreSQL ledger copied before 'copied_from' was kept, the SQLite file still there: its
    track rewrites the workbook as before (only `ledger copy` makes a database of a SQLite ledger); read by
    meta alone, it would say 'track with that ledger' for good."""
    import sqlalchemy as sa

    from bulkship.db import engine_for

    team, book = _team(tmp_path)
    url = request.getfixturevalue("pg_url")
    assert main(["ledger", "copy", "--to", url, "--from", str(team.ledger)]) == 0
    engine = engine_for(url)
    with engine.begin() as db:  # as a copy made before
        db.execute(sa.text("DELETE FROM meta WHERE key = 'copied_from'"))
    engine.dispose()
    shared = replace(team, ledger_url=url)
    said = _tracked(shared)
    assert not any("another ledger" in w for w in said), said
    with Ledger.open(shared.ledger_location, lock=False) as ledger:
        assert ledger_written_by(book) == ledger.path


def _sent(settings: Settings) -> int:
    """Rows of q the ledger holds on an order."""
    with Ledger.open(settings.ledger_location, lock=False) as ledger:
        return len(ledger.rows_on_orders([o.po_number for o in ledger.orders("q", payloads=False)]))


def test_a_run_from_a_copy_of_the_ledger_is_refused_before_anything_is_sent(tmp_path: Path) -> None:
    """`bulkship run` (not track) from a ``cp`` of the team's ledger wrote the team's workbook: the copy
    records its path, read as 'this ledger wrote it from where it was before' (hunter-vendor40's leftover 1).
    Now refused, nothing sent; with --out another folder it runs; the team's own run writes it as before."""
    team, book = _team(tmp_path)
    before = book.read_bytes()
    copy = _copy_of(team, tmp_path / "fin")
    grown = write_sheet(tmp_path / "q.csv", [1, 2, 3])
    with pytest.raises(FileFormatError) as refused:
        run_batch(grown, copy, batch="q", wait_s=0)
    said = f"{refused.value.message} {refused.value.hint}"
    assert f"written from another ledger ({team.ledger}, which is still there), not from" in said, said
    assert "Nothing was sent" in said and "pass --out with another folder" in said, said
    assert book.read_bytes() == before and _sent(copy) == 2
    elsewhere = run_batch(grown, replace(copy, out_dir=tmp_path / "fin-out"), batch="q", wait_s=0)
    assert Path(str(elsewhere.output)).parent == tmp_path / "fin-out" and book.read_bytes() == before
    run_batch(grown, team, batch="q", wait_s=0)  # the team's own run writes it, naming its ledger
    assert ledger_written_by(book) == str(team.ledger) and _sent(team) == 3


def test_a_run_from_a_data_folder_moved_writes_it_as_before(tmp_path: Path) -> None:
    team, book = _team(tmp_path)
    moved = _copy_of(team, tmp_path / "moved")
    shutil.rmtree(team.ledger.parent)
    run_batch(write_sheet(tmp_path / "q.csv", [1, 2, 3]), moved, batch="q", wait_s=0)
    assert ledger_written_by(book) == str(moved.ledger) and _sent(moved) == 3
