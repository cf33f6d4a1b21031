"""A list of a few rows is checked in plain Python (bulkship.validate.fewrows, issue 14): each check written
there too must find what its pandas path finds. Every list here is validated both ways (the plain path turned
off by FEW_ROWS = 0) and the two results compared: every row, status, fingerprint and problem."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.models import CANONICAL_COLUMNS, ValidationResult
from bulkship.schema import load_contract
from bulkship.validate import fewrows, validate
from bulkship.validate.collect import ProblemCollector
from bulkship.validate.rules import addresses
from bulkship.validate.rules import catalog as catalog_rules
from bulkship.validate.rules.abroad import check_abroad

# What people leave where a name, street, city, line 2 or company belongs, and names that only look so
NAMES = [
    "Ann Lee", "Self", "Spouse", "TBD", "n/a", "Ann TBD", "Unknown Lee", "Info Requested Info Requested",
    "Ann None", "None Lee", "Jin Na", "Malcolm X", "Home", "Office address", "ann.lee@corp.com", "100234",
    "3M", "Ann Lee (E-1009)", "Gus Same", "Tom Xx", "0", "(blank)", "same as above", "-", "", " Bo  Ray ",
    "TBD TBD", "Lee, Ann", "Ann",
]  # fmt: skip
FIRSTS = ["Ann", "TBD", "Na", "None", "X", " tbd ", "", "Info Requested", "n.a.", "Jin", "Unknown", "Self"]
LASTS = ["Lee", "TBD", "Na", "None", "NONE", "", "Pending", "X", "Na Lee", "n/a", "Same"]
STREETS = ["1 Main St", "TBD", "Office", "same as above", "-", "0", "(blank)", '"', "Home Address", "Ann Lee"]
LINES_2 = ["", "Apt 4", "TBD", "Office", "pending", "?", "N/A", "x"]
CITIES = ["Boston", "N/A", "Home", "unknown", "Office", "...", "ditto"]
COMPANIES = ["", "Acme", "ditto", '"', "same", "as above", "〃", "idem", "Same Day Co"]
PLAIN = fewrows.FEW_ROWS  # the plain path's limit (tests set FEW_ROWS to 0 for the pandas path)
TAIL_HEADER = ("State", "ZIP", "Product", "Amount")
POOLS = (NAMES, FIRSTS, LASTS, COMPANIES, STREETS, LINES_2, CITIES)  # in the order of _lists' header


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"') else value

    path.write_text("\n".join(",".join(map(cell, row)) for row in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _lists(tmp_path: Path) -> Iterator[Path]:
    """Lists with every placeholder kind in every column the checks read, under a Name column, under First
    and Last Name, and under all three, with and without a Company column."""
    chosen = random.Random(14)
    tail = ["MA", "02134", "CVS", "25"]
    yield _csv(
        tmp_path / "names.csv",
        ["Name", "Address", "City", *("State", "ZIP", "Product", "Amount")],
        [[n, "1 Main St", "Boston", *tail] for n in NAMES],
    )
    parts = list(itertools.product(FIRSTS, LASTS))
    for at in range(0, len(parts), 40):
        yield _csv(
            tmp_path / f"parts{at}.csv",
            ["First Name", "Last Name", "Address", "City", *("State", "ZIP", "Product", "Amount")],
            [[f, la, "1 Main St", "Boston", *tail] for f, la in parts[at : at + 40]],
        )
    header = ["Name", "First Name", "Last Name", "Company", "Address", "Address 2", "City"]
    for number in range(12):
        rows = [[*(chosen.choice(pool) for pool in POOLS), *tail] for _ in range(chosen.randint(1, 30))]
        columns = header if number % 2 else [h for h in header if h != "Company"]
        cut = [header.index(h) for h in columns]
        yield _csv(
            tmp_path / f"mixed{number}.csv",
            [*columns, "State", "ZIP", "Product", "Amount"],
            [[row[i] for i in cut] + row[len(header) :] for row in rows],
        )


# Where a row may be abroad: its state and ZIP (a province, a Mexican state, a UK postcode), and its country
PLACES = [("ON", "M5H 2M5"), ("Jalisco", "44100"), ("MA", "SW1A 1AA"), ("MA", "02134"), ("ON", "02134")]
PLACES_ABROAD = [
    ("", *PLACES[0]),
    ("", *PLACES[1]),
    ("", *PLACES[2]),
    ("", *PLACES[3]),
    ("Canada", "MA", "02134"),
]
PLACES_ABROAD += [("Narnia", "MA", "02134"), ("US", *PLACES[0]), ("USA", "MA", "02134"), (" ", *PLACES[0])]


def _rows_abroad(tmp_path: Path) -> Iterator[Path]:
    """A row of each kind alone in its list (one row abroad sends the whole list the pandas way)."""
    header = ["Name", "Address", "City", "Product", "Amount", "Country", "State", "ZIP"]
    for number, place in enumerate(PLACES_ABROAD):
        row = ["Ann Lee", "1 Main St", "Boston", "CVS", "25", *place]
        yield _csv(tmp_path / f"abroad{number}.csv", header, [row, [*row[:5], "", "MA", "02134"]])


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ValidationResult, ValidationResult]:
    catalog = sandbox_catalog()
    plain = validate(load_sheet(path), catalog)
    with monkeypatch.context() as patched:
        patched.setattr(fewrows, "FEW_ROWS", 0)
        by_pandas = validate(load_sheet(path), catalog)
    return plain, by_pandas


def test_a_few_rows_checked_in_plain_python_say_what_the_pandas_checks_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = 0
    for path in _lists(tmp_path):
        plain, by_pandas = _both_ways(path, monkeypatch)
        pd.testing.assert_frame_equal(plain.rows, by_pandas.rows)
        assert plain.problems == by_pandas.problems, path.name
        assert plain.sheet.notices == by_pandas.sheet.notices, path.name
        said += sum(p.kind in ("Placeholder instead of an address", "Not a name") for p in plain.problems)
    assert said > 100  # the lists do hold placeholders: the comparison is not of empty lists


def test_a_few_rows_are_checked_for_placeholders_without_pandas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2-row list's placeholders were looked for through ~75 pandas operations (~3 ms of CPU of a ~45 ms
    validate, paid by nearly every test): a list of a few rows with nothing to say builds no Series there."""
    assert _series_built_in(addresses, "check_placeholders", tmp_path, monkeypatch) == 0


