"""The look-alike checks of a list of a few rows compare in plain Python (bulkship.validate.fewrows, issue
14): which rows share a key (lookalikes.columns.shared_keys) and each row's Employee ID or email
(lookalikes.references._references) must come out as the pandas way gives them, on every list."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import numpy as np
import pandas as pd
import pytest
from intake_fixtures import sandbox_catalog

from bulkship.load import load_sheet
from bulkship.validate import fewrows, validate
from bulkship.validate.lookalikes.columns import shared_keys
from bulkship.validate.lookalikes.references import _references

# Cells that are equal, nearly equal or only look equal: a plain comparison must tell them apart as codes do
CELLS = ["", " ", "a", "A", "a ", "\x00", "a\x00", "é", "e\u0301", "1", "01", "Ann Lee", "ann lee", "ß", "ss"]
IDS = ["", " ", "E1", "e1", " E-1 ", "E 1", "TBD", "N/A", "0", "E2", "-", "e2 "]
EMAILS = [
    "",
    " ",
    "a@b.co",
    " A@B.CO ",
    "a@b",
    "x@y.com; z@w.com",
    "-",
    "N/A",
    "ann@corp.com",
    "Ann@Corp.com",
]


def _both_ways(monkeypatch: pytest.MonkeyPatch, work: object) -> tuple[object, object]:
    plain = work()  # type: ignore[operator]
    with monkeypatch.context() as patched:
        patched.setattr(fewrows, "FEW_ROWS", 0)
        return plain, work()  # type: ignore[operator]


def test_rows_sharing_a_key_are_found_alike_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random columns drawn from a few cells (so that rows repeat), one to three keys of one to three
    columns each: the same rows found plainly as by pandas' codes."""
    chosen = random.Random(14)
    found = 0
    for _ in range(1500):
        count = chosen.randint(0, 40)
        names = [f"c{i}" for i in range(chosen.randint(1, 4))]
        pool = chosen.sample(CELLS, chosen.randint(1, len(CELLS)))
        columns = {name: [chosen.choice(pool) for _ in range(count)] for name in names}
        keys = tuple(
            tuple(chosen.sample(names, chosen.randint(1, len(names)))) for _ in range(chosen.randint(1, 3))
        )
        plain, by_pandas = _both_ways(monkeypatch, lambda c=columns, k=keys: shared_keys(c, *k))
        assert isinstance(plain, np.ndarray) and plain.dtype == bool
        np.testing.assert_array_equal(plain, by_pandas, err_msg=f"{columns} {keys}")
        found += int(plain.sum())
    assert found > 10_000  # rows do share keys: the comparison is not of lists of distinct rows


def test_each_row_s_reference_is_read_alike_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Employee ID and email cell above, with and without either column, a row at a time and in lists:
    the same reference (the ID folded, else 'email: ' and the email) both ways."""
    chosen = random.Random(48)
    lists = [[(i, e)] for i in IDS for e in EMAILS]
    lists += [
        [(chosen.choice(IDS), chosen.choice(EMAILS)) for _ in range(chosen.randint(0, 12))]
        for _ in range(300)
    ]
    emailed = 0
    for cells in lists:
        for columns in (("external_id", "email"), ("external_id",), ("email",), ()):
            frame = pd.DataFrame(
                {c: [pair[("external_id", "email").index(c)] for pair in cells] for c in columns},
                index=pd.RangeIndex(2, 2 + len(cells)),
                dtype=object,
            )
            plain, by_pandas = _both_ways(monkeypatch, lambda f=frame: _references(f))
            assert plain == by_pandas and all(type(r) is str for r in plain), cells  # type: ignore[attr-defined]
            emailed += sum(str(r).startswith("email: ") for r in plain)  # type: ignore[attr-defined]
    assert emailed > 100


def test_a_list_with_rows_one_person_s_validates_alike_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list holding each kind of look-alike row (one person by ID, by email, written two ways, two gifts,
    one name in two ZIPs): the same rows, fingerprints and problems both ways."""
    header = "Employee ID,Email,Name,Address,City,State,ZIP,Product,Amount\n"
    rows = [
        "E-1,,Maria Lopez,12 Beacon Street,Boston,MA,02108,CVS,25",
        "E-2,,maria lopez,12 Beacon Street,Boston,MA,02108,CVS,25",
        ",,Maria Lopez,12 Beacon St.,Boston,MA,02108,CVS,25",
        "E-9,,Tom Ng,1 A St,Boston,MA,02108,CVS,25",
        "E-9,,Tom Ng,7 B St,Boston,MA,02108,CVS,25",
        "E-9,,Tom Ng,1 A St,Boston,MA,02108,TARGET,50",
        "E-9,,Thomas Ng,1 A St,Boston,MA,02108,CVS,25",
        ",ann@corp.com,Ann Lee,1 Old St,Boston,MA,02134,CVS,25",
        ",Ann@Corp.com,Ann Lee,1 Old Street,Boston,MA,02134,CVS,25",
        ",,Jon Smith,5 Elm St,Boston,MA,02134,CVS,25",
        ",,John Smith,5 Elm St,Boston,MA,02134,CVS,25",
        ",,Ann Lee,9 New St,Cambridge,MA,02139,CVS,25",
        ",,Bo Ray,2 Oak Ave,Cambridge,MA,02139,CVS,25",
    ]
    path = tmp_path / "alike.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    catalog = sandbox_catalog()
    plain, by_pandas = _both_ways(monkeypatch, lambda: validate(load_sheet(path), catalog))
    pd.testing.assert_frame_equal(plain.rows, by_pandas.rows)  # type: ignore[attr-defined]
    assert plain.problems == by_pandas.problems  # type: ignore[attr-defined]
    kinds = {p.kind for p in plain.problems}  # type: ignore[attr-defined]
    assert {"Second card for one person", "One person written two ways?"} <= kinds, kinds
    assert (plain.rows["status"] == "duplicate").sum() >= 3  # type: ignore[attr-defined]


