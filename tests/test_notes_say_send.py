"""A note or a status saying to send the card after all ('Left 11/15 - still send', 'card sent to old
address - returned; resend') sends it; one denying it ('Terminated - not to be sent', "Card sent 11/20,
don't resend") leaves the row out (bulkship/load/skipped/saysend.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out

from bulkship.load import load_sheet


def _sheet(path: Path, header: str, cells: list[str]) -> Path:
    """A CSV of one recipient per cell, the cell under ``header``: row 2 holds the first."""
    rows = [f'Person {i},{i} Main St,Boston,MA,02134,CVS,50,"{cell}"' for i, cell in enumerate(cells)]
    path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n" + "\n".join(rows) + "\n")
    return path


SENDS = [
    "card sent to old address - returned; resend", "Card returned - resend to new address",
    "Returned to sender - resend", "card mailed 11/20 came back undeliverable - resend",
    "Left 11/15 - still send", "Left 11/15 - send anyway", "Left company 11/15 but still send per HR",
    "Resigned 11/1 - still eligible, send",
    "Left 11/15 - OK to send", "Terminated 11/30 - go ahead and send", "Resigned - still gets card per VP",
    "Card sent 11/20 came back - send again", "Gift card returned - reissue",
    "Card sent 11/20 - lost in mail, resend",
]  # fmt: skip
STAYS_OUT = [
    "Left 11/15", "Card sent 11/20", "Sent already - do not resend", "Left 11/15 - do not send",
    "Card sent 11/20, don't resend", "Left 11/15 - do not send anyway", "Deceased - card not to be sent",
    "Terminated - not to be sent", "Terminated - still eligible for COBRA", "Sent 11/20. Do not send again",
    "Card sent 11/20 - resend not needed", "Card sent 11/20 - resend? ask HR",
    "Card sent 11/20 - resend once address confirmed", "Card sent 11/20 - returned, resend; resent 11/25",
]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status", "Card Status"])
def test_a_note_or_status_saying_to_send_after_all_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by hunter-falsealarm8: an HR list's Notes (or Status) 'card sent to old address - returned;
    resend', 'Left 11/15 - still send', 'Resigned 11/1 - still eligible, send', 'Left 11/15 - OK to send',
    'Gift card returned - reissue' each left its row out ('the list says not to send it', or 'sent already'),
    exit 0: the person the list asked to send never got a card. Such a cell sends now; one denying it, asking
    it, putting it off or telling it went again ('do not resend', 'resend? ask HR', 'resend once address
    confirmed', 'resent 11/25') still leaves the row out, and so do 'Terminated - not to be sent' and
    'Deceased - card not to be sent', which were ordered ('to be sent' read as saying send)."""
    cells = [*SENDS, *STAYS_OUT]
    left_out = notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells)
    assert left_out == STAYS_OUT, left_out  # every one of SENDS sent, every one of STAYS_OUT left out


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_person_leaving_or_gone_whose_card_the_list_sends_anyway_or_home_is_sent(
    tmp_path: Path, header: str
) -> None:
    """Found by review44 (review42's leftovers): an HR list's Notes (or Status) 'Leaving 11/30 - send card
    anyway', 'Resigned - send her card anyway', 'Last day 11/15 - send to home address', 'Terminated 11/1 -
    mail to home' each left its row out on Dec 6, the person the list sends the card to never got it ('Left
    11/15 - send it anyway' sent). Such a cell sends; one denying it, asking it, putting it off, or telling
    the card went already ('Card sent 11/20 - send to home address') still leaves the row out."""
    sends = ["Leaving 11/30/2025 - send card anyway", "Resigned - send her card anyway",
             "Left 11/15/2025 - mail gift card anyway", "Last day 11/15/2025 - send to home address",
             "Terminated 11/1/2025 - mail to home", "Left - ship gift card to her personal address",
             "Terminated; send to home address on file", "Left company - mail card to residence"]  # fmt: skip
    out = ["Card sent 11/20 - send to home address", "Already sent - mail to home",
           "Left - do not send to home address", "Left - send to home address?",
           "Left - send to home address once confirmed", "Left 11/15 - send to home address after 12/20",
           "Left - don't mail to home", "Leaving 11/30/2025 - do not send card anyway",
           "Deceased - send card anyway?"]  # fmt: skip
    cells = [*sends, *out]
    assert notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells) == out


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status", "Card Status"])
def test_a_note_or_status_saying_the_card_went_again_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-falsealarm8: on Dec 5 an HR list's Notes (or Status) 'Resent 11/25', 'Re-sent 11/25',
    'Replacement sent 11/25', 'Replacement card shipped 11/28' (and, in a note, 'Reissued 11/25', 'Returned -
    do not resend', 'No need to resend', 'Resend? No', 'Resend not needed') were read as nothing and a second
    card ordered, exit 0. Each leaves the row out now, as 'Sent 11/25' does; as for 'Sent ...', a person's
    status telling something else was sent ('Resent invite 11/20') still sends."""
    said = ["Resent 11/25", "Re-sent 11/25", "Replacement sent 11/25", "Replacement card shipped 11/28",
            "Resent", "No need to resend", "Resend? No", "Resend not needed"]  # fmt: skip
    sends = ["Active", ""]
    if header in ("Notes", "Comments"):
        said += [
            "Reissued 11/25",
            "Card reissued 11/25",
            "Returned - do not resend",
            "Sent 11/20 - no resend",
        ]
    if header == "Status":
        sends += ["Resent invite 11/20"]
    cells = [*said, *sends]
    assert notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells) == said


def test_a_note_naming_a_time_of_day_to_deliver_does_not_hold_the_row(tmp_path: Path) -> None:
    """Found by hunter-falsealarm8: a holiday list's Notes 'Deliver after 5pm', 'Deliver after 5:30 PM', 'Do
    not deliver before 9am', 'Deliver after 17:30' (the courier's hours) each held the row 'not to send it
    yet', for good: the time read as a day, no run ever sent it. A time of day names no day; a day named
    with it or alone still holds the row."""
    sends = ["Deliver after 5pm", "Deliver after 5 pm", "Deliver after 5:30 PM", "Do not deliver before 9am",
             "Deliver after 17:30", "Please deliver after 6 p.m.", "Ship after 8 o'clock"]  # fmt: skip
    held = ["Deliver after 5pm on 12/20/2099", "Send after 12/20/2099", "Do not send before Dec 15, 2099",
            "Hold until 1/5/2099", "Deliver after 5pm, Dec 20 2099"]  # fmt: skip
    path = _sheet(tmp_path / "list.csv", "Notes", [*sends, *held])
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(sends, start=2) if row in skipped] == []
    assert [skipped.get(row, "") for row in range(len(sends) + 2, len(sends) + len(held) + 2)] == [
        f"the list says not to send it yet (column 'Notes': '{cell}')" for cell in held
    ]


def test_a_note_s_day_in_brackets_or_before_a_sign_is_read_as_that_day(tmp_path: Path) -> None:
    """Found by review44 (review42's LO5): a list's Notes 'Active (hold lifted 11/30)', 'OK (hold until
    11/30)', 'Active (send after 11/30)', 'Approved (do not send before 11/20)', 'Hold lifted 11/30!', 'Hold
    lifted 11/30 per HR' on Dec 6: each row was left out, 'the list says not to send it', for good: the day
    was read with the bracket closing it (or the sign, or who said it) as no day. The same words without
    them ('Hold lifted 11/30') sent the row. A day passed sends it; a day to come still holds it, after a
    square bracket or a slash too ('OK [hold until 1/15/2099]', 'OK / hold until 1/15/2099' were sent at
    once)."""
    sends = ["Active (hold lifted 11/30/2025)", "OK (hold until 11/30/2025)",
             "Active (send after 11/30/2025)", "Approved (do not send before 11/20/2025)",
             "Cleared (hold released 11/25/2025)", "Active [hold lifted 11/30/2025]",
             "Hold lifted 11/30/2025!", "Hold lifted 11/30/2025 per HR",
             "Send after 12/20/2025 as per Sue"]  # fmt: skip
    held = ["Active (hold until 12/20/2099)", "OK [send after 1/15/2099]", "Hold until 12/20/2099!",
            "Hold until 12/20/2099 per HR", "Approved (do not send before 12/20/2099)",
            "OK [hold until 1/15/2099]", "OK / hold until 1/15/2099",
            "Approved/do not send before 1/15/2099"]  # fmt: skip
    path = _sheet(tmp_path / "list.csv", "Notes", [*sends, *held])
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(sends, start=2) if row in skipped] == []
    assert [skipped.get(row, "") for row in range(len(sends) + 2, len(sends) + len(held) + 2)] == [
        f"the list says not to send it yet (column 'Notes': '{cell}')" for cell in held
    ]


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status", "Card Status"])
def test_a_resend_said_done_or_refused_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by review36 after 9b587a3f: on Dec 5 a tracker's Notes (or Status) 'Card sent 11/20 - resend done
    11/25', '... - resend mailed 11/25', '... - reissue sent 11/25', 'Card sent 11/20; resend request
    declined', '... - resend requested, denied', '... - resend not approved' read the resend as asked for and
    ordered the card, exit 0: a second card (each was left out before 9b587a3f, as 'Card sent 11/20' is).
    The resend said done or refused after it says nothing of sending now; one asked for still sends."""
    said = [
        "Card sent 11/20 - resend done 11/25", "Card sent 11/20 - resend complete",
        "Card sent 11/20 - resend sent 11/25", "Card sent 11/20 - resend mailed 11/25",
        "Card sent 11/20 - reissue sent 11/25", "Card sent 11/20 - resend was processed",
        "Card sent 11/20; resend request declined", "Card sent 11/20 - resend requested, denied",
        "Card sent 11/20 - resend rejected", "Card sent 11/20 - resend not approved",
        "Card sent 11/20 - resend request withdrawn",
    ]  # fmt: skip
    sends = [
        "Card sent 11/20 - returned, resend", "Returned to sender - resend to new address",
        "Left 11/15 - still send", "Card sent 11/20 - resend, first card cancelled",
        "Card sent 11/20 - resend, original never delivered",
    ]  # fmt: skip
    cells = [*said, *sends]
    assert notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells) == said