def test_a_few_rows_at_home_are_checked_for_an_address_abroad_without_pandas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 2-row list at home was looked at for an address abroad through ~30 pandas operations (~1.9 ms of
    CPU of a ~45 ms validate): a list of a few rows with no row abroad builds no Series there."""
    assert _series_built_in(addresses, "check_abroad", tmp_path, monkeypatch) == 0


def _series_built_in(owner: object, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many pandas Series the check ``owner.name`` builds while a 2-row list with nothing wrong is
    validated (its problems asserted none)."""
    path = _csv(
        tmp_path / "two.csv",
        ["First Name", "Last Name", "Company", "Address", "Address 2", "City", *TAIL_HEADER],
        [
            ["Ann", "Lee", "Acme", "1 Main St", "Apt 4", "Boston", "MA", "02134", "CVS", "25"],
            ["Bob", "Ray", "", "2 Oak Ave", "", "Cambridge", "MA", "02139", "TARGET", "50"],
        ],
    )
    built: list[int] = []
    inside = [False]
    real_init, real_check = pd.Series.__init__, getattr(owner, name)

    def counted(self: pd.Series, *args: object, **kwargs: object) -> None:
        built.extend([1] if inside[0] else [])
        real_init(self, *args, **kwargs)

    def watched(*args: object, **kwargs: object) -> None:
        inside[0] = True
        try:
            real_check(*args, **kwargs)
        finally:
            inside[0] = False

    monkeypatch.setattr(pd.Series, "__init__", counted)
    monkeypatch.setattr(owner, name, watched)
    result = validate(load_sheet(path), sandbox_catalog())
    assert [p.kind for p in result.problems] == []
    return len(built)


