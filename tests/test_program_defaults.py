"""Program [defaults] fill empty cells: the default amount is for the default product only, and a default
landing in a column the person has is said on its row (nobody wrote that value there)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from intake_fixtures import sandbox_catalog

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.program import ProgramSettings, load_program
from bulkship.validate import validate

HEADER = "Name,Address,City,State,ZIP,Card,Amount\n"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_a_default_amount_is_not_given_to_a_row_naming_another_card(tmp_path: Path) -> None:
    path = tmp_path / "partial.csv"
    path.write_text(
        HEADER
        + "Ann Lee,1 Main St,Boston,MA,02134,,\n"
        + "Bob Ray,2 Elm St,Boston,MA,02134,TARGET,50\n"
        + "Cat Orr,3 Oak St,Boston,MA,02134,TARGET,\n"
    )
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    rows = result.rows.set_index("row")
    assert rows.loc[2, ["product", "value", "status"]].tolist() == ["CVS", "25", "valid"]
    assert rows.loc[3, ["product", "value", "status"]].tolist() == ["TARGET", "50", "valid"]
    assert rows.loc[4, "status"] == "invalid"  # was ordered TARGET 25
    errors = [p.message for p in result.problems if p.severity == "error"]
    assert errors == [
        "Row 4, column 'Amount': is empty; the default amount 25 in the program settings is for CVS cards, "
        "not TARGET: write this card's amount."
    ]


def test_a_list_with_no_amount_column_is_told_where_to_write_another_card_s_amount(tmp_path: Path) -> None:
    """Found by newcomer5: a Typeform download where people chose their card has no amount column; a row
    choosing another card than the program's default was told "column 'Value': is empty ... write this card's
    amount", a column the list does not have."""
    path = tmp_path / "chosen.csv"
    path.write_text("Name,Address,City,State,ZIP,Card\nAnn Lee,1 Main St,Boston,MA,02134,TARGET\n")
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    assert [p.message for p in result.problems if p.severity == "error"] == [
        "Row 2, column 'Value': is empty; the default amount 25 in the program settings is for CVS cards, "
        "not TARGET: add a column 'Value' to the list and write this card's amount."
    ]


def test_defaults_filling_the_persons_own_empty_cells_are_said_on_those_rows(tmp_path: Path) -> None:
    path = tmp_path / "partial.csv"
    path.write_text(HEADER + "Ann Lee,1 Main St,Boston,MA,02134,,\nBob Ray,2 Elm St,Boston,MA,02134,CVS,50\n")
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    said = [(p.row, p.column, p.message) for p in result.problems if p.severity == "warning"]
    assert said == [
        (2, "product", "Row 2, column 'Card': is empty: CVS taken from the program settings' [defaults]."),
        (2, "value", "Row 2, column 'Amount': is empty: 25 taken from the program settings' [defaults]."),
    ]


