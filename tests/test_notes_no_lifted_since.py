"""A note (or status) saying no, then that the no is lifted since: the approval it waited for come ('do not
send until approved - approved 12/1'), the sender's own no OK now ('do not send, now OK', 'Hold - OK now'), a
row said a duplicate and then not ('Duplicate - no, different person'), a gift policy's bar waived ('gift
policy: cannot accept - waiver signed 11/30'). Known drops (review54, review57's Found 5 and 8, review58's
Found 4), mended by review60: each was left out, the person the list sends got no card."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from support.notes import notes_left_out, notes_sheet

from bulkship.load import load_sheet

SENDS = [
    "do not send until approved - approved 12/1", "DNS until approved - approved 12/1",
    "Hold until approved - approved 12/1", "do not send, now OK", "Do not send - now approved",
    "Do not send - OK now", "Hold - OK now", "Duplicate - no, different person",
    "Duplicate - different person", "Duplicate - not a duplicate",
    "gift policy: cannot accept - waiver signed 11/30",
    "ethics policy prohibits gifts - exception approved", "Cannot accept gifts - approved by legal",
]  # fmt: skip
STAYS_OUT = [
    "Do not send - approved 12/1", "DNS - approved 12/1", "Do not send until approved - approved?",
    "Do not send until approved - not approved", "Do not send until approved - approved, then revoked",
    "Do not send - OK now?", "Terminated - OK now", "Sent - now OK", "Duplicate - different address",
    "Duplicate - same person", "Duplicate - different person? check",
    "Duplicate - different person - sent already", "gift policy: cannot accept - waiver pending",
    "gift policy: cannot accept - waiver not signed", "gift policy prohibits gifts - waived for 2027",
    "Terminated per policy - waived", "Deceased - policy waived",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_no_lifted_since_sends_the_row(
    tmp_path: Path, header: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each of SENDS was left out ('the list says not to send it'). Sent now; a no approved alone (what was
    approved may be the no), asked, refused, undone again, of a person gone or a card sent, a different
    address or a waiver for a later year still leaves the row out."""
    monkeypatch.setattr("bulkship.program.local_day", lambda time_zone="": datetime.date(2026, 12, 5))
    cells = [*SENDS, *STAYS_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    skipped = {s.row for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(cells, start=2) if row in skipped] == STAYS_OUT


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_refusal_then_approved_and_asked_sent_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by newcomer26 (N3), taken by review69: 'Declined - later approved, send' was left out, the
    person the list asks sent dropped, where 'Rejected - then approved 12/2' and 'Declined, now approved -
    send' send. Sent now; one taken back or asked stays out. An approval alone after a refusal ('Declined -
    now approved', '... - approved by HR 12/1': whose refusal was approved?) asks since review71
    (test_refused_then_approved): neither left out nor sent."""
    sends = ["Declined - later approved, send", "Declined - approved by HR, send"]
    asks = ["Declined - now approved", "Declined - approved by HR 12/1"]
    out = ["Declined - approved, do not send", "Declined - approved then revoked, send",
           "Declined - approved? send", "Declined - approved by mistake, send"]  # fmt: skip
    cells = [*sends, *asks, *out]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells) == out


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_refusal_then_a_changed_mind_without_whose_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review69 checking b5a79fb1: 'Declined award - changed mind' (sent before it read 'Declined
    award' as a no), 'Declined - changed mind', 'Opted out - changed mind' were left out, where '... - changed
    his mind' sends. Sent now; asked or declined again after it stays out."""
    sends = ["Declined - changed mind", "Declined award - changed mind", "Opted out - changed mind"]
    out = ["Declined - changed mind?", "Declined award - changed mind, then declined again"]
    cells = [*sends, *out]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells) == out


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_refusal_then_wanting_the_card_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review69 after 21998b30 (whose 'Declined both years - now wants card' was left out as
    'Declined - now wants card' is): 'Declined - now wants card', '... - now wants a gift card', '... - wants
    gift' were left out, where '... - now wants it' sends. Sent now; asked, another's, another thing or later
    stays out."""
    sends = ["Declined - now wants card", "Declined both years - now wants card", "Declined - wants gift"]
    out = ["Declined - wants card?", "Declined - spouse wants card", "Declined - now wants cash instead",
           "Declined - wants card next year"]  # fmt: skip
    cells = [*sends, *out]
    assert notes_left_out(notes_sheet(tmp_path / "list.csv", cells, header), cells) == out