def test_a_few_rows_checked_for_an_address_abroad_in_plain_python_say_what_the_pandas_check_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = 0
    for path in _rows_abroad(tmp_path):
        plain, by_pandas = _both_ways(path, monkeypatch)
        pd.testing.assert_frame_equal(plain.rows, by_pandas.rows)
        assert plain.problems == by_pandas.problems, path.name
        said += any(p.kind == "Country not supported" for p in plain.problems)
    assert said >= 5  # rows abroad of each kind: the comparison is not of lists at home only


def test_each_row_abroad_or_at_home_is_found_alike_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check_abroad's plain look (is any row abroad?) and its pandas one, on every country as written and
    read, state, ZIP and country already in error, one row at a time (a row abroad among rows at home sends
    a list the pandas way: it must be seen alone)."""
    read = ["", "US", "CA", "XX", "DE"]
    written = ["", "US", "Canada", " ", "Narnia"]
    header = ["Name", "Address", "City", "State", "ZIP", "Country", "Product", "Amount"]
    one = [["Ann Lee", "1 Main St", "Boston", "MA", "02134", "US", "CVS", "25"]]
    sheet = load_sheet(_csv(tmp_path / "one.csv", header, one))
    found = 0
    for country, as_written, (state, zip_code), erred in itertools.product(
        read, written, PLACES, (False, True)
    ):
        said = []
        for few in (PLAIN, 0):
            frame = pd.DataFrame({c: [""] for c in CANONICAL_COLUMNS}, index=[2], dtype=object)
            frame.loc[2, ["country", "state", "zip"]] = [as_written, state, zip_code]
            collector = ProblemCollector(sheet, load_contract(), frame)
            frame.loc[2, "country"] = country
            if erred:
                collector.error(pd.Series(True, index=frame.index), "country", "Unknown country", "'{old}'.")
            monkeypatch.setattr(fewrows, "FEW_ROWS", few)
            check_abroad(frame, collector)
            said.append(collector.sorted())
        assert said[0] == said[1], (country, as_written, state, zip_code, erred)
        found += len(said[0]) > erred
    assert found > 50


def test_a_row_s_state_and_zip_are_passed_over_only_where_the_pandas_checks_say_nothing(
    tmp_path: Path,
) -> None:
    """check_addresses passes over the state, ZIP and military mail checks of a list of a few rows where its
    plain look finds every row's state and ZIP agree and none military mail: on each state, ZIP, city and
    ZIP already in error, one row at a time (one row wrong sends a list the pandas way), where it passes
    over them the pandas checks say nothing and find no military mail; and it does pass over the usual."""
    states = ["MA", "NY", "ZZ", "Ma", "", "AE", "AP", "ON", "Massachusetts"]
    zips = ["02134", "10001", "00000", "09012", "96601", "02134-1234", "2134", "abc", ""]
    cities = ["Boston", "APO", "F.P.O.", "dpo", ""]
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Amount"]
    sheet = load_sheet(
        _csv(tmp_path / "one.csv", header, [["Ann Lee", "1 Main St", "Boston", "MA", "02134"]])
    )
    passed_over = 0
    for state, zip_code, city, erred in itertools.product(states, zips, cities, (False, True)):
        frame = pd.DataFrame({c: [""] for c in CANONICAL_COLUMNS}, index=[2], dtype=object)
        frame.loc[2, ["city", "state", "zip"]] = [city, state, zip_code]
        collector = ProblemCollector(sheet, load_contract(), frame)
        if erred:
            collector.error(pd.Series(True, index=frame.index), "zip", "ZIP Code not valid", "'{old}'.")
        before = collector.sorted()
        if not addresses._surely_state_and_zip_agree(frame, collector):
            continue
        passed_over += 1
        military = addresses._check_state_and_zip(frame, collector)
        assert collector.sorted() == before, (state, zip_code, city, erred)
        assert not any(mask.any() for mask in military), (state, zip_code, city, erred)
    assert passed_over >= 20  # MA 02134 in Boston, NY 10001, a state or ZIP left empty...


def test_a_few_rows_whose_state_and_zip_agree_pass_over_the_pandas_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state, ZIP and military mail of a 2-row list were checked through ~35 pandas operations (~1.9 ms
    of CPU of a ~45 ms validate) to say nothing: a list of a few rows whose states and ZIPs agree passes
    them over, and one whose ZIP is of another state is checked and told."""
    checked: list[int] = []
    real = addresses._check_state_and_zip

    def recorded(frame: pd.DataFrame, collector: ProblemCollector) -> tuple[pd.Series, pd.Series]:
        checked.append(len(frame))
        return real(frame, collector)

    monkeypatch.setattr(addresses, "_check_state_and_zip", recorded)
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Amount"]
    rows = [["Ann Lee", "1 Main St", "Boston", "MA", "02134", "CVS", "25"]]
    rows += [["Bob Ray", "2 Oak Ave", "New York", "NY", "10001", "CVS", "25"]]
    result = validate(load_sheet(_csv(tmp_path / "home.csv", header, rows)), sandbox_catalog())
    assert (checked, result.problems) == ([], ())
    rows[1][4] = "02139"  # a Massachusetts ZIP in New York
    result = validate(load_sheet(_csv(tmp_path / "other.csv", header, rows)), sandbox_catalog())
    assert checked == [2]
    assert [(p.row, p.kind) for p in result.problems] == [(3, "ZIP does not match the state")]


