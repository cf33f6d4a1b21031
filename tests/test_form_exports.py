"""A Microsoft Forms export's own columns (who answered the form) are never read as the recipient (found by
newcomer7: parcels addressed to the manager who filled in the form, at each employee's home)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from intake_fixtures import sandbox_catalog

from bulkship.columns.records import AmbiguousColumnsError
from bulkship.errors import MissingColumnsError
from bulkship.load import load_sheet
from bulkship.program import ProgramSettings
from bulkship.validate import validate

FORMS = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]


def form_export(path: Path, question: str) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*FORMS, question, "Mailing address", "City", "State", "ZIP", "Card", "Value"])
    when = datetime(2026, 11, 20, 9, 1)
    for i, (who, street) in enumerate((("Ann Report", "12 Main St"), ("Bob Report", "14 Oak Ave")), start=1):
        respondent = [i, when, when, "lee@acme.test", "Lee Manager", None]
        sheet.append([*respondent, who, street, "Boston", "MA", "02108", "CVS", 25])
    book.save(path)
    return path


def test_the_forms_respondent_is_not_the_recipient(tmp_path: Path) -> None:
    loaded = load_sheet(form_export(tmp_path / "named.xlsx", "Employee name"))
    assert {h for h, f in loaded.column_map.items() if f in ("name", "email", "external_id")} == {
        "Employee name"
    }
    assert any("Microsoft Forms export" in n for n in loaded.notices)
    result = validate(loaded, sandbox_catalog())
    assert result.rows["name"].tolist() == ["Ann Report", "Bob Report"]


def test_a_forms_export_whose_recipient_question_is_not_recognised_is_refused(tmp_path: Path) -> None:
    loaded = load_sheet(form_export(tmp_path / "asked.xlsx", "Who should receive the gift? (full name)"))
    with pytest.raises(MissingColumnsError, match="lacks required column"):
        validate(loaded, sandbox_catalog())


def test_a_form_each_person_answered_for_themselves_is_read_with_its_name_mapped(tmp_path: Path) -> None:
    """Found by review10: an address form each employee filled in for themselves asks no name (the form
    records who answered). It is refused for lacking a name, beside a note that never said the way out; and
    with [columns] name = "Name" the note still said 'Name' was not read."""
    path = form_export(tmp_path / "self.xlsx", "Department")
    loaded = load_sheet(path)
    said = next(n for n in loaded.notices if "Microsoft Forms export" in n)
    assert "read 'Name' as the recipient's name with [columns] name = \"Name\"" in said
    program = ProgramSettings(columns={"name": "Name"})
    loaded = load_sheet(path, program=program)
    assert loaded.column_map["Name"] == "name"
    assert "'Name'" not in next(n for n in loaded.notices if "Microsoft Forms export" in n)
    assert validate(loaded, sandbox_catalog(), program=program).rows["name"].tolist() == ["Lee Manager"] * 2


def _answered(tmp_path: Path, question: str, answers: list[str]) -> Path:
    """A Google Forms export, one person for each of ``answers`` to ``question`` (rows 2, 3, ...)."""
    rows = "".join(
        f'11/20/2026 9:0{i},p{i}@acme.test,Person {i},{i} Main St,Boston,MA,02108,CVS,25,"{answer}"\n'
        for i, answer in enumerate(answers)
    )
    path = tmp_path / "responses.csv"
    path.write_text(
        f"Timestamp,Email Address,Full name,Street address,City,State,ZIP code,Card,Value,{question}\n" + rows
    )
    return path


@pytest.mark.parametrize(
    "question",
    ["Would you like a gift card?", "Would you like to receive a gift card?", "Do you want a gift card?",
     "Would you like us to mail you a gift card?", "Do you consent to receive a gift?",
     "I would like to receive a holiday gift card", "Opt in to receive a gift?",
     "Can we send you a gift card?", "May we mail you a thank-you gift?", "OK to send you a gift card?",
     "Are you interested in receiving a gift card?",
     "Do you want to participate in the holiday gift program?",
     # ... or to take part, naming nothing or the gift's program (found by hunter-sheets16, ordered)
     "Would you like to participate?", "Will you be participating?", "Participate?",
     "Participate in gift program?"],
)  # fmt: skip
def test_a_form_s_question_whether_the_person_wants_a_card_answered_no_leaves_the_row_out(
    tmp_path: Path, question: str
) -> None:
    """Found by hunter-sheets13: a Google Forms export asking 'Would you like a gift card?' (or 'Do you want
    a gift card?', 'Do you consent to receive a gift?') ordered a card for everyone who answered 'No,
    thanks', 'No thank you' or 'Not interested', exit 0. The question picks the rows to send, as a 'Send?'
    column does: each such row is left out, said so ("I'd rather not" and 'Prefer not' too); 'Yes, please'
    sends."""
    answers = [
        "No, thanks",
        "No thank you",
        "Not interested",
        "I'd rather not",
        "Prefer not",
        "Yes, please",
        "Yes",
    ]
    skipped = load_sheet(_answered(tmp_path, question, answers)).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (row, f"the list says not to send it (column '{question}': '{answer}')")
        for row, answer in enumerate(answers[:5], start=2)
    ]


@pytest.mark.parametrize(
    "question",
    [
        "Would you like to participate in our survey?",
        "Participate in 401k?",
        "Participating in gift exchange?",
    ],
)
def test_a_question_whether_to_take_part_in_something_else_sends_its_no(
    tmp_path: Path, question: str
) -> None:
    """The other side of 'Would you like to participate?': a question naming what else to take part in says
    nothing of the card; its No sends."""
    assert not load_sheet(_answered(tmp_path, question, ["No", "Yes"])).skipped


@pytest.mark.parametrize(
    "question",
    ["Will you be attending?", "Attending?", "Attendance", "Attending (Y/N)", "Are you coming?",
     "Will you attend the holiday party?", "Can you make it?", "Are you planning to attend?",
     "Will you be joining us?", "RSVP"],
)  # fmt: skip
def test_an_invitation_declined_leaves_the_row_out_as_an_rsvp_of_no_does(
    tmp_path: Path, question: str
) -> None:
    """Found by hunter-sheets24 (its leftover 1), decided by hunter-sends3: an event's list asking 'Will you
    be attending?' (or 'Attending?', 'Attendance', 'Can you make it?') answered No ordered the card, exit 0,
    where 'RSVP' = No left the row out: the person said no to the event the gift is of. Now each such No is
    left out, said so; and the invitation declined in other words ('Regrets', "Can't make it", 'Unable to
    attend', under 'RSVP' too, were ordered). 'Yes', 'Attending', 'Yes +1' send."""
    answers = ["No", "Not attending", "Regrets", "Can't make it", "Unable to attend", "Won't be attending",
               "Yes", "Attending", "Yes +1"]  # fmt: skip
    skipped = load_sheet(_answered(tmp_path, question, answers)).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (row, f"the list says not to send it (column '{question}': '{answer}')")
        for row, answer in enumerate(answers[:6], start=2)
    ]


@pytest.mark.parametrize(
    "question", ["Will you be attending?", "Can you make it?", "Attending (Y/N)", "RSVP"]
)
def test_an_invitation_declined_asking_for_the_gift_by_mail_sends_it(tmp_path: Path, question: str) -> None:
    """Found by review44 reviewing cbd69f7c: a form's 'Will you be attending?' answered 'No - please mail my
    gift card' (or "Can't make it - please ship my gift to my home", 'Regrets - mail gift to home address',
    "Can't make it, but I'd love the gift card") was left out with every No: the person asking for the card
    by mail got none (each was sent before cbd69f7c). Such a No sends; one refusing the mail or asking still
    stays out."""
    sends = ["No - please mail my gift card", "No, mail my gift",
             "Can't make it - please ship my gift to my home", "Unable to attend - mail gift card",
             "Regrets - mail gift to home address", "No - send it to my home",
             "Can't make it, but I'd love the gift card", "No - gift by mail please"]  # fmt: skip
    out = ["No", "No - don't mail anything", "No, do not send a gift", "No - mail gift card?",
           "No - no need to mail the card"]  # fmt: skip
    skipped = load_sheet(_answered(tmp_path, question, [*sends, *out, "Yes"])).skipped
    assert [s.row for s in skipped] == list(range(len(sends) + 2, len(sends) + len(out) + 2))


@pytest.mark.parametrize("question", ["Will you be attending?", "Can you make it?", "RSVP"])
def test_a_list_of_regrets_alone_sends_every_card(tmp_path: Path, question: str) -> None:
    """Found by review44 reviewing cbd69f7c: a form's export filtered to the people not coming to the party,
    whose cards go by mail (the others get theirs there), every row 'Will you be attending?' = No (or blank):
    every row was left out, no card sent (none before cbd69f7c; 'RSVP' older). As a list of 'Active' = No on
    every row chooses no one out, such a column chooses none; beside a Yes its No still leaves the row out."""
    assert not load_sheet(_answered(tmp_path, question, ["No", "No", "", "Regrets", "No"])).skipped
    skipped = load_sheet(_answered(tmp_path, question, ["No", "No", "Yes", "No"])).skipped
    assert [s.row for s in skipped] == [2, 3, 5]


@pytest.mark.parametrize(
    "question",
    ["Attended", "Attending in person?", "Would you attend a future webinar?", "Coming from", "Attendance %"],
)
def test_a_question_of_attending_something_else_or_of_having_attended_sends_its_no(
    tmp_path: Path, question: str
) -> None:
    """The other side: a no-show may be sent the gift ('Attended' = No), an online guest too ('Attending in
    person?' = No), and a question naming another event says nothing of this one's gift: each No sends."""
    assert not load_sheet(_answered(tmp_path, question, ["No", "Yes"])).skipped


@pytest.mark.parametrize(
    "question",
    ["Physical card?", "Physical gift card (Y/N)", "Send physical card?", "Want a gift card?",
     "Gift card wanted?", "Mail me a gift card?"],
)  # fmt: skip
def test_a_short_question_whether_to_mail_the_card_answered_no_leaves_the_row_out(
    tmp_path: Path, question: str
) -> None:
    """Found by hunter-sheets16: a form's or a list's short question 'Physical card?', 'Want a gift card?',
    'Gift card wanted?' or 'Mail me a gift card?' answered No was read as nothing and the card mailed, exit 0.
    Such a No leaves its row out as a 'Send?' column's does; Yes sends."""
    skipped = load_sheet(_answered(tmp_path, question, ["No", "Yes"])).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (2, f"the list says not to send it (column '{question}': 'No')")
    ]


