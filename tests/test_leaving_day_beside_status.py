"""A leaving day passed beside an HR status saying the person works here (a UKG or ADP export keeps a
rehired worker's last 'Termination Date'): rehired, sent, the row saying why; plainly active, the error
asking. Found by newcomer28: each was left out, said only as a note quoting the Excel serial."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulkship.cli import main

HEADER = "Name,Address,City,State,ZIP,Product,Value,Employment Status,Termination Date,Date of Death\n"


def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[str]) -> dict:
    path = tmp_path / "ukg.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows))
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    return json.loads(capsys.readouterr().out)


def test_a_rehired_worker_s_earlier_leaving_day_sends_and_a_plain_active_status_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    street = "Boston,MA,02134,CVS,25"
    data = validate(
        tmp_path,
        capsys,
        [
            f"Ann Lee,1 Main St,{street},Active - Rehire,45000,",  # 2023-03-15, an earlier stint's
            f"Bob Ray,2 Main St,{street},Rehired,2025-03-01,",
            f"Cy Orr,3 Main St,{street},A,45000,",  # at work, left: which is it?
            f"Dee Fox,4 Main St,{street},T,45000,",
            f"Eve Kim,5 Main St,{street},A,2099-01-15,",  # leaving later: sent until then, as before
            f"Fay Wu,6 Main St,{street},Terminated - Rehire Eligible,45000,",
            f"Gus Ng,7 Main St,{street},Rehired,45000,45000",  # a death is no earlier stint's
            f"Hal Poe,8 Main St,{street},,45000,",  # a day alone: said as the day it is
        ],
    )
    skipped = {s["row"]: s["reason"] for s in data["skipped"]}
    assert sorted(skipped) == [5, 7, 8, 9], skipped
    assert "(column 'Termination Date': '45000', the day 2023-03-15)" in skipped[9], skipped[9]
    errors = [p["message"] for p in data["problems"] if p["severity"] == "error"]
    assert errors == [
        "Row 4, column 'Termination Date': the person left on 2023-03-15 (the cell reads '45000'), where "
        "'Employment Status' says 'A' (at work): which is right? Clear 'Termination Date' to send the card "
        "(a rehire keeps the day of an earlier leaving), or take the row off the list."
    ]
    warned = sorted(p["row"] for p in data["problems"] if "as an earlier stint" in p["message"])
    assert warned == [2, 3] and (data["valid"], data["invalid"]) == (3, 1), data["problems"]


def test_an_active_flag_s_yes_beside_a_passed_leaving_day_asks_as_status_a_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Workday's 'Active Status' = Yes beside a rehire's earlier 'Termination Date' (found by newcomer29: left
    out, said as a note only, where 'Employment Status' = A asks)."""
    path = tmp_path / "workday.csv"
    street = "Boston,MA,02134,CVS,25"
    rows = [
        f"Ann Lee,1 Main St,{street},Yes,3/15/2019",  # at work, left: which is it?
        f"Bob Ray,2 Main St,{street},1,45000",
        f"Cy Orr,3 Main St,{street},No,45000",  # left, as both cells say
        f"Dee Fox,4 Main St,{street},Yes,2099-01-15",  # leaving later: sent until then, as before
        f"Eve Kim,5 Main St,{street},Yes,",
    ]
    header = "Name,Address,City,State,ZIP,Product,Value,Active Status,Termination Date"
    path.write_text("\n".join([header, *rows]))
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert [s["row"] for s in data["skipped"]] == [4], data["skipped"]
    errors = {p["row"]: p["message"] for p in data["problems"] if p["severity"] == "error"}
    assert sorted(errors) == [2, 3] and (data["valid"], data["invalid"]) == (2, 2), data["problems"]
    assert errors[2] == (
        "Row 2, column 'Termination Date': the person left on 2019-03-15 (the cell reads '3/15/2019'), where "
        "'Active Status' says 'Yes' (at work): which is right? Clear 'Termination Date' to send the card (a "
        "rehire keeps the day of an earlier leaving), or take the row off the list."
    )


def test_a_note_saying_the_rehire_after_the_leaving_day_sends_and_one_without_its_day_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Workday export's 'Comments' = 'rehire 6/3/2019' beside 'Termination Date' = 3/15/2019 (found by
    newcomer29: left out, a note only): the day read as an earlier stint's, as a status 'Rehired' is."""
    path = tmp_path / "workday.csv"
    street = "Boston,MA,02134,CVS,25"
    rows = [
        f"Ann Lee,1 Main St,{street},3/15/2019,rehire 6/3/2019",  # back after it: sent, saying so
        f"Bob Ray,2 Main St,{street},3/15/2019,rehired 2/1/2019",  # back before it, then left: left out
        f"Cy Orr,3 Main St,{street},3/15/2019,rehired eff 1/15/2027",  # back later: left out until then
        f"Dee Fox,4 Main St,{street},3/15/2019,rehired",  # which stint's? asked
        f"Eve Kim,5 Main St,{street},,rehired 6/3/2019",  # no leaving day: sent, as before
    ]
    path.write_text("\n".join(["Name,Address,City,State,ZIP,Product,Value,Termination Date,Comments", *rows]))
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert [s["row"] for s in data["skipped"]] == [3, 4], data["skipped"]
    said = {p["row"]: (p["severity"], p["message"]) for p in data["problems"]}
    assert said == {
        2: (
            "warning",
            "Row 2, column 'Termination Date': the person left on 2019-03-15 (the cell reads '3/15/2019'), "
            "and 'Comments' says 'rehire 6/3/2019': sent, the day read as an earlier stint's.",
        ),
        5: (
            "error",
            "Row 5, column 'Termination Date': the person left on 2019-03-15 (the cell reads '3/15/2019'), "
            "where 'Comments' says 'rehired' (without its day): which is right? Clear 'Termination Date' to "
            "send the card (a rehire keeps the day of an earlier leaving), or take the row off the list.",
        ),
    }, said
    assert (data["valid"], data["invalid"]) == (2, 1)


