"""Every file bulkship writes appears in one step: a run killed (SIGKILL, a real process) while writing leaves
the previous file whole, and the next command removes the temporary file it left behind (recipient data).
The commands around the killed one run in the test's process (``bulkship.cli.main``, as a shell would start
them but without paying the start-up of a process each)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from support.forkserver import Completed, ForkServer

from bulkship.atomicfile import atomic_path, remove_stale_temps, temp_path_for
from bulkship.cli import main
from bulkship.safetext import csv_safe, needs_quote

ROWS = [
    "Customer ID,Full Name,Street Address,City,ST,Postal Code,Brand,Denomination,Ship Method",
    "C1,Maria Lopez,12 Beacon Street,Boston,MA,02108,CVS,$10.00,Standard",
    "C2,James Chen,455 Massachusetts Avenue,Cambridge,MA,02139,STARBUCKS,$15.00,Standard",
]

# The child runs the real CLI; just before the named file would replace its earlier version, it kills itself
# with SIGKILL: the temporary file is complete and not yet renamed, the worst moment to die.
KILLER = """
import os, signal, sys
from pathlib import Path
import bulkship.atomicfile as atomicfile
target, real = Path(os.environ["KILL_BEFORE_PUBLISHING"]), atomicfile.publish
def publish(temp, path):  # the target, or the free name beside it that `template` may choose (name-2.xlsx)
    if Path(path).name.startswith(target.stem) and Path(path).suffix == target.suffix:
        os.kill(os.getpid(), signal.SIGKILL)
    real(temp, path)
atomicfile.publish = publish
from bulkship.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _killed_while_publishing(forks: ForkServer, cwd: Path, target: str, *args: str) -> Completed:
    """``bulkship ARGS`` in a process of its own (forked: support.forkserver) that SIGKILLs itself just before
    publishing ``target``."""
    env = {**os.environ, "KILL_BEFORE_PUBLISHING": target}
    return forks.run(args, code=KILLER, cwd=cwd, env=env, timeout=180)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".~", ".splice-")))


def _sheet(folder: Path, rows: list[str]) -> Path:
    path = folder / "staff.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("target", "first", "second"),
    [
        ("staff-validation.xlsx", ["validate", "staff.csv"], ["validate", "staff.csv"]),
        (
            "staff-results.xlsx",
            ["run", "staff.csv", "--yes", "--wait", "0"],
            ["run", "staff.csv", "--yes", "--wait", "0"],
        ),
        (
            "staff-results.csv",
            ["run", "staff.csv", "--yes", "--wait", "0", "--csv"],
            ["run", "staff.csv", "--yes", "--wait", "0", "--csv"],
        ),
        ("recipients-template.xlsx", ["template"], ["template", "--out", "output/recipients-template.xlsx"]),
    ],
)
def test_a_kill_while_writing_leaves_the_previous_file_and_no_temporary(
    tmp_path, monkeypatch, target, first, second, bulkship_forks
):
    monkeypatch.chdir(tmp_path)
    _sheet(tmp_path, ROWS[:2])
    assert main(first) in (0, 1)  # validate exits 1 when rows are invalid
    published = tmp_path / "output" / target
    before = published.read_bytes()

    _sheet(tmp_path, ROWS)  # a new row: the second command has something new to write
    killed = _killed_while_publishing(bulkship_forks, tmp_path, target, *second)

    assert killed.returncode == -9, killed.stderr
    assert published.read_bytes() == before  # the previous version, whole
    if published.suffix == ".xlsx":
        assert zipfile.ZipFile(published).testzip() is None
    left = _temporaries(published.parent)
    assert left, "the kill came before the temporary file was renamed"

    assert main(["status"]) == 0  # any command
    assert _temporaries(published.parent) == []


def test_a_failed_write_removes_its_temporary_and_keeps_the_file(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"earlier")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"earlier"
    assert _temporaries(tmp_path) == []


def test_a_live_writers_temporary_is_never_removed(tmp_path):
    mine = temp_path_for(tmp_path / "results.xlsx")  # this process is alive
    mine.write_bytes(b"being written")
    dead = tmp_path / ".~results.999999999.abcdef.xlsx"  # no such process
    dead.write_bytes(b"left by a killed run")
    libreoffice_lock = tmp_path / ".~lock.results.xlsx#"
    libreoffice_lock.write_text("someone has it open")
    assert remove_stale_temps(tmp_path) == [dead]
    assert mine.exists() and libreoffice_lock.exists()


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "＝1+1", "＋1", "－1", "＠SUM(A1)"])
def test_formula_triggers_include_full_width_forms(text):
    assert needs_quote(text)
    assert csv_safe(text) == "'" + text


def test_template_drop_down_values_that_look_like_formulas_stay_text(tmp_path):
    import dataclasses

    import openpyxl
    from intake_fixtures import sandbox_catalog

    from bulkship.template import write_template

    catalog = sandbox_catalog()
    cvs = catalog.products["CVS"]
    hostile = {
        pid: dataclasses.replace(cvs, id=pid) for pid in ('=HYPERLINK("http://x.test","win")', "＝1+1")
    }
    catalog = dataclasses.replace(catalog, products={**catalog.products, **hostile})
    path = write_template(tmp_path / "t.xlsx", catalog)

    lists = openpyxl.load_workbook(path)["Lists"]
    cells = {c.value: c for c in lists["B"] if c.value in hostile}
    assert set(cells) == set(hostile)  # written as the text they are, not as formulas
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())


def test_a_header_that_looks_like_a_formula_is_quote_prefixed_on_every_sheet(tmp_path, monkeypatch):
    # found by hunter-hostile4: a CRM export's column headed '=HYPERLINK("http://x.test","Notes")' (or
    # '@Notes', '+Extra', '＝Seg') was written as the header of the validation workbook's Validation sheet and
    # the result workbook's Results and Fix these sheets without the quote prefix every such cell gets:
    # editing it (F2, Enter) in Excel turned it into a live formula
    import openpyxl

    hostile = ['=HYPERLINK("http://x.test","Notes")', "@Notes", "+Extra", "\uff1dSeg"]
    header = "Employee ID,Name,Address,City,State,ZIP,Card,Amount," + ",".join(
        '"' + h.replace('"', '""') + '"' for h in hostile
    )
    _sheet(
        tmp_path,
        [
            header,
            "E1,Ann Lee,1 Main St,Boston,MA,02108,CVS,25,a,b,c,d",
            "E2,Bob Ray,2 Main St,Boston,MA,99999,CVS,25,a,b,c,d",  # invalid: on Fix these
        ],
    )
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "staff.csv"]) == 1  # one row to fix
    assert main(["run", "staff.csv", "--yes", "--wait", "0"]) == 3  # one row to fix
    sheets = [
        openpyxl.load_workbook(tmp_path / "output" / "staff-validation.xlsx")["Validation"],
        *(
            openpyxl.load_workbook(tmp_path / "output" / "staff-results.xlsx")[s]
            for s in ("Results", "Fix these")
        ),
    ]
    for sheet in sheets:
        heads = {c.value: c for c in sheet[1]}
        assert set(hostile) <= set(heads), sheet.title
        assert all(heads[h].data_type == "s" and heads[h].quotePrefix for h in hostile), sheet.title
        assert not heads["Employee ID"].quotePrefix and heads["Employee ID"].font.b
        assert all(heads[h].font.b for h in hostile)  # still a header
