"""Hostile CSV files, generated here: giant cells, huge line counts, mixed encodings, NULs anywhere. Each is
refused by `bulkship validate` with exit code 2 and one `Error:` line, in a process whose peak memory
(measured with psutil over the process tree) stays under 500 MB; garbled text is a warning on its row."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from support.forkserver import ForkServer

from bulkship.cli import main
from bulkship.csvread import CsvLimits, read_csv
from bulkship.errors import FileFormatError
from bulkship.load import load_sheet
from bulkship.program import ProgramSettings

HEADER = "Customer ID,Full Name,Street Address,City,ST,Postal Code,Brand,Denomination,Ship Method\n"
ROW = "C{n},Maria Lopez,12 Beacon Street,Boston,MA,02108,CVS,$10.00,Standard\n"
PEAK_LIMIT = 500 * 2**20


def _tree(process: psutil.Process) -> list[psutil.Process]:
    """The process and its descendants. From the kernel's list of each thread's children where it keeps one
    (Linux ``/proc/PID/task/TID/children``): psutil finds children by reading every process on the machine,
    which, every 10 ms, cost a third of a core while the measured process ran."""
    if not Path(f"/proc/{process.pid}/task").is_dir():
        return [process, *process.children(recursive=True)]
    found, todo = [], [process.pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        with contextlib.suppress(OSError, ValueError):  # a process that has just exited
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(child) for child in (task / "children").read_text().split())
    return [process, *(psutil.Process(pid) for pid in found[1:])]


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    with contextlib.suppress(psutil.Error):  # the process has just exited
        for member in _tree(process):
            with contextlib.suppress(psutil.Error):  # a child that has just exited
                total += member.memory_info().rss
    return total


def test_the_memory_watch_sees_the_grandchildren(tmp_path):
    """What _validate_measured adds up: the whole process tree, grandchildren included."""
    grandchild = "import time; print('ready', flush=True); time.sleep(60)"
    script = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"  # both now wait, still
        watched = psutil.Process(child.pid)
        members = _tree(watched)
        assert {m.pid for m in members} == {child.pid, *(c.pid for c in watched.children(recursive=True))}
        assert len(members) == 2 and _tree_rss(watched) == sum(m.memory_info().rss for m in members)
    finally:
        for member in reversed(_tree(psutil.Process(child.pid))):
            member.kill()
        child.wait()


def _validate_measured(forks: ForkServer, path: Path, *extra: str) -> tuple[int, str, int]:
    """Run `bulkship validate` in a child process; its exit code, stderr and peak RSS of its process tree.
    A child of the fork server (~0.2 CPU-s, not ~1.8 importing the package again): its RSS holds the
    server's pages too, so the bound is a little stricter than on a fresh interpreter."""
    child = forks.popen(["validate", str(path), "--out", str(path.parent / "out"), *extra], capture=True)
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_rss(watched))
        time.sleep(0.01)
    _, err = child.communicate()
    return child.wait(), err, peak


def _one_error(err: str) -> str:
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, err
    return errors[0]


