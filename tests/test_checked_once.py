"""The web page's cost page takes the check its review made of the very rows it plans (issue 14, the lead's
decision: bulkship.validate.checkedonce), keyed by what the check reads. Any part of that changed (a cell,
a row left out, a column's reading, a price, a program setting, a row ordered in the ledger, the day), the
rows are checked again; a Send always checks again."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from intake_fixtures import sandbox_catalog
from starlette.testclient import TestClient
from test_web import client, found, sandbox_orders, settings, token, upload, wait_until_finished

import bulkship.validate as validating
from bulkship.errors import BulkshipError
from bulkship.load import load_sheet
from bulkship.models import Catalog, LoadedSheet, SkippedRow
from bulkship.program import Limits, ProgramSettings
from bulkship.validate import validate
from bulkship.validate.checkedonce import Checking, KeptChecks, check_key

__all__ = ["client", "settings"]  # fixtures

HEADER = "Employee ID,First Name,Last Name,Address,City,State,Zip Code,Product,Amount,Shipping Method\n"


def _people(count: int) -> str:
    return "".join(
        f"G-{n},Gail{n},Stone{n},{n} Quarry Rd,Boston,MA,02108,CVS,25,STANDARD\n" for n in range(count)
    )


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The checks made (each a list's rows checked), counted."""
    made: list[int] = []
    check = validating._check

    def counted(*args: Any) -> Any:
        made.append(len(args[0].frame))
        return check(*args)

    monkeypatch.setattr(validating, "_check", counted)
    return made


def _cost(client: TestClient, batch: str) -> dict[str, str]:
    cost = client.get(f"/batches/{batch}/cost").text
    send = {"csrf_token": token(client), "total": found(r'name="total" value="([^"]+)"', cost)}
    send["change"] = found(r'name="change" value="([^"]+)"', cost)
    return send


def test_the_cost_page_takes_its_review_s_check_and_the_send_checks_again(
    client: TestClient, settings, tmp_path: Path, checks: list[int]
) -> None:
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(HEADER + _people(3))
    upload(client, sheet, name="gifts")
    assert "3</strong> rows" in client.get("/batches/gifts/review").text
    assert len(checks) == 1
    send = _cost(client, "gifts")
    assert send["total"] == "75.00" and len(checks) == 1  # the review's check, taken
    client.post("/batches/gifts/confirm", data=send)
    assert "Finished" in wait_until_finished(client, "gifts")
    assert len(checks) == 2  # the Send checked the rows again
    assert len(sandbox_orders(settings)) == 1