def test_a_note_telling_a_state_of_another_person_under_their_label_does_not_leave_the_row_out(
    tmp_path: Path,
) -> None:
    """Found by hunter-falsealarm8: an HR list's Notes 'Spouse: Jane - deceased 2019', 'Husband: deceased',
    'Emergency contact: wife (Ann) - deceased, update contact', 'Re: father - passed away 11/15; sympathy
    gift', 'Assistant: terminated 10/1; send to her directly' each left the row out, 'the list says not to
    send it': its clause read alone as the recipient's. A state of the person a label names (a relative, an
    emergency contact, an assistant) says nothing of the recipient; an instruction or a card after such a
    label, a speaker's label, or the state on a line of its own still leaves the row out."""
    sends = ["Spouse: Jane - deceased 2019", "Husband: deceased", "Called 11/2. Wife: passed away in October",
             "Emergency contact: wife (Ann) - deceased, update contact",
             "Re: father - passed away 11/15; sympathy gift",
             "Assistant: terminated 10/1; send to her directly",
             "Prior tenant: moved out 10/31 - new tenant above"]  # fmt: skip
    stays_out = ["Husband: deceased - do not send", "Wife: card sent 11/20", "HR: don't send this one",
                 "Deceased - spouse: Jane", "Spouse: Jane\nDeceased 2019", "Called 11/2; deceased",
                 "Manager: terminated 10/1"]  # fmt: skip
    cells = [*sends, *stays_out]
    assert notes_left_out(_sheet(tmp_path / "list.csv", "Notes", cells), cells) == stays_out


