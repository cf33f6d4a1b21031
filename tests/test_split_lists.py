"""A list split as a run refused by --max-total advises (the shorter file under the batch's name, the rows
taken out as a batch of their own), then run whole again: each person one card, every surface saying where
it went. Real CSV files, the CLI against the sandbox, cards counted at the sandbox."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from support.money_invariants import check_money
from test_repeats import person, recipients, results, run, write_csv

from bulkship.cli import main


@pytest.fixture(autouse=True)
def _in_tmp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # result workbooks go to ./output of the test's own folder


def test_the_whole_list_run_again_after_its_split_sends_only_the_rows_no_part_sent(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A known leftover, verified by hunter-vendor29: after the advice was followed, the whole file run again
    held the rows the part taken out had sent ('the same recipient, address, card and value were ordered in
    batch 'rest' ... re-run with --allow-repeat'), and its end said to send them with --allow-repeat: a
    second card each. They are rows sent elsewhere now, naming the order that holds their card; the rows no
    part sent go out; --allow-repeat sends no one twice."""
    rows = [person(i) for i in range(6)]
    sheet = write_csv(tmp_path / "gifts.csv", rows)
    assert run(capsys, str(sheet), "--max-total", "80")[0] == 1  # 150.00: refused, nothing sent
    first = write_csv(tmp_path / "first.csv", rows[:2])
    assert run(capsys, str(first), "--batch", "gifts", "--max-total", "80")[0] == 0  # as the advice says
    assert run(capsys, str(write_csv(tmp_path / "rest.csv", rows[2:4])))[0] == 0  # Person 4, 5 not yet
    code, _, err = run(capsys, str(sheet))
    assert code == 0, err
    assert recipients(isolated_data_dir) == Counter({f"Person {i}": 1 for i in range(6)})
    assert "allow-repeat" not in err and "held" not in err, err
    assert "(4 pending, 2 sent elsewhere)" in err, err
    shown = results(Path("output/gifts-results.xlsx"))
    for i in (2, 3):
        status, note = shown[f"Person {i} / {i + 1} Main St"]
        assert status == "sent elsewhere", (i, status, note)
        assert "vendor order BS-REST-0001" in note and "batch 'rest'" in note, note
    assert {shown[f"Person {i} / {i + 1} Main St"][0] for i in (0, 1, 4, 5)} == {"pending"}
    assert run(capsys, str(sheet), "--allow-repeat")[0] == 0  # nothing held to send on purpose
    assert recipients(isolated_data_dir) == Counter({f"Person {i}": 1 for i in range(6)})


def test_a_row_taken_out_and_written_otherwise_since_is_sent_elsewhere_too(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-vendor29's fuzzing after the split was fixed: the whole list run again with a row the
    part taken out had sent written otherwise ('4 Main Street' for '4 Main St': a row new to the batch) was
    still held, --allow-repeat offered (a second card). Its very card was on the batch's plan never sent:
    it is sent elsewhere as the others."""
    rows = [person(i) for i in range(6)]
    sheet = write_csv(tmp_path / "gifts.csv", rows)
    assert run(capsys, str(sheet), "--max-total", "80")[0] == 1
    assert run(capsys, str(write_csv(tmp_path / "first.csv", rows[:2])), "--batch", "gifts")[0] == 0
    assert run(capsys, str(write_csv(tmp_path / "rest.csv", rows[2:4])))[0] == 0
    rows[3] = person(3, street="4 Main Street")
    code, _, err = run(capsys, str(write_csv(sheet, rows)))
    assert code == 0, err
    assert "allow-repeat" not in err and "(4 pending, 2 sent elsewhere)" in err, err
    assert results(Path("output/gifts-results.xlsx"))["Person 3 / 4 Main Street"][0] == "sent elsewhere"
    assert recipients(isolated_data_dir) == Counter({f"Person {i}": 1 for i in range(6)})


def test_a_card_another_list_sent_is_no_row_taken_out_of_a_list_never_advised_to_split(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found by review48 on d4c08147: gifts.csv's plan declined at 'Send these orders?', then another
    occasion's birthday.csv sending Person 0 the same CVS 25, then gifts.csv run again: Person 0's gift was
    left out as 'sent elsewhere ... as rows taken out of this list', exit 0 (the list was never split; that
    card was another occasion's), and the one way on, another batch with --allow-repeat, sent Person 1 a
    second card. Only a batch a refused --max-total advised to split reads such cards as its rows taken
    out; here Person 0 is held for the person to decide, as before."""
    rows = [person(i) for i in range(2)]
    sheet = write_csv(tmp_path / "gifts.csv", rows)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["run", str(sheet), "--wait", "0"]) == 1  # declined: nothing sent
    capsys.readouterr()
    assert run(capsys, str(write_csv(tmp_path / "birthday.csv", rows[:1])))[0] == 0
    code, _, err = run(capsys, str(sheet))
    assert code == 0 and "sent elsewhere" not in err, err
    shown = results(Path("output/gifts-results.xlsx"))
    assert (shown["Person 0 / 1 Main St"][0], shown["Person 1 / 2 Main St"][0]) == ("held", "pending")
    assert recipients(isolated_data_dir) == Counter({"Person 0": 1, "Person 1": 1})