def test_a_price_raised_after_the_review_is_checked_again_on_the_cost_page(
    client: TestClient, tmp_path: Path, checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import copy
    import json

    from bulkship.sandbox import core
    from bulkship.sandbox.catalog import BUILTIN_CATALOG, load_catalog

    sheet = tmp_path / "gifts.csv"
    sheet.write_text(HEADER + _people(4))
    upload(client, sheet, name="gifts")
    client.get("/batches/gifts/review")
    raised = copy.deepcopy(BUILTIN_CATALOG)  # the vendor raises the CVS fee to 1.50 a card meanwhile
    for product in raised["Products"]:
        if product["Id"] == "CVS":
            product["Cost"]["Fee"] = 1.5
    (tmp_path / "raised.json").write_text(json.dumps(raised))
    monkeypatch.setattr(core, "load_catalog", lambda _path: load_catalog(tmp_path / "raised.json"))
    assert _cost(client, "gifts")["total"] == "106.00"
    assert len(checks) == 2  # the catalog read for the cost page is not the review's: checked again


def test_a_cell_fixed_after_the_review_is_checked_again_for_the_cost_page(
    client: TestClient, tmp_path: Path, checks: list[int]
) -> None:
    sheet = tmp_path / "gifts.csv"
    sheet.write_text(HEADER + _people(2))
    upload(client, sheet, name="gifts")
    client.get("/batches/gifts/review")
    assert _cost(client, "gifts")["total"] == "50.00" and len(checks) == 1
    fixed = client.post("/batches/gifts/rows/3", data={"csrf_token": token(client), "cell:Amount": "100"})
    assert fixed.status_code == 200 and len(checks) == 2  # the review of the rows fixed
    assert _cost(client, "gifts")["total"] == "125.00" and len(checks) == 2  # ... is the cost page's


# The check's own key: each part the check reads, changed alone, changes it (a few random changes of each
# field of the sheet, the catalog, the program settings); the same content read again keeps it.


def _sheet(tmp_path: Path, rows: str) -> LoadedSheet:
    path = tmp_path / "gifts.csv"
    path.write_text(HEADER + rows)
    return load_sheet(path)


def _changes(sheet: LoadedSheet, seed: int) -> list[tuple[str, LoadedSheet]]:
    """The sheet with one thing changed: a cell (to another text, to the same written as a number), a
    header, a row number, a row left out, a column's reading, the file's hash, a default."""
    chosen = random.Random(seed)
    frame = sheet.frame
    row, column = chosen.choice(list(frame.index)), chosen.choice(list(frame.columns))
    changed: list[tuple[str, LoadedSheet]] = []

    def with_frame(why: str, new: pd.DataFrame) -> None:
        changed.append((why, dataclasses.replace(sheet, frame=new)))

    cell = frame.copy()
    cell.loc[row, column] = chosen.choice(["", " ", "x", frame.loc[row, column] + " "])
    with_frame("a cell", cell)
    typed = frame.copy().astype(object)
    typed.loc[row, "Amount"] = 25  # the number 25, not the text '25'
    with_frame("a cell's kind", typed)
    with_frame("a header", frame.rename(columns={column: column + "."}))
    with_frame("a row number", frame.set_axis([*frame.index[:-1], frame.index[-1] + 1]))
    with_frame("the columns' order", frame[list(reversed(frame.columns))])
    skipped = SkippedRow(row=int(row), kind="hidden", reason="hidden by hand")
    changed.append(("a row left out", dataclasses.replace(sheet, skipped=(*sheet.skipped, skipped))))
    mapped = dict(sheet.column_map)
    mapped.pop(chosen.choice(list(mapped)))
    changed.append(("a column's reading", dataclasses.replace(sheet, column_map=mapped)))
    changed.append(("the file", dataclasses.replace(sheet, file_hash=sheet.file_hash[::-1])))
    changed.append(("a default", dataclasses.replace(sheet, defaults={"shipping_method": "EXPEDITED"})))
    changed.append(("a notice", dataclasses.replace(sheet, notices=(*sheet.notices, "1 hidden row"))))
    return changed


def _catalogs(catalog: Catalog) -> list[tuple[str, Catalog]]:
    cvs = catalog.products["CVS"]

    def with_cvs(why: str, **change: Any) -> tuple[str, Catalog]:
        products = {**catalog.products, "CVS": dataclasses.replace(cvs, **change)}
        return why, dataclasses.replace(catalog, products=products)

    gone = {k: v for k, v in catalog.shipping_methods.items() if k != "OVERNIGHT"}
    return [
        with_cvs("a fee", fee=cvs.fee + Decimal("0.01")),
        with_cvs("a discount", discount_percentage=Decimal("1")),
        with_cvs("a currency", currency="CAD"),
        with_cvs("the amounts", denominations=(*cvs.denominations, Decimal("75"))),
        ("a shipping method", dataclasses.replace(catalog, shipping_methods=gone)),
        ("line 2", dataclasses.replace(catalog, sends_address_line2=not catalog.sends_address_line2)),
    ]


PROGRAMS = [
    ("a default", ProgramSettings(defaults={"shipping_method": "EXPEDITED"})),
    ("PO boxes", ProgramSettings(reject_po_boxes=True)),
    ("a limit", ProgramSettings(limits=Limits(problems=3))),
    ("a column", ProgramSettings(columns={"product": "Amount"})),
    ("the time zone", ProgramSettings(time_zone="Pacific/Kiritimati")),
]


@pytest.mark.parametrize("seed", range(4))
def test_each_part_the_check_reads_changed_alone_changes_its_key(tmp_path: Path, seed: int) -> None:
    sheet, catalog, program = _sheet(tmp_path, _people(3)), sandbox_catalog(), ProgramSettings()
    contract, day = validating.load_contract(None), date(2026, 12, 7)

    def key(**part: Any) -> str | None:
        parts = {"sheet": sheet, "catalog": catalog, "program": program, "asks": True, "day": day}
        parts.update(part)
        read = (parts["sheet"], parts["catalog"], parts["program"], contract, {"quantity": "1"})
        return check_key(*read, parts["asks"], parts["day"])

    same = key()
    assert same is not None and key(sheet=_sheet(tmp_path, _people(3))) == same  # read again: the same
    changed: list[tuple[str, Any]] = [(why, {"sheet": s}) for why, s in _changes(sheet, seed)]
    changed += [(why, {"catalog": c}) for why, c in _catalogs(catalog)]
    changed += [(why, {"program": p}) for why, p in PROGRAMS]
    changed += [("no ledger to ask", {"asks": False}), ("the day", {"day": date(2026, 12, 8)})]
    assert [why for why, part in changed if key(**part) == same] == []


def test_a_part_the_key_cannot_read_for_certain_keeps_nothing(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, _people(2))
    odd = sheet.frame.astype(object)
    odd.iloc[0, 0] = object()  # no text, no number: its content unknown to the key
    assert check_key(dataclasses.replace(sheet, frame=odd)) is None
    assert check_key(sheet, lambda: None) is None


def test_a_number_and_its_text_in_one_cell_are_two_keys(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path, _people(2))
    text, number = sheet.frame.astype(object), sheet.frame.astype(object)
    number.loc[2, "Amount"] = 25
    assert text.loc[2, "Amount"] == "25" and text.dtypes.equals(number.dtypes)
    keys = {check_key(dataclasses.replace(sheet, frame=frame)) for frame in (text, number)}
    assert len(keys) == 2 and None not in keys


def _checked(
    sheet: LoadedSheet, checking: Checking, ordered: Callable[[], list[str]] | None = None
) -> tuple[Any, ...]:
    result = validate(sheet, sandbox_catalog(), checking=checking, ordered=ordered)
    return result.rows.to_dict("split"), result.problems, result.sheet.notices


def test_a_check_taken_is_the_check_made_and_each_change_is_checked_again(
    tmp_path: Path, checks: list[int]
) -> None:
    rows = _people(3) + "G-9,Gail9,,9 Quarry Rd,Boston,MA,2108,CVS,30,STANDARD\n"  # an error, a warning
    sheet, kept = _sheet(tmp_path, rows), KeptChecks()
    made = _checked(sheet, Checking(kept))
    assert _checked(_sheet(tmp_path, rows), Checking(kept, reuse=True)) == made and len(checks) == 1
    for why, changed in _changes(sheet, 0):
        if why in ("a row number", "a cell's kind", "a header"):  # no sheet as read: the key's alone
            continue
        try:
            fresh = _checked(changed, Checking(KeptChecks()))
        except BulkshipError:  # a column required read no more: refused, nothing kept
            continue
        count = len(checks)
        assert _checked(changed, Checking(kept, reuse=True)) == fresh
        assert len(checks) == count + 1
    # the result taken is a copy: what its taker writes into it is not what the next one takes
    kept = KeptChecks()
    first = validate(sheet, sandbox_catalog(), checking=Checking(kept))
    first.rows.loc[:, "first_name"] = "changed by its maker"
    taken = validate(sheet, sandbox_catalog(), checking=Checking(kept, reuse=True))
    taken.rows.loc[:, "first_name"] = "changed by its taker"
    assert _checked(sheet, Checking(kept, reuse=True)) == made


def test_fingerprints_ordered_since_the_review_are_checked_again_where_the_check_reads_them(
    tmp_path: Path, checks: list[int]
) -> None:
    """The check reads the fingerprints ordered where two rows are one person: a check that read them is
    taken while the ledger holds the very same; one that never read them is taken whatever it holds."""
    asked: list[str] = []

    def ordered(*fingerprints: str) -> Callable[[], list[str]]:
        def read() -> list[str]:
            asked.append("asked")
            return list(fingerprints)

        return read

    twice = _people(2) + "G-1,Gail1,Stone1,1 Quarry Road,Boston,MA,02108,CVS,25,STANDARD\n"  # G-1 twice
    sheet, kept = _sheet(tmp_path, twice), KeptChecks()
    made = _checked(sheet, Checking(kept), ordered=ordered("x"))
    assert asked and len(checks) == 1
    assert _checked(sheet, Checking(kept, reuse=True), ordered=ordered("x")) == made and len(checks) == 1
    _checked(sheet, Checking(kept, reuse=True), ordered=ordered("x", "ordered since"))
    assert len(checks) == 2
    (tmp_path / "once").mkdir()
    once, kept = _sheet(tmp_path / "once", _people(3)), KeptChecks()  # nobody twice: nothing read
    asked.clear()
    made = _checked(once, Checking(kept), ordered=ordered())
    assert _checked(once, Checking(kept, reuse=True), ordered=ordered("ordered since")) == made
    assert not asked and len(checks) == 3


def test_a_check_kept_yesterday_is_made_again_today(
    tmp_path: Path, checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page left open over midnight: nothing the check reads need have changed, it is made again."""
    sheet, kept = _sheet(tmp_path, _people(2)), KeptChecks()
    monkeypatch.setattr(ProgramSettings, "today", lambda _self: date(2026, 12, 7))
    made = _checked(sheet, Checking(kept))
    monkeypatch.setattr(ProgramSettings, "today", lambda _self: date(2026, 12, 8))
    assert _checked(sheet, Checking(kept, reuse=True)) == made and len(checks) == 2
