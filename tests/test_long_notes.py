"""Time bounded by the length of a list's notes (found by hunter-hostile11, hunter-hostile10's LN1): a note
is read for what it says as many times as it has figures or words to weigh, never its whole text again for
each of them, and a long pattern reads the notes where it decides, not every note. Measured as the characters
the patterns read (no clock: the machine may be busy)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from bulkship.load import load_sheet
from bulkship.loosened import MayMatch

HEADER = "Name,Address,City,State,ZIP,Product,Amount,Notes\n"


class _Counted:
    """A compiled pattern whose searches add to ``searched`` the characters each scans for a place to start (a
    match at one place: one)."""

    def __init__(self, pattern: re.Pattern[str], searched: list[int]) -> None:
        self._pattern, self._searched = pattern, searched

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._pattern, name)
        if name not in ("search", "match", "fullmatch", "finditer", "findall"):
            return method

        def counted(text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
            anchored = name in ("match", "fullmatch")
            self._searched.append(1 if anchored else max(0, min(endpos, len(text)) - pos))
            return method(text, pos, endpos)

        return counted


def _count_patterns(module: Any, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every compiled pattern of ``module`` (or held by one of its objects) counted into the list returned."""
    searched: list[int] = []
    for name, value in list(vars(module).items()):
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(module, name, _Counted(value, searched))
        elif not isinstance(value, type) and hasattr(value, "__dict__") and not callable(value):
            for attribute, held in list(vars(value).items()):
                if isinstance(held, re.Pattern):
                    monkeypatch.setattr(value, attribute, _Counted(held, searched))
    return searched


def _searched_for_figures(
    tmp_path: Path, note: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, list[str]]:
    """The characters the figures of ``note`` were searched over on a list of one row, and its problems."""
    from bulkship.load.problems import notesaid

    path = tmp_path / "list.csv"
    path.write_text(HEADER + f'Ann Lee,1 Main St,Boston,MA,02134,CVS,25,"{note}"\n', encoding="utf-8")
    with monkeypatch.context() as patch:
        searched = _count_patterns(notesaid, patch)
        loaded = load_sheet(path)
    return sum(searched), [p.message for p in loaded.read_problems]


def test_a_long_note_of_many_figures_is_read_in_a_time_its_length_bounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finance list's note keeping a log of payments ('11/2: paid $12.50 postage; 11/9: donated $40 ...';
    a 4,000-character note holds some 300 figures): each figure's amount was weighed against the words
    before it (their own money, a limit, a card of another time) by searching the whole note up to it again,
    three times a figure. 100 such notes of 4,000 characters took `bulkship validate` 94 s. The words before
    each figure are read backwards from it now: the same figures are weighed the same, and the note asking
    for $50 on a $25 row is still stopped. Measured as the characters the note's patterns scan for a place
    to start, for a note and the same note four times as long: they grow with the note, not its square."""
    entry = "{n}/2: paid ${n}.50 postage; donated $40 (limit $75), sent 2 cards last year, gave about $9; "

    def note(entries: int) -> str:
        return "".join(entry.format(n=1 + n % 12) for n in range(entries)) + "should be $50"

    short, short_problems = _searched_for_figures(tmp_path, note(20), monkeypatch)
    long, long_problems = _searched_for_figures(tmp_path, note(80), monkeypatch)
    for problems in (short_problems, long_problems):
        [said] = [m for m in problems if "which amount is right" in m]
        assert said.startswith("Row 2, column 'Notes': says '1/2: paid $1.50 postage;"), said
    # four times the note, four times the search (its square: sixteen)
    assert long < 6 * short, f"{short:,} characters searched for a note of 20 entries, {long:,} for 80"


def test_the_words_saying_send_after_all_are_read_only_of_notes_saying_not_to_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LN1 profiled (hunter-hostile10's leftover: 10,000 rows of 2,000-character notes, `bulkship validate`
    31.7 s): a third of it was two long patterns, the words saying to send after all ('Removed - please
    send') and those saying it is over ('Hold released', 'Rehired'), read over every note of the list where
    they decide only for a note saying not to send, or naming a leaving day. Read of those only now; each
    still sends the row it sent ('Left 11/15 - still send'), the others stay out."""
    import pandas.core.strings.object_array as strings

    from bulkship.load.skipped.headings import _SEND_HEADING
    from bulkship.load.skipped.undone import _UNDONE

    names = {id(_SEND_HEADING): "send after all", id(_UNDONE): "it is over"}
    read = dict.fromkeys(names.values(), 0)
    contains = strings.ObjectStringArrayMixin._str_contains

    def counted(self: Any, pat: Any, *args: Any, **kwargs: Any) -> Any:
        if id(pat) in names:
            read[names[id(pat)]] += sum(len(str(text)) for text in self)
        return contains(self, pat, *args, **kwargs)

    monkeypatch.setattr(strings.ObjectStringArrayMixin, "_str_contains", counted)
    chatter = "Thanks for years of service to the team and the customers we serve every day. " * 25
    said = {
        2: "Left 11/15/2025 - still send",
        3: "Left 11/15/2025",
        4: "Removed - please send",
        5: "Do not send",
        6: "Terminated - rehired 11/20/2025",
    }
    rows = [
        f"Person {n},{n} Main St,Boston,MA,02134,CVS,25,{said.get(n, f'{n}. {chatter}')}"
        for n in range(2, 202)
    ]
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    loaded = load_sheet(path)
    assert sorted(s.row for s in loaded.skipped) == [3, 5]
    # the five short notes (a few hundred characters), not the 195 long ones (380,000)
    assert max(read.values()) < 1_000, read