@pytest.mark.parametrize(
    "question",
    ["Would you like a physical gift card mailed?", "Would you like a physical gift card mailed to you?",
     "Would you like to receive your gift card by mail?"],
)  # fmt: skip
def test_a_form_s_no_to_a_card_in_the_mail_leaves_the_row_out(tmp_path: Path, question: str) -> None:
    """Found by hunter-sheets16: a form asking 'Would you like a physical gift card mailed to you?' (or '...
    by mail?') ordered a card in the mail for each 'No', exit 0: a card by mail is all bulkship sends. Such a
    No leaves its row out as a 'Send?' column's does; a Yes sends, and a question where to mail it ('...
    mailed to your office?', '... sent home?') is no such question: its No sends."""
    skipped = load_sheet(_answered(tmp_path, question, ["No", "Yes"])).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (2, f"the list says not to send it (column '{question}': 'No')")
    ]
    for where in (
        "Would you like your gift card mailed to your office?",
        "Would you like your gift card sent home?",
    ):
        assert not load_sheet(_answered(tmp_path, where, ["No", "Yes"])).skipped


@pytest.mark.parametrize(
    "question",
    ["Did you receive your gift card?", "Have you received a gift card?", "Did you get your gift?"],
)
def test_a_form_s_question_whether_the_card_came_reads_as_gift_received(
    tmp_path: Path, question: str
) -> None:
    """Found by review27 (after b6aab7a): 'Did you receive your gift card?' was read as asking whether the
    person wants one: 'No' (the card never came) left out, 'Yes' (it came) ordered a second card. It reads
    as 'Gift Received' does: Yes is sent already, No and a blank are sent."""
    skipped = load_sheet(_answered(tmp_path, question, ["Yes", "No", ""])).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (2, f"the list says it was sent already (column '{question}': 'Yes')")
    ]


