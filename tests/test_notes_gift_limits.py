"""A list's note saying the person may get no gift now: a gift limit reached, gifts barred, the household's
one card gone to another member. Each such row is left out, said; a limit kept, a household's limit alone
and other limits still send."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pandas as pd
import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet

from bulkship.load.skipped import said
from bulkship.load.skipped.giftlimits import this_year_ok

NO_GIFT_NOW = [
    "Gift limit reached", "Over gift limit this year", "Already at $100 limit", "Over the gift limit",
    "Exceeds the $75 annual gift limit", "Over the limit this year", "Annual limit exceeded",
    "Government employee - gift ban", "Compliance: no gifts to government employees", "Cannot accept gifts",
    "Gifts not permitted (state employee)", "One per household - sent to spouse",
    "Max 1 per household - sent to spouse", "Spouse also works here - one card per household",
    "Household limit - husband gets it (row 7)", "Household already received",
    "Sister already got one (same address)",
]  # fmt: skip
STILL_SENT = [
    "Under the gift limit", "Within limit", "Over the weight limit - ship ground",
    "Over the limit for express shipping", "At max capacity", "Limit one per customer",
    "Government employee", "One per household", "One per household - this is the one",
    "Same household as row 5", "Spouse also works here (Sales)", "Sister already got one",
    "Family received flowers", "Reached out 11/20",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status"])
def test_a_note_saying_no_gift_is_allowed_now_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sends4 (hunter-sends3's leftovers, review40's remarks still sent): an HR list's Notes
    'Gift limit reached', 'Over gift limit this year', 'Already at $100 limit', 'Government employee - gift
    ban', 'Compliance: no gifts to government employees', 'One per household - sent to spouse', 'Max 1 per
    household - sent to spouse', 'Household already received', 'Sister already got one (same address)' were
    each ordered, exit 0, where 'Not eligible' leaves the row out: a card the person may not take, or a
    household's second. Each is left out now; a limit kept, another limit, and a household's limit alone
    (which of its rows is the one only the list's maker knows) still send."""
    notes = [*NO_GIFT_NOW, *STILL_SENT]
    path = _sheet(tmp_path / "staff.csv", notes, header)
    assert _left_out(path, notes) == NO_GIFT_NOW


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_gift_limit_or_ban_with_an_exception_made_since_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review46 reviewing 4ab048fd: 'Gift limit reached - exception approved', 'Over the $75 limit
    - approved by VP', 'Already at $100 limit - CFO approved exception', 'Over gift limit this year - waiver
    signed 12/1' were left out since 4ab048fd (each sent before it): the exception the list records made no
    difference, and the person it was made for got no card. An exception made, an approval or a waiver in
    the clause after it sends the row; one to come, for later, asked, refused or taken back still leaves it
    out."""
    excepted = [
        "Gift limit reached - exception approved", "Gift limit reached - approved by compliance",
        "Over the $75 limit - approved by VP", "Over gift limit this year - waiver signed 12/1",
        "Already at $100 limit - CFO approved exception", "Exceeds the $75 annual gift limit - OKd by HR",
    ]  # fmt: skip
    still = [
        "Gift limit reached - approved for 2027", "Over the gift limit - not approved",
        "Gift limit reached - approved?", "Gift limit reached - exception denied",
        "Over the gift limit - approved, then revoked", "Gift limit reached - approved by mistake",
        "Over the $75 limit - exception to be approved",
    ]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*excepted, *still], header)
    assert _left_out(path, [*excepted, *still]) == still


LIMIT_OF_THIS_YEAR = [
    "Gift limit reached 2026", "Over limit in 2026", "Annual limit hit 2026", "Gift limit reached Nov 2026",
    "Gift limit reached 2026 - do not send",
]  # fmt: skip
LIMIT_OF_A_YEAR_GONE_THIS_ONE_OK = [
    "Gift limit reached for 2025 - 2026 OK", "Gift limit reached 2025, 2026 ok",
    "Over limit in 2025; OK for 2026", "Annual limit hit 2025 - 2026: OK",
]  # fmt: skip


def test_a_limit_reached_this_year_leaves_the_row_out_and_one_of_a_year_gone_sends_if_this_year_is_ok(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review48 (one a known drop): on Dec 5, 2026 Notes 'Gift limit reached 2026', 'Over limit in
    2026', 'Annual limit hit 2026', 'Gift limit reached Nov 2026' were each ordered (the year read as no
    remark), where 'Gift limit reached in 2026' is left out: a card over the person's gift limit. And 'Gift
    limit reached for 2025 - 2026 OK' was left out, where the note says this year is OK. A limit named with a
    year is a limit reached now; a note saying after it that this year is OK sends, unless its other words
    leave the row out. 'Gift limit reached for 2025' alone, and a limit of this year with next year OK, stay
    out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    stays_out = [
        "Gift limit reached for 2025", "Gift limit reached for 2026 - 2027 OK",
        "RTS - Gift limit reached for 2025 - 2026 OK",
    ]  # fmt: skip
    notes = [*LIMIT_OF_THIS_YEAR, *LIMIT_OF_A_YEAR_GONE_THIS_ONE_OK, *stays_out]
    path = _sheet(tmp_path / "staff.csv", notes)
    assert _left_out(path, notes) == [*LIMIT_OF_THIS_YEAR, *stays_out]


def test_a_long_note_is_read_for_a_limit_only_where_it_names_one_and_the_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed1 (issue 14, the suite's slowest test): a list whose Notes held a 40,000-character
    'do not send - x x x ...' took 34 CPU-s to load, its gift limit's pattern (this_year_ok) backtracking
    from every start of the note for a limit the note never names. Now the pattern reads only the notes
    naming a limit and the year; each note decides as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    naming, read = said._naming_limit_and_year, []

    def counted(texts: pd.Series, today: datetime.date) -> pd.Series:
        found = naming(texts, today)
        read.extend(texts[found].tolist())
        return found

    monkeypatch.setattr(said, "_naming_limit_and_year", counted)
    long_note = "do not send - " + "x " * 20_000
    stays_out = [long_note, "Gift limit reached for 2025", "RTS - Gift limit reached for 2025 - 2026 OK"]
    notes = [*LIMIT_OF_A_YEAR_GONE_THIS_ONE_OK, *stays_out]
    path = _sheet(tmp_path / "staff.csv", notes)
    assert _left_out(path, notes) == stays_out
    assert sorted(set(read)) == sorted([*LIMIT_OF_A_YEAR_GONE_THIS_ONE_OK, stays_out[2]])


def test_a_long_note_naming_a_limit_and_the_year_is_read_for_it_from_its_signs_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by hunter-speed1 (issue 14): a note naming a limit and the year, then long ('do not send - Gift
    limit reached 2026 x x x ...', 20,000 characters) took 8.3 CPU-s to read, 33 at 40,000: this_year_ok's
    pattern was tried at every character, each try reading on to the note's end. It is tried only at the
    note's start and after a sign its opening run stops at, where any match of it starts too: the same
    notes match, and each decides as before."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    span = this_year_ok(datetime.date(2026, 12, 5))
    from_a_sign = said._from_a_sign(span)
    assert from_a_sign.startswith("(?i)(?:^|(?<=[-–—;,.()]))[^-–—;,.()]*")
    texts = [*LIMIT_OF_THIS_YEAR, *LIMIT_OF_A_YEAR_GONE_THIS_ONE_OK, "a;limit (2026 ok)", "cap.2026: fine",
             "max\n2026 good", "\nlimit 2026 ok", "no limit - 2026 ok", "limit2026 ok",
             "Gift limit reached"]  # fmt: skip
    assert [bool(re.search(from_a_sign, t)) for t in texts] == [bool(re.search(span, t)) for t in texts]
    long_note = "do not send - Gift limit reached 2026 " + "x " * 20_000
    notes = [long_note, *LIMIT_OF_A_YEAR_GONE_THIS_ONE_OK]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes), notes) == [long_note]
