"""A note giving the row another number of cards or another amount than its own columns ("2 cards", "x2",
"$50 not $25", "amount changed to 50", a name written "Ed Fox (2 cards)"): the card went out as the columns
said, the note read by no one (found by hunter-sheets2). Which is right is the person's to say: an error on
the row, as a note giving another address is (:mod:`.corrections`)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property

import numpy as np
import pandas as pd

from ...models import NAME_COLUMNS, Problem
from ..skipped import _short
from .endsbefore import EndsBefore
from .notecolumns import clear_cell

# "2 cards", "2x gift cards", a note that is only "x2" or "2x", "Qty 2", "quantity should be 3"
_CARDS = re.compile(
    r"(?i)\b(\d{1,4})\s*x?\s*(?:(?:gift|physical|plastic)\s+)?cards\b|^\W*x\s*(\d{1,4})\W*$|^\W*(\d{1,4})\s*x\W*$"
    r"|\b(?:qty|quantity)\b\W{0,3}(?:(?:is|should\s+be|changed\s+to|of|now)\s+)?(\d{1,4})\b"
    # ... or in words ('Two cards - one for spouse': found by newcomer6, one card went out)
    r"|\b(two|three|four|five|six|seven|eight|nine|ten)\s+(?:(?:gift|physical|plastic)\s+)?cards\b"
)
# ... or a note that is only 'Send 2' ('Please send x2'): one card went out (found by hunter-sheets16); not
# where the figure is the row's amount ('Send 50' on a 50 card: the lead, the row was stopped). Nor where the
# count goes on ('Send 2 - one for spouse', 'Send two please', 'Order 2', 'send her 2', 'needs 2', '2 please':
# each sent one card, exit 0: hunter-vendor36); not a day, a time or a while ('Send 2/15', 'Send 2 weeks
# before', 'Ship 3-5 days', 'Give 2nd'), a shipping speed ('Ship 2-day air': review65, read as two cards),
# nor a count of something else ('Send 2 emails', 'Mail 2 Main St')
_COUNT = r"(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)"
_NO_COUNT_AFTER = (
    r"(?![\d/.:,]\d|\s*(?:-|\u2013|to)\s*\d|\s*[-\u2013]?\s*(?:st|nd|rd|th|am|pm|a\.m|p\.m|days?|weeks?|wks?|"
    r"months?|mos?|years?|yrs?|hours?|hrs?|minutes?|mins?|business|weekdays?)\b)"
)
_PLEASE = r"(?:please|pls|plz)"
_KIN = (
    r"(?:(?:his|her|their|the)\s+)?(?:wife|husband|spouse|partner|son|daughter|kids?|child|mom|dad|mother|"
    r"father)"
)
# ... or the count said as what the person gets, or so many a person ('He gets 2', 'should get 2', '2 per
# person', '2 each', 'Send 2 per person', '2 for him'): one card went out, exit 0 (found by hunter-asks3);
# not a limit ('Max 2 per person': a note's start only)
_GETS = (
    r"(?:(?:he|she|they|employee|recipient)\s+)?"
    r"(?:gets?|receives?|(?:should|to)\s+(?:get|receive)|entitled\s+to)"
)
_EACH = r"(?:each|(?:per|a|for\s+each)\s+(?:person|employee|recipient|head|household|family))"
_COUNT_ENDS = r"(?:\W*$|\s*[-\u2013\u2014](?![a-z])|\s*[(;,:+]|\s+(?:for|to)\b)"
_SEND = re.compile(
    rf"(?i)^\W*(?:{_PLEASE}\s+)?(?:send|order|mail|ship|give|{_GETS})\s+(?:(?:him|her|them|me|us)\s+)?x?\s*"
    rf"{_COUNT}{_NO_COUNT_AFTER}\s*x?(?:\s+(?:{_PLEASE}|of\s+them|total|{_EACH}))?{_COUNT_ENDS}"
    rf"|^\W*(?:needs?|wants?)\s+{_COUNT}{_NO_COUNT_AFTER}\W*$|^\W*{_COUNT}\s+{_PLEASE}\W*$"
    rf"|^\W*{_COUNT}{_NO_COUNT_AFTER}\s+{_EACH}{_COUNT_ENDS}"
    rf"|^\W*{_COUNT}{_NO_COUNT_AFTER}\s*(?:[-\u2013(;,:]\s*(?:one|1)\s+)?for\s+(?:him|her|them|{_KIN})\b"
)
# ... or a card doubled ('double', 'Double up', 'send double', 'triple'): one card went out, exit 0 (found by
# hunter-asks3); not 'double-check', 'double sided', 'Double entry' (a repeat: read as one elsewhere)
_DOUBLED = re.compile(
    rf"(?i)^\W*(?:{_PLEASE}\s+)?(?:(?:send|order|give|make\s+it)\s+)?(?:a\s+)?(double|triple)"
    # (or the award, the reward, the gift: 'Double award', 'Triple reward': hunter-asks4, one card ordered)
    rf"(?:\s+(?:up|cards?|gift\s+cards?|order|it|awards?|rewards?|gifts?))?(?:\s+{_PLEASE})?{_COUNT_ENDS}"
)
# ... or one card more than the row's, for someone beside the person ('Extra card for spouse', 'one extra for
# wife', '+1 for spouse', 'and one for his wife'): one card went out, exit 0 (hunter-vendor36); not 'another
# card' (one sent again), nor an extra of something else ('extra postage', 'an extra day', '1 extra for
# postage'), nor beside a Quantity of more than one card (the note says why)
_ONE_MORE = re.compile(
    r"(?i)\b(?:an?|one|1)\s+extra\s+(?:(?:gift|physical|plastic)\s+)?card\b"
    r"|\bextra\s+(?:(?:gift|physical|plastic)\s+)?card\s+(?:for|to)\b"
    rf"|\b(?:one|1)\s+extra\s+for\s+{_KIN}\b"
    rf"|(?:^|\s)\+\s*1\s+(?:for\s+{_KIN}|card)\b"
    rf"|\b(?:plus|and|add)\s+(?:one|1)\s+(?:more\s+)?(?:card\s+)?for\s+{_KIN}\b"
    # ... 'One more for his wife', 'Spouse gets one too', 'Send one more' (review65 on 0e4349c5)
    rf"|\b(?:one|1)\s+more\s+(?:card\s+)?for\s+{_KIN}\b|\b{_KIN}\s+gets?\s+(?:one|a\s+card)\s+too\b"
    r"|^\W*(?:please\s+)?send\s+(?:one|1)\s+more(?:\s+card)?\W*$"
)
# a cell that may name a count in words ('send two', 'one extra'): read for figures beside those with a digit
_WORDS_MARK = r"(?i)cards|extra|double|triple|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b"
_AN_AMOUNT_MAYBE = 10  # 'Send 50': as likely a card of 50 as 50 cards; 'Send 2' is two cards
_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_IN_WORDS = dict(zip(_WORDS, range(2, 11), strict=True)) | {"double": 2, "triple": 3}

# "$50", "$ 25.00", "amount changed to 50", "value: 100" (a thousands comma is left alone: "$1,000")
# ... nor a level, team or shift ('Bump to Level 3', 'Changed to team 25'), hours or a speed ('Increase to 40
# hrs/week', 'Upgraded to 100 Mbps'): each stopped an ordinary HR list's row (found by hunter-falsealarm1)
_NO_MONEY_BEFORE = (
    r"(?:level|lvl|team|tier|grade|band|step|shift|floor|room|suite|building|bldg|group|region|zone)"
)
_NO_MONEY_AFTER = (
    r"h(?:ou)?rs?\b|mbps|gbps|gb\b|people|employees|members|staff|points?\b|pts\b|months?\b|mos?\b"
)
# ... nor thousands or millions ('Closed $250K in Q3', 'Top customer - $1.2M revenue': found by
# hunter-falsealarm3, each stopped a sales thank-you list's row)
_MAGNITUDE = r"(?!\s*(?:k|m|mm|b|bn|thousand|million|billion)\b)"
_AMOUNT = re.compile(
    r"(?i)\$\s*(\d{1,6}(?:\.\d{1,2})?)(?![\d.,])"
    + _MAGNITUDE
    + r"|\b(?:amount|value|denomination)\b[^\d$]{0,20}?\$?\s*(\d{1,6}(?:\.\d{1,2})?)(?![\d.,])"
    # ... or in words after it ('50 dollars', '100 USD': found by hunter-sheets17, the card went at 25)
    r"|(?<![\d.,])\b(\d{1,6}(?:\.\d{1,2})?)\s*(?:dollars?|usd|bucks)\b"
    # ... or a figure the card is to become, without '$' ('Should be 50', 'Bump to 100', 'Per VP: upgrade to
    # Visa 100': found by newcomer6, each card went at the row's 25); not a number of cards, years or days
    r"|\b(?:should\s+be|bump(?:ed)?(?:\s+(?:it\s+)?up)?\s+to|(?:increase|raise|upgrade|reduce|lower|change)[ds]?\s+"
    r"(?:it\s+)?to|make\s+it)\s+(?:(?!"
    + _NO_MONEY_BEFORE
    + r"\b)[a-z-]+\s+){0,2}?(\d{1,6}(?:\.\d{1,2})?)(?![\d.,])"
    r"(?!\s*(?:cards?|gift|x\b|years?|yrs?|days?|weeks?|%|th\b|st\b|nd\b|rd\b|am\b|pm\b|/|"
    + _NO_MONEY_AFTER
    + r"))"
)
# ... nor what the person gave, raised or sold ('Donated $500 in 2025', 'Raised over $800 for the walk'): a
# donor list's notes each stopped its row (found by hunter-falsealarm3)
_THEIR_MONEY = EndsBefore(
    r"\b(?:donat(?:ed|es|ing)|gave|gives|spen[dt]s?|spending|raised|raises|raising|earned|earns|won|wins|sold|"
    r"sells|closed|generated|saved|pledged|pledges|contributed|contributes|billed|invoiced)\s+"
    r"(?:(?:about|around|over|nearly|almost|roughly|approx(?:imately|\.)?|more\s+than|less\s+than|under|"
    r"up\s+to|a\s+total\s+of|totall?ing|some|another|an\s+extra|a\s+further)\s+)*"
)
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")


# ... nor cards of another time, bought, sent or got ('Bought 3 gift cards for her team in 2025', 'Sent 2
# cards last year (lost one)'): each stopped its row as another number of cards (hunter-falsealarm3's L7; the
# lead decided so). The verb in the past before the count, and a time gone by in the note; 'Sent 2 cards'
# alone (this round's?) and 'Send 2 cards like last year' still stop
_DONE_BEFORE = EndsBefore(
    r"\b(?:bought|purchased|sent|mailed|shipped|got|received|gave|given|ordered|won|redeemed|had|used|"
    r"lost)\s+(?:(?:him|her|them|us|me|out|about|over|around|only|just|the|their|his|an?|a\s+total\s+of)\s+)*"
)
_GONE_BY = re.compile(
    r"(?i)\b(?:last\s+(?:year|yr|time|round|christmas|holidays?|season|spring|summer|fall|autumn|winter)|"
    r"(?:\d+|a|two|three|few|several)\s+(?:years?|yrs?|months?)\s+ago|previously|in\s+the\s+past|"
    r"(?:in|for|during|back\s+in)\s+(?P<year>(?:19|20)\d\d))\b"
)


class _Note:
    """A note read for its figures: what it says whole read once, whatever the number of its figures."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def asks_a_change(self) -> bool:
        return bool(_ASKS_A_CHANGE.search(self.text))

    @cached_property
    def tells_a_time_gone_by(self) -> bool:
        today = date.today().year
        return any(not gone["year"] or int(gone["year"]) < today for gone in _GONE_BY.finditer(self.text))