@pytest.mark.parametrize(
    "question",
    ["Have you received a gift card from us before?", "Did you receive a gift card last year?",
     "Have you received a gift from us in the past?", "Have you previously received a gift card from us?",
     "Did you get a holiday gift card last year? (yes/no)"],
)  # fmt: skip
def test_a_form_s_question_whether_a_card_came_in_an_earlier_round_leaves_no_row_out(
    tmp_path: Path, question: str
) -> None:
    """Found by hunter-falsealarm3 (L1; the lead decided): a yearly program's form asking 'Have you received
    a gift card from us before?' left out everyone answering Yes, 'Yes, last year' or 'Not sure' as sent
    already (3 of a Google Form's 14 people ordered). 'before', 'last year', 'in the past' ask of an earlier
    round: every row is ordered, and a notice names the column and the rows that said Yes. 'ever' (a one-time
    gift) and 'this year' still leave the row out."""
    loaded = load_sheet(_answered(tmp_path, question, ["Yes", "No", "Yes, last year", "Not sure", ""]))
    assert not loaded.skipped
    said = [n for n in loaded.notices if question in n]
    assert len(said) == 1
    assert "(J) asks whether a card came in an earlier round" in said[0]
    assert (
        "3 row(s) answering other than No are ordered (row 2 ('Yes'); row 4 ('Yes, last year'); row 5"
        in said[0]
    )
    result = validate(loaded, sandbox_catalog())
    assert result.rows["status"].tolist() == ["valid"] * 5
    this_rounds = ["Have you ever received a gift card from us?",
                   "Have you ever received a gift from us before?",
                   "Has this person already received a gift card this year?"]  # fmt: skip
    for this_round in this_rounds:
        skipped = load_sheet(_answered(tmp_path, this_round, ["Yes", "No"])).skipped
        assert [(s.row, s.reason) for s in skipped] == [
            (2, f"the list says it was sent already (column '{this_round}': 'Yes')")
        ]


