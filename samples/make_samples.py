"""Regenerate the binary samples: ``.venv/bin/python samples/make_samples.py``.

- anniversary.xlsx: a clean list of 25 work anniversaries; every row valid against the sandbox catalog.
- direct-mail.csv: a CRM export (UTF-8 with BOM, its own header names) for a direct-mail campaign; all valid.
- messy.xlsx: what people really send: title rows, ZIPs that lost their zeros, state names, money text, a formula,
  a date where an id should be, duplicates, PO box, military mail, and one example of every error.
Written with openpyxl, as Excel would save them (numbers as numbers unless the column is formatted as Text).
"""

# ruff: noqa: E501  (exact user-facing messages and sample data read best unwrapped)

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).parent

PEOPLE = [
    ("E-1001", "Maria", "Lopez", "12 Beacon Street", "", "Boston", "MA", "02108"),
    ("E-1002", "James", "Chen", "455 Massachusetts Avenue", "Apt 3", "Cambridge", "MA", "02139"),
    ("E-1003", "Aisha", "Okafor", "350 Fifth Avenue", "Floor 21", "New York", "NY", "10118"),
    ("E-1004", "Tom", "Becker", "233 South Wacker Drive", "", "Chicago", "IL", "60606"),
    ("E-1005", "Priya", "Natarajan", "1100 Congress Avenue", "", "Austin", "TX", "78701"),
    ("E-1006", "Liam", "O'Brien", "400 Broad Street", "", "Seattle", "WA", "98109"),
    ("E-1007", "Sofia", "Rossi", "1701 Wynkoop Street", "Suite 200", "Denver", "CO", "80202"),
    ("E-1008", "Noah", "Williams", "1111 Lincoln Road", "", "Miami Beach", "FL", "33139"),
    ("E-1009", "Emma", "Johansson", "1120 SW 5th Avenue", "", "Portland", "OR", "97204"),
    ("E-1010", "Diego", "Hernandez", "200 West Washington Street", "", "Phoenix", "AZ", "85003"),
    ("E-1011", "Grace", "Kim", "55 Trinity Avenue SW", "", "Atlanta", "GA", "30303"),
    ("E-1012", "Oliver", "Smith", "25 Dorrance Street", "", "Providence", "RI", "02903"),
    ("E-1013", "Chloe", "Martin", "550 Main Street", "", "Hartford", "CT", "06103"),
    ("E-1014", "Ethan", "Brown", "920 Broad Street", "", "Newark", "NJ", "07102"),
    ("E-1015", "Zoe", "Davis", "149 Church Street", "", "Burlington", "VT", "05401"),
    ("E-1016", "Lucas", "Miller", "389 Congress Street", "", "Portland", "ME", "04101"),
    ("E-1017", "Mia", "Wilson", "1 City Hall Plaza", "", "Manchester", "NH", "03101"),
    ("E-1018", "Henry", "Moore", "1 Dr Carlton B Goodlett Place", "", "San Francisco", "CA", "94102"),
    ("E-1019", "Ava", "Taylor", "200 North Spring Street", "", "Los Angeles", "CA", "90012"),
    ("E-1020", "Jack", "Anderson", "350 South 5th Street", "", "Minneapolis", "MN", "55415"),
    ("E-1021", "Lily", "Thomas", "1 Public Square", "", "Nashville", "TN", "37201"),
    ("E-1022", "Samuel", "Jackson", "451 South State Street", "", "Salt Lake City", "UT", "84111"),
    ("E-1023", "Hannah", "White", "90 West Broad Street", "", "Columbus", "OH", "43215"),
    ("E-1024", "Daniel", "Harris", "1401 John F Kennedy Boulevard", "", "Philadelphia", "PA", "19102"),
    ("E-1025", "Ella", "Clark", "100 Holliday Street", "", "Baltimore", "MD", "21202"),
]

# (product, value, carrier, shipping) cycling over sandbox products that ship physically.
REWARDS = [
    ("VISA-PREPAID", "50", "ANNIVERSARY", "STANDARD"),
    ("CVS", "25", "DEFAULT", "STANDARD"),
    ("TARGET", "100", "DEFAULT", "STANDARD"),
    ("VISA-PREPAID", "100", "ANNIVERSARY", "EXPEDITED"),
    ("CVS", "50", "DEFAULT", "STANDARD"),
]


def _save(book: Workbook, name: str) -> None:
    book.properties.creator = "bulkship samples"
    fixed = dt.datetime(2026, 1, 5, 9, 0, 0)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.save(HERE / name)


