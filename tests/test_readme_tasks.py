"""The README's short list of tasks at its top, as people new to bulkship came for them (found by newcomer18,
N9: 817 lines and no 'see the cost only', 'send part of a list', 'check a workbook I was given'; N5: nothing
told a finance person, on a login of their own, to pass the ledger the workbook's Summary names)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.reconcile.sheets import SUMMARY_SHEET
from bulkship.resultfile import result_path
from bulkship.sandbox import Sandbox, SandboxConfig
from bulkship.settings import resolve_settings

README = Path(__file__).parent.parent / "README.md"


def _tasks() -> dict[str, str]:
    """The task list's rows: what a person wants -> what to type."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## What do you want to do\?\n(.*?)^## ", text, re.S | re.M)
    assert section is not None, "the task list is near the README's top"
    rows = re.findall(r"^\| (.+?) \| (.+?) \|$", section.group(1), re.M)
    return {want: how for want, how in rows if want != "I want to" and not set(want) <= {"-", "|"}}


def _help(capsys: pytest.CaptureFixture[str], command: str) -> str:
    capsys.readouterr()
    assert main([command, "--help"]) == 0
    return capsys.readouterr().out


def test_the_task_list_names_what_new_users_came_for_with_options_bulkship_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tasks = _tasks()
    wants = " / ".join(tasks)
    for came_for in ("check my list", "cost", "part of it", "Fix these", "workbook I was given"):
        assert came_for in wants or any(came_for in how for how in tasks.values()), came_for
    typed = [c for how in tasks.values() for c in re.findall(r"`(bulkship [^`]+)`", how)]
    assert len(typed) >= 10, typed
    for command in typed:
        verb = command.split()[1]
        options = re.findall(r"(--[a-z-]+)", command)
        said = _help(capsys, verb)
        assert all(option in said for option in options), (command, options)
    cost = tasks["see what sending would cost (nothing is sent or recorded)"]
    assert cost == "`bulkship validate FILE --cost`"