def _write_giant_cells(path: Path, cells: int, cell_bytes: int, *, quoted: bool) -> None:
    """A header, then rows whose one cell is ``cell_bytes`` long; quoted cells hold commas and line breaks
    (so no byte pattern alone shows where they end)."""
    line = b"a" * 63 + b"," + b"b" * 63 + b"\n"
    block = line * (2**20 // len(line)) if quoted else b"x" * 2**20
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        for n in range(cells):
            handle.write(f"C{n},".encode() + (b'"' if quoted else b""))
            for _ in range(cell_bytes // len(block)):
                handle.write(block)
            handle.write((b'"' if quoted else b"") + b",x,Boston,MA,02108,CVS,10,Standard\n")


def test_a_500_mb_csv_of_ten_50_mb_cells_is_refused_quickly_in_little_memory(bulkship_forks, tmp_path):
    path = tmp_path / "giant.csv"
    _write_giant_cells(path, 10, 50 * 2**20, quoted=False)
    assert path.stat().st_size > 500 * 10**6
    code, err, peak = _validate_measured(bulkship_forks, path)
    assert code == 2
    assert "holds a cell larger than 256 KB" in _one_error(err)
    assert peak < PEAK_LIMIT


def test_a_giant_quoted_cell_full_of_commas_and_line_breaks_is_refused(bulkship_forks, tmp_path):
    path = tmp_path / "quoted.csv"
    _write_giant_cells(path, 2, 20 * 2**20, quoted=True)
    code, err, peak = _validate_measured(bulkship_forks, path)
    assert code == 2
    assert "holds a cell larger than" in _one_error(err)
    assert peak < PEAK_LIMIT


def test_one_endless_line_is_refused(bulkship_forks, tmp_path):
    path = tmp_path / "line.csv"
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        for _ in range(40):
            handle.write(b"a," * 2**19)  # 40 MB of tiny cells and no line break
    code, err, peak = _validate_measured(bulkship_forks, path)
    assert code == 2
    assert "is longer than 16 MB" in _one_error(err)
    assert peak < PEAK_LIMIT


def test_more_lines_than_the_limit_are_refused_before_parsing(tmp_path):
    path = tmp_path / "long.csv"
    limits = CsvLimits(rows=1000)
    path.write_text(HEADER + "".join(ROW.format(n=n) for n in range(1500)), encoding="utf-8")
    with pytest.raises(FileFormatError, match="more than 1,000 lines"):
        read_csv(path, limits=limits)


def test_a_cell_limit_can_be_raised(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(HEADER.strip() + ",Notes\n" + ROW.strip().format(n=1) + "," + "n" * 5000 + "\n")
    with pytest.raises(FileFormatError, match="larger than 4 KB"):
        read_csv(path, limits=CsvLimits(cell_bytes=4096))
    assert read_csv(path, limits=CsvLimits(cell_bytes=8192)).frame.shape == (2, 10)


def _mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.csv"
    utf8 = (HEADER + "C1,José Müller,12 Beacon Street,Boston,MA,02108,CVS,$10.00,Standard\n").encode()
    cp1252 = "C2,Zoë Brontë,1 Main Street,Boston,MA,02108,CVS,$10.00,Standard\n".encode("cp1252")
    more_utf8 = "C3,Łukasz Nowak,2 Main Street,Boston,MA,02108,CVS,$10.00,Standard\n".encode()
    path.write_bytes(utf8 + cp1252 + more_utf8)
    return path


def test_a_file_mixing_utf8_and_windows_1252_is_refused_with_the_lines(bulkship_forks, tmp_path):
    code, err, peak = _validate_measured(bulkship_forks, _mixed(tmp_path))
    assert code == 2
    line = _one_error(err)
    assert "mixes text encodings: lines 2, 4 are UTF-8, line 3 is not" in line
    assert peak < PEAK_LIMIT


def test_an_explicit_encoding_reads_a_mixed_file_one_way(tmp_path):
    loaded = load_sheet(_mixed(tmp_path), program=ProgramSettings(encoding="utf-8"))
    assert loaded.frame.iloc[0, 1] == "José Müller"
    assert loaded.frame.iloc[1, 1] == "Zo\ufffd Bront\ufffd"  # the bytes UTF-8 cannot read, visibly replaced


def test_encoding_flag_on_the_command_line(tmp_path, capsys):
    # in this process: nothing here measures memory, so no child process (and its imports) is needed
    code = main(["validate", str(_mixed(tmp_path)), "--out", str(tmp_path / "out"), "--encoding", "cp1252"])
    err = capsys.readouterr().err
    assert code != 2, err  # read: the UTF-8 lines now look garbled, and say so
    assert "Error:" not in err


def test_a_whole_windows_1252_file_is_read_as_such(tmp_path):
    path = tmp_path / "excel.csv"
    row = "C1,José Müller,1 Main St,Boston,MA,02108,CVS,$10.00,Standard\n"
    path.write_bytes((HEADER + row).encode("cp1252"))
    assert load_sheet(path).frame.iloc[0, 1] == "José Müller"


def test_mojibake_is_a_warning_on_its_row(tmp_path):
    path = tmp_path / "garbled.csv"
    row = "C1,JosÃ© MÃ¼ller,1 Main St,Boston,MA,02108,CVS,$10.00,Standard\n"
    path.write_text(HEADER + row, encoding="utf-8")
    problems = load_sheet(path).read_problems
    assert [(p.row, p.column, p.severity) for p in problems] == [(2, "name", "warning")]
    assert "probably 'José Müller'" in problems[0].message


@pytest.mark.parametrize("where", ["head", "far"])
def test_a_nul_byte_is_refused_wherever_it_is(tmp_path, where):
    rows = [ROW.format(n=n) for n in range(20000)]
    line = 3 if where == "head" else 15000
    rows[line - 2] = rows[line - 2].replace("Maria", "Ma\x00ria")
    path = tmp_path / "nul.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    with pytest.raises(FileFormatError, match=f"holds 1 NUL byte \\(line {line}\\)"):
        load_sheet(path)


@pytest.mark.parametrize("title", ["", "Holiday gift list\n"])
def test_a_header_longer_than_the_first_bytes_read_is_refused_as_too_wide(tmp_path, title):
    """Found by hunter-hostile6: a header of a million columns (an 8 MB file) was read as one column, since
    the parser's width came from the records wholly inside the first 256 KB; every field past the first was
    dropped, the file parsed at length (1 GB, 20 s of CPU) and `validate` said 'No header row found ...
    holds text in one column'. It has too many columns, said in one line."""
    path = tmp_path / "wide.csv"
    columns = ",".join(f"Column {n}" for n in range(60_000))
    path.write_text(f"{title}Full Name,Street Address,{columns}\n" + ROW.format(n=1), encoding="utf-8")
    with pytest.raises(
        FileFormatError, match=r"wide.csv has at least [\d,]+ columns, above bulkship's limit of 256"
    ):
        read_csv(path)
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n\r\n", b"\xff\xfe\n\x00", b" \n\t\r\n"],
    ids=["bom", "bom+lines", "utf16", "blank"],
)
def test_a_csv_of_only_a_byte_order_mark_or_blank_lines_is_said_empty(tmp_path, capsys, data):
    """Excel's 'CSV UTF-8' of an empty sheet is its byte-order mark alone (3 bytes): `bulkship validate`
    said 'No header row found in the first 100 rows ... expected headers such as ...', as of a list whose
    headers it could not read; a file of 0 bytes is said empty. Both are now: 'list.csv is empty', exit 2."""
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "list.csv is empty" in err and "No header row" not in err, err
