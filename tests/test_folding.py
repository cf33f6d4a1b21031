"""How names and streets are compared for duplicates and repeats: one person written by two systems is one
person (a second card otherwise); a father and son, or two streets, stay two."""

from __future__ import annotations

import pytest

from bulkship.folding import _fold_person, fold_address, fold_person, fold_reference, fold_unit, same_unit


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Maria Lopez", "Lopez, Maria"),
        ("Maria Lopez", "Ms. Maria J. Lopez"),
        ("Maria Lopez", "MARIA LOPEZ, MBA"),
        ("Maria Lopez", "María López"),
        ("Liam O'Brien", "Liam O’Brien"),
        ("John Smith Jr.", "Smith, John, Jr."),
        ("Maria Lopez", "LOPEZ MARIA"),  # a payroll export, last name first without a comma (review6)
        ("John Smith Jr.", "SMITH JOHN JR"),
        ("Bob Jones", "Robert Jones"),  # preferred and legal names of one person (newcomer8, F14)
        ("Kate Lee", "Katherine Lee"),
        ("JONES, BILL", "William Jones"),
        ("JONES BOB", "Robert Jones"),  # payroll's last name first, no comma: the short form is last
        ("NGUYEN BILL JR", "William Nguyen Jr."),
        ("JONES BOB A", "Robert A. Jones"),  # ... with the middle initial after the given name (review14)
        ("LOPEZ MARIA J.", "Maria Lopez"),
        ("Pa Alpha", "Pa Alpha (she/her)"),  # what an export adds to a display name (newcomer9, N11)
        ("Pa Beta", "Pa Beta - Remote"),
        ("Pa Gamma", "Pa Gamma #1003"),
        ("Pa Delta", "Pa Delta (Contractor)"),
        ("Ann Lee", "Ann Lee she/her"),
    ],
)
def test_one_person_written_two_ways_folds_alike(one: str, other: str) -> None:
    assert fold_person(one) == fold_person(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("John Smith", "John Smith Jr."),
        ("Maria Lopez", "Mario Lopez"),
        ("Alexander Smith", "Alexandra Smith"),  # "Alex" is either: twins stay two
        ("Bob Jones", "Robert Jones Jr."),
        ("Charlie Smith", "Charles Smith"),  # Charlotte (review13)
        ("Andy Brown", "Andrew Brown"),  # Andrea
        ("Nicky Green", "Nicholas Green"),  # Nicole
        ("Teddy Brown", "Edward Brown"),  # Theodore
        ("Lee Kim", "Kimberly Lee"),  # Kim is a surname too
        ("Mary Ray", "Mary Raymond"),  # a surname is no short form (review13)
        ("Ann Rich", "Ann Richard"),
        ("Jordan Ray", "Jordan Raymond"),  # Jordan is a given name too: Ray stays a surname
        ("Ryan Rich", "Ryan Richard"),
    ],
)
def test_two_people_stay_two(one: str, other: str) -> None:
    assert fold_person(one) != fold_person(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("12 Beacon Street", ""), ("12 Beacon St.", "")),
        (("12 Beacon Street", "Floor 21"), ("12 Beacon St Fl 21", "")),
        (("455 Massachusetts Avenue", "Apt 3"), ("455 Massachusetts Ave", "")),
        (("12 Beacon Street, Boston", ""), ("12 Beacon Street", "")),
        (("350 Fifth Avenue", ""), ("350 5th Ave", "")),
        (("Apt 5, 100 Main St", ""), ("100 Main Street", "Apt 5")),
        (("Apt 3", "455 Mass Ave"), ("455 Mass Ave", "")),
        (("c/o Acme, 12 Main St", ""), ("12 Main Street", "")),
        (("Acme Corp", "100 Main Street"), ("Acme Corp, 100 Main Street", "")),  # as sent to the vendor
        (("2nd Floor, 100 Main St", ""), ("100 Main St", "2nd Floor")),
        (("P.O. Box 12", ""), ("PO Box 12", "")),  # review6: "p o box 12" was another address
        (("Post Office Box 12", ""), ("P. O. Box 12", "")),
        (("12 Main St Boston", ""), ("12 Main St, Boston", "")),  # the city after the street, no comma
        (("12 Main Street Boston MA", ""), ("12 Main St", "")),
        (("12 Main St Saint Paul", ""), ("12 Main Street, St. Paul", "")),
        (("100 Main St N Springfield", ""), ("100 Main Street North", "")),
    ],
)
def test_one_street_written_two_ways_folds_alike(one: tuple[str, str], other: tuple[str, str]) -> None:
    assert fold_address(*one) == fold_address(*other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("12 Beacon St", ""), ("14 Beacon St", "")),
        (("350 Fifth Ave", ""), ("350 Sixth Ave", "")),
        (("100 Main St N", ""), ("100 Main St S", "")),
        (("100 Avenue of the Americas", ""), ("100 Avenue B", "")),  # a type first is the street's name
    ],
)
def test_two_streets_stay_two(one: tuple[str, str], other: tuple[str, str]) -> None:
    assert fold_address(*one) != fold_address(*other)


