"""validate() on real files: normalisations reported as warnings, every error with its row and exact words."""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from intake_fixtures import sandbox_catalog

from bulkship.errors import MissingColumnsError
from bulkship.load import load_sheet
from bulkship.models import CANONICAL_COLUMNS, FINGERPRINT, ROW, STATUS, ValidationResult
from bulkship.program import ProgramSettings
from bulkship.validate import validate

HEADER = (
    "Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount,Card Carrier,Allow Duplicate"
)


def run(
    tmp_path: Path, *rows: str, header: str = HEADER, program: ProgramSettings | None = None
) -> ValidationResult:
    path = tmp_path / "recipients.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return validate(load_sheet(path, program=program), sandbox_catalog(), program=program)


def messages(result: ValidationResult, severity: str = "error") -> list[str]:
    return [p.message for p in result.problems if p.severity == severity]


def test_clean_row_is_valid_with_defaults_and_derived_name(tmp_path: Path) -> None:
    result = run(tmp_path, "E1,Ann,Lee,1 Main St,Boston,MA,02134,CVS,50,,")
    row = result.rows.loc[2]
    assert set(CANONICAL_COLUMNS) | {ROW, STATUS, FINGERPRINT} <= set(result.rows.columns)
    assert row[STATUS] == "valid" and row[ROW] == 2
    assert row["name"] == "Ann Lee"
    assert (row["quantity"], row["shipping_method"], row["carrier_id"], row["country"]) == (
        "1",
        "STANDARD",
        "DEFAULT",
        "US",
    )
    assert result.problems == ()


def test_rows_passing_every_structural_check_are_not_handed_to_pandera_and_a_failure_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pandera words what fails, at ~10 ms a list even of 5 rows: a list passing every check skips it; a
    failing one is handed to it a failing column at a time (hunter-hostile7: a million rows failing six
    columns made six million failure cases at once)."""
    from bulkship.validate.rules import structure

    asked: list[object] = []
    real = structure._schema

    def schema(contract: Any, name: str) -> Any:
        asked.append(name)
        return real(contract, name)

    monkeypatch.setattr(structure, "_schema", schema)
    assert run(tmp_path, "E1,Ann,Lee,1 Main St,Boston,MA,02134,CVS,50,,").problems == ()
    assert asked == []
    failed = run(
        tmp_path, "E1,Ann,Lee,,Boston,MA,02134,CVS,50,,", "E2,Bo,Ray,2 Main St,Boston,MA,021345,CVS,50,,"
    )
    assert asked == ["address1", "zip"]  # the columns failing, no other
    assert messages(failed) == [
        "Row 2, column 'Address': is empty; fill in the street address.",
        "Row 3, column 'Zip Code': '021345' is not a US ZIP code; use 5 digits (e.g. 02134) or ZIP+4 (02134-1234).",
    ]


def test_normalisations_are_applied_and_reported(tmp_path: Path) -> None:
    result = run(tmp_path, "E1,Ann,Lee,1  Main St,Boston,massachusetts,2134,cvs pharmacy,$100.00,,")
    row = result.rows.loc[2]
    assert (row["address1"], row["state"], row["zip"], row["product"]) == ("1 Main St", "MA", "02134", "CVS")
    assert messages(result, "warning") == [
        "Row 2, column 'Address': extra spaces or invisible characters removed; now reads '1 Main St'.",
        "Row 2, column 'Zip Code': ZIP 2134 repaired to 02134 (state MA); Excel had dropped its leading zero. "
        "Format the column as Text to keep it.",
        "Row 2, column 'Product': 'cvs pharmacy' read as product CVS.",
    ]  # '$100.00' is read as 100 without a word: an ordinary amount
    assert row[STATUS] == "valid"


def test_states_and_the_us_written_out_in_full_are_said_once_not_on_every_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer8, left for hunter-sheets18: a Salesforce report of 2,000 contacts writing
    'Massachusetts' and 'United States' on every row was warned 4,000 times ('State changed to its code',
    'Country changed to its code'), every row 'with warnings' on the web page, the one real warning (an
    Excel-eaten ZIP) buried. A name written out in full is read as its code and said once for the column;
    'N.Y.' or 'Mass.' is still said on its row."""
    from bulkship.cli import main

    path = tmp_path / "report.csv"
    path.write_text(
        "First Name,Last Name,Mailing Street,Mailing City,Mailing State/Province,Mailing Zip/Postal Code,"
        "Mailing Country,Product,Value\n"
        + "".join(
            f"Ann{i},Lee,{i} Main St,Boston,{state},{zip_code},United States,CVS,25\n"
            for i, (state, zip_code) in enumerate(
                [
                    ("Massachusetts", "02134"),
                    ("massachusetts ", "02134"),
                    ("New York", "10001"),
                    ("N.Y.", "10001"),
                    ("MA", "02134"),
                ]
            )
        )
        + "Bo,Ray,9 Main St,Boston,Massachusetts,2134,USA,CVS,25\n"
    )
    loaded = load_sheet(path)
    assert loaded.notices == (
        "Column 'Mailing State/Province' writes states out in full on 4 row(s), each read as its code "
        "(Massachusetts as MA, massachusetts as MA, New York as NY): said here once, not as a warning on "
        "every row.",
        "Column 'Mailing Country' writes the country out in full on 6 row(s), each read as its code (United "
        "States as US, USA as US): said here once, not as a warning on every row.",
    )
    result = validate(loaded, sandbox_catalog())
    assert result.rows["state"].tolist() == ["MA", "MA", "NY", "NY", "MA", "MA"]
    assert set(result.rows["country"]) == {"US"}
    assert messages(result, "warning") == [
        "Row 5, column 'Mailing State/Province': 'N.Y.' changed to NY.",
        "Row 7, column 'Mailing Zip/Postal Code': ZIP 2134 repaired to 02134 (state MA); Excel had dropped its "
        "leading zero. Format the column as Text to keep it.",
    ]
    assert main(["validate", str(path), "--out", str(tmp_path / "out")]) == 0
    said = capsys.readouterr()
    assert "1  State changed to its code (warning)" in said.out + said.err  # N.Y.
    assert "Country changed to its code" not in said.out + said.err
    assert "writes states out in full on 4 row(s)" in said.out + said.err


