"""A note in the list, on a row of its own, asking for a change to a recipient's row ('*Bob - change to
$50' below the table, 'Cy Ng - remove, left company'): the note was skipped (or a row to fix) and the row
it names sent as written, Bob at 25, Cy a card (found by hunter-sheets6). bulkship acts on no note: the row
it names waits for the change to be made on it. So does the row a note names saying what leaves a Notes cell's
row out ('Bob Ray - deceased', 'Cy Orr: hold until HR confirms', "Ann's card already mailed": found by
hunter-sheets22, each person was sent a card)."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

from ...models import NAME_COLUMNS, Problem, SkippedRow
from ..skipped import _short
from ..skipped.headings import HEADING_OVER, NAMED_APART
from ..skipped.kinds import NOT_TO_SEND
from ..skipped.noteabout import _AGENT_BEFORE, Recipients, _name_pattern, note_words, says_no_of
from ..skipped.pointing import rows_pointed_above
from ..skipped.upasked import ABOVE_ASKED, BELOW_ASKED, BOTH_ASKED
from ..skipped.upnamed import NAMED_ASKED

# what a note asking for a change says: another amount, a removal, a correction
_ASKS = re.compile(
    r"(?i)\b(?:change[ds]?|update[ds]?|instead|should|remove[ds]?|delete[ds]?|don'?t|do\s+not|not|skip|"
    r"cancel(?:l?ed)?|replace[ds]?|correct(?:ed|ion)?|wrong|moved|new\s+address|amount|left)\b|\$\s?\d"
)
# ... or words a note of a Notes column leaves its row out by (:func:`_says_no`): read first, as a sieve
_MAY_SAY_NO = re.compile(
    r"(?i)\b(?:hold|held|deceased|passed|died|termin|termed|resign|quit|fired|laid|let\s+go|no\s+longer|sent|"
    r"mailed|shipped|delivered|received|got|gave|given|handed|already|declin|opt|exclud|dns|dup|void|no\s+"
    r"(?:gift|card)|ineligible|eligible|return|rts|bad|invalid|undeliver|suspend|pending|picked|paid|ordered|refus|withdr|unsubscri)"
)
# the words before a name that make its person the list's author or contact, not the note's subject
# ('Prepared by Ann Lee 12/1 - sent to Finance for approval' under the list: Ann's own row was an error,
# found by hunter-sheets27); not 'Returned by Ann Lee', where the person is the one who said no
_AUTHORED = frozenset(
    ("prepared", "compiled", "created", "made", "maintained", "updated", "edited", "reviewed", "approved",
     "submitted", "entered", "generated", "exported", "assembled", "owned", "signed", "checked", "verified",
     "reported", "noted")
)  # fmt: skip
_CONTACT = frozenset(("contact", "owner", "author", "preparer", "approver", "reviewer", "questions"))
# ... a person added to what the note says of others ('Below: on hold (Bob Ray too)'): read without the
# 'too' it says the hold of Bob as well, who was sent a card, exit 0 (found by the lead, hunter-sends5's
# brief)
_TOO = re.compile(r"(?i)\s+(?:too|also|as\s+well)(?=\W*$)")
# ... or with words before them ('Below: held (also Gus)', 'Below: hold + Gus': Gus was ordered, unasked)
_ADDING = re.compile(r"(?i)(?:^|[\s,;(&])(?:also|plus|as\s+well\s+as|including|incl\.|\+)\s*(?=[^\W\d])")
# ... also where the heading's words saying no are no Notes cell's ('Below on hold, Bob Ray as well': 'Below
# on hold' left Cy and Dee out and Bob was ordered, exit 0: found by hunter-sends7, its item 2)


def _note_names_problems(
    body: pd.DataFrame, column_map: dict[str, str], skipped: Collection[SkippedRow]
) -> list[Problem]:
    """An error on each recipient's row a note row of the list names (the whole name, or a first name no
    other recipient has) while asking for a change."""
    headers = {field: header for header, field in column_map.items()}
    names = [headers[f] for f in NAME_COLUMNS if f in headers]
    if not names or "address1" not in headers or len(body) < 2:
        return []
    street = body[headers["address1"]].fillna("").astype(str).str.strip()
    lone = street.eq("")  # a note holds no street; the usual list has no such row
    if lone.any():
        lone.loc[lone] = ~_a_recipient_s(body.loc[lone], headers)
    if not lone.any():
        return []
    left_out = {s.row for s in skipped if s.kind not in ("note", NOT_TO_SEND)}
    headed = {s.row for s in skipped if s.kind == "note" and s.reason.startswith(HEADING_OVER)}
    # a heading whose words set the people it names apart, read so: each spared or left out as it says
    # ('Above: sent already except Gus': Gus sent); Gus an error telling to delete the note, Hal and Dee above
    # went again once it was (hunter-sends11's leftover 5, fixed by hunter-sends12)
    # ... where it left someone out so (not 'Above: mailed 11/20 (except Gus). and everyone below', which
    # leaves nobody out: Gus's error is what stops Hal and Dee going again)
    acted = {int(found[1]) for s in skipped if s.kind == NOT_TO_SEND and (found := _BY_ROW.search(s.reason))}
    apart = {s.row for s in skipped if s.kind == "note" and s.reason.startswith(NAMED_APART)} & acted
    # each note row's cells joined, read column by column: a row at a time costs a millisecond, minutes for a
    # list of a million rows without a street (found by hunter-hostile6)
    cells = body.loc[lone.to_numpy()].fillna("").astype(str).apply(lambda column: column.str.strip())
    notes = {
        int(row): " ".join(v for v in values if v)
        for row, values in zip(cells.index, cells.itertuples(index=False), strict=True)
        if int(row) not in left_out and int(row) not in apart
    }
    # ... or the one a heading names among the rows above it leaves it unclear what of ('Above: all sent - Gus
    # still at old address': .skipped.upnamed)
    asked = {s.row for s in skipped if s.kind == "note" and s.reason.startswith(NAMED_ASKED)}
    # ... or it asks of every row above it ('Above: sent already? Below: new': .skipped.upasked)
    up = {s.row for s in skipped if s.kind == "note" and s.reason.startswith((ABOVE_ASKED, BOTH_ASKED))}
    # ... and of every row below it too ('Above: done except Gus. And everyone below')
    both = {s.row for s in skipped if s.kind == "note" and s.reason.startswith(BOTH_ASKED)}
    # ... or of the rows below it alone ('Above: held. Below: new?': .skipped.twoparts)
    down = {s.row for s in skipped if s.kind == "note" and s.reason.startswith(BELOW_ASKED)}
    asks = {row for row, text in notes.items() if _ASKS.search(text) or row in asked | up | down}
    notes = {row: text for row, text in notes.items() if row in asks or _MAY_SAY_NO.search(text)}
    if not notes:
        return []
    people = body.loc[~lone.to_numpy() & ~body.index.isin(list({s.row for s in skipped})), names]
    recipients = Recipients.of(people)
    problems = []
    for note_row, text in notes.items():
        named, runs = recipients.named(text)
        if note_row in asked:  # (a heading asking of those it names: each, 'Gus' beside 'Ann Lee' too)
            named = recipients.named_each(text)
        authors = {words for words in runs if _an_author(text, words)}
        if authors:  # the list's author or contact, named beside the note's own subject (if any)
            runs -= authors
            named = {row for words in runs for row in recipients.rows_of(words)}
        above = rows_pointed_above(text) if not named and note_row - 1 in recipients.rows else 0
        if note_row in up:  # (every row right above it, up to a blank row or another heading)
            named, above = set(), _rows_right_above(note_row, recipients.rows)
        if note_row in down:
            named = set(range(note_row + 1, note_row + 1 + _rows_right_below(note_row, recipients.rows)))
        pointed = above > 0 or note_row in down  # '^ deceased - do not send' under the row, 'Both above are
        # duplicates'
        named = (
            {note_row - k for k in range(1, above + 1) if note_row - k in recipients.rows}
            if above > 0
            else named
        )
        if note_row in both:  # (every row right below it, up to a blank row or another heading)
            named |= set(range(note_row + 1, note_row + 1 + _rows_right_below(note_row, recipients.rows)))
        added = note_row in headed and _added_to_heading(text, runs)  # ('Below on hold, Bob Ray too')
        if named and not (pointed or added or note_row in asks) and not says_no_of(_TOO.sub("", text), runs):
            continue
        for row in sorted(named):
            who = " ".join(str(body.at[row, h]).strip() for h in names).strip()
            says = "points at" if pointed else "names"
            message = (
                f"Row {row}, column '{names[0]}': the note on row {note_row} ('{_short(text, 60)}') {says} "
                f"{_short(who, 40)}: bulkship does not act on notes, and would send this row as written. "
                "Make the change on this row itself, then delete the note."
            )
            field = column_map[names[0]]
            problems.append(Problem(row, field, who, "error", message, "A note names this row"))
    return problems


def _rows_right_above(row: int, rows: Collection[int]) -> int:
    """How many of ``rows`` stand right above ``row``, one after the other."""
    count = 0
    while row - count - 1 in rows:
        count += 1
    return count


def _rows_right_below(row: int, rows: Collection[int]) -> int:
    """How many of ``rows`` stand right below ``row``, one after the other."""
    count = 0
    while row + count + 1 in rows:
        count += 1
    return count


# the heading's row in the reason of a row it leaves out (..skipped.headings)
# ... or of one it holds to a day (..skipped.headingdays: 'Above: hold until 1/20/2027 other than Gus' asked
# of Gus, whom it sets apart)
_BY_ROW = re.compile(
    r"(?:^the note on row |, row |' \(row |\(the heading on row )(\d+)(?: names it apart|\)$|: ')"
)


def _added_to_heading(text: str, runs: Collection[tuple[str, ...]]) -> bool:
    """Whether a heading names its people as added with 'too', 'also' or 'as well' (:data:`_TOO`), none of
    them after words making them who to ask or who decided ('Below on hold (ask Bob Ray too)')."""
    return (_TOO.search(text) or _ADDING.search(text)) is not None and not any(
        _AGENT_BEFORE.search(text[: found.start()])
        for words in runs
        for found in re.finditer(rf"(?i)(?<!\w){_name_pattern(words)}(?!\w)", text)
    )


def _an_author(text: str, name: tuple[str, ...]) -> bool:
    """Whether every place ``name`` stands in the note follows words that make it the list's author or
    contact ('Prepared by', 'Contact:')."""
    said, size = note_words(text), len(name)
    at = [i for i in range(len(said) - size + 1) if tuple(said[i : i + size]) == name]
    return bool(at) and all(
        (i > 0 and said[i - 1] in _CONTACT) or (i > 1 and said[i - 1] == "by" and said[i - 2] in _AUTHORED)
        for i in at
    )


# A recipient's own cells: a row filling two of them beside its name is a person whose street is missing
# ('E1001, Kai O'Brien, , Surprise, NE, 68667, TARGET, $25.00': an error of its own), never a note, though
# its '$25.00' reads as a note's amount (found by the lead's fuzzing, seed 111: Kai Rossi's row refused)
_OWN_FIELDS = ("external_id", "city", "state", "zip", "product", "value", "shipping_method", "email", "phone")


def _a_recipient_s(body: pd.DataFrame, headers: dict[str, str]) -> pd.Series:
    """The rows filling two or more of a recipient's own fields besides the name."""
    own = [headers[f] for f in _OWN_FIELDS if f in headers]
    filled = body[own].fillna("").astype(str).apply(lambda column: column.str.strip().ne(""))
    return filled.sum(axis=1).ge(2)