def test_each_row_s_card_carrier_is_checked_alike_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check_catalog's card carriers of a few rows passed over where its plain look finds none named but
    DEFAULT and no card needing one, and its pandas checks, on each carrier cell (written, or given for
    every row) and card, one row at a time: the same problems, and the carrier cells as sent alike (dtype
    too)."""
    carriers = ["", "DEFAULT", "Default", "default", "BIRTHDAY", "Thank You", "xyz", " DEFAULT"]
    cards = ["CVS", "VISA-PREPAID", "AMAZON", "NOPE", ""]
    header = ["Name", "Address", "City", "State", "ZIP", "Product", "Amount"]
    sheet = load_sheet(
        _csv(tmp_path / "one.csv", header, [["Ann Lee", "1 Main St", "Boston", "MA", "02134"]])
    )
    passed_over = 0
    for carrier, card, given, dtype in itertools.product(carriers, cards, (False, True), (object, "str")):
        said = []
        for few in (PLAIN, 0):
            frame = pd.DataFrame({c: [""] for c in CANONICAL_COLUMNS}, index=[2], dtype=object)
            frame.loc[2, ["product", "carrier_id"]] = [card, "" if given else carrier]
            collector = ProblemCollector(sheet, load_contract(), frame)
            frame["carrier_id"] = pd.Series([carrier], index=frame.index, dtype=dtype)
            monkeypatch.setattr(fewrows, "FEW_ROWS", few)
            passed_over += few > 0 and catalog_rules._no_carrier_to_check(frame, sandbox_catalog())
            catalog_rules._check_carriers(frame, sandbox_catalog(), collector)
            said.append((collector.sorted(), frame["carrier_id"].dtype, frame["carrier_id"].tolist()))
        assert said[0] == said[1], (carrier, card, given, dtype)
    assert passed_over >= 20


def test_a_few_rows_naming_no_card_carrier_are_passed_over_without_pandas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card carriers of a 2-row list that names none (each row the program's DEFAULT) were read through
    ~25 pandas operations (~1.8 ms of CPU of a ~45 ms validate) to say nothing: now passed over, at most
    the carrier column read as text once."""
    assert _series_built_in(catalog_rules, "_check_carriers", tmp_path, monkeypatch) <= 1


