"""A CRM's 'Description' column, where sales reps type their remarks, read as a Notes column is (newcomer20's
N6, given to hunter-sheets30 by the lead); a 'Description' of the card on every row is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import embedded_sandbox_orders

from bulkship.cli import main
from bulkship.settings import resolve_settings

SALESFORCE = (
    "First Name,Last Name,Title,Account Name,Mailing Street,Mailing City,Mailing State/Province,"
    "Mailing Zip/Postal Code,Email,Email Opt Out,Description\n"
    "Ann,Lee,VP Sales,Acme,1 Main St,Boston,MA,02134,ann@acme.test,0,per Kim: hold for Q1\n"
    'Bob,Ray,CTO,Beta,2 Elm St,Boston,MA,02134,bob@beta.test,0,"new address: 55 Summer St, Boston MA 02110"\n'
    "Cy,Orr,CFO,Gamma,3 Oak St,Boston,MA,02134,cy@gamma.test,0,VIP - send Visa $100 instead\n"
    "Dee,Fox,COO,Delta,4 Elm St,Boston,MA,02134,dee@delta.test,0,returned mail 11/2026\n"
    "Ed,Wu,CEO,Eps,5 Elm St,Boston,MA,02134,ed@eps.test,0,\n"
    'Flo,Ma,Director,Zeta,6 Elm St,Boston,MA,02134,flo@zeta.test,0,"Met at Dreamforce, decision maker"\n'
)


def sent() -> list[tuple[str, str, float]]:
    orders = embedded_sandbox_orders(resolve_settings().data_dir)
    lines = [li for order in orders for li in order["LineItems"]]
    return sorted((li["PhysicalDeliveryAddress"]["Name"], li["ProductId"], li["Value"]) for li in lines)


def test_a_salesforce_description_of_remarks_is_read_as_notes(tmp_path: Path) -> None:
    """A Salesforce contact report's 'Description' (the field reps type remarks into) was listed under
    'Columns not used': 'per Kim: hold for Q1' and 'returned mail 11/2026' were ordered, 'new address: 55
    Summer St, ...' sent to the old street, 'VIP - send Visa $100 instead' at 25: six cards, exit 0. Read
    as Notes are now: Ann and Dee left out, said; Bob's and Cy's rows errors to fix; Ed and Flo sent."""
    (tmp_path / "p.toml").write_text('[defaults]\nproduct = "CVS"\nvalue = "25"\n')
    report = tmp_path / "contacts.csv"
    report.write_text(SALESFORCE)
    out = ["--out", str(tmp_path / "out"), "--config", str(tmp_path / "p.toml")]
    assert main(["run", str(report), "--yes", "--wait", "0", *out]) == 3
    assert sent() == [("Ed Wu", "CVS", 25.0), ("Flo Ma", "CVS", 25.0)]


def test_a_description_of_the_card_on_every_row_is_no_remark(tmp_path: Path) -> None:
    """The other side: a list copied from an order form, its 'Description' the card's on every row ('CVS
    gift card, shipped in a greeting card'), is no note saying the card was shipped: every row sent."""
    rows = "".join(
        f'{name},{i} Main St,Boston,MA,02134,CVS,25,"CVS gift card, shipped in a greeting card"\n'
        for i, name in enumerate(["Ann Lee", "Bob Ray", "Cy Orr"], start=1)
    )
    form = tmp_path / "order.csv"
    form.write_text("Name,Address,City,State,ZIP,Product,Value,Description\n" + rows)
    assert main(["run", str(form), "--yes", "--wait", "0", "--out", str(tmp_path / "out")]) == 0
    assert sent() == [("Ann Lee", "CVS", 25.0), ("Bob Ray", "CVS", 25.0), ("Cy Orr", "CVS", 25.0)]


def test_a_description_of_remarks_is_listed_as_read_to_leave_rows_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """newcomer20's N9: `bulkship validate` listed the 'Description' that left rows out under 'Columns not
    used' (read as safe to delete). Listed among the columns read to leave rows out now."""
    (tmp_path / "p.toml").write_text('[defaults]\nproduct = "CVS"\nvalue = "25"\n')
    report = tmp_path / "contacts.csv"
    report.write_text(SALESFORCE)
    out = ["--out", str(tmp_path / "out"), "--config", str(tmp_path / "p.toml")]
    assert main(["validate", str(report), *out]) == 1
    said = capsys.readouterr().out
    assert "Columns read only to leave rows out: 'Description'" in said, said
    assert "'Description'" not in said.split("Columns not used:")[-1]


def test_the_columns_page_marks_a_description_of_remarks_as_read_to_leave_rows_out(tmp_path: Path) -> None:
    """After f58c1d2e (review51's twin for the web page): the Columns page passed the header alone, and
    the Description that left Ann and Dee out read '— not used —' with the badge 'not used' (a person may
    delete it from the list). It reads '— no order field: read to leave rows out —' there now, as
    `validate` lists it; a Description of the card on every row stays 'not used'."""
    import re
    from dataclasses import replace

    from starlette.testclient import TestClient
    from test_web import upload

    from bulkship.web import create_app

    settings = replace(resolve_settings(), out_dir=tmp_path / "results")
    form = "Name,Address,City,State,ZIP,Product,Value,Description\n" + "".join(
        f'{name},{i} Main St,Boston,MA,02134,CVS,25,"CVS gift card, shipped in a greeting card"\n'
        for i, name in enumerate(["Ann Lee", "Bob Ray"], start=1)
    )
    (tmp_path / "contacts.csv").write_text(SALESFORCE)
    (tmp_path / "order.csv").write_text(form)
    badges = {}
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        for name in ("contacts", "order"):
            upload(client, tmp_path / f"{name}.csv", name=name)
            page = client.get(f"/batches/{name}/columns").text
            row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?Description(?:(?!</tr>).)*</tr>", page, re.S)
            assert row is not None, page
            badges[name] = re.findall(r'<span class="badge[^"]*">([^<]+)</span>', row.group(0))
    assert badges == {"contacts": ["read to leave rows out"], "order": ["not used"]}, badges