@pytest.mark.parametrize(
    "header", ["Gift choice", "Gift preference", "Which gift would you like?", "Gift card choice"]
)
def test_a_gift_choice_of_no_gift_or_a_donation_leaves_the_row_out(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets13: a form's 'Gift choice' (beside the list's own card column) answered 'No
    gift, thanks', 'Opt out', "I'd prefer not to receive a gift" or 'Donate to charity instead' ordered the
    card all the same, exit 0. Each such choice leaves its row out; a card chosen, 'None' (no preference)
    and an empty cell send."""
    said = ["No gift, thanks", "Opt out", "I'd prefer not to receive a gift", "Donate to charity instead",
            "Target", "None", "", "Charity gift card", "No gift wrap"]  # fmt: skip
    # ... a card itself ('Charity gift card') or no wrapping is no choice of no gift (found by review27)
    rows = "".join(
        f'Person {i},{i} Main St,Boston,MA,02108,CVS,25,"{choice}"\n' for i, choice in enumerate(said)
    )
    path = tmp_path / "choices.csv"
    path.write_text(f"Name,Address,City,State,ZIP,Product,Value,{header}\n" + rows)
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (row, f"the list says not to send it (column '{header}': '{choice}')")
        for row, choice in enumerate(said[:4], start=2)
    ]


@pytest.mark.parametrize(
    "question",
    ["Which gift card would you like?", "Which gift card would you like to receive?",
     "What card would you prefer?", "Which gift card do you want?", "Choose your gift card",
     "Please select a gift card:", "Which gift card?", "Preferred gift card"],
)  # fmt: skip
def test_a_form_s_question_choosing_the_card_is_read_as_the_card(tmp_path: Path, question: str) -> None:
    """Found by newcomer4 (F7): a Google Forms export asking 'Which gift card would you like?' was refused as
    lacking a Product column, although its note said the question looked like one. The question is read as
    the card: each person's choice is ordered, and a choice of no card leaves its row out."""
    path = tmp_path / "responses.csv"
    path.write_text(
        f"Timestamp,Email Address,Full name,Street address,City,State,ZIP code,{question}\n"
        "11/20/2026 9:01,ann@acme.test,Ann Lee,1 Main St,Boston,MA,02108,Target\n"
        "11/20/2026 9:02,bob@acme.test,Bob Ray,2 Main St,Boston,MA,02108,CVS\n"
        '11/20/2026 9:03,cy@acme.test,Cy Orr,3 Main St,Boston,MA,02108,"No gift, thanks"\n'
    )
    loaded = load_sheet(path)
    assert loaded.column_map[question] == "product"
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (4, f"the list says not to send it (column '{question}': 'No gift, thanks')")
    ]
    result = validate(loaded, sandbox_catalog(), program=ProgramSettings(defaults={"value": "25"}))
    assert result.rows[["product", "status"]].values.tolist() == [
        ["TARGET", "valid"], ["CVS", "valid"], ["No gift, thanks", "skipped"]
    ]  # fmt: skip


def test_a_form_s_card_question_beside_the_list_s_own_card_column_is_not_guessed(tmp_path: Path) -> None:
    """A person's choice beside the card the list names: which one to order is the list owner's to say (the
    refusal names both columns and how to choose), as for 'Preferred gift card' beside 'Product'."""
    path = tmp_path / "responses.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Which gift card would you like?\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Target\n"
    )
    refused = "'Which gift card would you like\\?' \\(H\\) both look like Product"
    with pytest.raises(AmbiguousColumnsError, match=refused):
        load_sheet(path)


