"""A status cell saying not to send, in a status column the readers did not know or after words they let
win: each such row is left out; the same words meaning something else still send."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet


@pytest.mark.parametrize("header", ["Campaign Member Status", "Member Status", "Contact Status"])
def test_a_campaign_member_status_opted_out_or_unsubscribed_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer20 (N8): a Salesforce campaign report's 'Campaign Member Status' = 'Opted Out' or
    'Unsubscribed' was each ordered, exit 0 (a card to someone who asked for no mail), where 'Member Status'
    = 'Opted Out' leaves the row out. Both are left out now under each; unsubscribed from e-mail only, or a
    campaign's 'Sent', 'Responded', 'Bounced' still send."""
    out = ["Opted Out", "Unsubscribed", "Unsubscribed - per customer", "Do Not Mail", "Deceased"]
    still = ["Unsubscribed from emails", "Unsubscribed - email only", "Sent", "Responded", "Bounced",
             "Inactive"]  # fmt: skip
    path = _sheet(tmp_path / "campaign.csv", [*out, *still], header)
    assert _left_out(path, [*out, *still]) == out


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_status_saying_send_anyway_then_no_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by review52: a 'Status' of 'on leave - send anyway; deceased', 'Active - send anyway; deceased',
    'On leave - send anyway - terminated 12/1' was each ordered, exit 0 (the 'send anyway' won over the no
    after it), where under 'Notes' each leaves the row out. They are left out now; a send said last ('on
    leave - send anyway', 'Left 11/15 - still send') still sends."""
    out = ["on leave - send anyway; deceased", "Active - send anyway; deceased",
           "On leave - send anyway - terminated 12/1"]  # fmt: skip
    still = ["on leave - send anyway", "LOA - send anyway", "Active - send anyway", "Left 11/15 - still send"]
    path = _sheet(tmp_path / "staff.csv", [*out, *still], header)
    assert _left_out(path, [*out, *still]) == out


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_label_answered_no_after_a_leaving_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by review52: Notes 'Terminated - rehire: no' was ordered, exit 0 (its ': no' read as the
    answer to the termination, as 'Skip: none' is), where 'Terminated - rehire: yes' leaves the row out.
    Left out now, as 'Terminated - Rehire eligible: no'; a hold or skip answered no ('Hold: no', 'Skip:
    none', 'Hold - none') still sends under Notes (a Status's own hold words are read otherwise)."""
    out = ["Terminated - rehire: no", "Terminated - Rehire eligible: no", "Terminated - rehire: yes"]
    still = ["Hold: no", "Skip: none", "Hold - none"] if header == "Notes" else []
    path = _sheet(tmp_path / "staff.csv", [*out, *still], header)
    assert _left_out(path, [*out, *still]) == out


@pytest.mark.parametrize("header", ["Status", "Employee Status"])
def test_a_status_of_two_words_parted_by_a_slash_leaves_the_row_out_where_one_says_no(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sends8 (its item 2): an HR list's 'Status' (or 'Employee Status') 'Active/terminated'
    was ordered, exit 0, where 'Active / terminated' (and 'Active/terminated' under 'Notes') leaves the row
    out: the slash with no spaces parted no remark from the status. It does now, as under 'Notes'; 'Active/
    Remote', 'Full-time/Active', 'Active/LOA', 'N/A' still send."""
    out = ["Active/terminated", "Active/deceased", "Active/On hold"]
    still = ["Active/Remote", "Full-time/Active", "Active/LOA", "Active/Part-time", "N/A"]
    path = _sheet(tmp_path / "staff.csv", [*out, *still], header)
    assert _left_out(path, [*out, *still]) == out


@pytest.mark.parametrize("header", ["Status", "Employee Status", "Notes"])
def test_a_status_word_then_a_no_with_no_mark_between_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by review57, fixed by hunter-sends11: 'Active terminated', 'Active on hold', 'Active deceased',
    'Active resigned', 'Active inactive', 'Active DNS', 'Active skip', 'Active hold' were each ordered, exit
    0, under 'Status' and 'Notes', where 'Active - terminated' leaves the row out. Read as with a dash now;
    words going on after the status still send."""
    out = ["Active terminated", "Active on hold", "Active deceased", "Active resigned", "Active inactive",
           "Active DNS", "Active skip", "Active hold", "Remote terminated"]  # fmt: skip
    still = ["Active", "Active left voicemail", "Active hold for pickup", "Active full time", "Active LOA",
             "Active never left", "Active hold released", "Active resigned - rehired 12/1"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*out, *still], header)
    assert _left_out(path, [*out, *still]) == out