def test_the_clauses_of_long_notes_are_read_whole_only_where_they_may_say_not_to_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list whose Notes keep a log (2,000 rows of 2,000 characters, each its own: `bulkship validate` 22 s
    of CPU, 16 s of it here, 100,000 such rows some 13 minutes): each clause of a note, with the five after
    it, was read by the whole of the pattern saying not to send, whose alternatives open with lookaheads
    reading the clauses to their end for the words that would undo them, before looking at their first word.
    Its copy without those lookaheads (bulkship.loosened) is read first; the pattern reads only the clauses
    it may say no in. Counted as the clauses the pattern reads: every one of 30 notes before, none but the
    notes saying no now; the rows left out the same (a note saying 'Do not send' or 'Terminated' after its
    log, not one saying 'rehired' after)."""
    from bulkship.load.skipped import clauses

    read: list[int] = []
    # (the copy made at once: a list's notes are read by the pattern alone till they pass 200,000 characters)
    monkeypatch.setattr(clauses, "_MAY_SAY_NO", MayMatch(clauses._NOTE_SAYS_NO, after=0))
    monkeypatch.setattr(clauses, "_NOTE_SAYS_NO", _Counted(clauses._NOTE_SAYS_NO, read))

    def log(row: int) -> str:  # each row's own (a clause read once is not read again)
        return "; ".join(
            f"{month}/{row % 28 + 1}: called about the party, left a voicemail. project {row}-{month} done"
            for month in range(1, 13)
        )

    said = {
        3: f"{log(3)} - Do not send",
        5: f"{log(5)}. Terminated 11/15",
        7: f"{log(7)}. Terminated 11/15 - rehired 11/20",
    }
    rows = [f'Person {n},{n} Main St,Boston,MA,02134,CVS,25,"{said.get(n, log(n))}"' for n in range(2, 32)]
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    loaded = load_sheet(path)
    assert sorted(s.row for s in loaded.skipped) == [3, 5]
    # each of the 30 notes holds 36 clauses: before, 1,366 read whole; now 2 (rows 3 and 5)
    assert 0 < len(read) < 10, f"{len(read)} clauses read by the whole pattern"


def test_a_notes_column_is_read_whole_by_the_pattern_only_where_a_note_may_say_not_to_send(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same list of logs (2,000 rows: `bulkship validate` 14.1 s of CPU once its clauses were read so):
    each note was read whole, once more, by the pattern saying not to send. Now only where its loosened copy
    (bulkship.loosened.MayMatch: on a note of ASCII text, lowered, read without ignoring case) may match;
    the other notes are read as an empty note. Counted as the characters of the notes the pattern reads:
    all 30 logs before, only the notes saying no (and the copy's few) now; the same rows left out."""
    import pandas.core.strings.object_array as strings

    from bulkship.load.skipped import clauses
    from bulkship.load.skipped.notes import _NOTE_SAYS_NO

    read: list[int] = []
    monkeypatch.setattr(clauses, "_MAY_SAY_NO", MayMatch(_NOTE_SAYS_NO, after=0))  # (made at once)
    match = strings.ObjectStringArrayMixin._str_match

    def counted(self: Any, pat: Any, *args: Any, **kwargs: Any) -> Any:
        if pat is _NOTE_SAYS_NO:
            read.append(sum(len(str(text)) for text in self))
        return match(self, pat, *args, **kwargs)

    monkeypatch.setattr(strings.ObjectStringArrayMixin, "_str_match", counted)

    def log(row: int) -> str:
        return "; ".join(
            f"{month}/{row % 28 + 1}: called about the party, project {row}-{month}" for month in range(12)
        )

    said = {3: f"Do not send. {log(3)}", 5: f"Terminated 11/15. {log(5)}", 7: f"Rehired 11/20. {log(7)}"}
    rows = [f'Person {n},{n} Main St,Boston,MA,02134,CVS,25,"{said.get(n, log(n))}"' for n in range(2, 32)]
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    loaded = load_sheet(path)
    assert sorted(s.row for s in loaded.skipped) == [3, 5]
    logs = sum(len(log(n)) for n in range(2, 32))
    # before, every note whole (15,718 characters); now the two saying no (1,043)
    assert 0 < sum(read) < 1_500, (
        f"{sum(read):,} characters of the notes read by the pattern (the logs: {logs:,})"
    )


