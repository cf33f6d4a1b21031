"""A death or a leaving, and an ask to send the card to another ('Deceased - send to wife', 'Passed away -
send to his wife', 'Died 11/1; send card to spouse', 'Terminated - send to estate'): the error asking where
the card goes, nothing sent. Left out as the death says, the other's card was lost and nobody asked (session
47's N8, the closing note of session 48's leftover 4; review71)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_in_error, notes_left_out, notes_sheet

ASKS = [
    "Deceased - send to wife", "Passed away - send to his wife", "Deceased. Send to wife.",
    "Died 11/1 - send to his wife instead", "Passed away 11/3; send card to spouse",
    "Deceased - send to estate", "Terminated - ship to her husband", "Send to his wife; he passed away",
    "Deceased - order for spouse",
]  # fmt: skip
# ... not a death alone, nor one whose ask is answered no or is to the person
OUT = [
    "Deceased", "Deceased - send to wife? no", "Deceased - do not send to him",
    "Deceased - sent to wife 11/20", "Left - do not send to home address",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_death_then_an_ask_to_send_to_another_asks_where_the_card_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    cells = [*ASKS, *OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == OUT  # (each of ASKS was left out)
    errors = notes_in_error(path, tmp_path / "out", capsys)
    assert errors == set(range(2, 2 + len(ASKS)))


# ... or a bare ask to send it ('Terminated - send card', 'Deceased - send card'): a to-do written before the
# leaving, or the card still owed? Left out, where 'Terminated - please send' sends (newcomer27's note to
# review71): the error asking. Not asked, put off or said not to (left out as before)
BARE = ["Terminated - send card", "Laid off - send it", "RIF - send card", "Deceased - send card"]
BARE += ["Resigned - mail card"]
BARE_OUT = ["Terminated - send card?", "Terminated - send card later", "Terminated - do not send card"]


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_death_or_a_leaving_then_a_bare_ask_to_send_asks_whether_the_card_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    cells = [*BARE, *BARE_OUT, "Terminated - please send"]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == BARE_OUT  # (each of BARE was left out)
    errors = notes_in_error(path, tmp_path / "out", capsys)
    assert errors == set(range(2, 2 + len(BARE)))


# ... or the card named for another, alone in its clause ('Deceased - card for widow', 'Died 11/1 - card for
# Mary'): left out, where '... - send to wife' asks (the lead's closing note of session 49, leftover 3;
# review73). Not a card said not to go, sent already, asked or a sympathy card
CARD_FOR = ["Deceased - card for widow", "Passed away - card for wife", "Deceased; card for spouse",
            "Died 11/1 - card for Mary", "Deceased - gift card for his daughter",
            "Terminated - card for Sue", "Deceased - his wife gets the card",
            "Deceased - wife to receive card"]  # fmt: skip
CARD_FOR_OUT = ["Deceased - no card for widow", "Deceased - card sent to widow", "Deceased - card for widow?",
                "Deceased - sympathy card for widow", "Deceased - card for widow sent 11/20",
                "Deceased - his wife got the card", "Deceased - his wife gets the card?"]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_death_then_the_card_for_another_asks_where_the_card_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    cells = [*CARD_FOR, *CARD_FOR_OUT]
    path = notes_sheet(tmp_path / "list.csv", cells, header)
    assert notes_left_out(path, cells) == CARD_FOR_OUT  # (each of CARD_FOR was left out)
    errors = notes_in_error(path, tmp_path / "out", capsys)
    assert errors == set(range(2, 2 + len(CARD_FOR)))
