"""A list's note or flag saying mail does not reach the row's address, in other words than 'Returned mail'
and 'Bad address' (bulkship/load/skipped/badaddress.py, flags.py): the row is left out; an e-mail's bounce,
and an address said put right since, still send."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet

from bulkship.load import load_sheet

BAD = [
    "Address bounced", "Mail bounced", "Mail bounced back", "Letter bounced 11/20", "Card bounced",
    "Mail came back", "Address no good", "Address not valid", "Address is old", "Not at this address",
    "No longer at this address", "Not at this address anymore", "Unknown at address", "Attempted - not known",
    "No such address", "Insufficient address", "No address on file", "Address missing", "Missing address",
    "No home address", "Approval received 12/1 / Address bounced",
]  # fmt: skip
STILL_SENT = [
    "Email bounced", "Bounced", "Check bounced", "Mail bounced - address updated 11/20",
    "Address bounced - fixed", "No address change", "Missing address line 2", "No address needed",
    "Not at the office",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_note_saying_mail_does_not_reach_the_address_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by the lead (hunter-sends5's brief): an HR list's Notes 'Address bounced', 'Mail bounced back',
    'Mail came back', 'Address no good', 'Not at this address', 'Attempted - not known', 'No address on file'
    were each ordered, exit 0: a card to an address the post gives back, where 'Returned mail', 'Bad address'
    and 'Address unknown' leave the row out. Each is left out now; an e-mail's bounce, a check's, and a bad
    address said fixed since still send."""
    notes = [*BAD, *STILL_SENT]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes, header), notes) == BAD


@pytest.mark.parametrize("header", ["Mail Bounced", "Address Bounced", "Mailing Bounced", "Postal Bounced"])
def test_a_column_flagging_the_mail_bounced_leaves_its_yes_rows_out(tmp_path: Path, header: str) -> None:
    """Found by the lead (hunter-sends5's brief): a CRM export's 'Mail Bounced' (or 'Address Bounced') = Yes,
    TRUE, X, 1 was ordered, exit 0, where 'Mail Returned' = Yes is left out. Each is left out now; No, FALSE,
    0 and an empty cell send, and 'Email Bounced' = Yes (an e-mail's) sends."""
    answers = ["Yes", "TRUE", "X", "1", "No", "FALSE", "0", ""]
    for name in (header, "Email Bounced"):
        path = tmp_path / f"{name}.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", name])
            for i, answer in enumerate(answers):
                writer.writerow(
                    [f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", answer]
                )
        skipped = sorted(s.row for s in load_sheet(path).skipped)
        assert skipped == ([2, 3, 4, 5] if name == header else []), name


def test_a_card_or_the_mail_that_came_back_is_no_person_back(tmp_path: Path) -> None:
    """Found by hunter-sends5: Notes 'Terminated - it came back' and "Don't send / it came back" were each
    ordered, exit 0: 'came back' was read as the person rehired, undoing the no before it ('Resigned 10/1 -
    came back 11/1' sends). Said of the card or the mail, it undoes nothing now; a person back still
    sends."""
    back = ["Resigned 10/1 - came back 11/1", "Terminated 10/1 - she came back 11/1", "Terminated - now back"]
    came_back = [
        "Terminated - it came back", "Do not send - letter came back", "Don't send / it came back",
        "Deceased - mail came back 11/20", "Terminated - card came back",
    ]  # fmt: skip
    notes = [*came_back, *back]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes), notes) == came_back


PUT_RIGHT_SINCE = [
    "Mail came back - new address above", "No address on file - added 12/1",
    "Address missing - found in Workday", "No longer at this address - new address entered",
    "Not at this address - updated in Workday", "Address not valid (updated 12/1)",
    "No home address - using work address", "Address missing; added from HRIS",
    "Mail came back - now correct",
]  # fmt: skip
STILL_BAD = [
    "Address not valid - verified 12/1", "Not at this address - not updated yet",
    "Bad address - needs to be updated",
    "Mail came back - address to be fixed", "No address - added to HR ticket, pending",
    "Bad address - found out she moved", "Undeliverable; Entered by Sue",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_bad_address_said_put_right_in_other_words_sends(tmp_path: Path, header: str) -> None:
    """Found by review48 reviewing 9ac0122d (each sent before it, left out after): Notes 'Mail came back - new
    address above', 'No address on file - added 12/1', 'Address missing - found in Workday', 'Not at this
    address - updated in Workday', 'Address not valid (updated 12/1)', 'No home address - using work
    address' say the address was put right since, as 'Mail bounced - address updated 11/20' does: the person
    got no card. Each sends now; a put right to come, asked or ambiguous ('verified' may be of the bad
    address, 'found out she moved') still leaves the row out."""
    notes = [*PUT_RIGHT_SINCE, *STILL_BAD]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes, header), notes) == STILL_BAD


