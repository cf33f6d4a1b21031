"""An Email column tells people apart across batches as it does within one list (bulkship/repeats/emails.py):
colleagues whose names are written almost alike at one office, namesakes in two cities."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig

HEADER = ["Name", "Email", "Address", "City", "State", "ZIP", "Product", "Amount"]
OFFICE = ["1 Market St", "San Francisco", "CA", "94105"]


@pytest.fixture(autouse=True)
def _in_tmp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # result workbooks go to ./output of the test's own folder


def _row(name: str, email: str, place: list[str] = OFFICE, amount: str = "25") -> list[str]:
    return [name, email, *place, "STARBUCKS", amount]


def _run(
    capsys: pytest.CaptureFixture[str], path: Path, rows: list[list[str]]
) -> tuple[int, dict[str, Any], str]:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    code = main(["run", str(path), "--batch", path.stem.upper(), "--yes", "--wait", "0", "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), " ".join(captured.err.split())


def _recipients(data_dir: Path) -> Counter[str]:
    sandbox = Sandbox(SandboxConfig(state_file=data_dir / "sandbox.sqlite", clock_speed=0))
    try:
        return Counter(
            li["PhysicalDeliveryAddress"]["Name"] for order in sandbox.orders() for li in order["LineItems"]
        )
    finally:
        sandbox.close()


def test_colleagues_with_names_alike_or_namesakes_are_told_apart_by_their_emails_across_batches(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-falsealarm7's LO1 and LO6, fixed by hunter-falsealarm8: Q3 sent Min Kim, Mark Johnson and Ann
    Lee at the office (1 Market St), and John Smith (jsmith@acme.com) in Boston. Q4's list, each row with its
    own email, names Jin Kim, Mary Johnson and Anne Lee at the office (colleagues) and John Smith
    (john.smith@globex.com) in Seattle (a namesake): each was held, 'a name written almost alike' or 'the same
    name at another address', exit 3, though within one list the email tells people apart. The colleagues
    are sent now. The very same name at another address stays held whatever its email (review36, after
    761087e0: one person's work and personal emails, at the office and at home, on two departments' lists
    were sent two cards), as do the same email under a name typed otherwise (Dana / Dina Whitfield,
    dana@acme.com), the very name at the same place whatever its email, and a row without an email."""
    boston, seattle = ["12 Beacon St", "Boston", "MA", "02108"], ["88 Pine St", "Seattle", "WA", "98101"]
    q3 = [
        _row("Min Kim", "min.kim@acme.com"), _row("Mark Johnson", "mark.johnson@acme.com"),
        _row("Ann Lee", "ann.lee@acme.com"), _row("John Smith", "jsmith@acme.com", boston),
        _row("Dana Whitfield", "dana@acme.com"), _row("Bo Park", "bo@acme.com"),
        _row("Eve Stone", "eve@acme.com"),
    ]  # fmt: skip
    assert _run(capsys, tmp_path / "q3.csv", q3)[0] == 0
    sent = [
        _row("Jin Kim", "jin.kim@acme.com"), _row("Mary Johnson", "mary.johnson@acme.com"),
        _row("Anne Lee", "anne.lee@acme.com"),
    ]  # fmt: skip
    held = [
        _row("John Smith", "john.smith@globex.com", seattle),
        _row("Dina Whitfield", "DANA@acme.com"),
        _row("Bo Park", "bo.park@gmail.com"),
        _row("Eva Stone", ""),
    ]
    code, data, said = _run(capsys, tmp_path / "q4.csv", [*sent, *held])
    assert code == 3, said
    assert data["held_rows"] == len(held), said
    cards = _recipients(isolated_data_dir)
    assert [name for name in ("Jin Kim", "Mary Johnson", "Anne Lee") if cards[name] != 1] == []
    assert cards["John Smith"] == 1  # Boston's: Seattle's, of another email, may be the same man moved
    assert cards["Dina Whitfield"] == cards["Eva Stone"] == 0 and cards["Bo Park"] == 1


