"""Every row status the result workbook, `bulkship status` and the web page show is explained in the README.

Found by newcomer15: the first run of the README ends "25 rows (25 pending); 25 ordered ... charged",
every Results row reads 'pending', and the README never said what 'pending' is (read as: not ordered)."""

from __future__ import annotations

from pathlib import Path

from bulkship.statuses import STATUS_NAMES

README = Path(__file__).parent.parent / "README.md"


def test_every_row_status_a_user_sees_is_named_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [name for name in STATUS_NAMES if f"`{name}`" not in text]
    assert missing == []


def test_every_kind_of_skipped_row_validate_json_gives_is_named_in_the_readme(tmp_path: Path, capsys) -> None:
    """Found by newcomer15: a row whose Notes say "do not send" came out of `validate --json` as kind
    'not to send', which the README's list of kinds (hidden, filtered, collapsed, totals, note) left out."""
    import json
    import re

    from bulkship.cli import main
    from bulkship.load.skipped.kinds import CROSSED, NOT_TO_SEND
    from bulkship.sheetscan.limits import COLLAPSED, FILTERED, HIDDEN

    sheet = tmp_path / "list.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        "Ann Lee,9 Elm St,Hartford,CT,06103,CVS,25,\n"
        "Bo Ray,15 Main Street,Austin,TX,78701,CVS,25,do not send - left company\n",
        encoding="utf-8",
    )
    main(["validate", str(sheet), "--json", "--out", str(tmp_path)])
    seen = {skipped["kind"] for skipped in json.loads(capsys.readouterr().out)["skipped"]}
    assert seen == {NOT_TO_SEND}
    readme = README.read_text(encoding="utf-8")
    sentence = re.search(r"`\{row, kind, reason\}`; kind\s+is (.*?)\), `columns`", readme, re.S)
    assert sentence is not None
    named = set(re.findall(r"`([^`]+)`", sentence.group(1)))
    assert {HIDDEN, FILTERED, COLLAPSED, CROSSED, NOT_TO_SEND, "totals", "note"} <= named


def test_the_readme_says_validate_exits_1_for_a_duplicate_row(tmp_path: Path) -> None:
    """Found by newcomer15: with 0 invalid rows and 1 duplicate, `validate` says "Nothing to fix" and exits
    1, while the README's Commands table said "1 some invalid"."""
    from bulkship.cli import main

    sheet = tmp_path / "list.csv"
    sheet.write_text(
        "Name,Address,City,State,ZIP,Product,Value\n"
        "Ann Lee,9 Elm St,Hartford,CT,06103,CVS,25\n"
        "Ann Lee,9 Elm Street,Hartford,CT,06103,CVS,25\n",
        encoding="utf-8",
    )
    assert main(["validate", str(sheet), "--out", str(tmp_path)]) == 1
    lines = README.read_text(encoding="utf-8").splitlines()
    row = next(line for line in lines if line.startswith("| `bulkship validate FILE"))  # the Commands table
    assert "1 some invalid or duplicate" in row


def test_the_readme_s_discount_to_the_cent_is_what_a_run_charges(tmp_path: Path, monkeypatch) -> None:
    """Found by newcomer5, finance checking a month by hand: 2.5 % of two 25.00 Home Depot cards is 1.25, the
    workbook said 1.24 (each card's cost is rounded to the cent), and nothing said why."""
    import re

    import bulkship

    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BULKSHIP_OUT", str(tmp_path / "out"))
    text = " ".join(README.read_text(encoding="utf-8").split())
    said = re.search(
        r"two 25\.00 HOMEDEPOT cards at 2\.5 % cost (\S+), a discount of (\S+) \(not 1\.25\)", text
    )
    assert said is not None
    sheet = tmp_path / "two.csv"
    sheet.write_text("Name,Address,City,State,ZIP,Product,Value,Quantity\nAnn Lee,9 Elm St,Hartford,CT,06103,"
                     "HOMEDEPOT,25,2\n")  # fmt: skip
    result = bulkship.run(bulkship.resolve_settings(), sheet, confirm=lambda plan: True, wait_s=0)
    assert (str(result.total_cost), "1.24") == (said[1], said[2].rstrip(".,"))