POST_SAYS = [
    "Undeliverable address", "Undeliverable as addressed", "UAA", "Mail returned undeliverable",
    "Returned by USPS", "Unknown address", "Vacant address", "Forwarding expired", "Unable to forward",
    "No longer lives here", "CASS failed", "DPV: N", "Refused", "RTS x2", "Non-deliverable", "Gone away",
    # (the post's other endorsements: each ordered, hunter-asks5)
    "Box closed", "No mail receptacle", "Delivery failed", "Mail delivery failed", "Mailbox full",
]  # fmt: skip
POST_SENDS = ["Undeliverable address - address updated 12/1", "Refused to give address - sent to office",
              "Vacant position", "DPV: Y", "Returned", "Delivery failed - resend", "Email delivery failed",
              "Lunch box full"]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_the_post_s_and_a_mail_house_s_words_for_mail_not_reaching_leave_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-asks4 (the lead's closing note of session 48: 'undeliverable', 'RTS', 'return to
    sender'): Notes and Status 'Undeliverable address', 'UAA', 'Returned by USPS', 'Unknown address', 'Vacant
    address', 'Forwarding expired', 'No longer lives here', 'CASS failed', 'DPV: N', 'Refused', 'RTS x2' were
    each ordered, exit 0, a card to an address the post gives back, where 'Undeliverable' and 'Return to
    sender' are left out. Each is left out now; said put right since, or of another thing, still sent."""
    notes = [*POST_SAYS, *POST_SENDS]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes, header), notes) == POST_SAYS


def test_the_post_s_words_then_an_ask_to_send_elsewhere_ask_where_it_goes(tmp_path: Path) -> None:
    """'Undeliverable address - send to office' is not left out: the card goes elsewhere, the error asking
    where (as 'Address unknown - send to office' is)."""
    notes = ["Undeliverable address - send to office", "UAA - send to office"]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes, "Notes"), notes) == []


def test_a_bad_address_then_an_ask_to_send_elsewhere_asks_where_it_goes(tmp_path: Path) -> None:
    """Found by hunter-asks4: Notes 'Bad address - send to office', 'RTS - send to office', 'Returned mail -
    send to office' were left out ('the list says not to send it'): the card the list asks sent to the office
    never sent, nobody asked. Each is the error asking where the card goes now, as 'Address unknown - send
    to office' is; 'Bad address' alone is left out as before."""
    notes = [
        "Bad address - send to office",
        "RTS - send to office",
        "Returned mail - send to office",
        "Bad address",
    ]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes, "Notes"), notes) == ["Bad address"]


def test_a_bad_address_then_an_ask_to_send_elsewhere_asks_under_status_too(tmp_path: Path) -> None:
    """The lead's closing note of session 49, leftover 3: Status 'Bad address - send to office', 'Returned
    mail - send to office', 'Wrong address - send to office', 'Bad address - send to Sue' were left out ('the
    list says not to send it'), where under Notes each is the error asking where the card goes (3f76aa4b).
    The same under Status now; 'Bad address' alone and '... - sent to office 11/20' stay out (review73)."""
    asks = ["Bad address - send to office", "Returned mail - send to office",
            "Wrong address - send to office", "Bad address - send to Sue"]  # fmt: skip
    out = ["Bad address", "Bad address - sent to office 11/20", "Bad address - do not send"]
    notes = [*asks, *out]
    assert _left_out(_sheet(tmp_path / "staff.csv", notes, "Status"), notes) == out