def test_a_namesake_of_another_email_on_another_occasion_s_list_stays_held_after_a_split_never_followed(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review50 on 1f0577ba (reverted): a list refused by --max-total (a split advised), then sent
    whole (the advice not followed); another occasion's list later holds the very name, card and value at
    another address under another email (the person moved and gave a personal email): it was ordered, exit
    0, a possible second card. The advice alone is no evidence the lists are one: held, as before."""
    seattle, phoenix = (
        ["2123 2nd Ave", "Seattle", "WA", "98101"],
        ["77 Camelback Rd", "Phoenix", "AZ", "85001"],
    )
    gifts = tmp_path / "gifts.csv"
    with gifts.open("w", newline="") as handle:
        csv.writer(handle).writerows(
            [
                HEADER,
                _row("Ivy Brooks", "ivy.brooks@acme.com", seattle),
                _row("Bob Ray", "bob@acme.com", seattle),
            ]
        )
    assert main(["run", str(gifts), "--batch", "gifts", "--max-total", "30", "--yes", "--wait", "0"]) == 1
    assert main(["run", str(gifts), "--batch", "gifts", "--yes", "--wait", "0"]) == 0
    capsys.readouterr()
    code, data, said = _run(
        capsys, tmp_path / "bday.csv", [_row("Ivy Brooks", "ivybrooks@gmail.com", phoenix)]
    )
    assert code == 3 and data["held_rows"] == 1, said
    assert _recipients(isolated_data_dir) == Counter({"Ivy Brooks": 1, "Bob Ray": 1})


SEATTLE, PHOENIX = ["2123 2nd Ave", "Seattle", "WA", "98101"], ["77 Camelback Rd", "Phoenix", "AZ", "85001"]
BOSTON, DENVER = ["12 Beacon St", "Boston", "MA", "02108"], ["5 Elm St", "Denver", "CO", "80202"]
# the first part of a list and the rest: a namesake of another email (Ivy), the same email at another address
# (Ed: one man, a duplicate within the whole list), a namesake of no email on one side (Flo)
FIRST = [
    _row("Ivy Brooks", "ivy.brooks34@example.com", SEATTLE), _row("Ed Cole", "ed@example.com", BOSTON),
    _row("Flo Diaz", "", BOSTON, "50"),
]  # fmt: skip
REST = [
    _row("Ivy Brooks", "ivy.brooks89@example.com", PHOENIX), _row("Ed Cole", "ed@example.com", DENVER),
    _row("Flo Diaz", "flo@example.com", DENVER, "50"),
]  # fmt: skip


def _refused_then_part(tmp_path: Path, capsys: pytest.CaptureFixture[str], part: list[list[str]]) -> Path:
    """dm.csv (FIRST then REST) refused by --max-total 100 under batch DM, which advises sending part of it;
    returns the whole list (the part not run yet)."""
    whole = tmp_path / "dm.csv"
    with whole.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *FIRST, *REST])
    code = main(["run", str(whole), "--batch", "DM", "--max-total", "100", "--yes", "--wait", "0"])
    assert code == 1 and "send part of the list" in " ".join(capsys.readouterr().err.split())
    return whole


def _run_part(path: Path, rows: list[list[str]]) -> int:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return main(["run", str(path), "--batch", "DM", "--max-total", "100", "--yes", "--wait", "0"])


def test_namesakes_of_a_list_split_as_advised_are_told_apart_by_their_emails(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newcomer19's N4 (1f0577ba, reverted as e2144617 for review50's case above): a marketing export (300
    contacts, each with its own email) refused by --max-total, split as the refusal advised (the first rows
    under the batch, the rest as a batch of its own): the rest held 10 namesakes of the first part's people
    (same name, card and value, another city, another email) as 'the same name at another address', exit 3,
    --allow-repeat the only way on; the whole list run as one sends them all, the email telling them apart.
    Ivy Brooks of Phoenix was in the advised batch's plan and taken out of it: sent. Ed Cole, at a new
    address under his own email, is still held (an edited address of the same person), as is Flo Diaz of
    no email. The whole list run again afterwards sends no second card."""
    whole = _refused_then_part(tmp_path, capsys, FIRST)
    assert _run_part(tmp_path / "dm-part1.csv", FIRST) == 0
    capsys.readouterr()
    code, data, said = _run(capsys, tmp_path / "dm-rest.csv", REST)
    assert code == 3 and data["held_rows"] == 2, said
    assert "Ivy Brooks" not in said, said
    assert _recipients(isolated_data_dir) == Counter({"Ivy Brooks": 2, "Ed Cole": 1, "Flo Diaz": 1})
    assert main(["run", str(whole), "--batch", "DM", "--yes", "--wait", "0"]) in (0, 3)
    # ... and sends Flo of Denver, held by the rest: the list holds two Flo Diaz, each sent when it is run
    # unsplit (within one list namesakes in two places are each sent); no one else again
    assert _recipients(isolated_data_dir) == Counter({"Ivy Brooks": 2, "Ed Cole": 1, "Flo Diaz": 2})


def test_namesakes_of_a_list_split_as_advised_are_told_apart_once_the_part_under_the_batch_has_run(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """N4 with the rest run first, against the advice: DM's plan still holds the rest's rows (Ivy and Flo of
    the rest held for it, Ed sent: a duplicate of Ed in DM's plan); then the first part under DM (Ed of
    Boston held for his card in Denver); then the rest again: Ivy of Phoenix, taken out of DM's plan, is
    sent; Flo of Denver stays held (her namesake in the first part has no email)."""
    _refused_then_part(tmp_path, capsys, FIRST)
    code, data, said = _run(capsys, tmp_path / "dm-rest.csv", REST)
    assert code == 3 and data["held_rows"] == 2, said
    assert _run_part(tmp_path / "dm-part1.csv", FIRST) == 3
    capsys.readouterr()
    code, data, said = _run(capsys, tmp_path / "dm-rest.csv", REST)
    assert code == 3 and data["held_rows"] == 1 and "Ivy Brooks" not in said, said
    assert _recipients(isolated_data_dir) == Counter({"Ivy Brooks": 2, "Ed Cole": 1, "Flo Diaz": 1})


def test_a_namesake_added_to_the_rest_of_a_split_list_stays_held(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The split followed, but the rest's Ivy Brooks (of Phoenix, another email) was never in the advised
    batch's plan (added to the rest by hand, or the rest's Ivy at another street than the list had): no
    evidence the list held two Ivys. Held, as any namesake at another address."""
    _refused_then_part(tmp_path, capsys, FIRST)
    assert _run_part(tmp_path / "dm-part1.csv", FIRST) == 0
    capsys.readouterr()
    added = [_row("Ivy Brooks", "ivy.brooks89@example.com", DENVER)]
    code, data, said = _run(capsys, tmp_path / "dm-rest.csv", added)
    assert code == 3 and data["held_rows"] == 1, said
    assert _recipients(isolated_data_dir) == Counter({"Ivy Brooks": 1, "Ed Cole": 1, "Flo Diaz": 1})


def test_a_person_whose_address_and_email_were_edited_stays_held_after_the_list_is_split(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by review52 on 1a7b1f91: a list ran (Ivy Brooks of Seattle, ivy.brooks@acme.com, sent); Ivy
    moved, and the list's row was edited to Phoenix with her personal email; more people were added and the
    list, run again under its batch, was refused by --max-total (a split advised), Ivy's edited row held
    in the plan ('If the address was corrected, that person has their card already'). Split as advised,
    the rest (Ivy, Dee) run as a batch of its own ordered Ivy a second card, exit 0: her first card was
    ordered before the advice, to the row as the list had it then, not from a part of the split list. Held,
    exit 3."""
    gifts = tmp_path / "gifts.csv"

    def write(rows: list[list[str]]) -> None:
        with gifts.open("w", newline="") as handle:
            csv.writer(handle).writerows([HEADER, *rows])

    bob, cy = _row("Bob Ray", "bob@acme.com", BOSTON), _row("Cy Lee", "cy@acme.com", BOSTON)
    ivy, dee = _row("Ivy Brooks", "ivybrooks@gmail.com", PHOENIX), _row("Dee Fox", "dee@acme.com", DENVER)
    write([_row("Ivy Brooks", "ivy.brooks@acme.com", SEATTLE), bob])
    assert main(["run", str(gifts), "--batch", "gifts", "--yes", "--wait", "0"]) == 0
    write([ivy, bob, cy, dee])
    assert main(["run", str(gifts), "--batch", "gifts", "--max-total", "30", "--yes", "--wait", "0"]) == 1
    write([bob, cy])
    assert main(["run", str(gifts), "--batch", "gifts", "--yes", "--wait", "0"]) == 0
    capsys.readouterr()
    code, data, said = _run(capsys, tmp_path / "gifts-rest.csv", [ivy, dee])
    assert code == 3 and data["held_rows"] == 1, said
    assert _recipients(isolated_data_dir) == Counter(
        {"Ivy Brooks": 1, "Bob Ray": 1, "Cy Lee": 1, "Dee Fox": 1}
    )


def test_a_person_sent_from_a_part_then_edited_and_copied_into_a_new_list_stays_held(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review52's residual of 1ab89738: the list (Ivy Brooks of Seattle, ivy.brooks@acme.com, and three
    more) refused by --max-total, split as advised; the part kept sent Ivy her card (after the advice). Ivy
    moved: her row edited to Phoenix with her personal email, held in that batch (an edit of a row
    ordered); the row copied into a new list with the people not sent yet. That list read her as a namesake
    of one list split as advised (emails differ, the card sent after the advice, the row in the batch) and
    ordered her a second card, exit 0. Her Phoenix row was never in the plan the advice was given for:
    held, exit 3; Cy and Dee are sent."""
    gifts = tmp_path / "gifts.csv"

    def write(rows: list[list[str]]) -> None:
        with gifts.open("w", newline="") as handle:
            csv.writer(handle).writerows([HEADER, *rows])

    ivy = _row("Ivy Brooks", "ivy.brooks@acme.com", SEATTLE)
    moved = _row("Ivy Brooks", "ivybrooks@gmail.com", PHOENIX)
    bob, cy = _row("Bob Ray", "bob@acme.com", BOSTON), _row("Cy Lee", "cy@acme.com", BOSTON)
    dee = _row("Dee Fox", "dee@acme.com", DENVER)
    write([ivy, bob, cy, dee])
    assert main(["run", str(gifts), "--batch", "gifts", "--max-total", "60", "--yes", "--wait", "0"]) == 1
    write([ivy, bob])
    assert main(["run", str(gifts), "--batch", "gifts", "--yes", "--wait", "0"]) == 0
    write([moved, bob])
    assert main(["run", str(gifts), "--batch", "gifts", "--yes", "--wait", "0"]) == 3  # an edit: held
    capsys.readouterr()
    code, data, said = _run(capsys, tmp_path / "gifts-rest.csv", [moved, cy, dee])
    assert code == 3 and data["held_rows"] == 1, said
    assert _recipients(isolated_data_dir) == Counter(
        {"Ivy Brooks": 1, "Bob Ray": 1, "Cy Lee": 1, "Dee Fox": 1}
    )


def test_namesakes_of_a_list_split_as_advised_are_told_apart_when_the_part_kept_sends_the_refused_plan(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-vendor31's fuzz harness (seed 43): with --max-lines 1 the part kept under the batch
    sends the refused plan's own orders (planned before the advice, sent after it); 1ab89738 read the card's
    plan time as its sending and held the rest's Ivy of Phoenix for good. The card's first sending counts."""
    one = ["--max-lines", "1", "--yes", "--wait", "0"]
    whole = tmp_path / "dm.csv"
    with whole.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *FIRST, *REST])
    assert main(["run", str(whole), "--batch", "DM", "--max-total", "100", *one]) == 1
    part = tmp_path / "dm-part1.csv"
    with part.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *FIRST])
    assert main(["run", str(part), "--batch", "DM", *one]) == 0
    rest = tmp_path / "dm-rest.csv"
    with rest.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *REST])
    capsys.readouterr()
    assert main(["run", str(rest), "--batch", "DM-REST", *one]) == 3  # Ed and Flo held
    said = " ".join(capsys.readouterr().err.split())
    assert "Ivy Brooks" not in said, said
    assert _recipients(isolated_data_dir) == Counter({"Ivy Brooks": 2, "Ed Cole": 1, "Flo Diaz": 1})