def test_a_note_is_read_for_a_person_back_or_a_hold_over_only_where_it_holds_a_word_ending_one() -> None:
    """Found by hunter-speed1 (issue 14, its leftover 1), fixed by hunter-speed2: a note 'DNS;' + ' a;' *
    20,000 (60 KB) took 2.85 CPU-s to load, 2.6 of them undone._OVER reading 100 characters on after each of
    its 20,000 marks for a word saying the person is back or the hold over ('rehired', 'cleared'), a word the
    note never holds (tests/test_visible_rows.py::test_a_long_note_of_many_remarks_is_read_in_one_pass). Every
    match of it ends on one of those words: looked for first (a lookahead at its start), a note holding none
    is passed over in one read (0.25 CPU-s the load). The same texts match, at the same places: the remark
    snapshot's texts, and each joined to another after a mark (every other in capitals)."""
    from support.remarkdecisions import read_tsv

    from bulkship.load.skipped import undone

    assert undone._OVER.startswith(r"\A" + undone._OVER_ENDS)
    looked_for_first = re.compile("(?i)" + undone._OVER)
    as_before = re.compile("(?i)" + undone._OVER.replace(undone._OVER_ENDS, "", 1))
    texts = list(read_tsv())
    marks = (" - ", "; ", "/", " (")
    joined = [f"{a}{marks[n % 4]}{b}" for n, (a, b) in enumerate(zip(texts, texts[::-1], strict=True))]
    texts += [text.upper() if n % 2 else text for n, text in enumerate(joined)]
    # (the lookahead only adds a condition: a text not matched before is not now)
    matched = {text: found.span() for text in texts if (found := as_before.search(text))}
    assert len(matched) > 300  # (texts saying someone back or a hold over)
    now = {text: found.span() for text in matched if (found := looked_for_first.search(text))}
    assert now == matched


def test_a_long_note_filled_down_is_looked_at_for_a_question_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 32,000-character note filled down 300 rows of two note columns (test_hostile_workbooks' fine.xlsx:
    17.4 CPU-s to load, the suite's slowest test) was looked at for a question in every cell, twice a load
    (asking.may_ask: 13 ms a cell). Each distinct note is looked at once now: counted as the characters the
    asking patterns read, 20 rows of two notes each filled down (one asking first); the same rows asked."""
    from bulkship.load.skipped import asking

    text = "Called about the party in May; she asked that the card go to her home address, form sent. " * 220
    notes = {n: ("Still employed? " if n >= 17 else "") + text for n in range(2, 22)}
    rows = [f'Person {n},{n} Main St,Boston,MA,02134,CVS,25,"{notes[n]}"' for n in notes]
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    searched = _count_patterns(asking, monkeypatch)
    loaded = load_sheet(path)
    asked = sorted({p.row for p in loaded.read_problems if "asks 'Still employed?" in p.message})
    assert asked == list(range(17, 22)) and not loaded.skipped, [p.message[:80] for p in loaded.read_problems]
    # before, each of the 20 cells whole, by each pattern, twice (~12 million characters); now each note once
    assert sum(searched) < 20 * len(text), f"{sum(searched):,} characters read (a note: {len(text):,})"