@pytest.mark.parametrize("header", ["Notes", "Comments", "Status", "Card Status"])
def test_a_resend_itself_said_done_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by review36: on Dec 5 a tracker's Notes (or Status) 'Resend sent 11/25', 'Reissue sent 11/25',
    'Resend completed 11/25', 'Resend: done' (the card came back, and went again) were read as nothing and
    the card ordered, exit 0: a second card delivered, where 'Replacement sent 11/25' is left out as sent
    already. A resend said done is sent already; one asked for, or waiting, still sends."""
    said = ["Resend sent 11/25", "Reissue sent 11/25", "Resend mailed Nov 25", "Resend completed 11/25",
            "Resend: done", "Resend done", "Reissue was processed 11/25"]  # fmt: skip
    sends = ["Resend", "Resend requested", "Resend pending", "Resend to new address", "Active"]
    if header != "Status":  # a note, or the card's status, is read clause by clause
        said += ["Returned - resend mailed 11/25", "Returned 11/22; resend shipped 11/28"]
        sends += ["Returned to sender - resend", "Card sent 11/20 - returned, resend"]
    cells = [*said, *sends]
    assert notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells) == said


@pytest.mark.parametrize(
    "header", ["Donor Status", "Volunteer Status", "Membership Status", "Tenant Status", "Contact Status",
               "Customer Status", "Lease Status"],
)  # fmt: skip
def test_a_status_of_donors_members_or_tenants_saying_dead_or_gone_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-falsealarm8 (the reverse of a false alarm): a nonprofit's 'Donor Status' (or
    'Volunteer Status', 'Membership Status', a landlord's 'Tenant Status', a sales list's 'Contact Status')
    = 'Deceased', 'Passed away', 'Do not mail', 'Returned mail', 'Moved out', 'Left company' was read as
    nothing and each card ordered, exit 0, where a bare 'Status' leaves such rows out. They are left out
    now; that status's 'Inactive', 'Lapsed', 'Expired', 'Cancelled', 'Former member', 'Returned mail -
    address updated' (whom a renewal or win-back mailing is for) still send."""
    said = ["Deceased", "Passed away 11/2", "Do not mail", "Returned mail", "Moved out 11/30", "Left company",
            "Vacant"]  # fmt: skip
    sends = ["Active", "Inactive", "Lapsed", "Expired", "Cancelled", "Former member", "Prospect",
             "Returned mail - address updated 11/20", ""]  # fmt: skip
    path = _sheet(tmp_path / "list.csv", header, [*said, *sends])
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(said, start=2) if row not in skipped] == []
    assert [skipped[row] for row in range(len(said) + 2, len(said) + len(sends) + 2) if row in skipped] == []
    assert skipped[2] == f"the list says not to send it (column '{header}': 'Deceased')"


