"""Realistic recipient files for the benchmarks: real ZIP/state/city triples, valid catalog rewards.

Files are cached under ``bench/data/`` and rebuilt only when missing: repeated runs time the same bytes.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import xlsxwriter
import zipcodes

HEADERS = [
    "Employee ID",
    "First Name",
    "Last Name",
    "Company",
    "Street Address",
    "Address 2",
    "City",
    "State",
    "Zip Code",
    "Country",
    "Gift Card",
    "Amount",
    "Quantity",
    "Shipping",
    "Card Carrier",
    "Email",
    "Department",
    "Anniversary",
]
FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Eve",
    "Farah",
    "Gus",
    "Hiro",
    "Ines",
    "Jon",
    "Kai",
    "Lena",
    "Mo",
    "Nia",
]
LAST = ["Smith", "García", "O'Brien", "Nguyen", "Kowalski", "Okafor", "Lindqvist", "Patel", "Rossi", "Chen"]
STREETS = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Washington Blvd", "Lake Rd", "Hill St"]
REWARDS = [
    ("CVS", "25"),
    ("CVS", "50"),
    ("TARGET", "100"),
    ("TARGET", "250"),
    ("VISA-PREPAID", "75.00"),
    ("CVS", "100"),
    ("TARGET", "50"),
]
SHIPPING = ["STANDARD", "STANDARD", "STANDARD", "EXPEDITED", "OVERNIGHT"]
DEPARTMENTS = ["Sales", "Engineering", "Finance", "Support", "Marketing", "Operations"]


def _places() -> list[tuple[str, str, str]]:
    return [
        (z["zip_code"], z["city"], z["state"])
        for z in zipcodes.list_all()
        if z["zip_code_type"] == "STANDARD"
        and z["active"]
        and len(z["state"]) == 2
        and z["state"] not in {"AA", "AE", "AP"}
    ]


def recipient_rows(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    places = _places()
    rows = []
    for i in range(count):
        zip_code, city, state = rng.choice(places)
        product, value = rng.choice(REWARDS)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        rows.append(
            [
                f"E{100000 + i}",
                first,
                last,
                "Acme Corp" if i % 3 else "",
                f"{rng.randint(1, 9999)} {rng.choice(STREETS)}",
                f"Apt {rng.randint(1, 40)}" if i % 5 == 0 else "",
                city,
                state,
                zip_code,
                "US",
                product,
                value,
                "1",
                rng.choice(SHIPPING),
                "ANNIVERSARY" if product == "VISA-PREPAID" else "DEFAULT",
                f"{first.lower()}.{last.lower()}{i}@example.com",
                rng.choice(DEPARTMENTS),
                f"{1 + i % 25} years",
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    """As Excel users make them: a title row, a blank row, then the header; ZIPs stored as text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Recipients")
    sheet.write_string(0, 0, "Anniversary awards — Q4")
    sheet.write_row(2, 0, HEADERS)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return path


def ensure(kind: str, count: int, data_dir: Path) -> Path:
    """The cached file of ``count`` rows in ``kind`` ('csv' or 'xlsx'), made if missing."""
    path = data_dir / f"recipients-{count}.{kind}"
    if not path.exists():
        rows = recipient_rows(count)
        (write_csv if kind == "csv" else write_xlsx)(path, rows)
    return path