def anniversary() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Anniversaries"
    sheet.append(["Work anniversary gifts: November"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    headers = ["Employee ID", "First Name", "Last Name", "Address", "Address 2", "City", "State", "Zip Code",
               "Product", "Amount", "Card Carrier", "Shipping Method", "Years", "Department"]  # fmt: skip
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    departments = ["Finance", "Engineering", "Sales", "Operations", "People"]
    for index, person in enumerate(PEOPLE):
        product, value, carrier, shipping = REWARDS[index % len(REWARDS)]
        emp, first, last, address1, address2, city, state, zip_code = person
        sheet.append([emp, first, last, address1, address2, city, state, zip_code, product, int(value),
                      carrier, shipping, 5 + index % 4 * 5, departments[index % len(departments)]])  # fmt: skip
        sheet.cell(row=sheet.max_row, column=8).number_format = "@"  # the ZIP column is formatted as Text
    for letter, width in zip(
        "ABCDEFGHIJKLMN", (12, 12, 12, 30, 12, 16, 7, 10, 14, 8, 14, 16, 7, 13), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    _save(book, "anniversary.xlsx")


def direct_mail() -> None:
    headers = ["Customer ID", "Full Name", "Street Address", "Apt/Suite", "City", "ST", "Postal Code", "Brand",
               "Denomination", "Ship Method", "Segment"]  # fmt: skip
    brands = [("CVS", "10"), ("STARBUCKS", "15"), ("TARGET", "25"), ("HOMEDEPOT", "50")]
    with (HERE / "direct-mail.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for index, (_, first, last, address1, address2, city, state, zip_code) in enumerate(PEOPLE * 2):
            brand, value = brands[index % len(brands)]
            writer.writerow([f"C{50000 + index}", f"{first} {last}" + (" Jr." if index >= len(PEOPLE) else ""),
                             address1, address2, city, state, zip_code, brand, f"${value}.00", "Standard",
                             "winback" if index % 3 else "loyal"])  # fmt: skip


# Each messy row: (Employee ID, First, Last, Address, Address 2, City, State, Zip, Product, Amount, Qty,
# Shipping, Card Carrier, Allow Duplicate, Email, Note) -- the note says what the row shows.
MESSY = [
    ("E-2001", "Maria", "Lopez", "12 Beacon Street", "", "Boston", "Massachusetts", 2108, "CVS", "$50.00", 1,
     "standard", "", "", "maria@example.com", "clean after repairs: state name, ZIP lost its zero, money text"),
    ("E-2002", "James", "Chen", "455 Massachusetts Ave", "", "Cambridge", "ma", 2139, "visa-prepaid", "1,200.00",
     1, "", "ANNIVERSARY", "", "", "value above the VISA-PREPAID range (20 to 500)"),
    ("E-2003", " Aisha ", "Oka\u200bfor", "350  Fifth Avenue", "", "New York", "NY", "10118", "Target", 30, 1,
     "", "", "", "", "invisible character and double space removed; 30 is not a TARGET value"),
    ("E-2004", "Tom", "Becker", "233 South Wacker Drive", "", "Chicago", "IL", "1234X", "CVS", 25, 1,
     "", "", "", "", "ZIP not valid"),
    ("E-2005", "Priya", "Natarajan", "1100 Congress Avenue", "", "Austin", "CA", "78701", "CVS", 25, 1,
     "", "", "", "", "ZIP does not match the state"),
    ("E-2006", "Liam", "O'Brien", "PO Box 4410", "", "Seattle", "WA", "98109", "CVS", 25, 1,
     "", "", "", "", "PO box (a warning; a program can reject them)"),
    ("E-2007", "Sofia", "Rossi", "Unit 2050 Box 4190", "", "APO", "AP", "96278", "TARGET", 50, 1,
     "", "", "", "", "military mail: valid"),
    ("E-2008", "Noah", "Williams", "PSC 1234 Box 5678", "", "Miami", "AE", "09012", "TARGET", 50, 1,
     "", "", "", "", "military state AE but city is not APO/FPO/DPO"),
    ("E-2009", "Emma", "Johansson", "1120 SW 5th Avenue", "", "Portland", "OR", "97204", "STARBUCKS-XL", 25, 1,
     "", "", "", "", "unknown product"),
    ("E-2010", "Diego", "Hernandez", "200 West Washington Street", "", "Phoenix", "AZ", "85003", "AMAZON", 25, 1,
     "", "", "", "", "digital-only product cannot ship"),
    ("E-2011", "Grace", "Kim", "55 Trinity Avenue SW", "", "Atlanta", "GA", "30303", "CVS", 25, 0,
     "", "", "", "", "quantity 0"),
    ("E-2012", "Oliver", "Smith", "25 Dorrance Street", "", "Providence", "RI", 2903, "CVS", 25, 1,
     "Teleport", "", "", "", "unknown shipping method"),
    ("E-2013", "Chloe", "Martin", "550 Main Street", "", "Hartford", "CT", 6103, "CVS", 25, 1,
     "", "BIRTHDAY", "", "", "card carrier not offered for CVS"),
    ("E-2014", "Ethan", "Brown", "920 Broad Street", "", "", "NJ", 7102, "CVS", 25, 1,
     "", "", "", "", "city missing"),
    ("E-2015", "Zoe", "Davis", "149 Church Street", "", "Burlington", "Vermont", 5401, "CVS", 25, 1,
     "", "", "", "zoe(at)example.com", "email not valid"),
    ("E-2016", "Lucas", "Miller", "389 Congress Street", "", "Portland", "ME", 4101, "CVS", 25, 1,
     "", "", "", "", "row with a formula in Last Name"),
    (dt.date(2024, 3, 1), "Mia", "Wilson", "1 City Hall Plaza", "", "Manchester", "NH", 3101, "CVS", 25, 1,
     "", "", "", "", "Employee ID turned into a date by Excel"),
    ("1.23457E+11", "Henry", "Moore", "1 Dr Carlton B Goodlett Place", "", "San Francisco", "CA", "94102", "CVS",
     25, 1, "", "", "", "", "Employee ID shortened to scientific notation"),
    ("E-2019", "Ava", "Taylor", "200 North Spring Street " + "Building " * 12, "", "Los Angeles", "CA", "90012",
     "CVS", 25, 1, "", "", "", "", "address longer than the vendor accepts"),
    ("E-2020", "Jack", "Anderson", "350 South 5th Street", "", "Toronto", "ON", "M5H 2N2", "CVS", 25, 1,
     "", "", "", "", "not a US address"),
    ("E-2001", "Maria", "Lopez", "12 Beacon Street", "", "Boston", "MA", "02108", "CVS", 50, 1,
     "STANDARD", "", "", "maria@example.com", "duplicate of the first row"),
    ("E-2001", "Maria", "Lopez", "12 Beacon Street", "", "Boston", "MA", "02108", "CVS", 50, 1,
     "STANDARD", "", "yes", "maria@example.com", "same again, sent on purpose (Allow Duplicate yes)"),
    ("E-2023", "Hannah", "White", "90 West Broad Street", "", "Columbus", "OH", 432151234, "CVS", 25, 1,
     "", "", "", "", "9-digit ZIP+4 written as 43215-1234"),
    ("E-2024", "Daniel", "Harris", "1401 JFK Boulevard", "", "Philadelphia", "PA", "19102", "HOMEDEPOT", 25,
     2, "Overnight", "", "", "", "clean: two cards overnight"),
    ("E-2025", "Ella", "Clark", "100 Holliday Street", "", "Baltimore", "XX", "21202", "CVS", 25, 1,
     "", "", "", "", "state not valid"),
]  # fmt: skip


def messy() -> None:
    book = Workbook()
    notes = book.active
    notes.title = "Read me"
    notes.append(["Q4 thank-you cards: list from HR, please send!"])
    sheet = book.create_sheet("Recipients")
    sheet.append(["Thank-you cards Q4"])
    sheet.append(["Prepared by HR, do not share"])
    sheet.append([])
    sheet.append(["Employee ID", "First Name", "Last Name", "Street Address", "Apt", "City", "State", "ZIP",
                  "Gift Card", "Amount", "Qty", "Shipping", "Card Carrier", "Allow Duplicate", "Email",
                  "What this row shows"])  # fmt: skip
    for index, row in enumerate(MESSY):
        if index == 10:
            sheet.append([])  # a blank row in the middle is ignored
        sheet.append(list(row))
        if row[-1].startswith("row with a formula"):
            sheet.cell(row=sheet.max_row, column=3).value = '=UPPER("miller")'
        if isinstance(row[0], dt.date):
            sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd"
    book.active = 1
    _save(book, "messy.xlsx")


if __name__ == "__main__":
    anniversary()
    direct_mail()
    messy()
    print("wrote anniversary.xlsx, direct-mail.csv and messy.xlsx in", HERE)