def _of_another_time(note: _Note, match: re.Match[str]) -> bool:
    """Whether the figure of ``match`` (a count of cards, an amount) is of cards done at another time
    (:data:`_DONE_BEFORE`, :data:`_GONE_BY`: a year named is one gone by)."""
    return _DONE_BEFORE.ends(note.text, match.start()) and note.tells_a_time_gone_by


def _figures(pattern: re.Pattern[str], note: _Note) -> list[Decimal]:
    """The figures of ``pattern`` (:data:`_CARDS`) in a note, not those of cards done at another time
    (:func:`_of_another_time`)."""
    found = (
        next(g for g in m.groups() if g) for m in pattern.finditer(note.text) if not _of_another_time(note, m)
    )
    return [Decimal(_IN_WORDS.get(figure.casefold(), figure)) for figure in found]


# ... unless the figure names a card ('Won $100 card', 'Earned $100 gift card'): that is the card asked for,
# and read as the person's own money the row's other amount went unasked (found by review31)
_A_CARD_AFTER = re.compile(r"(?i)\s*(?:e-?)?(?:gift\s*)?(?:cards?|vouchers?|rewards?|certificates?)\b")


# ... nor a limit the card keeps within ('Gift limit $50', 'Max $75 per ethics policy', 'Up to $100', '$50
# max'): a client list's compliance notes each stopped a $25 row (found by hunter-falsealarm3). A row over its
# limit still stops, and so does a note asking for a change ('Bump up to $100')
_LIMIT_BEFORE = EndsBefore(
    r"\b(?:limit(?:ed)?|max(?:imum)?|cap(?:ped)?|ceiling|up\s+to|under|below|less\s+than|at\s+most|"
    r"not\s+to\s+exceed|(?:no|not|nothing|never|can['’]?t|cannot|won['’]?t)\s+(?:[\w'’]+\s+){0,3}?"
    r"(?:more\s+than|over|above|exceed(?:ing)?))\W*(?:(?:at|of|is|to)\s+)?"
)
_LIMIT_AFTER = re.compile(r"(?i)\s*(?:max(?:imum)?|cap|limit|or\s+(?:less|under|below))\b")
_ASKS_A_CHANGE = re.compile(
    r"(?i)\b(?:bump|increase|raise|upgrade|reduce|lower|change|make\s+it|should|send|give|instead|wants?|ask)"
)