def test_an_active_flag_s_yes_saying_the_rehire_sends_as_a_status_rehired_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Active Status' = 'Y (rehire)' beside a passed 'Termination Date' was left out where 'Y' asks (found by
    review75 checking 7d9ec19f): the rehire's own words, sent saying so, as Status 'Rehired' is."""
    path = tmp_path / "workday.csv"
    street = "Boston,MA,02134,CVS,25"
    rows = [
        f"Ann Lee,1 Main St,{street},Y (rehire),45000",
        f"Bob Ray,2 Main St,{street},N (rehire eligible),45000",
    ]
    path.write_text(
        "\n".join(["Name,Address,City,State,ZIP,Product,Value,Active Status,Termination Date", *rows])
    )
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert [s["row"] for s in data["skipped"]] == [3], data["skipped"]
    assert [(p["row"], p["severity"], p["message"]) for p in data["problems"]] == [
        (
            2,
            "warning",
            "Row 2, column 'Termination Date': the person left on 2023-03-15 (the cell reads '45000'), and "
            "'Active Status' says 'Y (rehire)': sent, the day read as an earlier stint's.",
        )
    ]


def test_a_rehire_day_after_the_leaving_sends_and_its_reason_or_a_status_code_still_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A UKG Pro export keeps a rehired worker's earlier stint whole: 'Termination Date' and 'Termination
    Reason' beside 'Employee Status' = Active and a later 'Last Hire Date' (found by newcomer30: left out,
    said as a note only; the reason kept the row from being asked, and 'Status Code' = A was not read as
    at work)."""
    path = tmp_path / "ukg.csv"
    street = "Boston,MA,02134,CVS,25"
    rows = [
        f"Ann Lee,1 Main St,{street},Active,A,06/03/2019,03/15/2019,Voluntary - Relocation",  # back: sent
        f"Bob Ray,2 Main St,{street},Active,A,02/01/2017,03/15/2019,Voluntary - Relocation",  # which? asked
        f"Cy Orr,3 Main St,{street},,A,,03/15/2019,",  # the code says at work: asked
        f"Dee Fox,4 Main St,{street},Terminated,T,06/03/2019,03/15/2019,Involuntary",  # left, as it says
        f"Eve Kim,5 Main St,{street},,,06/03/2019,03/15/2019,",  # back after it, no status: sent
        f"Fay Wu,6 Main St,{street},,,01/15/2099,03/15/2019,",  # back on a day to come: left out until then
        f"Gus Ng,7 Main St,{street},,,02/01/2019,03/15/2019,Voluntary",  # back before it, then left
    ]
    header = (
        "Name,Address,City,State,ZIP,Product,Value,Employee Status,Status Code,Last Hire Date,"
        "Termination Date,Termination Reason"
    )
    path.write_text("\n".join([header, *rows]))
    main(["validate", str(path), "--json", "--out", str(tmp_path / "out")])
    data = json.loads(capsys.readouterr().out)
    assert [s["row"] for s in data["skipped"]] == [5, 7, 8], data["skipped"]
    said = {p["row"]: (p["severity"], p["message"]) for p in data["problems"]}
    assert said[2] == (
        "warning",
        "Row 2, column 'Termination Date': the person left on 2019-03-15 (the cell reads '03/15/2019'), and "
        "'Last Hire Date' says '06/03/2019': sent, the day read as an earlier stint's.",
    )
    assert said[6][0] == "warning" and "'Last Hire Date' says '06/03/2019'" in said[6][1], said
    assert said[3] == (
        "error",
        "Row 3, column 'Termination Date': the person left on 2019-03-15 (the cell reads '03/15/2019'), "
        "where 'Employee Status' says 'Active' (at work): which is right? Clear 'Termination Date' to send "
        "the card (a rehire keeps the day of an earlier leaving), or take the row off the list.",
    )
    assert said[4][0] == "error" and "where 'Status Code' says 'A' (at work)" in said[4][1], said
    assert sorted(said) == [2, 3, 4, 6] and (data["valid"], data["invalid"]) == (2, 2), said