def test_a_card_named_as_people_write_it_is_read_as_its_product(tmp_path: Path) -> None:
    """Found by hunter-sheets2: 'Home Depot', 'VISA PREPAID', 'Target Gift Card', 'Target GC' were each
    refused as no product of the catalog. A card two products could be, or one not in the catalog, still is."""
    from bulkship.models import Product
    from bulkship.validate.rules import product_ids

    cards = [
        "Home Depot",
        "VISA PREPAID",
        "visa prepaid gift card",
        "Target Gift Card",
        "target gc",
        "homedepot",
    ]
    carrier = ["", "THANKYOU", "THANKYOU", "", "", ""]
    rows = [f"E{i},Ann,Lee{i},{i} Main St,Boston,MA,02134,{c},50,{carrier[i]}," for i, c in enumerate(cards)]
    result = run(tmp_path, *rows, "E9,Bo,Ray,9 Main St,Boston,MA,02134,Walmart,50,,")
    assert result.rows["product"].tolist() == [
        "HOMEDEPOT", "VISA-PREPAID", "VISA-PREPAID", "TARGET", "TARGET", "HOMEDEPOT", "Walmart",
    ]  # fmt: skip
    assert result.rows[STATUS].tolist() == ["valid"] * 6 + ["invalid"]
    catalog = sandbox_catalog()
    twin = Product("TARGET-CA", "Target", "Physical", "Fixed", (), ("PhysicalShipment",))
    catalog.products["TARGET-CA"] = twin
    lookup = product_ids(catalog)
    assert "target gift card" not in lookup and lookup["target-ca"] == "TARGET-CA"


def test_zip_errors_name_the_users_header(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "E1,Ann,Lee,1 Main St,Boston,MA,1234X,CVS,50,,",
        "E2,Bob,Ray,1 Main St,Los Angeles,CA,2134,CVS,50,,",
        "E3,Cy,Orr,1 Main St,Austin,CA,78701,CVS,50,,",
        "E4,Di,Pan,1 Main St,Boston,MA,021341234,CVS,50,,",
    )
    assert messages(result) == [
        "Row 2, column 'Zip Code': '1234X' is not a US ZIP code; use 5 digits (e.g. 02134) or ZIP+4 "
        "(02134-1234).",
        "Row 3, column 'Zip Code': '2134' is not a US ZIP code; if Excel dropped a leading zero, 0-padding it "
        "does not match state CA. Type the full 5-digit ZIP (e.g. 02134) in a Text-formatted column.",
        "Row 4, column 'Zip Code': ZIP 78701 is not in state CA; check both against the recipient's address.",
    ]
    assert result.rows.loc[5, "zip"] == "02134-1234"
    assert result.rows[STATUS].tolist() == ["invalid", "invalid", "invalid", "valid"]