@pytest.mark.parametrize(
    "header", ["Registration Status", "Attendee Status", "RSVP Status", "Registrant Status", "Booking Status"]
)
def test_an_event_s_registration_cancelled_or_refunded_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sheets24: an event registration export's 'Registration Status' (Cvent), 'Attendee
    Status' (Eventbrite), 'RSVP Status' = 'Cancelled', 'Refunded', 'Not Attending', 'Withdrawn' was read as
    nothing (or, for an attendee, as a member's renewal), each card ordered to a person who cancelled, was
    paid back or said no, exit 0, where a bare 'Status' leaves 'Cancelled' and 'Refunded' out. They are left
    out; 'Attending', 'Checked In', 'No Show', 'Waitlisted', 'Pending', 'Transferred' and 'Not attending in
    person' (a hybrid event's online guest) still send, as 'Attended' = No does."""
    said = ["Cancelled", "Canceled", "Refunded", "Not Attending", "Withdrawn", "Cancelled by attendee",
            "Cancelled - refund issued", "Void", "Deceased", "Declined"]  # fmt: skip
    sends = ["Attending", "Checked In", "Registered", "Confirmed", "Accepted", "Attended", "No Show",
             "Waitlisted", "Pending", "Transferred", "Not attending in person", ""]  # fmt: skip
    path = _sheet(tmp_path / "event.csv", header, [*said, *sends])
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert [cell for row, cell in enumerate(said, start=2) if row not in skipped] == []
    assert [skipped[row] for row in range(len(said) + 2, len(said) + len(sends) + 2) if row in skipped] == []
    assert skipped[2] == f"the list says not to send it (column '{header}': 'Cancelled')"
    for other in (
        "Ticket Status",
        "Event Status",
        "Member Status",
    ):  # a help desk's, the event's own, a renewal
        path = _sheet(tmp_path / "event.csv", other, ["Cancelled", "Refunded", "Active"])
        assert load_sheet(path).skipped == ()


@pytest.mark.parametrize("header", ["Nomination Status", "Nominee Status"])
def test_a_nomination_declined_or_not_selected_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """The lead's closing note of session 51 (leftover 2): an award nominations list's 'Nomination Status' =
    'Declined', 'Rejected', 'Not selected', 'Withdrawn' was read as nothing, each card ordered to a nominee
    the award passed over, exit 0, where 'Award Status' = Declined leaves the row out. Read as a
    registration's status now (a registration 'Not approved' or 'Not selected' too); 'Nominated',
    'Selected', 'Winner', 'Pending' and 'Under review' send."""
    said = ["Declined", "Rejected", "Not selected", "Not approved", "Withdrawn"]
    sends = ["Nominated", "Selected", "Winner", "Pending", "Under review", ""]
    path = _sheet(tmp_path / "nominees.csv", header, [*said, *sends])
    assert [s.row for s in load_sheet(path).skipped] == list(range(2, 2 + len(said)))


def test_a_typographic_apostrophe_says_what_the_plain_one_says(tmp_path: Path) -> None:
    """Found by hunter-falsealarm8 (a reverse of its notes, written as Word, Outlook or a Mac's smart quotes
    write them): a list's Notes 'Don’t send', 'Please don’t mail', 'Returned – don’t resend', 'Doesn’t want a
    gift', 'Don’t send before 12/20/2099', a Status 'Don’t send', a name 'Bob Ray (don’t send)' and a
    heading row 'DON’T SEND' over Cy Orr were read as nothing and each card ordered, exit 0, where "Don't
    send" leaves the row out. A typographic apostrophe reads as the plain one; the reason quotes the cell as
    typed."""
    path = tmp_path / "list.csv"
    rows = [
        "Name,Address,City,State,ZIP,Product,Value,Notes,Status",
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Don’t send,",
        "Al Bo,2 Main St,Boston,MA,02134,CVS,50,Please don’t mail,",
        "Di Fox,3 Main St,Boston,MA,02134,CVS,50,Returned – don’t resend,",
        "Ed Kim,4 Main St,Boston,MA,02134,CVS,50,Doesn’t want a gift,",
        "Flo Ng,5 Main St,Boston,MA,02134,CVS,50,Don’t send before 12/20/2099,",
        "Gil Po,6 Main St,Boston,MA,02134,CVS,50,,Don’t send",
        "Bob Ray (don’t send),7 Main St,Boston,MA,02134,CVS,50,,",
        "Hal Qi,8 Main St,Boston,MA,02134,CVS,50,O’Brien family – left voicemail,",
        "DON’T SEND,,,,,,,,",
        "Cy Orr,9 Main St,Boston,MA,02134,CVS,50,,",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    skipped = {s.row: s.reason for s in load_sheet(path).skipped}
    assert sorted(skipped) == [2, 3, 4, 5, 6, 7, 8, 10, 11]
    assert skipped[2] == "the list says not to send it (column 'Notes': 'Don’t send')"
    assert skipped[6] == "the list says not to send it yet (column 'Notes': 'Don’t send before 12/20/2099')"
    assert skipped[11] == "under the heading 'DON’T SEND' (row 10)"


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Card Status"])
def test_a_status_with_a_remark_saying_not_to_send_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-falsealarm8 (its LO5): a status read from the cell's start, 'Active - do not send',
    'Returned - do not resend', 'On leave; don’t send (per HR)', was ordered, exit 0: the remark after the
    status, which a person typed to stop the card, was read as nothing. Such a row is left out now; a status
    with an ordinary remark still sends."""
    said = ["Active - do not send", "Returned - do not resend", "On leave; don’t send (per HR)",
            "Active (do not mail)", "Active / dont order"]  # fmt: skip
    sends = ["Active", "Active - send to home address", "Active - do note new zip"]
    if header != "Card Status":  # (a card's status 'Returned' says the card came back)
        sends += ["Returned from leave 11/1"]
    cells = [*said, *sends]
    assert notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells) == said