def test_a_finance_login_reads_a_given_workbook_s_batch_with_the_ledger_its_summary_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    finance = next(how for want, how in _tasks().items() if "workbook I was given" in want)
    assert "*Summary*" in finance and "(`Ledger`)" in finance
    assert "`bulkship status NAME --ledger PATH`" in finance and "Never `bulkship run`" in finance
    team = README.read_text(encoding="utf-8")
    assert "pass the\n  one a result workbook's *Summary* names (`Ledger`) with `--ledger PATH`" in team

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "hr-data"))  # HR's login
    source = tmp_path / "gifts.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["Name", "Address", "City", "State", "ZIP", "Product", "Value"],
                ["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"],
            ]
        )
    assert main(["run", str(source), "--batch", "GIFTS", "--yes", "--wait", "0"]) == 0
    summary = openpyxl.load_workbook(tmp_path / "output" / "GIFTS-results.xlsx")[SUMMARY_SHEET]
    ledger = next(str(row[1]) for row in summary.iter_rows(values_only=True) if row[0] == "Ledger")

    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "finance-data"))  # finance's own login
    capsys.readouterr()
    assert main(["status", "GIFTS", "--ledger", ledger, "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["ledger"] == ledger
    (batch,) = said["batches"]
    assert batch["batch"] == "GIFTS" and batch["by_status"] == {"pending": 1}, batch


def test_sending_part_of_a_list_as_the_task_list_says_sends_nobody_twice(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer19 (N12): the list's first wording, the part and the rest split by hand, then the
    whole file run again under the part's batch, held the rest's 3 rows as repeats (exit 3) and said to
    re-run with --allow-repeat: a second card each. The row now starts from --max-total, whose refusal is
    the advice that makes the rest's rows read 'sent elsewhere' there."""
    part = _tasks()["send only part of it"]
    assert part.startswith("`bulkship run FILE --batch NAME --max-total AMOUNT`"), part
    assert "never `--allow-repeat` them" in part
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]
    people = [[f"Person {n}", f"{n} Main St", "Boston", "MA", "02134", "CVS", "25"] for n in range(1, 6)]
    for name, rows in (("list", people), ("part", people[:2]), ("rest", people[2:])):
        with (tmp_path / f"{name}.csv").open("w", newline="") as handle:
            csv.writer(handle).writerows([header, *rows])

    def run(name: str, *args: str) -> tuple[int, dict[str, Any]]:
        capsys.readouterr()
        code = main(["run", str(tmp_path / f"{name}.csv"), *args, "--yes", "--wait", "0", "--json"])
        return code, json.loads(capsys.readouterr().out)

    assert run("list", "--batch", "DM", "--max-total", "60")[0] == 1  # 125.00: refused, the split advised
    assert run("part", "--batch", "DM", "--max-total", "60")[0] == 0
    assert run("rest", "--batch", "DM-2")[0] == 0
    code, whole = run("list", "--batch", "DM", "--max-total", "60")
    assert code == 0, whole
    statuses = dict(whole["by_status"])
    assert statuses.pop("sent elsewhere") == 3 and "held" not in statuses, whole
    assert sum(statuses.values()) == 2, whole  # the part's two, ordered (pending, or made since)
    with Sandbox(SandboxConfig(state_file=resolve_settings().sandbox_state_file)) as sandbox:
        cards = [li["ExternalId"] for order in sandbox.orders() for li in order["LineItems"]]
    assert len(cards) == len(set(cards)) == 5, "five people, one card each"


def test_the_typical_batch_looks_at_the_cost_before_its_run_with_options_bulkship_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found by newcomer19: an HR person following *A typical batch* went from validate to run, whose
    'Send these orders?' was the only place the cost was shown; answered no, it left PO numbers behind."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"### A typical batch\n\n```bash\n(.*?)```", text, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    cost = next(i for i, command in enumerate(commands) if command.endswith("--cost"))
    run = next(i for i, command in enumerate(commands) if command.startswith("bulkship run "))
    assert cost < run and "--batch ANNIV-2026Q4" in commands[cost], commands
    for command in commands:
        said = _help(capsys, command.split()[1])
        assert all(option in said for option in re.findall(r"(--[a-z-]+)", command)), command


def test_a_finance_login_reconciles_a_sandbox_trial_s_workbook_as_the_task_list_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer20 (N13): the task list's `bulkship reconcile NAME --ledger PATH`, typed on finance's
    own login for an HR trial on the embedded sandbox, said 'vendor 0 orders ... Differences found', exit
    1: that sandbox's orders are in the HR data folder, beside the ledger. The row says how to read them, and
    that the ledger must be one finance's login can read."""
    finance = next(how for want, how in _tasks().items() if "workbook I was given" in want)
    assert "one your login can read: a team's PostgreSQL ledger, or a copy of the file shared" in finance
    typed = re.search(
        r"`(BULKSHIP_SANDBOX_STATE=<that folder>/sandbox\.sqlite) (bulkship reconcile [^`]+)`", finance
    )
    assert typed is not None, finance
    monkeypatch.chdir(tmp_path)
    hr = tmp_path / "hr-data"
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(hr))  # HR's login
    source = tmp_path / "gifts.csv"
    source.write_text("Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["run", str(source), "--batch", "GIFTS", "--yes", "--wait", "0"]) == 0
    summary = openpyxl.load_workbook(tmp_path / "output" / "GIFTS-results.xlsx")[SUMMARY_SHEET]
    said = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert said["API"] == "sandbox"
    ledger = str(said["Ledger"])
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "finance-data"))  # finance's own login
    variable, value = typed.group(1).split("=")
    monkeypatch.setenv(variable, value.replace("<that folder>", str(Path(ledger).parent)))
    capsys.readouterr()
    command = typed.group(2).replace("NAME", "GIFTS").replace("PATH", ledger).split()[1:]
    assert main([*command, "--json"]) == 0, capsys.readouterr()
    assert json.loads(capsys.readouterr().out)["matches"] is True


def test_the_task_list_says_where_one_person_s_card_is_in_the_columns_the_workbook_has() -> None:
    """'Did Maria's card ship?', a colleague's question a week after an office manager sent the staff's
    holiday cards: the task list said `bulkship track NAME --watch` and `bulkship status NAME`, batch counts
    only, no person in them (found by newcomer23 following the README). Its row names the workbook's own
    columns, as the Results sheet heads them."""
    from bulkship.reconcile.sheets import RESULT_COLUMNS

    how = next((how for want, how in _tasks().items() if "one person" in want), "")
    assert "NAME-results.xlsx" in how and "`bulkship track NAME`" in how, how
    named = re.findall(r"\*([A-Z][\w ]+)\*", how)
    assert named and all(column in RESULT_COLUMNS for column in named), (named, RESULT_COLUMNS)


def test_the_result_workbook_names_the_readme_gives_are_those_a_run_writes() -> None:
    """The task list says `output/NAME-results.xlsx`; a batch named with a space ('Q4 gifts', as --batch or
    the web page names it) or another alphabet is written 'Q4-gifts-10e29681-results.xlsx', which nothing
    said (newcomer25's note in session 47). The README's examples are the names a run writes."""
    text = README.read_text(encoding="utf-8")
    examples = re.findall(r"`([^`]+)`: `output/([^`]+-results\.xlsx)`", text)
    assert len(examples) >= 3 and any(" " in batch for batch, _ in examples), examples
    for batch, name in examples:
        assert result_path(Path("output"), batch) == Path("output") / name, batch