def test_catalog_rules(tmp_path: Path) -> None:
    result = run(
        tmp_path,
        "E1,Ann,Lee,1 Main St,Boston,MA,02134,STARBUCKS-XL,50,,",
        "E2,Ann,Lee,1 Main St,Boston,MA,02134,AMAZON,50,,",
        "E3,Ann,Lee,1 Main St,Boston,MA,02134,TARGET,30,,",
        "E4,Ann,Lee,1 Main St,Boston,MA,02134,VISA-PREPAID,600,ANNIVERSARY,",
        "E5,Ann,Lee,1 Main St,Boston,MA,02134,VISA-PREPAID,20.50,Birthday,",
        "E6,Ann,Lee,1 Main St,Boston,MA,02134,CVS,25,BIRTHDAY,",
        'E7,Ann,Lee,1 Main St,Boston,MA,02134,CVS,"25,50",,',
    )
    assert messages(result) == [
        "Row 2, column 'Product': 'STARBUCKS-XL' is not a product in the vendor catalog; use one of CVS, "
        "HOMEDEPOT, TARGET, VISA-PREPAID.",
        "Row 3, column 'Product': AMAZON is a digital-only card and cannot be shipped as a physical card; use "
        "one of CVS, HOMEDEPOT, TARGET, VISA-PREPAID.",
        "Row 4, column 'Amount': 30 is not a value TARGET comes in; use one of 25, 50, 100, 250.",
        "Row 5, column 'Amount': 600 is outside the range VISA-PREPAID accepts: 20 to 500.",
        "Row 7, column 'Card Carrier': 'BIRTHDAY' is not a card carrier for CVS; use DEFAULT or leave it empty.",
        "Row 8, column 'Amount': '25,50' is written with a decimal comma, which bulkship does not guess at (a "
        "comma also separates thousands); write it with a point, 25.50, or save the file with '.' as the "
        "decimal separator.",
    ]
    assert result.rows.loc[6, "carrier_id"] == "BIRTHDAY" and result.rows.loc[6, "value"] == "20.50"


def test_a_digital_card_s_row_is_told_the_cards_that_come_in_its_value(tmp_path: Path) -> None:
    """Found by newcomer17: an HR list's 'Amazon' 150 was told 'use one of CVS, HOMEDEPOT, TARGET,
    VISA-PREPAID'; the HR coordinator typed Target on Fix these and the next run refused 'TARGET 150'. The
    error names the cards that come in the row's value, and what the others come in; a value every card (or
    none) comes in, or no amount, keeps the whole list."""
    result = run(
        tmp_path,
        "E1,Ann,Lee,1 Main St,Boston,MA,02134,AMAZON,150,,",
        "E2,Bo,Ray,2 Main St,Boston,MA,02134,AMAZON,50,,",
    )
    assert messages(result) == [
        "Row 2, column 'Product': AMAZON is a digital-only card and cannot be shipped as a physical card; use "
        "one of VISA-PREPAID: the card that comes in 150 (the others: CVS 10, 25, 50, 100; HOMEDEPOT 25, 50, "
        "100; TARGET 25, 50, 100, 250).",
        "Row 3, column 'Product': AMAZON is a digital-only card and cannot be shipped as a physical card; use "
        "one of CVS, HOMEDEPOT, TARGET, VISA-PREPAID.",
    ]


def test_an_amount_in_another_currency_is_named_so_with_its_fix(tmp_path: Path) -> None:
    """Found by hunter-sheets12: '€ 50,00' (a European list's amount) was refused with only "is not an
    amount; use a number such as 50 or 25.50", no word of the euro sign or the decimal comma (where '25,00'
    alone was told both its fault and its fix). Each such amount names its currency, that a card's value is
    in US dollars, and the decimal comma when it has one; '$50' still reads."""
    result = run(
        tmp_path,
        'E1,Ann,Lee,1 Main St,Boston,MA,02134,CVS,"€ 50,00",,',
        "E2,Ann,Lee,1 Main St,Boston,MA,02134,CVS,50 €,,",
        "E3,Ann,Lee,1 Main St,Boston,MA,02134,CVS,GBP 25,,",
        "E4,Ann,Lee,1 Main St,Boston,MA,02134,CVS,$50,,",
    )
    assert messages(result) == [
        "Row 2, column 'Amount': '€ 50,00' is an amount in €, and a card's value is in US dollars; type the"
        " value in dollars as a plain number, such as 50 or 25.50 (with a point, not a comma).",
        "Row 3, column 'Amount': '50 €' is an amount in €, and a card's value is in US dollars; type the"
        " value in dollars as a plain number, such as 50 or 25.50.",
        "Row 4, column 'Amount': 'GBP 25' is an amount in GBP, and a card's value is in US dollars; type the"
        " value in dollars as a plain number, such as 50 or 25.50.",
    ]