def test_a_typeform_address_block_is_read_as_the_address(tmp_path: Path) -> None:
    """Found by newcomer5: a Typeform download's address question heads its parts 'State/Region/Province' and
    'Zip/Post code'; the file was refused (exit 2) as lacking State and ZIP Code."""
    path = tmp_path / "typeform.csv"
    path.write_text(
        "#,What's your name?,Address,Address line 2,City/Town,State/Region/Province,Zip/Post code,Country,"
        "What's your email?,Which gift card would you like?,Submit Date (UTC)\n"
        "c3d4,Liam Walsh,18 Shore Rd,,Gloucester,Massachusetts,01930,United States,lwalsh@example.com,"
        "Target,2026-12-02 15:02:00\n"
    )
    loaded = load_sheet(path)
    assert {loaded.column_map[h] for h in ("State/Region/Province", "Zip/Post code", "City/Town")} == {
        "state",
        "zip",
        "city",
    }
    result = validate(loaded, sandbox_catalog(), program=ProgramSettings(defaults={"value": "25"}))
    assert result.rows[["name", "state", "zip", "product"]].values.tolist() == [
        ["Liam Walsh", "MA", "01930", "TARGET"]
    ]
    assert result.rows["status"].tolist() == ["valid"]
    # 'Massachusetts', 'United States' were counted "State written as a code", as if so typed (newcomer5);
    # written out in full, they are said once for the column (hunter-sheets18)
    assert result.problems == ()
    assert [n.split(" on ")[0] for n in loaded.notices] == [
        "Column 'State/Region/Province' writes states out in full",
        "Column 'Country' writes the country out in full",
    ]


@pytest.mark.parametrize(
    "question",
    ["Check here if you do not wish to receive a gift", "I do not want a gift card",
     "Opt out of the gift card?", "I would not like to receive a gift"],
)  # fmt: skip
def test_a_form_s_question_whether_the_person_wants_no_card_ticked_leaves_the_row_out(
    tmp_path: Path, question: str
) -> None:
    """Found by hunter-sheets14: 'Check here if you do not wish to receive a gift' was read as asking whether
    the person wants one: who ticked it (X, Yes) was ordered a card, and who left it blank was left out as
    'ticks the rows to send; not this one', exit 0. Its tick leaves the row out; blank and No send."""
    skipped = load_sheet(_answered(tmp_path, question, ["X", "", "Yes", "No"])).skipped
    assert [(s.row, s.reason) for s in skipped] == [
        (2, f"the list says not to send it (column '{question}': 'X')"),
        (4, f"the list says not to send it (column '{question}': 'Yes')"),
    ]


@pytest.mark.parametrize("question", ["Did not receive gift card?", "Did you not receive your gift card?"])
def test_a_question_whether_the_card_did_not_come_is_no_wish_for_none(tmp_path: Path, question: str) -> None:
    """Found by review28 after 024f1fe: 'Did not receive gift card?' was read as a wish for no card: its Yes
    (the card never came) was left out and its No (it came) ordered a second card, exit 0. Its No is the
    card had: that row is left out; the Yes is sent."""
    skipped = load_sheet(_answered(tmp_path, question, ["Yes", "No"])).skipped
    assert [s.row for s in skipped] == [3]


@pytest.mark.parametrize(
    "question",
    ["Never received gift card", "Have not received a gift", "Didn't get a gift card",
     "Gift card not received", "Did you not receive your gift card?"],
)  # fmt: skip
def test_a_column_asking_whether_the_card_did_not_come_leaves_out_its_no_as_sent_already(
    tmp_path: Path, question: str
) -> None:
    """Found by review28: 'Never received gift card' (and the others) = No, the card came, was read as
    nothing and a second card ordered, exit 0. It is 'Gift Received' the other way round: its No is sent
    already (with the way to send again on purpose), its Yes and blank send."""
    skipped = load_sheet(_answered(tmp_path, question, ["Yes", "No", ""])).skipped
    assert [(s.row, s.reason.split(". ")[0]) for s in skipped] == [
        (3, f"the list says it was sent already (column '{question}': 'No')")
    ]