# What a quantity, card, shipping or carrier cell may hold: numbers out of range, digits of another script,
# an exporter's '5.0', cells empty or blank as read (a default fills them)
QUANTITIES = [
    "",
    "1",
    "0",
    "1000",
    "1001",
    "0001",
    "٣",
    "5.0",
    "1e3",
    "-1",
    "9999999",
    "10000000",
    " 2 ",
    "two",
]
CARDS = ["", " ", "CVS", "cvs", "Visa", "TARGET"]
METHODS = ["", " ", "USPS", "usps_first_class"]
CARRIERS = ["", " ", "DEFAULT", "HOLIDAY"]


def test_a_few_rows_quantities_and_cards_as_read_are_checked_alike_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """catalog._check_quantity (1 to 1,000 cards a line) and _empty_as_read (a card, shipping or carrier
    cell empty as read, then given a default) in plain Python up to FEW_ROWS rows: every quantity on a row
    of its own, then random lists of them with every card, method and carrier cell: the same rows and
    problems both ways."""
    chosen = random.Random(1000)
    header = ["Name", "Address", "City", *TAIL_HEADER, "Quantity", "Shipping Method", "Card Carrier"]
    lists = [[[q, "CVS", "", ""] for q in QUANTITIES]]  # (each alone: a row's quantity is its own)
    lists += [
        [
            [chosen.choice(pool) for pool in (QUANTITIES, CARDS, METHODS, CARRIERS)]
            for _ in range(chosen.randint(1, 12))
        ]
        for _ in range(8)
    ]
    out_of_range = 0
    for number, cells in enumerate(lists):
        rows = [["Ann Lee", f"{i + 1} Main St", "Boston", "MA", "02134", card, "25", q, method, carrier]
                for i, (q, card, method, carrier) in enumerate(cells)]  # fmt: skip
        plain, by_pandas = _both_ways(_csv(tmp_path / f"q{number}.csv", header, rows), monkeypatch)
        pd.testing.assert_frame_equal(plain.rows, by_pandas.rows)
        assert plain.problems == by_pandas.problems, cells
        out_of_range += sum(p.kind == "Quantity out of range" for p in plain.problems)
    assert out_of_range >= 8  # (quantities out of range are among them: said alike)


class _AsRead:
    """What catalog._empty_as_read asks of a collector: a column's cells as read."""

    def __init__(self, cells: pd.Series) -> None:
        self.cells = cells

    def original(self, column: str) -> pd.Series:
        return self.cells


def test_a_cell_empty_as_read_is_found_alike_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blank cells of every kind of space (a CSV keeps ' ' and a tab), alone and repeating, both dtypes."""
    chosen = random.Random(7)
    pool = ["", " ", "\t", " \t", "\u00a0", "\u3000", "\u200b", "CVS", " CVS ", "x"]
    lists = [[cell] for cell in pool] + [
        [chosen.choice(pool) for _ in range(chosen.randint(0, 20))] for _ in range(60)
    ]
    for cells, dtype in itertools.product(lists, (object, "str")):
        column = pd.Series(cells, index=range(2, len(cells) + 2), dtype=dtype)
        plain = catalog_rules._empty_as_read(_AsRead(column), "product")  # type: ignore[arg-type]
        with monkeypatch.context() as patched:
            patched.setattr(fewrows, "FEW_ROWS", 0)
            by_pandas = catalog_rules._empty_as_read(_AsRead(column), "product")  # type: ignore[arg-type]
        pd.testing.assert_series_equal(plain, by_pandas, check_names=False, obj=repr(cells))
