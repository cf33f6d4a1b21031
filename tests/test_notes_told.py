"""A list's note saying not to send with who told it, or a please, around the remark: 'per HR do not send',
'Jane says skip', 'pls skip', 'Bad address per USPS'. Read as the remark alone; what still sends alone still
sends told so."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.notes import notes_left_out as _left_out
from support.notes import notes_sheet as _sheet


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_remark_told_with_who_told_it_before_or_after_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer19 (N1b, N3): an HR list's Notes 'per HR do not send', 'Jane says skip', 'pls skip',
    'per Jane skip this quarter' and a marketing list's 'bad address per USPS', 'undeliverable per USPS' were
    each ordered, exit 0, where 'HR: do not send', 'skip per Jane' and 'bad address' leave the row out. They
    are left out now; a remark that sends alone, or one undone after, still sends told so."""
    told = ["per HR do not send", "per HR, do not send", "Per Jane Smith do not send", "Jane says skip",
            "HR said to hold", "Manager asked that we skip this one", "pls skip", "Please remove",
            "per Jane skip this quarter", "bad address per USPS", "Undeliverable (per USPS)"]  # fmt: skip
    still = ["per HR send", "per Bob ok to send", "pls ship asap", "per HR", "per Jane left voicemail",
             "Sent to HR per Jane", "Please note new address", "Please hold for pickup",
             "per HR hold - released 12/1", "Jane says skip - then OK to send"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*told, *still], header)
    assert _left_out(path, [*told, *still]) == told


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_remark_after_a_slash_with_no_spaces_is_read_as_after_a_spaced_one(
    tmp_path: Path, header: str
) -> None:
    """Found by hunter-sends5 (its leftover 3): Notes 'Do not send/ask HR', 'Hold/ask HR', 'Deceased/call
    family', 'Active/terminated' were each ordered, exit 0, where 'Do not send / ask HR' leaves the row out
    (60ab6a4f). They are left out now; a slash inside a word ('w/o', 'N/A', 'c/o'), a remark undone after it
    and words saying nothing still send."""
    slashed = ["Do not send/ask HR", "Hold/ask HR", "Deceased/call family", "Declined/thanks",
               "Active/terminated", "Left/Retired"]  # fmt: skip
    still = ["Send w/o box", "N/A", "Sent w/ card", "Hold/released 11/20", "Do not send to office/home only",
             "Active/Left voicemail", "and/or", "Target/Amazon", "Approved/send"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*slashed, *still], header)
    assert _left_out(path, [*slashed, *still]) == slashed


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_remark_after_who_told_it_in_the_middle_of_a_note_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer21 (N11): an HR list's Notes 'on LOA per HR hold' was ordered, exit 0, where 'per HR
    hold', 'LOA per HR - hold' and 'LOA, HR hold' leave the row out: who told it was read only at the note's
    start or end. The remark after 'per <who>' in the middle is read too; one that sends or is undone still
    sends ('Active per HR records', 'Approved per HR hold released', 'Remote per HR send to home')."""
    told = ["on LOA per HR hold", "Remote per manager do not send", "on leave per HR skip"]
    still = ["Active per HR records", "Approved per HR hold released", "Remote per HR send to home"]
    path = _sheet(tmp_path / "staff.csv", [*told, *still], header)
    assert _left_out(path, [*told, *still]) == told


@pytest.mark.parametrize("header", ["Notes", "Comments"])
def test_a_no_undone_after_who_told_it_sends_the_row(tmp_path: Path, header: str) -> None:
    """Found by review55 after acc44057: an HR list's Notes 'Active per HR not terminated', 'Remote per HR
    hold removed', 'approved per HR no hold', 'Active per HR never left', 'Send per HR terminated in error'
    were each left out (sent before it), and 'per HR not terminated', 'per HR hold removed' before that: who
    told it was taken to run on past the 'not', 'no', 'never' or 'hold' the remark begins at, leaving
    'terminated', 'removed', 'left' alone. A teller ends before such a word now; a no still leaves it out."""
    sent = ["Active per HR not terminated", "Remote per HR hold removed", "approved per HR no hold",
            "Active per HR never left", "Send per HR terminated in error", "per HR not terminated",
            "per HR hold removed"]  # fmt: skip
    out = ["on LOA per HR hold", "per HR on hold", "per HR do not send", "per the manager terminated",
           "per HR dept skip"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*sent, *out], header)
    assert _left_out(path, [*sent, *out]) == out


@pytest.mark.parametrize("header", ["Notes", "Status"])
def test_a_manager_s_or_the_person_s_no_or_a_pending_approval_leaves_the_row_out(
    tmp_path: Path, header: str
) -> None:
    """Found by newcomer26 on an HR anniversary list: Notes (and Status) 'Mgr declined', 'Manager declined',
    'Mgr denied', 'Mgr rejected', 'Mgr not approved', 'VP said no', 'Manager says no', 'Employee declined
    award', 'He declined', 'Declined gift card', 'Pending VP approval' were each ordered, exit 0, where
    'Declined by manager', 'Not approved by mgr', 'Declined card' and 'Pending mgr approval' leave the row
    out. They are left out now; a no to something else than the card, and words that only start with no,
    still send."""
    told = ["Mgr declined", "Manager declined", "Mgr denied", "Mgr rejected", "Mgr not approved",
            "VP said no", "HR said no", "Manager says no", "Employee declined", "Employee declined award",
            "He declined", "She declined the card", "Pending VP approval", "Pending director approval",
            "Declined award", "Declined gift card"]  # fmt: skip
    still = ["Declined to give address - sent to office", "Mgr said no problem", "HR said no issue",
             "Declined the survey", "declined the upgrade", "Employee declined to give address",
             "Manager said no to the upgrade", "Mgr declined - send anyway", "Mgr approved",
             "Employee said no to email - mail ok"]  # fmt: skip
    path = _sheet(tmp_path / "staff.csv", [*told, *still], header)
    assert _left_out(path, [*told, *still]) == told


def test_a_manager_s_answer_no_after_a_colon_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by newcomer26 on an HR anniversary list: Notes 'Mgr: no', 'Manager: no', 'Mgr - no', 'VP: no',
    'HR: no' were each ordered, exit 0 (the words before the colon read as a thing answered no, as in
    'Terminated: no'), where 'Mgr said no' is left out. Each is left out now; 'Mgr: no problem', 'Mgr:
    noted', 'Manager: Nora Lee' and 'Mgr: yes' still send."""
    told = ["Mgr: no", "Manager: no", "Mgr - no", "Manager - No.", "VP: no", "HR: no", "Mgr: N"]
    still = ["Mgr: no problem", "Mgr: no issues", "Mgr: noted", "Manager: Nora Lee", "HR: none", "Mgr: yes"]
    path = _sheet(tmp_path / "staff.csv", [*told, *still], "Notes")
    assert _left_out(path, [*told, *still]) == told


def test_a_manager_s_answer_no_under_status_leaves_the_row_out(tmp_path: Path) -> None:
    """Found by newcomer26 (d54fe1c8's leftover), given to hunter-asks4: Status 'Mgr: no', 'VP: no', 'HR: no',
    'Dir - N' were each ordered, exit 0 (the role read as a payroll code before the status 'no', ordered),
    where 'Manager: no' and the same under 'Notes' are left out. Each is left out now; 'Mgr: yes', 'VP: no
    problem' and a code before a status ('T - terminated' out, 'A - active' sent) are read as before."""
    told = ["Mgr: no", "VP: no", "HR: no", "Dir - N", "MGR-No", "SVP: nope", "CEO – no."]
    still = ["Mgr: yes", "VP: no problem", "HR: ok", "A - active", "Mgr: Nora"]
    cells = [*told, "T - terminated", *still]
    path = _sheet(tmp_path / "staff.csv", cells, "Status")
    assert _left_out(path, cells) == [*told, "T - terminated"]