def test_the_rows_sent_elsewhere_are_said_before_the_question(
    tmp_path: Path,
    isolated_data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """newcomer18's N2: after the split its refused --max-total advised, the whole list run again showed
    'Total 2 cards 50.00 ... 2 row(s) already ordered are not sent again' and asked 'Send these orders?'
    without a word of its other two rows (a marketer could not tell the plan's 2 from the file's 6); only
    after the answer did the run say they were sent elsewhere. They are said before the question: how many,
    which rows, which batch's order holds their cards."""
    rows = [person(i) for i in range(6)]
    sheet = write_csv(tmp_path / "gifts.csv", rows)
    assert run(capsys, str(sheet), "--max-total", "80")[0] == 1
    assert run(capsys, str(write_csv(tmp_path / "first.csv", rows[:2])), "--batch", "gifts")[0] == 0
    assert run(capsys, str(write_csv(tmp_path / "rest.csv", rows[2:4])))[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["run", str(sheet), "--wait", "0"]) == 1  # the plan seen, declined
    asked = " ".join(capsys.readouterr().err.split()).split("Send these orders?")[0]
    assert "2 row(s) already ordered are not sent again" in asked, asked
    assert "Not in this plan: 2 row(s) sent elsewhere" in asked, asked
    assert "rows 4-5: batch 'rest', order BS-REST-0001" in asked, asked
    assert recipients(isolated_data_dir) == Counter({f"Person {i}": 1 for i in range(4)})


def test_a_list_split_by_hand_run_whole_again_says_its_held_rows_have_their_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newcomer19's N12 (given by the lead): a list split by hand (no refusal advised it), the first rows
    under DM, the rest under DM-2, then the whole file run again under DM: the rest's rows were held as
    repeats of DM-2's cards (right: no advice, no evidence of a split, d7ccf5d5), each saying 'To send it
    again on purpose, re-run with --allow-repeat' and the run ending 'To send them anyway, on purpose,
    re-run the same command with --allow-repeat': 30 second cards, offered as the way on. Where the card
    held for is the very card, made, they say the person has it already, nothing to do; --allow-repeat
    only for a second card on purpose."""
    rows = [person(i) for i in range(5)]
    sheet = write_csv(tmp_path / "list.csv", rows)
    assert run(capsys, str(write_csv(tmp_path / "part.csv", rows[:2])), "--batch", "DM")[0] == 0
    assert run(capsys, str(write_csv(tmp_path / "rest.csv", rows[2:])), "--batch", "DM-2")[0] == 0
    code, _, err = run(capsys, str(sheet), "--batch", "DM")
    assert code == 0, err
    assert "To send them anyway" not in err and "To send it again on purpose" not in err, err
    assert "3 row(s) held: each person has this very card already" in err, err
    assert "This person has this card already: nothing to do." in err, err
    assert recipients(isolated_data_dir) == Counter({f"Person {i}": 1 for i in range(5)})


def test_the_status_total_of_a_split_list_counts_each_person_once(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer19 (N11): after a split, `bulkship status` read 'Total (2 batches) | 8 rows' for a
    6-person list: the 2 rows sent elsewhere were counted in the batch holding their card and again in the
    list's batch. The total counts each person once and says so (--json: the rows it counted in their card's
    batch); a batch listed alone still counts its own rows."""
    import json

    rows = [person(i) for i in range(6)]
    sheet = write_csv(tmp_path / "gifts.csv", rows)
    assert run(capsys, str(sheet), "--max-total", "80")[0] == 1
    assert run(capsys, str(write_csv(tmp_path / "first.csv", rows[:2])), "--batch", "gifts")[0] == 0
    assert run(capsys, str(write_csv(tmp_path / "rest.csv", rows[2:4])))[0] == 0
    assert run(capsys, str(sheet))[0] == 0
    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {b["batch"]: b["rows"] for b in shown["batches"]} == {"gifts": 6, "rest": 2}
    assert shown["total"]["rows"] == 6 and shown["total"]["rows_counted_in_their_card_s_batch"] == 2
    assert main(["status"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "each person once (2 sent elsewhere counted in their" in table, table
    assert main(["status", "gifts", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["rows"] == 6
    for batch in ("gifts", "rest"):  # each part's money the same on every surface, the web pages too
        check_money(isolated_data_dir / "ledger.sqlite", batch, web=True)


def test_the_status_total_counts_a_row_of_two_parts_once_unless_each_gave_its_own_card(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer20 (N11; hunter-money21's leftover 3): a Salesforce list of 300 contacts split in two
    and run whole read 'Total (2 batches) 311 rows': the report's footer lines counted under each part, and
    the rows held because the other part made their very card counted in both. Here a 5-person list with a
    footer, split by hand (DM, DM-2) and run whole under DM, read 10 rows. A row of more than one batch
    listed is counted once; a person each batch gave a card of their own (--allow-repeat) twice."""
    import json

    footer = ["Confidential - do not distribute", "", "", "", "", "", ""]
    rows = [person(i) for i in range(5)]
    sheet = write_csv(tmp_path / "list.csv", [*rows, footer])
    assert run(capsys, str(write_csv(tmp_path / "part.csv", [*rows[:2], footer])), "--batch", "DM")[0] == 0
    assert run(capsys, str(write_csv(tmp_path / "rest.csv", [*rows[2:], footer])), "--batch", "DM-2")[0] == 0
    assert run(capsys, str(sheet), "--batch", "DM")[0] == 0  # 3 held: each has this very card already
    assert main(["status", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {b["batch"]: b["rows"] for b in shown["batches"]} == {"DM": 6, "DM-2": 4}
    assert shown["total"]["rows"] == 6 and shown["total"]["rows_in_several_batches"] == 4, shown["total"]
    assert main(["status"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "each person once (4 row(s) of more than one" in table, table  # (the cell wraps)
    again = write_csv(tmp_path / "again.csv", rows[:1])  # Person 0's second card, on purpose
    assert run(capsys, str(again), "--batch", "DM-3", "--allow-repeat")[0] == 0
    assert recipients(isolated_data_dir)["Person 0"] == 2
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["rows"] == 7
