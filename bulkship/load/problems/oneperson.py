"""One person on several rows at different addresses: one row per address of theirs ('Address Type' =
Home, Work, Mailing: a report listing each worker's addresses, as Workday's or an HRIS's), or one name cell
merged down over rows of different addresses. Each row was a card to another address: Ann Lee got two, the
duplicate check (one person at one address) seeing two people (found by hunter-sheets6)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection

import pandas as pd

from ...folding import fold_address
from ...models import NAME_COLUMNS, Problem
from ..cells import _Grid
from ..skipped import _short

# 'Address Type', 'Type of Address', 'Address Usage', 'Addr Use', 'Location Type', 'Address Purpose'
_KIND = re.compile(r"(?i)\b(?:type|usage|use|purpose|kind|category)\b")
_ADDRESS = re.compile(r"(?i)\b(?:address|addr|location)\b")


def _address_type_column(body: pd.DataFrame, column_map: dict[str, str]) -> str | None:
    """The column no field reads whose header says which kind of address a row holds."""
    return next(
        (h for h in body.columns if h not in column_map and _KIND.search(h) and _ADDRESS.search(h)), None
    )


def _one_person_problems(
    grid: _Grid,
    body: pd.DataFrame,
    by_position: dict[int, str],
    column_map: dict[str, str],
    not_judged: Collection[int],
) -> list[Problem]:
    """An error on each row of a person listed at several addresses: which one is the card's?"""
    found = _address_type_problems(body, column_map, not_judged)
    seen = {p.row for p in found}
    return found + [
        p for p in _merged_name_problems(grid, body, by_position, column_map, not_judged) if p.row not in seen
    ]


def _addresses(body: pd.DataFrame, headers: dict[str, str]) -> dict[int, str]:
    """Each row's street and unit as compared (:func:`fold_address`)."""
    text = body.fillna("").astype(str)
    line2 = text[headers["address2"]] if "address2" in headers else pd.Series("", index=body.index)
    return dict(zip(body.index, map(fold_address, text[headers["address1"]], line2), strict=True))


def _merged_name_problems(
    grid: _Grid,
    body: pd.DataFrame,
    by_position: dict[int, str],
    column_map: dict[str, str],
    not_judged: Collection[int],
) -> list[Problem]:
    """A name cell merged down over rows whose addresses differ ('Ann Lee' over her home and her office):
    read on each row, it was a card to each address. Rows of one address (two gifts to her) are not."""
    headers = {field: header for header, field in column_map.items()}
    merged = grid.scan.merged if grid.scan else []
    names = [
        (first, last, by_position[col])
        for first, col, last, last_col in merged
        if col == last_col and last > first and column_map.get(by_position.get(col, "")) in NAME_COLUMNS
    ]
    if not names or "address1" not in headers:
        return []
    where = _addresses(body, headers)
    problems = []
    for first, last, header in names:
        rows = [r for r in range(first, last + 1) if r in body.index and r not in not_judged]
        if len(rows) < 2 or len({where[r] for r in rows}) < 2:
            continue
        who = str(body.at[rows[0], header]).strip()
        for row in rows:
            message = (
                f"Row {row}, column '{header}': '{_short(who, 60)}' is one cell merged over rows "
                f"{first}-{last}, whose addresses differ: each row would send this person a card at another "
                "address. Keep only the row of the address the card goes to (or unmerge the cell if these "
                "are different people)."
            )
            problems.append(Problem(row, column_map[header], who, "error", message, "One person's addresses"))
    return problems


def _address_type_problems(
    body: pd.DataFrame, column_map: dict[str, str], not_judged: Collection[int]
) -> list[Problem]:
    """An error on each row of a person listed at addresses of two or more kinds: which one is the card's?"""
    kind_header = _address_type_column(body, column_map)
    headers = {field: header for header, field in column_map.items()}
    names = [headers[f] for f in NAME_COLUMNS if f in headers]
    if kind_header is None or not names or "address1" not in headers or len(body) < 2:
        return []
    kinds = body[kind_header].fillna("").astype(str).str.strip()
    if kinds.str.casefold().nunique() < 2:  # the usual list: one kind of address, or the column empty
        return []
    # one person's rows spell the name alike: compared by its words, case and stops aside ('Lee, Ann' =
    # 'Ann Lee'); only names on two rows or more are looked at further (the usual list has none)
    text = body[[*names, *(headers[f] for f in ("external_id",) if f in headers)]].fillna("").astype(str)
    person = text[names[0]]
    for header in names[1:]:
        person = person + " " + text[header]
    person = (
        person.str.casefold().str.replace(r"[^\w\s]", " ", regex=True).str.split().map(sorted).str.join(" ")
    )
    if "external_id" in headers:  # one Employee ID names one person; two are two people of one name
        person = person + "\x1f" + text[headers["external_id"]].str.strip().str.casefold()
    person = person[person.duplicated(keep=False) & ~body.index.isin(list(not_judged))]
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, who in zip(person.index, person, strict=True):
        if who.strip("\x1f "):
            rows_of[who].append(int(row))
    if not rows_of:
        return []
    where = _addresses(body.loc[[r for rows in rows_of.values() for r in rows]], headers)
    problems = []
    for rows in rows_of.values():
        said = [kinds[r] for r in rows]
        if len(rows) < 2 or len({k.casefold() for k in said if k}) < 2 or len({where[r] for r in rows}) < 2:
            continue
        listed = ", ".join(f"row {r} '{_short(k, 30)}'" for r, k in zip(rows, said, strict=True))
        who = " ".join(str(body.at[rows[0], h]).strip() for h in names).strip()
        for row in rows:
            message = (
                f"Row {row}, column '{kind_header}': {_short(who, 60)} is listed once per address "
                f"({listed}): each row would send a card to another address. Keep only the row of the "
                "address the card goes to, and delete the others."
            )
            street = str(body.at[row, headers["address1"]])
            problems.append(Problem(row, "address1", street, "error", message, "One person's addresses"))
    return problems