def test_a_typeform_response_never_submitted_is_not_ordered(tmp_path: Path) -> None:
    """Found by hunter-sheets14 (its leftover 4, the lead's brief to hunter-sheets15): a Typeform download
    with partial responses holds rows whose 'Submit Date (UTC)' is empty, the person never having sent the
    form; each was ordered like the submitted ones (validate: valid, exit 0). Each is left out, said so;
    filled in, the date sends it."""
    path = tmp_path / "typeform.csv"
    head = "#,First name,Address,City/Town,State/Region/Province,Zip/Post code,Start Date (UTC),"
    head += "Submit Date (UTC)\n"
    path.write_text(
        head + "a1,Ann Lee,1 Main St,Boston,MA,02134,2026-11-20 10:00:00,2026-11-20 10:02:00\n"
        "a2,Cy Orr,3 Oak Ave,Newark,NJ,07102,2026-11-20 11:00:00,\n"
        "a3,Di Fox,4 Elm St,Salem,MA,01970,2026-11-21 09:00:00,2026-11-21 09:03:10\n"
    )
    program = ProgramSettings(defaults={"value": "25", "product": "CVS"})
    loaded = load_sheet(path, program=program)
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (3, "the list says not to send it (column 'Submit Date (UTC)' is empty: never submitted)")
    ]
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.rows.loc[result.rows["status"] == "valid", "name"].tolist() == ["Ann Lee", "Di Fox"]


def test_a_row_typed_by_hand_under_a_form_s_answers_is_ordered_said_so(tmp_path: Path) -> None:
    """Found by hunter-falsealarm3 (L2; the lead decided): people added by hand under a form's export (no
    'Submission Date', a JotForm's; no '#' nor 'Start Date (UTC)', a Typeform's) were left out as 'never
    submitted', although each gave a name, a full address and an amount. Such a row is ordered, a notice
    naming it; a row lacking part of the order (no ZIP, no amount) and a response the form began (its start
    stamp filled) are still left out."""
    path = tmp_path / "jotform.csv"
    path.write_text(
        "Submission Date,Name,Address,City,State,Zip,Gift Card,Amount\n"
        "2026-11-20 10:14:00,Ann Lee,1 Main St,Boston,MA,02108,Target,25\n"
        "2026-11-20 10:15:00,Bob Ray,2 Main St,Boston,MA,02108,Target,25\n"
        ",Cy Orr,3 Main St,Boston,MA,02108,Target,25\n"
        ",Di Fox,4 Main St,Boston,MA,,Target,25\n"
        ",Ed Poe,5 Main St,Boston,MA,02108,Target,\n"
    )
    loaded = load_sheet(path)
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (row, "the list says not to send it (column 'Submission Date' is empty: never submitted)")
        for row in (5, 6)
    ]
    assert (
        "1 row(s) have no 'Submission Date' where the form's answers have one, typed in by hand it seems: "
        "row(s) 4. Each gives a name, a full address and an amount, and is ordered. If one is a response the "
        "person never submitted, delete it." in loaded.notices
    )
    assert validate(loaded, sandbox_catalog()).rows["status"].tolist()[:3] == ["valid"] * 3
    path = tmp_path / "typeform.csv"
    path.write_text(
        "#,First name,Address,City/Town,State/Region/Province,Zip/Post code,Start Date (UTC),"
        "Submit Date (UTC)\na1,Ann Lee,1 Main St,Boston,MA,02134,2026-11-20 10:00:00,2026-11-20 10:02:00\n"
        "a2,Cy Orr,3 Oak Ave,Newark,NJ,07102,2026-11-20 11:00:00,\n"
        ",Di Fox,4 Elm St,Salem,MA,01970,,\n"
    )
    program = ProgramSettings(defaults={"value": "25", "product": "CVS"})
    loaded = load_sheet(path, program=program)
    assert [s.row for s in loaded.skipped] == [3]
    assert any("typed in by hand it seems: row(s) 4." in n for n in loaded.notices)


def test_an_empty_date_submitted_of_a_list_without_times_leaves_no_row_out(tmp_path: Path) -> None:
    """The other side of the test above: a tracking sheet's 'Date Submitted' (the day an order went in, no
    time of day) says nothing of its empty rows, which are still to send; nor does a column empty on
    every row."""
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Date Submitted,Submitted At\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,11/20/2026,\nCy Orr,3 Oak Ave,Newark,NJ,07102,CVS,25,,\n"
    )
    assert not load_sheet(path).skipped


