"""Every command bulkship prints for a person to paste names the batch as the shell reads it: a batch named
'Q4 gifts' (run with --batch 'Q4 gifts', or uploaded on the web page as 'Q4 gifts') was told `bulkship status
Q4 gifts`, `bulkship reconcile Q4 gifts --review`, ... which the shell splits into two words: 'Batch Q4 not
in the ledger', or worse a file named gifts (review56's list; newcomer23, README and CLI words)."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest
from test_money import person, write_rows

from bulkship.cli import main

PACKAGE = Path(__file__).resolve().parent.parent / "bulkship"
# a command of bulkship's with a batch (or a person's name) put in as it is, in an f-string
_UNQUOTED = re.compile(
    r"bulkship (?:run|track|status|reconcile|audit|users add)(?: [\w{}().-]+)*? \{(?!shlex\.quote\()"
    r"(?:[\w.\[\]\"']*?(?:batch|name)[\w.\[\]\"']*)\}|--batch \{(?!shlex\.quote\()[\w.]+\}"
)


def _f_strings(path: Path) -> list[tuple[int, str]]:
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING and re.match(r"(?i)r?f", token.string):
            found.append((token.start[0], token.string))
    return found


def test_no_command_printed_for_a_person_holds_a_batch_name_unquoted() -> None:
    unquoted = [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _f_strings(path)
        if _UNQUOTED.search(text)
    ]
    assert unquoted == [], "\n".join(unquoted)


def test_track_names_the_status_command_of_a_batch_named_with_a_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "output"
    sheet = write_rows(tmp_path / "gifts.csv", [person(0)])
    assert main(["run", str(sheet), "--batch", "Q4 gifts", "--yes", "--wait", "0", "--out", str(out)]) == 0
    for workbook in out.glob("*-results.xlsx"):
        workbook.unlink()  # deleted, or on the machine that ran it
    capsys.readouterr()
    main(["track", "Q4 gifts"])
    said = " ".join(capsys.readouterr().err.split())
    assert "`bulkship status 'Q4 gifts'`" in said, said


def test_the_web_page_reads_a_quoted_batch_name_in_the_command_it_turns_into_its_buttons() -> None:
    """The web page says a command's way on with its own buttons; a batch uploaded as 'Q4 gifts', its
    command now quoted, must still read as the page's words, not as a command line it cannot run."""
    from bulkship.web.pagewords import page_words

    said = "see what the vendor shows for them: bulkship reconcile 'Q4 gifts' --review"
    assert page_words(said).endswith("for them: the batch's page “Rows waiting for review”"), said
    settle = "bulkship reconcile 'Q4 gifts' --resolve BS-Q4-GIFTS-1A2B3C-0001 --at-vendor 77-1"
    assert page_words(settle).startswith("“They are at the vendor…” for PO BS-Q4-GIFTS-1A2B3C-0001"), settle
    compare = "compare the charges with the vendor's: bulkship reconcile 'Q4 gifts'"
    assert page_words(compare).endswith("“Check against the vendor” on the batch's Results page"), compare


def test_the_web_page_reads_a_batch_name_holding_an_apostrophe_as_the_shell_quotes_it() -> None:
    """Found by review59 checking 082ad63f: a batch uploaded as "Women's Day gifts" is named in a command as
    the shell reads it, 'Women'"'"'s Day gifts' (shlex.quote): the page read only a name in one pair of
    quotes, and showed its reader the command line (`bulkship reconcile 'Women'"'"'s Day gifts' --review`)
    where a batch 'Q4 gifts' reads the page's own buttons."""
    import shlex

    from bulkship.web.pagewords import page_words

    batch = shlex.quote("Women's Day gifts")
    said = f"see what the vendor shows for them: bulkship reconcile {batch} --review"
    assert page_words(said).endswith("for them: the batch's page “Rows waiting for review”"), said
    settle = f"bulkship reconcile {batch} --resolve BS-WOMEN-S-DAY-1A2B3C-0001 --at-vendor 77-1"
    assert page_words(settle).startswith("“They are at the vendor…” for PO BS-WOMEN-S-DAY-1A2B3C-0001")
    compare = f"compare the charges with the vendor's: bulkship reconcile {batch}"
    assert page_words(compare).endswith("“Check against the vendor” on the batch's Results page"), compare
