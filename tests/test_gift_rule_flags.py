"""A CRM's flag of an official or of a marketing opt-out ('Government Official', 'Do Not Market' = true): each
was ordered, exit 0 (found by newcomer29 in a HubSpot export). The error asking now; a no or empty sends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulkship.cli import main


@pytest.mark.parametrize(
    ("header", "why"),
    [("Government Official", "gift rules may forbid a card to an official"),
     ("Public Official", "gift rules may forbid a card to an official"),
     ("Politically Exposed Person", "gift rules may forbid a card to an official"),
     ("Do Not Market", "the person opted out of marketing"),
     ("Marketing Opt Out", "the person opted out of marketing"),
     ("Opted Out of Marketing", "the person opted out of marketing")],
)  # fmt: skip
def test_an_official_or_a_marketing_opt_out_asks_before_its_card_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, why: str
) -> None:
    path = tmp_path / "crm.csv"
    rows = [f"{name},{i} Main St,Boston,MA,02134,CVS,25,{said}" for i, (name, said) in
            enumerate([("Ann Lee", "true"), ("Bob Ray", "false"), ("Cy Orr", "")], start=1)]  # fmt: skip
    path.write_text("\n".join([f"Name,Address,City,State,ZIP,Product,Value,{header}", *rows]))
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(p["row"], p["message"]) for p in data["problems"] if p["severity"] == "error"] == [
        (
            2,
            f"Row 2, column '{header}': says 'true': {why}: is this card to be sent? Check, then write No in "
            f"'{header}' to send it, or take the row off the list.",
        )
    ]
    assert (data["valid"], data["skipped"]) == (2, [])
    column = next(c for c in data["columns"] if c["header"] == header)
    assert column.get("note") == "read to ask about rows", column


def test_an_e_mail_unsubscribe_still_sends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crm.csv"
    path.write_text("Name,Address,City,State,ZIP,Product,Value,Unsubscribed,Email Opt Out\n"
                    "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,true,true\n")  # fmt: skip
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] == 1


def test_marketo_s_marketing_suspended_asks_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer30 in a Marketo lead export: 'Marketing Suspended' = true beside 'Marketing Suspended
    Reason' = 'Requested no marketing contact' was ordered, exit 0, where 'Marketing Opt Out' = true asks (the
    lead: ask, its reason's words in the question)."""
    path = tmp_path / "marketo.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Marketing Suspended,Marketing Suspended Reason\n"
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,true,Requested no marketing contact\n"
        "Bob Ray,2 Main St,Boston,MA,02134,CVS,25,false,\n"
        "Cy Orr,3 Main St,Boston,MA,02134,CVS,25,TRUE,\n"
    )
    assert main(["validate", str(path), "--json", "--out", str(tmp_path / "out")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(p["row"], p["message"]) for p in data["problems"] if p["severity"] == "error"] == [
        (
            2,
            "Row 2, column 'Marketing Suspended': says 'true' ('Marketing Suspended Reason': 'Requested no "
            "marketing contact'): the person opted out of marketing: is this card to be sent? Check, then "
            "write No in 'Marketing Suspended' to send it, or take the row off the list.",
        ),
        (
            4,
            "Row 4, column 'Marketing Suspended': says 'TRUE': the person opted out of marketing: is this "
            "card to be sent? Check, then write No in 'Marketing Suspended' to send it, or take the row off "
            "the list.",
        ),
    ]
    assert data["valid"] == 1
