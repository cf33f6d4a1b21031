"""The Columns page's 'Where each field comes from' names a preferred name's column where it is read (found by
newcomer31: a Workday export's Legal First Name | Legal Last Name | Preferred First Name read 'First Name:
“Legal First Name”' and 'Name: made of “Legal First Name” and “Legal Last Name”', while the column's own note
said 'preferred name: used where filled in' and Kate's card said Kate Lee)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from starlette.testclient import TestClient
from test_web import upload

from bulkship.settings import resolve_settings
from bulkship.web import create_app


def test_the_fields_table_says_a_preferred_first_name_is_read_where_filled_in(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    sheet = tmp_path / "anniversaries.csv"
    sheet.write_text(
        "Employee ID,Legal First Name,Legal Last Name,Preferred First Name,Home Address Line 1,Home City,"
        "Home State,Home Postal Code,Gift Card,Gift Amount\n"
        "101,Katherine,Lee,Kate,1 Main St,Boston,MA,02134,CVS,25\n"
        "102,Maria,Lopez,,2 Main St,Boston,MA,02134,CVS,25\n"
    )
    settings = replace(resolve_settings(), out_dir=tmp_path / "out")
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        upload(client, sheet, name="december")
        page = client.get("/batches/december/columns").text
    table = page[page.index('id="fields"') :]
    rows = re.findall(r"<tr><td>(.*?)</td>\s*<td>(.*?)</td></tr>", table[: table.index("</table>")], re.S)
    came = {re.sub(r"<[^>]+>", "", field).strip(): html.unescape(source) for field, source in rows}
    assert came["First Name"] == "“Preferred First Name” where filled in, else “Legal First Name”", came
    assert came["Last Name"] == "“Legal Last Name”", came