def _amounts(note: _Note) -> list[Decimal]:
    """The amounts a note names for the card (:data:`_AMOUNT`), not those of the person's own giving or
    selling (:data:`_THEIR_MONEY`) unless the figure names a card (:data:`_A_CARD_AFTER`), nor limits
    (:func:`_limits`), nor a card of another time ('Received a $50 card last year for 10 years': an
    anniversary list's note stopped its $25 row, found by hunter-falsealarm4; :func:`_of_another_time`)."""
    text = note.text
    found = (
        m
        for m in _AMOUNT.finditer(text)
        if (not _THEIR_MONEY.ends(text, m.start()) or _A_CARD_AFTER.match(text, m.end()))
        and not _a_limit(note, m)
        and not _of_another_time(note, m)
    )
    return [Decimal(next(g for g in match.groups() if g)) for match in found]


def _limits(note: _Note) -> list[Decimal]:
    """The limits a note sets the card's amount (:data:`_LIMIT_BEFORE`, :data:`_LIMIT_AFTER`)."""
    found = (m for m in _AMOUNT.finditer(note.text) if _a_limit(note, m))
    return [Decimal(next(g for g in match.groups() if g)) for match in found]


def _a_limit(note: _Note, match: re.Match[str]) -> bool:
    if note.asks_a_change:
        return False
    return _LIMIT_BEFORE.ends(note.text, match.start()) or bool(_LIMIT_AFTER.match(note.text, match.end()))


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[$,\s]", "", text))
    except InvalidOperation:
        return None


