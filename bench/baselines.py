"""The two baselines every bulkship figure is compared with, measured in the same run.

* floor: the least any tool must do — read the XLSX with python-calamine and write the same result table
  (input columns plus the result columns) with XlsxWriter in constant-memory mode. Nothing else.
* naive: the script a user would otherwise write — pandas ``read_excel`` (openpyxl), a pandera schema,
  ``to_excel`` (openpyxl).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import xlsxwriter
from python_calamine import CalamineWorkbook

RESULT_COLUMNS = [
    "Row",
    "Status",
    "Problems",
    "Normalised",
    "PO Number",
    "Order ID",
    "Line Item ID",
    "Cost",
    "Carrier",
    "Tracking Number",
    "Tracking URL",
    "Shipped",
    "Delivered",
]
HEADER_ROW_INDEX = 2  # bench files carry a title row and a blank row above the header


def floor(src: Path, out: Path) -> int:
    rows = CalamineWorkbook.from_path(str(src)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    header, body = rows[HEADER_ROW_INDEX], rows[HEADER_ROW_INDEX + 1 :]
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet("Results")
    sheet.write_row(0, 0, [*map(str, header), *RESULT_COLUMNS])
    for r, row in enumerate(body, start=1):
        for c, value in enumerate(row):
            sheet.write_string(r, c, str(value))
        extra = [
            str(r + HEADER_ROW_INDEX + 1),
            "ordered",
            "",
            "",
            f"PO-{r // 100:05d}",
            f"ORD{r // 100}",
            f"LI{r}",
            "50.00",
            "",
            "",
            "",
            "",
            "",
        ]
        for c, value in enumerate(extra, start=len(row)):
            if value:
                sheet.write_string(r, c, value)
    book.close()
    return len(body)


NAIVE_SCHEMA = pa.DataFrameSchema(
    {
        "First Name": pa.Column(str, pa.Check.str_length(1, 100)),
        "Last Name": pa.Column(str, pa.Check.str_length(1, 100)),
        "Street Address": pa.Column(str, pa.Check.str_length(1, 100)),
        "City": pa.Column(str, pa.Check.str_length(1, 50)),
        "State": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2}$")),
        "Zip Code": pa.Column(str, pa.Check.str_matches(r"^\d{5}(-\d{4})?$")),
        "Gift Card": pa.Column(str, pa.Check.isin(["CVS", "TARGET", "VISA-PREPAID"])),
        "Amount": pa.Column(str),
    },
    coerce=True,
)


def naive(src: Path, out: Path) -> int:
    frame = pd.read_excel(src, engine="openpyxl", dtype=str, header=HEADER_ROW_INDEX).fillna("")
    try:
        NAIVE_SCHEMA.validate(frame, lazy=True)
        frame["Status"] = "valid"
    except pa.errors.SchemaErrors as exc:
        bad = set(exc.failure_cases["index"].dropna())
        frame["Status"] = ["invalid" if i in bad else "valid" for i in frame.index]
    frame.to_excel(out, engine="openpyxl", index=False)
    return len(frame)