def test_a_unit_is_compared_only_when_both_rows_name_one() -> None:
    assert fold_unit("100 Main St Floor 3", "") == fold_unit("100 Main Street", "Fl 3") == "3"
    assert fold_unit("2nd Floor, 100 Main St", "") == "2" and fold_unit("12 Beacon St, Boston", "") == ""
    assert not same_unit(fold_unit("100 Main St", "Floor 3"), fold_unit("100 Main St", "Floor 12"))
    assert same_unit(fold_unit("7 Elm St", "Apt 3"), fold_unit("7 Elm Street", ""))


@pytest.mark.parametrize(
    ("one", "other"),
    [("3rd Floor", "Floor 3"), ("Fl. 12", "12th Floor"), ("Apt 3B", "Apt. 3-B"), ("#3B", "Unit 3 B")],
)
def test_one_unit_written_two_ways_is_one_unit(one: str, other: str) -> None:
    """Found by review6: they compared as two units, so one person at one address was two people (a second
    card within a file and across batches)."""
    assert same_unit(fold_unit("100 Main St", one), fold_unit("100 Main St", other))


def test_a_reference_excel_took_its_zeros_from_is_the_same_reference() -> None:
    """Found by newcomer9 (N12): '000123' in one export and '123' in the next (opened in Excel) were two
    people, so one person got a second card."""
    assert fold_reference("000123") == fold_reference("123") == "123"
    assert fold_reference(" E-0012 ") == "e-0012" and fold_reference("0100") == "100"
    assert fold_reference("000") == ""  # no one's ID: a placeholder, as "TBD" (hunter-sheets)
    assert fold_reference("0123A") != fold_reference("123A")


@pytest.mark.parametrize("name", ["", None, ",", "MD", "Jones", "JONES, BOB"])
def test_a_name_of_one_word_or_none_folds_without_error(name: str | None) -> None:
    """Found by the eleventh session in its own 52a1f3b: a row or vendor line with no name (a lost ledger's
    line shows none) raised IndexError where the short form of the last word was looked up."""
    assert isinstance(fold_person(name), str)


def test_the_names_and_streets_of_a_100000_row_list_are_folded_once_for_every_check() -> None:
    """Found by hunter-web13 (hunter-web11's leftover: a review page's cell fix on a 100k-row list took
    12-15 s): the folded names and streets were kept for 65,536 values, so a list of 100,000 people was
    folded again by each check and again after each fix. Now each is folded once and found after."""
    streets = [f"{i} Elm Street" for i in range(100_000)]
    names = [f"Ann Lee{i}" for i in range(100_000)]
    fold_address.cache_clear()
    _fold_person.cache_clear()
    for _ in range(2):  # two checks of the same rows (or the review before and after a fix)
        list(map(fold_address, streets, [""] * len(streets)))
        list(map(fold_person, names))
    assert fold_address.cache_info().hits == len(streets)
    assert _fold_person.cache_info().hits == len(names)