def test_a_dollar_of_another_country_is_named_so_with_its_fix(tmp_path: Path) -> None:
    """Found by hunter-money33: a Canadian or Australian list's 'CA$25', 'C$25', 'AU$50', '$25 CAD', '25.00
    (CAD)' and '25 euros' read only "is not an amount; use a number such as 50 or 25.50", where 'CAD 25'
    named its currency: a person typing '25' then sent 25 US dollars with no word that the list's were
    Canadian. Each names its currency now; 'US$25' and '$25 USD' still read."""
    result = run(
        tmp_path,
        "E1,Ann,Lee,1 Main St,Boston,MA,02134,CVS,CA$25,,",
        "E2,Ann,Lee,1 Main St,Boston,MA,02134,CVS,C$25,,",
        "E3,Ann,Lee,1 Main St,Boston,MA,02134,CVS,AU$50,,",
        "E4,Ann,Lee,1 Main St,Boston,MA,02134,CVS,$25 CAD,,",
        "E5,Ann,Lee,1 Main St,Boston,MA,02134,CVS,25.00 (CAD),,",
        "E6,Ann,Lee,1 Main St,Boston,MA,02134,CVS,25 euros,,",
        "E7,Ann,Lee,1 Main St,Boston,MA,02134,CVS,US$25,,",
        "E8,Bo,Ray,2 Main St,Boston,MA,02134,CVS,$25 USD,,",
    )
    named = [(v, c) for v, c in [("CA$25", "CAD"), ("C$25", "CAD"), ("AU$50", "AUD"), ("$25 CAD", "CAD")]]
    named += [("25.00 (CAD)", "CAD"), ("25 euros", "EUR")]
    assert messages(result) == [
        f"Row {row}, column 'Amount': '{value}' is an amount in {currency}, and a card's value is in US"
        " dollars; type the value in dollars as a plain number, such as 50 or 25.50."
        for row, (value, currency) in enumerate(named, start=2)
    ]


def test_quantity_shipping_and_required_fields(tmp_path: Path) -> None:
    header = "Name,Address,City,State,ZIP,Product,Value,Qty,Shipping"
    result = run(
        tmp_path,
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,0,Standard",
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,1001,overnight",
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,2,Teleport",
        ",,Boston,MA,02134,CVS,50,1,",
        header=header,
    )
    assert messages(result) == [
        "Row 2, column 'Qty': 0 cards is outside what one line may order: 1 to 1000.",
        "Row 3, column 'Qty': 1001 cards is outside what one line may order: 1 to 1000.",
        "Row 4, column 'Shipping': 'Teleport' is not a shipping method; use one of STANDARD (about 7 days), "
        "EXPEDITED (about 3 days), OVERNIGHT (about 1 day).",
        "Row 5, column 'Name': is empty; fill in the recipient's name, or First Name and Last Name.",
        "Row 5, column 'Address': is empty; fill in the street address.",
    ]
    assert result.rows.loc[3, "shipping_method"] == "OVERNIGHT"


def test_a_shipping_choice_written_as_a_form_labels_it_is_read_as_its_method(tmp_path: Path) -> None:
    """A form's dropdown saves its label, "Standard (5-7 days)": the method it opens with, said as a name read
    as an id. A note in brackets after a word that is no method is still an unknown method."""
    header = "Name,Address,City,State,ZIP,Product,Value,Shipping"
    result = run(
        tmp_path,
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Standard (5-7 days)",
        "Bo Ray,2 Main St,Boston,MA,02134,CVS,50,overnight (FedEx)",
        "Cy Fox,3 Main St,Boston,MA,02134,CVS,50,Teleport (instant)",
        "Di Lu,4 Main St,Boston,MA,02134,CVS,50,Expedited",
        header=header,
    )
    assert list(result.rows["shipping_method"]) == [
        "STANDARD",
        "OVERNIGHT",
        "Teleport (instant)",
        "EXPEDITED",
    ]
    assert messages(result) == [
        "Row 4, column 'Shipping': 'Teleport (instant)' is not a shipping method; use one of STANDARD (about 7 "
        "days), EXPEDITED (about 3 days), OVERNIGHT (about 1 day)."
    ]
    assert messages(result, "warning") == [
        "Row 2, column 'Shipping': 'Standard (5-7 days)' read as shipping method STANDARD.",
        "Row 3, column 'Shipping': 'overnight (FedEx)' read as shipping method OVERNIGHT.",
    ]


