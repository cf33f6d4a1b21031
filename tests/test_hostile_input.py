"""Hostile and careless input on the command line: every bad path or name is one `Error:` line with the right
exit code, said before anything is read or sent; text from the user or the vendor prints literally."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.forkserver import ForkServer

from bulkship.cli import main
from bulkship.settings import resolve_settings

SHEET = (
    "Customer ID,Full Name,Street Address,City,ST,Postal Code,Brand,Denomination,Ship Method\n"
    "C1,Maria Lopez,12 Beacon Street,Boston,MA,02108,CVS,$10.00,Standard\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.err


def _error_line(err: str) -> str:
    """The one Error: line, and no traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "staff.csv"
    path.write_text(SHEET, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_folder_given_as_the_file(capsys, tmp_path, sheet, command):
    folder = tmp_path / "lists.csv"
    folder.mkdir()
    code, err = (
        _run(capsys, command, str(folder), "--yes")
        if command == "run"
        else _run(capsys, command, str(folder))
    )
    assert code == 2
    assert "is a folder, not a file" in _error_line(err)


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_fifo_given_as_the_file_is_refused_without_blocking(capsys, tmp_path, sheet, command):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    args = [command, str(fifo)] + (["--yes"] if command == "run" else [])
    code, err = _run(capsys, *args)
    assert code == 2
    assert "is a pipe (FIFO)" in _error_line(err)


def test_a_device_given_as_the_file(capsys, sheet):
    code, err = _run(capsys, "validate", "/dev/null")
    assert code == 2
    assert "/dev/null is a device" in _error_line(err)


def test_a_dangling_link_given_as_the_file(capsys, tmp_path, sheet):
    link = tmp_path / "gone.csv"
    link.symlink_to(tmp_path / "moved-away.csv")
    code, err = _run(capsys, "validate", str(link))
    assert code == 2
    assert "is a link to" in _error_line(err) and "which does not exist" in _error_line(err)


@pytest.mark.parametrize("option", ["--credentials", "--config"])
def test_a_folder_given_as_credentials_or_program_settings(capsys, tmp_path, sheet, option):
    code, err = _run(capsys, "validate", str(sheet), option, str(tmp_path))
    assert code == 2
    assert "is a folder, not a file" in _error_line(err)


def test_template_out_a_folder(capsys, tmp_path, sheet):
    code, err = _run(capsys, "template", "--out", str(tmp_path))
    assert code == 2
    assert "is a folder, not a file" in _error_line(err)


def test_template_out_with_another_formats_extension(capsys, tmp_path, sheet):
    code, err = _run(capsys, "template", "--out", str(tmp_path / "x.csv"))
    assert code == 2
    assert "must end in .xlsx" in _error_line(err)
    assert not (tmp_path / "x.csv").exists()


def test_template_out_under_a_file(capsys, tmp_path, sheet):
    code, err = _run(capsys, "template", "--out", str(sheet / "t.xlsx"))
    assert code == 2
    assert "is a file, not a folder" in _error_line(err)


def test_a_batch_name_too_long_for_a_file_name_still_gets_its_workbook(capsys, tmp_path, sheet):
    """It used to send the orders and then fail to write the workbook, on every re-run."""
    code, err = _run(capsys, "run", str(sheet), "--yes", "--wait", "0", "--batch", "q" * 300)
    assert code == 0, err
    written = list((tmp_path / "output").glob("*-results.xlsx"))
    assert len(written) == 1 and len(written[0].name.encode()) < 255


def test_status_reads_a_read_only_ledger(capsys, tmp_path, sheet):
    assert main(["run", str(sheet), "--yes", "--wait", "0"]) == 0
    capsys.readouterr()
    ledger = resolve_settings().ledger
    for path in ledger.parent.iterdir():
        path.chmod(0o444)
    ledger.parent.chmod(0o555)
    try:
        before = ledger.read_bytes()
        assert main(["status"]) == 0
        assert "staff" in capsys.readouterr().out
        assert ledger.read_bytes() == before
    finally:
        ledger.parent.chmod(0o755)


@pytest.mark.parametrize(
    ("given", "shown"), [("25,00", "'25,00' is ambiguous"), ("126,63", "'126,63' is ambiguous")]
)
def test_max_total_with_a_decimal_comma_is_refused(capsys, sheet, given, shown):
    code, err = _run(capsys, "run", str(sheet), "--yes", "--max-total", given)
    assert code == 2
    assert shown in _error_line(err)


def test_max_total_with_thousands_separators_and_a_dollar_sign(capsys, sheet):
    code, err = _run(capsys, "run", str(sheet), "--yes", "--wait", "0", "--max-total", "$1,000.00")
    assert code == 0, err


def test_text_in_square_brackets_prints_literally(capsys, tmp_path, sheet):
    named = tmp_path / "[bold]Q4 staff.csv"
    named.write_text(SHEET, encoding="utf-8")
    code, err = _run(capsys, "run", str(named), "--yes", "--wait", "0", "--batch", "[red]Q4")
    assert code == 0, err
    assert "Batch [red]Q4:" in err  # the batch name as given, not swallowed as markup
    code, err = _run(capsys, "validate", str(tmp_path / "[missing].csv"))
    assert "[missing].csv" in _error_line(err)


ESCAPES = "=\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x1b\\\x1b]0;PWNED\x07\x1b[2J\x9b31m"


@pytest.mark.parametrize("command", [["validate"], ["run", "--yes", "--wait", "0"]])
def test_terminal_escapes_in_a_cell_are_shown_never_sent_to_the_terminal(capsys, tmp_path, sheet, command):
    """Found by hunter-hostile6: a cell holding terminal escapes was quoted raw in its row's error ('Row 3,
    column 'Full Name': '=...' is the text of a formula'): OSC 52 wrote the terminal's clipboard, OSC 0 its
    title, CSI 2J cleared the screen (click strips colour codes off a pipe, never on a terminal; rich strips
    a bell, never ESC). Each control character is shown as its symbol, ESC as '␛'."""
    sheet.write_text(SHEET + f"C2,{ESCAPES},1 Elm St,Boston,MA,02108,CVS,$10.00,Standard\n", encoding="utf-8")
    code = main([command[0], str(sheet), *command[1:], "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == (1 if command == ["validate"] else 3), captured.err  # a row to fix
    said = captured.out + captured.err
    assert not any(char in said for char in "\x1b\x07\x9b"), said
    assert "'=␛]52;c;Y3VybCBldmlsIHwgc2g=␛\\␛]0;PWNED␇␛[2J" in said, said


def test_a_file_name_holding_a_line_break_is_named_on_the_error_s_one_line(capsys, sheet):
    """hunter-hostile5's LO1: `bulkship validate $'new\\nline.csv'` printed 'Error: File not found: new' and
    'line.csv' on the next line; a line break or an escape in a file name is shown as a symbol."""
    code, err = _run(capsys, "validate", "new\nline\x1b[31m.csv")
    assert code == 2
    assert "File not found: new␤line␛[31m.csv" in _error_line(err), err


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize(
    ("name", "kind", "said"),
    [
        ("list.xlsx", "/dev/urandom", "is a device"),
        ("list.ods", "/dev/zero", "is a device"),
        ("list.xlsx", "pipe", "is a pipe (FIFO)"),
        ("list.ods", "pipe", "is a pipe (FIFO)"),
    ],
)
def test_a_device_or_a_pipe_named_like_a_workbook_is_refused_before_it_is_read(
    bulkship_forks: ForkServer, tmp_path: Path, command: str, name: str, kind: str, said: str
) -> None:
    """Found by hunter-hostile9: a link named list.xlsx to /dev/urandom made `bulkship validate` (and `run`)
    take 19 GB before the kernel killed it, and a pipe named list.xlsx kept it waiting for a writer forever
    (a CSV name was refused at once): whether the file is a result workbook, and its batch's name, were read
    before the path was checked, and zipfile reads a device whole looking for its end. Now one line, exit 2.
    Run as a process under a 1.5 GB address space, so that a regression fails here rather than taking the
    machine's memory (a child of the fork server: ~0.2 CPU-s, not ~1.8 importing the package again)."""
    path = tmp_path / name
    if kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to(kind)

    args = [command, str(path), "--out", str(tmp_path / "out")] + (["--yes"] if command == "run" else [])
    done = bulkship_forks.run(
        args,
        env={**os.environ, "BULKSHIP_DATA_DIR": str(tmp_path / "data")},
        timeout=240,  # a pipe waited on would wait for ever: the test fails, it does not hang
        address_space=1536 * 2**20,
    )
    assert done.returncode == 2, done.stderr
    assert f"Error: File {path} {said}, not a file bulkship can read" == _error_line(done.stderr)