def _changed_in_a_note(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: set[int], default_value: str = ""
) -> list[Problem]:
    """Rows whose note (or a bracket in their name) names a number of cards or an amount other than the
    row's (its Value cell's, else ``default_value``, the program's): which is right? A row whose quantity or
    amount is not a plain number is judged elsewhere."""
    from ..skipped.columnkeys import person_status
    from ..skipped.noteheaders import _note_header

    fed = {field: header for header, field in column_map.items()}
    # ... and a person's status, where lists write remarks too (Status 'Send 2': one card went out, exit 0,
    # where under Notes it asks; found by hunter-asks3)
    sources = [
        h
        for h in body.columns
        if h not in column_map and (_note_header(str(h), body[h]) or person_status(str(h)))
    ]
    names = [fed[f] for f in NAME_COLUMNS if f in fed]
    problems: list[Problem] = []
    for header in [*sources, *names]:
        cells = body[header].astype(str)
        # a cell to read for figures: a digit, or a number of cards perhaps in words (a substring: cheap)
        marked = cells.str.contains(r"\d", regex=True) | cells.str.contains(_WORDS_MARK, regex=True)
        if header in names:
            marked &= cells.str.contains(r"[(\[]", regex=True)
        if not marked.any():
            continue
        # each distinct cell read once for figures, and only the rows of those that name some read against
        # their row: read row by row, 50,000 notes 'Called 2/2; ...' took 3 s and named none (hunter-sheets15)
        codes, distinct = pd.factorize(cells[marked])
        read = [_read(str(cell), header in sources) for cell in distinct]
        named = np.array([_names_a_figure(text) for _, text in read])
        for row, code in zip(
            cells.index[marked][named[codes]].tolist(), codes[named[codes]].tolist(), strict=True
        ):
            if int(row) in not_judged:
                continue
            said, text = read[code]
            clear = clear_cell(header) if header in sources else "take the remark out of the name"
            problems += _against_the_row(body, fed, int(row), header, said, text, clear, default_value)
    return problems