def test_a_shop_s_shipping_named_with_the_word_shipping_is_read_as_its_method(tmp_path: Path) -> None:
    """Found by hunter-falsealarm3: a Wix orders export's 'Delivery method' = Standard Shipping (eBay's
    'Shipping Service' too) was an error on every row, "'Standard Shipping' is not a shipping method", nothing
    sent. The method it names before 'Shipping' or 'Delivery' is read, said as a name read as an id; a
    shop's own kind of shipping ('Free Shipping', 'Flat rate') names no method and stays an error."""
    header = "Name,Address,City,State,ZIP,Product,Value,Shipping Method"
    result = run(
        tmp_path,
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,50,Standard Shipping",
        "Bo Ray,2 Main St,Boston,MA,02134,CVS,50,Expedited shipping (2-3 days)",
        "Cy Fox,3 Main St,Boston,MA,02134,CVS,50,Overnight Delivery",
        "Di Lu,4 Main St,Boston,MA,02134,CVS,50,Free Shipping",
        header=header,
    )
    assert list(result.rows["shipping_method"]) == ["STANDARD", "EXPEDITED", "OVERNIGHT", "Free Shipping"]
    assert messages(result) == [
        "Row 5, column 'Shipping Method': 'Free Shipping' is not a shipping method; use one of STANDARD (about "
        "7 days), EXPEDITED (about 3 days), OVERNIGHT (about 1 day)."
    ]
    assert messages(result, "warning") == [
        "Row 2, column 'Shipping Method': 'Standard Shipping' read as shipping method STANDARD.",
        "Row 3, column 'Shipping Method': 'Expedited shipping (2-3 days)' read as shipping method EXPEDITED.",
        "Row 4, column 'Shipping Method': 'Overnight Delivery' read as shipping method OVERNIGHT.",
    ]


def test_an_empty_name_of_a_first_and_last_name_list_is_said_of_its_own_columns(tmp_path: Path) -> None:
    """Found by newcomer2: a row with no name in a list of First Name and Last Name said "column 'Name': is
    empty; fill in the recipient's name, or First Name and Last Name", a column the list does not have."""
    result = run(
        tmp_path,
        "Ann,Lee,1 Main St,Boston,MA,02134,CVS,50",
        ",,2 Main St,Boston,MA,02134,CVS,50",
        header="First Name,Last Name,Address,City,State,ZIP,Product,Value",
    )
    assert messages(result) == [
        "Row 3, column 'First Name': is empty, as is 'Last Name'; fill in the recipient's name."
    ]
    assert [(p.row, p.column) for p in result.problems] == [(3, "first_name")]


def test_military_po_box_and_country(tmp_path: Path) -> None:
    header = "Name,Address,City,State,ZIP,Country,Product,Value"
    rows = (
        "Ann Lee,Unit 2050 Box 4190,APO,AP,96278,,TARGET,50",
        "Bob Ray,PSC 1234 Box 5678,Miami,AE,09012,USA,TARGET,50",
        "Cy Orr,1 Main St,APO,MA,02134,,TARGET,50",
        "Di Pan,P.O. Box 12,Boston,MA,02134,,TARGET,50",
        "Ed Fay,1 King St,Toronto,MA,02134,Canada,TARGET,50",
    )
    result = run(tmp_path, *rows, header=header)
    assert messages(result) == [
        "Row 3, column 'City': state AE is for military mail; the city must be APO, FPO or DPO, not 'Miami'.",
        "Row 4, column 'State': military mail to APO needs state AA, AE or AP, not 'MA'.",
        "Row 6, column 'Country': 'Canada': physical gift cards ship to US addresses only (including APO/FPO/DPO).",
    ]
    assert any(
        m.startswith("Row 5, column 'Address': 'P.O. Box 12' is a PO box")
        for m in messages(result, "warning")
    )
    assert result.rows.loc[3, "country"] == "US"
    strict = run(tmp_path, *rows, header=header, program=ProgramSettings(reject_po_boxes=True))
    assert strict.rows.loc[5, STATUS] == "invalid"


def test_duplicates_and_allow_duplicate_fingerprints(tmp_path: Path) -> None:
    row = "E1,Ann,Lee,1 Main St,Boston,MA,02134,CVS,50,,"
    result = run(tmp_path, row, row.replace("Ann,Lee", "ANN,LEE"), row + "yes", row + "Yes")
    assert result.rows[STATUS].tolist() == ["valid", "duplicate", "valid", "valid"]
    assert messages(result) == [
        "Row 3, column 'First Name': same recipient, address and card as row 2; it will not be sent twice. To send it "
        "again on purpose, put yes in the 'Allow Duplicate' column."
    ]
    fingerprints = result.rows[FINGERPRINT].tolist()
    assert fingerprints[1] == fingerprints[0] and len(fingerprints[0]) == 32
    assert fingerprints[2:] == [fingerprints[0] + "#3", fingerprints[0] + "#4"]
    assert result.summary().by_problem == {"Duplicate row": 1}


