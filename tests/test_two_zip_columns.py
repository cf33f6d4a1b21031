"""'Zip' and 'Zip Code' both on a list (hunter-sheets29's leftover 5, fixed by hunter-sheets30)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulkship.cli import main

HEAD = "Name,Address,City,State,Zip,Zip Code,Card,Amount\n"


def test_zip_and_zip_code_alike_on_every_row_read_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list with 'Zip' and 'Zip Code' (the field's name and its title, both its own) holding the same ZIP
    on every row ('2134' beside '02134' too: Excel ate one zero) was refused, exit 2, as two ZIP columns to
    choose from, though there was nothing to choose. 'Zip' is read, 'Zip Code' set aside, said. One row
    where they differ refuses the list as before: which is right is the person's to say."""
    sheet = tmp_path / "list.csv"
    rows = (
        "Ann Lee,1 Main St,Boston,MA,02134,02134,TARGET,25\nBob Ray,2 Elm St,Boston,MA,2134,02134,TARGET,25\n"
    )
    sheet.write_text(HEAD + rows)
    assert main(["validate", str(sheet), "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Zip Code' (F) is not used: it says what 'Zip' says on every row" in said, said
    sheet.write_text(HEAD + rows + "Cy Orr,3 Elm St,Boston,MA,02134,02135,TARGET,25\n")
    assert main(["validate", str(sheet), "--out", str(tmp_path / "out")]) == 2
    assert "Columns 'Zip' (E) and 'Zip Code' (F) both look like ZIP Code" in capsys.readouterr().err


SHOPIFY = (
    "First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,Country,Country Code,"
    "Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,Tax Exempt,Card,Value\n"
    "Ann,Lee,ann@x.com,,1 Main St,Apt 2,Boston,Massachusetts,MA,United States,US,'02134,,yes,120.50,3,,,no,"
    "CVS,25\n"
    "Bob,Ray,bob@x.com,,2 Elm St,,Newark,New Jersey,NJ,United States,US,'07102,,no,0.00,0,,,no,CVS,25\n"
)


def test_province_and_province_code_alike_on_every_row_read_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets32: Shopify's customers export has 'Province' (Massachusetts) and 'Province
    Code' (MA), neither the state's own title; the list was refused, exit 2, "Columns 'Province' (H) and
    'Province Code' (I) both look like State". Saying the same state on every row, the code is read and
    the other set aside, said; one row where they differ refuses the list as before."""
    sheet = tmp_path / "customers_export.csv"
    sheet.write_text(SHOPIFY)
    assert main(["validate", str(sheet), "--out", str(tmp_path / "out")]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "Column 'Province' (H) is not used: it says what 'Province Code' says on every row" in said, said
    sheet.write_text(SHOPIFY.replace("New Jersey,NJ", "New York,NJ"))
    assert main(["validate", str(sheet), "--out", str(tmp_path / "out")]) == 2
    assert "Columns 'Province' (H) and 'Province Code' (I) both look like State" in capsys.readouterr().err