def test_a_few_rows_are_compared_for_look_alikes_without_pandas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows sharing a key and each row's reference were found through pandas' codes (a DataFrame of
    factorized columns, ~0.5 ms a call, seven calls) for every list, ~6 ms of CPU of a ~50 ms validate of 5
    rows all at one ZIP and card: a list of a few rows builds no Series nor DataFrame there."""
    path = tmp_path / "five.csv"
    path.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Product,Amount\n"
        + "".join(f"E{i},Person {i},{i + 1} Main St,Boston,MA,02134,CVS,25\n" for i in range(5)),
        encoding="utf-8",
    )
    built: list[str] = []
    watched = {"shared_keys", "_references"}

    def counting(real: Callable[..., None]) -> Callable[..., None]:
        def init(self: object, *args: object, **kwargs: object) -> None:
            frame: FrameType | None = sys._getframe(1)
            while frame is not None:
                if frame.f_code.co_name in watched:
                    built.append(frame.f_code.co_name)
                    break
                frame = frame.f_back
            real(self, *args, **kwargs)

        return init

    monkeypatch.setattr(pd.Series, "__init__", counting(pd.Series.__init__))
    monkeypatch.setattr(pd.DataFrame, "__init__", counting(pd.DataFrame.__init__))
    result = validate(load_sheet(path), sandbox_catalog())
    assert [p.kind for p in result.problems] == [] and (result.rows["status"] == "valid").sum() == 5
    assert built == []


def test_each_card_method_or_carrier_cell_is_read_as_its_id_alike_both_ways(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """catalognames._ids (the id a card, shipping method or card carrier cell names, and whether it was
    read as another id than written) on every spelling the catalog knows and some it does not, a cell at a
    time and in lists: the same ids and the same renamed cells both ways, their dtypes and index too."""
    from bulkship.validate.rules.catalognames import _ids, product_ids

    lookup = product_ids(sandbox_catalog())
    cells = [*list(lookup)[:40], "CVS", "cvs", "Cvs", "Target Gift Card", "TARGET", "Narnia", "", " cvs", "ß"]
    cells += [spelling.upper() for spelling in list(lookup)[:10]]
    chosen = random.Random(5)
    lists = [[cell] for cell in cells] + [chosen.choices(cells, k=chosen.randint(0, 30)) for _ in range(200)]
    renamed = 0
    for values in lists:
        column = pd.Series(values, index=pd.RangeIndex(2, 2 + len(values)), dtype=object)
        plain, by_pandas = _both_ways(monkeypatch, lambda c=column: _ids(c, lookup))
        for mine, theirs in zip(plain, by_pandas, strict=True):  # type: ignore[call-overload]
            pd.testing.assert_series_equal(mine, theirs)
        renamed += int(plain[1].sum())  # type: ignore[index]
    assert renamed > 100  # cells are read as another id: the comparison is not of ids written as such


def test_a_few_rows_card_cells_are_read_as_ids_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 5-row list's card and shipping cells were read as the catalog's ids through ~12 pandas operations
    each (~1.8 ms of CPU of a ~38 ms validate): a list of a few rows builds no Series but its answer there."""
    from bulkship.validate.rules import catalognames

    column = pd.Series(
        ["CVS", "Target Gift Card", "cvs", "Narnia", ""], index=pd.RangeIndex(2, 7), dtype=object
    )
    built: list[int] = []
    real = pd.Series.__init__

    def counted(self: pd.Series, *args: object, **kwargs: object) -> None:
        built.append(1)
        real(self, *args, **kwargs)

    lookup = catalognames.product_ids(sandbox_catalog())
    monkeypatch.setattr(pd.Series, "__init__", counted)
    ids, renamed = catalognames._ids(column, lookup)
    monkeypatch.undo()
    assert ids.tolist() == ["CVS", "TARGET", "CVS", "Narnia", ""] and renamed.tolist() == [0, 1, 0, 0, 0]
    assert len(built) <= 2, f"{len(built)} Series built"