@pytest.mark.parametrize(
    ("question", "said"),
    [("Would you prefer a donation instead of a gift card?", "Yes"), ("Donate my gift to charity", "X"),
     ("Gift card or donation?", "Donation")],
)  # fmt: skip
def test_a_form_s_donation_in_place_of_the_card_leaves_the_row_out(
    tmp_path: Path, question: str, said: str
) -> None:
    """Found by hunter-sheets15: a form offering a donation in place of the card ('Would you prefer a donation
    instead of a gift card?' = Yes, 'Gift card or donation?' = Donation) was read as nothing and the card
    ordered, exit 0. Such a row is left out; No, 'Gift card' and an empty cell send, and a 'Charity gift
    card' column (a card itself, review27) is no such question."""
    path = tmp_path / "form.csv"
    path.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{question}\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,25,{said}\nBob Ray,2 Main St,Boston,MA,02134,CVS,25,No\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,Gift card\nDi Fox,4 Main St,Boston,MA,02134,CVS,25,\n"
    )
    assert [(s.row, s.reason) for s in load_sheet(path).skipped] == [
        (2, f"the list says not to send it (column '{question}': '{said}')")
    ]
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Charity gift card\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,Yes\nBob Ray,2 Main St,Boston,MA,02134,CVS,25,No\n"
    )
    assert not load_sheet(path).skipped


def test_a_survey_s_own_status_complete_sends_its_responses(tmp_path: Path) -> None:
    """Found by hunter-falsealarm2: an Alchemer export ('Response ID', 'Time Started', 'Date Submitted',
    'Status' = Complete, as it writes each finished response) of a 'fill in our survey, get a card' left
    every response out as 'the list says not to send it', exit 0, nobody ordered: 'Complete' was read as a
    card done. Beside a form's submit stamps it is the response's: each sends. A status saying the person
    left still leaves its row out, and so does 'Complete' in a list that is no form's export."""
    path = tmp_path / "alchemer.csv"
    path.write_text(
        "Response ID,Time Started,Date Submitted,Status,Full name,Street address,City,State,ZIP\n"
        '1,"Nov 20, 2026 10:00:00 AM","Nov 20, 2026 10:04:00 AM",Complete,Ann Lee,1 Main St,Boston,MA,02134\n'
        '2,"Nov 20, 2026 11:00:00 AM","Nov 20, 2026 11:03:00 AM",Complete,Cy Orr,3 Oak Ave,Newark,NJ,07102\n'
        '3,"Nov 21, 2026 09:00:00 AM","Nov 21, 2026 09:03:10 AM",Terminated,Di Fox,4 Elm St,Salem,MA,01970\n'
    )
    program = ProgramSettings(defaults={"value": "25", "product": "CVS"})
    loaded = load_sheet(path, program=program)
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (4, "the list says not to send it (column 'Status': 'Terminated')")
    ]
    result = validate(loaded, sandbox_catalog(), program=program)
    assert result.rows.loc[result.rows["status"] == "valid", "name"].tolist() == ["Ann Lee", "Cy Orr"]
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Date Submitted,Status\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,11/20/2026,Complete\n"
    )
    assert [s.row for s in load_sheet(path).skipped] == [2]


_ALCHEMER = (
    "Response ID,Time Started,Date Submitted,Status,IP Address,Longitude,Latitude,Country,City,State/Region,"
    "Postal,Full name,{street},Which gift card would you like?\n"
    '1,"Nov 20, 2026 10:00:00 AM","Nov 20, 2026 10:10:00 AM",Complete,1.2.3.4,-71.06,42.36,United States,'
    "Boston,MA,02108,Ana Lopez,{address},Target\n"
)