def _names_a_figure(text: str) -> bool:
    note = _Note(text)
    return bool(
        _figures(_CARDS, note)
        or _amounts(note)
        or _limits(note)
        or _sent_count(text)
        or _ONE_MORE.search(text)
    )


def _sent_count(text: str) -> Decimal | None:
    """The number of cards a note asks to send (:data:`_SEND`: 'Send 2', 'Send two please'), if any."""
    sent = _SEND.search(text) or _DOUBLED.search(text)
    figure = next((g for g in sent.groups() if g), None) if sent else None
    return Decimal(_IN_WORDS.get(figure.casefold(), figure)) if figure else None


def _read(cell: str, note: bool) -> tuple[str, str]:
    """A cell as said (its spaces folded), and the text of it read for figures: a note whole, a name's
    brackets."""
    said = " ".join(cell.split())
    return said, said if note else " ".join(a or b for a, b in _BRACKETED.findall(said))


# ... also where the row's amount is the program's default ('Send $50' on a list without a Value column,
# [defaults] value = 25): the card went out at 25, exit 0 (found by hunter-sheets17)
# the kind of such a problem, as validate counts it: not a correction column's 'Corrected in another column',
# which read as a correction bulkship had made of a note 'He gets 2' or a status 'Send 2' (found by review68,
# after newcomer20's N5)
ASKED_OTHERWISE = "Another number or amount asked for"


def _against_the_row(
    body: pd.DataFrame,
    fed: dict[str, str],
    row: int,
    header: str,
    said: str,
    text: str,
    clear: str,
    default_value: str = "",
) -> list[Problem]:
    """The problems of one row whose cell ``said`` (read for figures in ``text``) names a number of cards or
    an amount: one for each that differs from the row's (its amount: ``default_value`` where it has none)."""
    found = []
    own_value = str(body.at[row, fed["value"]]).strip() if "value" in fed else ""
    amount = _number(own_value or default_value) if own_value or default_value else None
    note = _Note(text)
    for field, what in (("quantity", "number of cards"), ("value", "amount")):
        figures = _figures(_CARDS, note) if field == "quantity" else _amounts(note)
        sent = _sent_count(text) if field == "quantity" else None
        if sent is not None and sent != amount:
            figures.append(sent)
        if field == "value" and amount is not None:  # a limit the row's amount is over: it said so
            figures += [limit for limit in _limits(note) if amount > limit]
        more = field == "quantity" and bool(_ONE_MORE.search(text))  # one card more than the row's
        if not figures and not more:
            continue
        own = fed.get(field)
        typed = str(body.at[row, own]).strip() if own else ""
        by_default = field == "value" and not typed and bool(default_value)
        if field == "quantity" and not typed:
            mine: Decimal | None = Decimal(1)  # no quantity, or an empty cell: one card
        else:
            mine = _number(typed or default_value) if typed or by_default else None
        if more and mine == 1:
            figures.append(mine + 1)
        if mine is None or all(figure == mine for figure in figures):
            continue
        where = f"'{own}' says '{typed}'" if own and typed else "the row orders 1 card"
        if by_default:
            where = f"the row's amount is the program settings' default ({default_value})"
        into = f"'{own}'" if own else ("a Value column" if field == "value" else "a Quantity column")
        message = (
            f"Row {row}, column '{header}': says '{_short(said, 60)}' where {where}: which {what} is right? "
            f"Put the right one in {into} and {clear}."
        )
        # ... a figure of 'Send 50' that may be the card's amount as well as a count (found by
        # hunter-sheets17: the error spoke of 50 cards only)
        if sent is not None and figures == [sent] and sent >= _AN_AMOUNT_MAYBE:
            value_into = f"'{fed['value']}'" if "value" in fed else "a Value column"
            message = (
                f"Row {row}, column '{header}': says '{_short(said, 60)}' where {where}: is {sent} the "
                f"number of cards or the card's amount? Put the number of cards in {into} or the amount in "
                f"{value_into}, and {clear}."
            )
        found.append(Problem(row, field, typed, "error", message, ASKED_OTHERWISE))
    return found