CAME_BACK = [
    "Card was returned", "Card came back", "Card came back undeliverable", "Card returned to sender",
    "Card returned undeliverable 11/25", "Gift card was returned by USPS", "The card bounced back",
]  # fmt: skip
CAME_BACK_SEND = ["Card came back - resend", "Card returned to sender - address fixed, please resend",
                  "Birthday card came back", "Card came back with a thank you note"]  # fmt: skip


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_card_said_come_back_in_any_words_waits_as_card_returned_does(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets23: a Notes (or Status) 'Card was returned', 'Card came back', 'Card returned
    to sender', 'Card returned undeliverable 11/25' was read as nothing and a second card ordered to the
    address it came back from, exit 0, where 'Card returned' leaves the row out until a person says resend.
    Each is read so; a resend asked after it sends, and a greeting card come back says nothing."""
    cells = [*CAME_BACK, *CAME_BACK_SEND]
    assert notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells) == CAME_BACK


@pytest.mark.parametrize("header", ["Notes", "Status", "Employee Status"])
def test_a_note_sending_home_during_a_leave_undoes_no_earlier_no(tmp_path: Path, header: str) -> None:
    """Found by hunter-sends8 (its item 3): an HR list's Notes (or Status) 'No longer with company, Out on
    leave, ship to home', 'MOVED - NO FORWARDING. ON LEAVE - SEND TO HOME', 'Deceased; on leave - send to
    home' were each ordered, exit 0 (a card to someone gone, or to the address they moved from): the ask to
    send home, said of the leave right before it, was read as undoing every no of the cell. It answers the
    leave alone now; after a leaving it still answers the leaving ('On leave - terminated 12/1/2025 - send to
    home' sends, as 'Terminated - mail to home' does)."""
    sends = ["Out on leave, ship to home", "On leave - terminated 12/1/2025 - send to home",
             "Terminated 11/1/2025 - per HR - mail to home", "Active, on leave, ship to home"]  # fmt: skip
    out = ["No longer with company, Out on leave, ship to home",
           "MOVED - NO FORWARDING. ON LEAVE - SEND TO HOME", "Deceased; on leave - send to home",
           "Left company - on LOA - mail to home address"]  # fmt: skip
    cells = [*sends, *out]
    assert notes_left_out(_sheet(tmp_path / "list.csv", header, cells), cells) == out