def test_fingerprint_is_the_same_for_csv_and_xlsx(tmp_path: Path) -> None:
    csv_result = run(tmp_path, "E1,Ann,Lee,1 Main St,Boston,MA,02134,CVS,50,,")
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["E1", "Ann", "Lee", "1 Main St", "Boston", "Massachusetts", 2134, "CVS", 50.0])
    book.save(tmp_path / "same.xlsx")
    xlsx_result = validate(load_sheet(tmp_path / "same.xlsx"), sandbox_catalog())
    assert xlsx_result.rows.loc[2, FINGERPRINT] == csv_result.rows.loc[2, FINGERPRINT]
    again = validate(load_sheet(tmp_path / "same.xlsx"), sandbox_catalog())
    assert again.rows.loc[2, FINGERPRINT] == xlsx_result.rows.loc[2, FINGERPRINT]


def test_scientific_notation_and_invisible_characters(tmp_path: Path) -> None:
    result = run(tmp_path, "1.23457E+11,An\u200bn,Lee,1 Main St,Boston,MA,02134,CVS,50,,")
    assert messages(result) == [
        "Row 2, column 'Employee ID': '1.23457E+11' is a number Excel shortened to scientific notation; the "
        "original digits are lost. Format the column as Text in the source file and export it again."
    ]
    assert result.rows.loc[2, "first_name"] == "Ann"


def test_missing_required_columns_stop_the_file(tmp_path: Path) -> None:
    with pytest.raises(MissingColumnsError) as error:
        run(tmp_path, "Ann Lee,Boston,MA", header="Name,City,State")
    assert error.value.message.endswith(
        "lacks required column(s): Address Line 1, ZIP Code, Product, Value. Its headers are: 'Name', 'City', "
        "'State'"
    )
    assert error.value.exit_code == 2


def test_program_defaults_fill_missing_columns(tmp_path: Path) -> None:
    program = ProgramSettings(
        defaults={"product": "VISA-PREPAID", "value": "50", "carrier_id": "ANNIVERSARY"}
    )
    result = run(
        tmp_path, "Ann Lee,1 Main St,Boston,MA,02134", header="Name,Address,City,State,ZIP", program=program
    )
    row = result.rows.loc[2]
    assert (row["product"], row["value"], row["carrier_id"], row[STATUS]) == (
        "VISA-PREPAID",
        "50",
        "ANNIVERSARY",
        "valid",
    )