@pytest.mark.parametrize("street", ["Street address", "Home address", "Address line 1"])
def test_where_a_survey_placed_the_answer_is_not_the_card_s_address(tmp_path: Path, street: str) -> None:
    """Found by hunter-falsealarm2, checked by hunter-sheets17: an Alchemer export places each response by its
    IP address ('Longitude', 'Latitude', 'Country', 'City', 'State/Region', 'Postal'). A form asking only the
    street had that City, State and ZIP read as the card's: 12 Oak St, Boston MA 02108 for a person in
    Salem, valid, exit 0. They are never the address: such a form is refused for lacking City, State and ZIP
    (a note naming the columns), and a form asking them all is read from its own questions."""
    path = tmp_path / "alchemer.csv"
    program = ProgramSettings(defaults={"value": "25"})
    path.write_text(_ALCHEMER.format(street=street, address="12 Oak St"))
    loaded = load_sheet(path, program=program)
    assert not {"City", "State/Region", "Postal", "Country"} & set(loaded.column_map)
    assert any(
        "'Country', 'City', 'State/Region', 'Postal' say where each answer came from" in n
        for n in loaded.notices
    )
    with pytest.raises(MissingColumnsError, match=r"lacks required column\(s\): City, State, ZIP Code"):
        validate(loaded, sandbox_catalog(), program=program)
    path.write_text(
        _ALCHEMER.format(
            street=f"{street},Address 2:Shipping address,City/Town:Shipping address,"
            "State/Province:Shipping address,Zip/Postal Code:Shipping address",
            address="12 Oak St,,Salem,MA,01970",
        )
    )
    result = validate(load_sheet(path, program=program), sandbox_catalog(), program=program)
    assert result.rows[["address1", "city", "state", "zip", "status"]].values.tolist() == [
        ["12 Oak St", "Salem", "MA", "01970", "valid"]
    ]


@pytest.mark.parametrize(
    "header",
    ["Gift card choice", "Card selection", "Choice of gift card", "Reward option", "Gift Card Options"],
)
def test_a_form_s_answer_choosing_the_card_is_read_as_the_card(tmp_path: Path, header: str) -> None:
    """Found by hunter-sheets20, left for hunter-sheets21: a Microsoft Forms export whose question was 'Gift
    card choice' (or 'Card selection', 'Choice of gift card', 'Reward option') was refused, exit 2, as
    lacking a Product, the card each person chose never read. It is read as the card: each choice ordered,
    'No gift, thanks' left out; beside the list's own 'Product' it is still an answer read only for its no."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [*FORMS, "Your full name", "Street address", "City", "State", "ZIP code", header, "Card amount"]
    )
    when = datetime(2026, 11, 20, 9, 1)
    for i, (who, card) in enumerate(
        (("Ann Lee", "Target"), ("Bob Ray", "CVS"), ("Cy Orr", "No gift, thanks"))
    ):
        respondent = [i + 1, when, when, "anonymous", None, None]
        sheet.append([*respondent, who, f"{i + 1} Main St", "Boston", "MA", "02108", card, 25])
    book.save(tmp_path / "responses.xlsx")
    loaded = load_sheet(tmp_path / "responses.xlsx")
    assert loaded.column_map[header] == "product"
    assert [(s.row, s.reason) for s in loaded.skipped] == [
        (4, f"the list says not to send it (column '{header}': 'No gift, thanks')")
    ]
    result = validate(loaded, sandbox_catalog())
    assert result.rows[["product", "status"]].values.tolist() == [
        ["TARGET", "valid"], ["CVS", "valid"], ["No gift, thanks", "skipped"]
    ]  # fmt: skip
    beside = tmp_path / "beside.csv"
    beside.write_text(
        f"Name,Address,City,State,ZIP,Product,Value,{header}\n"
        "Ann Lee,1 Main St,Boston,MA,02108,CVS,25,Target\n"
    )
    assert load_sheet(beside).column_map.get(header) is None


def test_a_google_form_asking_no_amount_is_told_how_to_give_every_card_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Google Form's answers (the card chosen, no amount asked: the form gives each the same) were refused
    with the generic "rename the headers, map them with [columns] ... or set [defaults]" (found by
    hunter-sheets31, fixed by hunter-sheets33): the refusal says no column gives the amount and how to give
    every row one; the program file it describes sends both cards."""
    from bulkship.cli import main

    path = tmp_path / "Gift card choice (Responses) - Form Responses 1.csv"
    path.write_text(
        "Timestamp,Email Address,Full name,Street address,City,State,ZIP code,"
        "Which gift card would you like?\n"
        "2026/11/01 9:01:02 AM EST,ann@x.com,Ann Lee,1 Main St,Boston,MA,02134,Target\n"
        "2026/11/01 9:05:02 AM EST,bob@x.com,Bob Ray,2 Main St,Boston,MA,02134,CVS\n"
    )
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "lacks required column(s): Value." in said
    assert (
        "no column gives the cards' amount: add one named 'Amount' (each card's dollars, e.g. 25), or give "
        "every row one amount in a program settings file (--config) holding the two lines '[defaults]' and "
        "'value = 25', then run it again" in said
    ), said
    config = tmp_path / "amount.toml"
    config.write_text("[defaults]\nvalue = 25\n")
    assert main(["validate", str(path), "--config", str(config), "--out", str(tmp_path / "out")]) == 0
