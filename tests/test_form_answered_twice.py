"""A form's answers (Google Forms, Microsoft Forms: a timestamp on every answer) where one person answered
twice with another card (newcomer19's N10, taken by hunter-sheets29)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

HEAD = (
    "Email Address,What is your full name?,Street address,City,State,ZIP code,"
    "Which gift card would you like?,Anything else we should know?"
)
ROWS = (
    'ann@example.com,Ann Lee,"12 Oak Ave, Apt 3",Boston,MA,02134,CVS,\n'
    "bob@example.com,Bob Ray,2 Elm St,Boston,MA,02134,TARGET,\n"
    "cy@example.com,Cy Orr,3 Elm St,Boston,MA,02134,CVS,\n"
    "ann@example.com,Ann Lee,12 Oak Ave Apt 3,Boston,MA,02134,TARGET,changed my mind - Target please\n"
)
HR_HEAD = "Email,Name,Street,City,State,ZIP,Card,Notes"
STAMPS = ["11/28/2026 9:14:02", "11/28/2026 9:20:11", "11/28/2026 10:02:40", "11/29/2026 8:44:55"]


def sent() -> list[tuple[str, str]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    return sorted(
        (li["PhysicalDeliveryAddress"]["Name"], li["ProductId"]) for o in orders for li in o["LineItems"]
    )


def test_a_form_answered_twice_with_another_card_sends_neither_until_one_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer19 (N10): a Google Forms export where Ann answered twice, the second time with
    another card ('changed my mind - Target please'), ordered both her CVS and her Target card, exit 0, with
    only a warning, while a form answered twice with the street corrected sends neither until one row is
    kept. A list that is a form's answers (a Timestamp column) naming one person twice (the same name,
    street and email) with another card or value is an error on both rows now, asking which to keep. An
    HR list giving one person two awards (no timestamp) sent both with its warning; it holds the second now,
    one --allow-repeat away (the lead's leftover 4.1 of session 49)."""
    (tmp_path / "p.toml").write_text('[defaults]\nvalue = "25"\n')
    form = tmp_path / "responses.csv"
    lines = ROWS.splitlines(keepends=True)
    form.write_text(
        f"Timestamp,{HEAD}\n" + "".join(f"{s},{line}" for s, line in zip(STAMPS, lines, strict=True))
    )
    config = ["--config", str(tmp_path / "p.toml")]
    assert main(["validate", str(form), "--json", "--out", str(tmp_path / "out"), *config]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [p["message"] for p in problems if p["severity"] == "error"] == [
        "Row 2, column 'What is your full name?': 'Ann Lee' answered the form twice (rows 2 and 5) with "
        "another card or value: which answer is meant? Delete the other row, then run again (for two cards "
        "on purpose, write yes in an 'Allow Duplicate' column on the later one).",
        "Row 5, column 'What is your full name?': 'Ann Lee' answered the form twice (rows 2 and 5) with "
        "another card or value: which answer is meant? Delete the other row, then run again (for two cards "
        "on purpose, write yes in an 'Allow Duplicate' column on the later one).",
    ]
    assert main(["run", str(form), "--yes", "--wait", "0", "--out", str(tmp_path / "out"), *config]) == 3
    assert sent() == [("Bob Ray", "TARGET"), ("Cy Orr", "CVS")]
    hr = tmp_path / "awards.csv"  # an HR list's own headers: no question, no timestamp
    hr.write_text(f"{HR_HEAD}\n" + "".join(line for line in lines if "Ann Lee" in line))
    # ... its second card held as a probable one (the lead's leftover 4.1 of session 49), one
    # --allow-repeat away
    assert main(["run", str(hr), "--yes", "--wait", "0", "--out", str(tmp_path / "out"), *config]) == 3
    assert sent() == [("Ann Lee", "CVS"), ("Bob Ray", "TARGET"), ("Cy Orr", "CVS")]
    again = ["--yes", "--wait", "0", "--out", str(tmp_path / "out"), "--allow-repeat", *config]
    assert main(["run", str(hr), *again]) == 0
    assert sent() == [("Ann Lee", "CVS"), ("Ann Lee", "TARGET"), ("Bob Ray", "TARGET"), ("Cy Orr", "CVS")]


@pytest.mark.parametrize(
    "head",
    [
        HEAD,  # Google Forms' questions, its Timestamp column deleted by hand
        "Email,Please enter your full name,Your street address,City,State,ZIP,Card,Comments",
    ],
)
def test_a_form_answered_twice_without_its_timestamp_column_sends_neither(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], head: str
) -> None:
    """Found by hunter-sheets29 (its leftover 10), fixed by hunter-sheets30: a Google Forms export whose
    Timestamp column was deleted before it was handed on ('What is your full name?', 'Which gift card would
    you like?' as its headers) still ordered both of Ann's cards, CVS and Target, exit 0, with a warning. A
    form's questions read as the name, the address or the card mark its answers as a form's too: both of
    Ann's rows are errors asking which answer is meant; Bob and Cy are sent."""
    (tmp_path / "p.toml").write_text('[defaults]\nvalue = "25"\n')
    form = tmp_path / "responses.csv"
    form.write_text(f"{head}\n{ROWS}")
    out = ["--out", str(tmp_path / "out"), "--config", str(tmp_path / "p.toml")]
    assert main(["run", str(form), "--yes", "--wait", "0", *out]) == 3
    assert "answered the form twice (rows 2 and 5)" in capsys.readouterr().err
    assert sent() == [("Bob Ray", "TARGET"), ("Cy Orr", "CVS")]


def test_a_list_read_as_a_form_by_its_your_name_header_says_no_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hunter-sheets30's leftover 4, reworded by hunter-sheets31: a list whose name header is 'Your Name'
    (no stamp column, no header asking a question) is read as a form's answers, Ann's two rows with two
    cards errors (safe: neither sent), but each said "'Ann Lee' answered the form twice" of a list that may
    be no form. Now said without the form; Bob is sent."""
    path = tmp_path / "awards.csv"
    path.write_text(
        "Email,Your Name,Street,City,State,ZIP,Card,Value\n"
        "a@example.com,Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n"
        "a@example.com,Ann Lee,1 Main St,Boston,MA,02134,TARGET,25\n"
        "b@example.com,Bob Ray,2 Main St,Boston,MA,02134,CVS,25\n"
    )
    assert main(["run", str(path), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 3
    said = " ".join(capsys.readouterr().err.split())
    assert "Row 2, column 'Your Name': 'Ann Lee' is on rows 2 and 3 with another card or value" in said
    assert "answered the form" not in said
    assert sent() == [("Bob Ray", "CVS")]