def test_a_shipping_method_priced_in_another_currency_or_unreadably_is_refused(tmp_path: Path) -> None:
    """Found by review6: a vendor price of {"Amount": 9.95, "CurrencyCode": "EUR"} or "24,95 €" was read
    as 0.00 (free shipping) and the plan's total, the approval threshold and --max-total were short of it."""
    from bulkship.client.parse import parse_shipping_method

    catalog = sandbox_catalog()
    for raw in (
        {"Id": "EXPEDITED", "Name": "Expedited", "Price": {"Amount": 9.95, "CurrencyCode": "EUR"}},
        {"Id": "OVERNIGHT", "Name": "Overnight", "Price": "24,95 €"},
        {"Id": "STANDARD", "Name": "Standard", "Price": "0.00", "CurrencyCode": "USD"},
    ):
        method = parse_shipping_method(raw)
        assert method is not None
        catalog.shipping_methods[method.id] = method
    path = tmp_path / "recipients.csv"
    rows = [
        "Name,Address,City,State,ZIP,Product,Amount,Shipping Method",
        "Ann Lee,1 Main St,Boston,MA,02134,CVS,25,EXPEDITED",
        "Bo Park,2 Elm St,Boston,MA,02134,CVS,25,OVERNIGHT",
        "Cy Doe,3 Elm St,Boston,MA,02134,CVS,25,",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = validate(load_sheet(path), catalog)
    assert result.rows["status"].tolist() == ["invalid", "invalid", "valid"]
    said = " ".join(messages(result))
    assert "EXPEDITED is priced in EUR" in said and "gives OVERNIGHT no price bulkship can read" in said


def test_a_card_priced_in_another_currency_is_refused(tmp_path: Path) -> None:
    """Found by helper vendor3: a catalog product in CAD was planned, totalled and written as dollars."""
    from dataclasses import replace

    catalog = sandbox_catalog()
    catalog.products["TARGET"] = replace(catalog.products["TARGET"], currency="CAD")
    path = tmp_path / "recipients.csv"
    rows = [
        "E1,Ann,Lee,1 Main St,Boston,MA,02134,TARGET,25,,",
        "E2,Bo,Park,2 Elm St,Boston,MA,02134,CVS,25,,",
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    result = validate(load_sheet(path), catalog)
    assert messages(result) == [
        "Row 2, column 'Product': TARGET is priced in CAD; bulkship orders and adds up in US dollars only, so it "
        "is not sent. Choose a card priced in USD."
    ]
    assert result.rows["status"].tolist() == ["invalid", "valid"]


def test_a_placeholder_for_a_name_street_or_city_is_an_error_never_a_parcel(tmp_path: Path) -> None:
    """Found by newcomer6: "TBD", "N/A", "same as above", "-" were valid addresses: cards to nowhere."""
    header = "Name,Address,City,State,ZIP,Product,Value"
    result = run(
        tmp_path,
        "Ann Lee,TBD,Boston,MA,02134,CVS,25",
        "Bob Ray,Same as above,Boston,MA,02134,CVS,25",
        "TBD,3 Oak St,Boston,MA,02134,CVS,25",
        "Cy Orr,4 Elm St,N/A,MA,02134,CVS,25",
        "Di Fox,5 Ash St,Boston,MA,02134,CVS,25",
        header=header,
    )
    assert result.rows[STATUS].tolist() == ["invalid", "invalid", "invalid", "invalid", "valid"]
    assert "Row 2, column 'Address': 'TBD' is a placeholder, not a street address" in messages(result)[0]


def test_a_placeholder_in_the_first_or_last_name_is_an_error_never_a_parcel(tmp_path: Path) -> None:
    """Found by hunter-sheets24: an Eventbrite attendee export writes 'Info Requested' in the First and Last
    Name of a guest whose details nobody gave; a hand-made list 'TBD', 'Unknown', 'N/A' in either: each row
    was valid and its card addressed to 'Info Requested Info Requested', 'TBD TBD' or 'Ann TBD', exit 0,
    where 'TBD' under Name is an error. A placeholder in either name is an error on its own cell; a one-letter
    name (Malcolm X), 'Guest' (a family name) and a real name still send."""
    header = "First Name,Last Name,Address,City,State,ZIP,Product,Value"
    result = run(
        tmp_path,
        "Info Requested,Info Requested,1 Main St,Boston,MA,02134,CVS,25",
        "TBD,TBD,2 Main St,Boston,MA,02134,CVS,25",
        "Ann,TBD,3 Main St,Boston,MA,02134,CVS,25",
        "Unknown,Lee,4 Main St,Boston,MA,02134,CVS,25",
        "Bo,N/A,5 Main St,Boston,MA,02134,CVS,25",
        "Cy,Not Provided,6 Main St,Boston,MA,02134,CVS,25",
        "Malcolm,X,7 Main St,Boston,MA,02134,CVS,25",
        "Christopher,Guest,8 Main St,Boston,MA,02134,CVS,25",
        "Di,Fox,9 Main St,Boston,MA,02134,CVS,25",
        header=header,
    )
    assert result.rows[STATUS].tolist() == [*["invalid"] * 6, "valid", "valid", "valid"]
    assert "Row 4, column 'Last Name': 'TBD' is a placeholder, not a name" in " ".join(messages(result))


def test_a_name_a_placeholder_s_letters_spell_is_a_name(tmp_path: Path) -> None:
    """Found by review39 reviewing cf1de8d1: Jin Na (Na, a Korean family name and given name: 나) was refused,
    'Row 2, column 'Last Name': 'Na' is a placeholder', and nothing typed could send his card. 'Na' and 'NA' (as
    exports capitalise) in a First or Last Name are names; 'N/A' is still a placeholder."""
    header = "First Name,Last Name,Address,City,State,ZIP,Product,Value"
    result = run(
        tmp_path,
        "Jin,Na,1 Main St,Boston,MA,02134,CVS,25",
        "Na,Kim,2 Main St,Boston,MA,02134,CVS,25",
        "SOO,NA,3 Main St,Boston,MA,02134,CVS,25",
        "Bo,N/A,4 Main St,Boston,MA,02134,CVS,25",
        header=header,
    )
    assert result.rows[STATUS].tolist() == ["valid", "valid", "valid", "invalid"]


def test_one_person_is_sent_or_refused_alike_however_the_list_splits_her_name(tmp_path: Path) -> None:
    """hunter-sheets25's leftover 1: Ann None (None, an Italian family name) was refused as a placeholder when
    the list split her name into First and Last Name, sent when it wrote 'Ann None' in one cell; and 'Di
    TBD', 'Unknown Lee', 'Info Requested Info Requested' in a Name column were sent to those words, where
    the same in First and Last Name is an error. A family name 'None' is sent either way, said on its row
    (a list meaning 'no family name' clears the cell); a placeholder's words first or last in a whole name
    are an error as in its parts. Not 'Na', 'Same' or one letter (Jin Na, Gus Same, Malcolm X)."""
    header = "First Name,Last Name,Name,Address,City,State,ZIP,Product,Value"
    result = run(
        tmp_path,
        "Ann,None,,1 Main St,Boston,MA,02134,CVS,25",
        ",,Bo None,2 Main St,Boston,MA,02134,CVS,25",
        ",,Di TBD,3 Main St,Boston,MA,02134,CVS,25",
        "Di,TBD,,4 Main St,Boston,MA,02134,CVS,25",
        ",,Unknown Lee,5 Main St,Boston,MA,02134,CVS,25",
        ",,Info Requested Info Requested,6 Main St,Boston,MA,02134,CVS,25",
        ",,Fay Pending,7 Main St,Boston,MA,02134,CVS,25",
        ",,None Lee,8 Main St,Boston,MA,02134,CVS,25",
        ",,Jin Na,9 Main St,Boston,MA,02134,CVS,25",
        ",,Gus Same,10 Main St,Boston,MA,02134,CVS,25",
        ",,Malcolm X,11 Main St,Boston,MA,02134,CVS,25",
        header=header,
    )
    assert result.rows[STATUS].tolist() == ["valid", "valid", *["invalid"] * 6, "valid", "valid", "valid"]
    assert result.rows["name"].tolist()[:2] == ["Ann None", "Bo None"]
    said = " ".join(messages(result) + messages(result, "warning"))
    assert (
        "Row 2, column 'Last Name': 'None' is read as a family name: the parcel is addressed to Ann None."
        in said
    )
    assert "Row 3, column 'Name': 'Bo None' is sent as written, 'None' read as a family name." in said
    assert "Row 4, column 'Name': 'Di TBD' holds a placeholder, 'TBD', not a name" in said
    assert "Row 5, column 'Last Name': 'TBD' is a placeholder, not a name" in said


def test_a_name_saying_who_the_gift_is_for_is_an_error(tmp_path: Path) -> None:
    """Found by newcomer6: "Recipient" = Self / Spouse beside "Employee": parcels addressed to "Self"."""
    header = "Employee,Recipient,Address,City,State,ZIP,Product,Value"
    result = run(
        tmp_path,
        "Ann Lee,Self,1 Main St,Boston,MA,02134,CVS,25",
        "Ann Lee,Spouse,1 Main St,Boston,MA,02134,CVS,25",
        "Bob Ray,Bob Ray,2 Main St,Boston,MA,02134,CVS,25",
        header=header,
    )
    assert result.rows[STATUS].tolist() == ["invalid", "invalid", "valid"]
    assert "'Self' says who the gift is for, not the recipient's name" in messages(result)[0]


def test_a_cell_too_long_is_quoted_by_its_start_only(tmp_path: Path) -> None:
    """Found by hunter-sheets14: a 200,000-character street (up to [limits] cell_kb is read) was quoted whole in
    its message: a 200 KB line on the terminal and in the web page's list. Its start is quoted, and its
    length said."""
    street = "1 Main St " + "x" * 199_990
    result = run(tmp_path, f"E1,Ann,Lee,{street},Boston,MA,02134,CVS,50,,")
    (message,) = [m for m in messages(result) if "characters long" in m]
    assert message.startswith(f"Row 2, column 'Address': '{street[:40]}…' is 200,000 characters long")
    assert len(message) < 300


def test_long_cells_are_quoted_by_their_start_in_every_message(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets14 (its leftover 2): after 9eae875 only the 'too long' message quoted a cell by
    its start. A 40,000-character 'do not send - x x ...' note, a State of 'Massachusetts ' 3,000 times and
    a 20,000-digit ZIP made `bulkship validate` print lines of 40,130, 42,109 and 20,094 characters (the
    notice of rows not to send; 'is not a US state'; 'is not a US ZIP code'). Each is quoted by its start
    and its length; the rows are still left out or refused."""
    from bulkship.cli import main

    path = tmp_path / "long.csv"
    note = "do not send - " + "x " * 20_000
    path.write_text(
        "Name,Address,City,State,ZIP,Product,Value,Notes\n"
        f"Ann Lee,1 Main St,Boston,MA,02134,CVS,50,{note}\n"
        f"Bob Ray,2 Main St,Boston,{'Massachusetts ' * 3000},02134,CVS,50,\n"
        f"Cy Orr,3 Main St,Boston,MA,{'02130' * 4000},CVS,50,\n"
    )

    main(["validate", str(path), "--out", str(tmp_path / "out")])

    said = capsys.readouterr()
    err = said.out + said.err
    assert max(len(line) for line in err.splitlines()) < 300, max(err.splitlines(), key=len)[:300]
    assert (
        "row 2 (column 'Notes': 'do not send - x x x x x x x x x x x x x x x x x x x x x x x … (40,013 characters)')"
        in err
    )
    assert (
        "Row 3, column 'State': 'MASSACHUSETTS MASSACHUSETTS MASSACHUSETTS MASSACHUSETTS MASS… (41,999 characters)' is not a US state"
        in err
    )
    assert "Row 4, column 'ZIP': '" + "02130" * 12 + "… (20,000 characters)' is not a US ZIP code" in err