def test_a_column_the_sheet_lacks_takes_the_default_quietly(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name,Address,City,State,ZIP\nAnn Lee,1 Main St,Boston,MA,02134\n")
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    assert result.rows[["product", "value", "status"]].values.tolist() == [["CVS", "25", "valid"]]
    assert result.problems == ()


def test_a_row_naming_the_default_card_by_its_name_takes_the_default_amount(tmp_path: Path) -> None:
    """Found by review10: "CVS Pharmacy" with its Amount empty, under a program default of CVS 25, was an
    error saying the default amount "is for CVS cards, not CVS Pharmacy", beside "'CVS Pharmacy' read as
    product CVS"."""
    path = tmp_path / "named.csv"
    path.write_text(
        HEADER + "Ann Lee,1 Main St,Boston,MA,02134,CVS Pharmacy,\nBo Ray,2 Elm St,Boston,MA,02134,cvs,\n"
    )
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    assert result.rows[["product", "value", "status"]].values.tolist() == [["CVS", "25", "valid"]] * 2


def test_a_default_card_carrier_goes_with_the_default_card_only(tmp_path: Path) -> None:
    """Found by newcomer9: a program of Visa cards in a HOLIDAY sleeve made a CVS row of the same list
    invalid: "'' is not a card carrier for CVS; use DEFAULT or leave it empty", for a cell left empty."""
    path = tmp_path / "mixed.csv"
    path.write_text(
        HEADER + "Ann Lee,1 Main St,Boston,MA,02134,CVS,25\nBo Ray,2 Elm St,Boston,MA,02134,,\n"
        "Cy Orr,3 Oak St,Boston,MA,02134,TARGET,25\n"
    )
    program = ProgramSettings(defaults={"product": "VISA-PREPAID", "value": "100", "carrier_id": "HOLIDAY"})
    result = validate(load_sheet(path, program=program), sandbox_catalog(), program=program)
    assert result.rows[["product", "carrier_id", "status"]].values.tolist() == [
        ["CVS", "DEFAULT", "valid"],
        ["VISA-PREPAID", "HOLIDAY", "valid"],
        ["TARGET", "DEFAULT", "valid"],
    ]


def test_a_card_named_in_a_column_not_read_is_an_error_beside_the_default_card(tmp_path: Path) -> None:
    """A program whose default card is CVS and a list naming each person's card under a header bulkship
    does not read ("Gift Choice" = Target): every row got CVS, the column listed as not used. A row naming
    the default card, or none, is sent; last year's cards say nothing of this list's."""
    path = tmp_path / "choices.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Gift Choice,Last Year Card\n"
        "Ann Lee,1 Main St,Boston,MA,02134,Target,STARBUCKS\n"
        "Bob Ray,2 Elm St,Boston,MA,02134,CVS,TARGET\n"
        "Cat Orr,3 Oak St,Boston,MA,02134,,TARGET\n"
    )
    program = ProgramSettings(defaults={"product": "CVS", "value": "25"})
    result = validate(load_sheet(path), sandbox_catalog(), program=program)
    assert result.rows["status"].tolist() == ["invalid", "valid", "valid"]
    assert [p.message for p in result.problems if p.severity == "error"] == [
        "Row 2, column 'Product': 'Gift Choice' names TARGET, but no column is read as the card: this row "
        "would get CVS, the program's default. Read the column as the card ([columns] product = \"Gift "
        'Choice", or the Columns page), or empty its cell.'
    ]
    chosen = ProgramSettings(defaults={"product": "CVS", "value": "25"}, columns={"product": "Gift Choice"})
    result = validate(load_sheet(path, program=chosen), sandbox_catalog(), program=chosen)
    assert result.rows["product"].tolist() == ["TARGET", "CVS", "CVS"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[default]\nproduct = "CVS"\n', "'default' is no setting"),  # no default taken, in silence
        ('[program]\nshet = "Staff"\n', "[program] 'shet' is no setting"),  # another sheet read
        ("repeat_window_days = 30\n", "'repeat_window_days' is no setting"),  # outside [program]
        ('[program]\ninclude_hidden = "no"\n', "include_hidden must be true or false"),  # "no" was true
        ('[program]\nreject_po_boxes = "false"\n', "reject_po_boxes must be true or false"),
    ],
)
def test_a_program_file_setting_bulkship_would_misread_is_refused(text, said, tmp_path: Path, capsys) -> None:
    """A misspelt key or section was dropped in silence (the hidden rows a person wanted left out were sent
    with include_hidden = "no", read as true): each is now one error naming it, and nothing is read."""
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    config = tmp_path / "program.toml"
    config.write_text(text)
    assert main(["validate", str(sheet), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert load_program(SAMPLES / "program.toml").name  # the sample and a saved profile's sections read


def test_a_card_or_shipping_method_given_for_every_row_is_named_in_what_is_said_of_it(tmp_path: Path) -> None:
    """Found by newcomer8: an ADP list with no card column, "Visa gift card" typed as the Product for every
    row on the Columns page (or a program's [defaults]), read on each row "column 'Product': '' is not a
    product in the vendor catalog", the empty quotes where the person had typed a card; "'' read as product
    VISA-PREPAID" and "'' is not a shipping method" likewise. What was given for every row is said, as the
    card carrier's is."""
    path = tmp_path / "adp.csv"
    path.write_text("Name,Address,City,State,ZIP,Amount\nAnn Lee,1 Main St,Boston,MA,02134,50\n")

    def said(defaults: dict[str, str]) -> list[str]:
        program = ProgramSettings(defaults=defaults)
        result = validate(load_sheet(path, program=program), sandbox_catalog(), program=program)
        return [p.message for p in result.problems]

    assert said({"product": "Amex gift card", "shipping_method": "2-day"}) == [
        "Row 2, column 'Product': is empty, and 'Amex gift card', the product given for every row, is not a "
        "product in the vendor catalog: give every row one of CVS, HOMEDEPOT, TARGET, VISA-PREPAID, "
        "or add a column for it to the list.",
        "Row 2, column 'Shipping Method': is empty, and '2-day', the shipping method given for every row, "
        "is not one: give every row one of STANDARD (about 7 days), EXPEDITED (about 3 days), OVERNIGHT "
        "(about 1 day), or add a column for it to the list.",
    ]
    assert said({"product": "Visa Prepaid"}) == []  # said once, of the list (next test)
    written = tmp_path / "cards.csv"  # a cell of the list's own still says what it holds
    written.write_text(
        "Name,Address,City,State,ZIP,Card,Amount,Shipping Method\n"
        "Ann Lee,1 Main St,Boston,MA,02134,Amex,50,2-day\n"
    )
    result = validate(load_sheet(written), sandbox_catalog())
    assert [p.message for p in result.problems] == [
        "Row 2, column 'Card': 'Amex' is not a product in the vendor catalog; use one of CVS, HOMEDEPOT, "
        "TARGET, VISA-PREPAID.",
        "Row 2, column 'Shipping Method': '2-day' is not a shipping method; use one of STANDARD (about 7 "
        "days), EXPEDITED (about 3 days), OVERNIGHT (about 1 day).",
    ]


def test_a_card_or_carrier_given_for_every_row_by_its_name_is_said_once_not_on_every_row(
    tmp_path: Path,
) -> None:
    """Found by newcomer10: a mailing of 240 rows given 'Thank you' as the card carrier for every row (the
    Columns page, or [defaults]) said "is empty: the card carrier given for every row, 'Thank you', read as
    THANKYOU" on each row: 240 rows with a warning, the 27 streets split over two lines lost among them. It
    is said once, with the list's notices."""
    from dataclasses import replace

    from bulkship.models import CardCarrier

    catalog = sandbox_catalog()
    visa = catalog.products["VISA-PREPAID"]
    carriers = tuple(CardCarrier(c.id, "Thank You") if c.id == "THANKYOU" else c for c in visa.card_carriers)
    catalog = replace(catalog, products={**catalog.products, visa.id: replace(visa, card_carriers=carriers)})
    path = tmp_path / "mailing.csv"
    path.write_text(
        "Name,Address,City,State,ZIP\nAnn Lee,1 Main St,Boston,MA,02134\n"
        'Bo Ray,"2 Main St\nApt 4",Boston,MA,02134\n'
    )
    program = ProgramSettings(defaults={"product": "Visa Prepaid", "value": "50", "carrier_id": "Thank you"})
    result = validate(load_sheet(path, program=program), catalog, program=program)
    assert [p.row for p in result.problems] == []  # its street on two lines: a notice too (hunter-sheets19)
    assert any("writes the street on more than one line on 1 row(s)" in n for n in result.sheet.notices)
    assert result.sheet.notices[-2:] == (
        "The product given for every row, 'Visa Prepaid', is read as VISA-PREPAID (2 row(s)): said here "
        "once, not as a warning on every row.",
        "The card carrier given for every row, 'Thank you', is read as THANKYOU (2 row(s)): said here once, "
        "not as a warning on every row.",
    )


def test_a_card_given_for_every_row_counts_only_the_rows_the_list_orders(tmp_path: Path) -> None:
    """Found by newcomer11 (left over, fixed by newcomer12): a Workday list of 7 people, one 'Terminated',
    given 'Visa' for every row on the Columns page (or in [defaults]): the cost page of 6 cards said "'Visa',
    is read as VISA-PREPAID (7 row(s))", a card too many, the left-out row counted. The rows the list leaves
    out (a status, a hidden row) are not counted; a notice of no row ordered is not said."""
    path = tmp_path / "workday.csv"
    path.write_text(
        "Worker Status,Name,Address,City,State,ZIP,Amount\n"
        "Active,Ann Lee,1 Main St,Boston,MA,02134,50\n"
        "Terminated,Bo Ray,2 Elm St,Boston,MA,02134,50\n"
        "On Leave,Cy Orr,3 Oak St,Boston,MA,02134,50\n"
    )
    from bulkship.models import CardCarrier

    catalog = sandbox_catalog()
    visa = catalog.products["VISA-PREPAID"]
    carriers = tuple(CardCarrier(c.id, "Thank You") if c.id == "THANKYOU" else c for c in visa.card_carriers)
    catalog = replace(catalog, products={**catalog.products, visa.id: replace(visa, card_carriers=carriers)})
    program = ProgramSettings(defaults={"product": "Visa", "carrier_id": "thank you"})
    result = validate(load_sheet(path, program=program), catalog, program=program)
    assert result.rows.set_index("row")["status"].to_dict() == {2: "valid", 3: "skipped", 4: "valid"}
    said = [n for n in result.sheet.notices if "given for every row" in n]
    assert said == [
        "The product given for every row, 'Visa', is read as VISA-PREPAID (2 row(s)): said here once, not "
        "as a warning on every row.",
        "The card carrier given for every row, 'thank you', is read as THANKYOU (2 row(s)): said here once, "
        "not as a warning on every row.",
    ]
    left = tmp_path / "left.csv"
    left.write_text(path.read_text().replace("Active", "Terminated").replace("On Leave", "Resigned"))
    result = validate(load_sheet(left, program=program), catalog, program=program)
    assert set(result.rows["status"]) == {"skipped"}
    assert not [n for n in result.sheet.notices if "given for every row" in n]


def test_a_default_amount_no_row_gets_because_a_column_gives_every_row_its_own_is_said(
    tmp_path: Path, capsys
) -> None:
    """Found by newcomer8: marketing's program file gives every recipient a 25.00 Visa ([defaults] value),
    and a Salesforce report of closed deals holds the deal's 'Amount' (120, 250, 480, 12,000): the column won
    over the default, as documented, and 17 Visas of 120.00 to 480.00 (3,381.15) were planned with no word
    that the program's 25 went to no row. Said with the plan now; a default filling some rows says nothing."""
    path = tmp_path / "deals.csv"
    path.write_text(
        "Account Name,Amount,First Name,Last Name,Street,City,State,ZIP\n"
        "Acme Inc,120,Ann,Lee,1 State St,Boston,MA,02109\n"
        'Beta LLC,"12,000",Bo,Ray,2 State St,Boston,MA,02109\n'
        "Cato Co,480,Cy,Fox,3 State St,Boston,MA,02109\n"
    )
    (tmp_path / "bulkship.toml").write_text('[defaults]\nproduct = "VISA-PREPAID"\nvalue = "25"\n')
    assert main(["validate", str(path), "--out", str(tmp_path)]) == 1
    said = " ".join(capsys.readouterr().err.split())
    assert (
        "Column 'Amount' gives every row an amount of its own (120.00 to 12,000.00): the default amount 25 "
        f"of the program settings ([defaults] value in {tmp_path / 'bulkship.toml'}) goes to no row. If "
        "'Amount' is not the card's amount (a deal's, a budget), leave it out with [columns] value = \"\" "
        "there, and every row gets 25."
    ) in said, said
    path.write_text(  # the default fills an empty cell: it is used, nothing more to say
        "Name,Amount,Street,City,State,ZIP\nAnn Lee,50,1 State St,Boston,MA,02109\n"
        "Bo Ray,,2 State St,Boston,MA,02109\n"
    )
    main(["validate", str(path), "--out", str(tmp_path)])
    assert "goes to no row" not in capsys.readouterr().err


def test_a_card_named_by_its_brand_alone_is_the_one_card_of_that_brand(tmp_path: Path) -> None:
    """Found by newcomer8, left for hunter-sheets18: a bare 'Visa' (or 'Visa gift card', as a default for
    every row) was "not a product in the vendor catalog" though the catalog has one Visa, VISA-PREPAID ('Visa
    Prepaid Card'): a finance list of Visas all errors. Read as it, said on the row; where the catalog has two
    physical Visas, the error names both; 'Home' is no brand of The Home Depot."""
    path = tmp_path / "cards.csv"
    path.write_text(
        "Name,Address,City,State,ZIP,Card,Amount\n"
        "Ann Lee,1 Main St,Boston,MA,02134,Visa,50\n"
        "Bo Li,2 Main St,Boston,MA,02134,visa gift card,60\n"
        "Cy Do,3 Main St,Boston,MA,02134,Home,50\n"
    )
    result = validate(load_sheet(path), sandbox_catalog())
    assert result.rows["product"].tolist() == ["VISA-PREPAID", "VISA-PREPAID", "Home"]
    assert [p.message for p in result.problems][:2] == [
        "Row 2, column 'Card': 'Visa' read as product VISA-PREPAID.",
        "Row 3, column 'Card': 'visa gift card' read as product VISA-PREPAID.",
    ]
    catalog = sandbox_catalog()
    visa = catalog.products["VISA-PREPAID"]
    two = replace(
        catalog, products={**catalog.products, "VISA-GIFT": replace(visa, id="VISA-GIFT", name="Visa Gift")}
    )
    result = validate(load_sheet(path), two)
    assert (
        "Row 2, column 'Card': 'Visa' names more than one card of the vendor catalog (VISA-GIFT, "
        "VISA-PREPAID): write which one." in [p.message for p in result.problems]
    )
    # ('visa gift card' is the card named 'Visa Gift' then)
    assert result.rows["product"].tolist() == ["Visa", "VISA-GIFT", "Home"]
    program = ProgramSettings(defaults={"product": "Visa gift card"})
    bare = tmp_path / "adp.csv"
    bare.write_text("Name,Address,City,State,ZIP,Amount\nAnn Lee,1 Main St,Boston,MA,02134,50\n")
    result = validate(load_sheet(bare, program=program), sandbox_catalog(), program=program)
    assert result.rows["product"].tolist() == ["VISA-PREPAID"]
