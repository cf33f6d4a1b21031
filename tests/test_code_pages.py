"""A CSV saved by Excel outside Western Europe is in its Windows code page, not UTF-8: read as Windows-1252 its
names came out garbled ('Èâàí Ïåòðîâ' for Иван Петров) and every row was valid, so cards would have been
printed that way. Each file is written by Python's own codecs, as Excel writes it; `bulkship validate` is run
as a person runs it."""

# ruff: noqa: E501  (exact user-facing messages read best unwrapped)

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from bulkship.cli import main
from bulkship.load import load_sheet
from bulkship.program import load_program

HEADER = ["Name", "Address", "City", "State", "ZIP", "Product", "Value"]


def validate(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, dict]:
    code = main(["validate", str(path), "--json", "--out", str(path.parent / "out"), *args])
    return code, json.loads(capsys.readouterr().out)


def write_csv(path: Path, encoding: str, names: list[str]) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, name in enumerate(names, start=1):
            writer.writerow([name, f"{number} Main St", "Boston", "MA", "02134", "CVS", "25"])
    return path


@pytest.mark.parametrize(
    ("encoding", "names", "garbled"),
    [
        ("cp1251", ["Иван Петров", "Ольга Смирнова"], "Èâàí Ïåòðîâ"),
        ("cp1250", ["Łukasz Wróbel", "Zdeněk Šťastný"], "£ukasz Wróbel"),
        ("cp1253", ["Γιάννης Παπαδόπουλος", "Μαρία Κ"], "ÃéÜííçò"),
        ("cp1254", ["Şükrü Öztürk", "Ayşe Yılmaz"], "Þükrü Öztürk"),
        ("cp1255", ["דוד כהן", "שרה לוי"], "ãåã ëäï"),
        ("gbk", ["李小龙", "王菲"], "ÀîÐ¡Áú"),
        ("cp950", ["陳大文", "林美玲"], "³¯¤j¤å"),
        ("cp949", ["김민준", "이서연"], "±è¹ÎÁØ"),
    ],
)
def test_a_csv_in_another_windows_code_page_is_refused_with_its_reading_not_ordered_garbled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, names: list[str], garbled: str
) -> None:
    path = write_csv(tmp_path / f"{encoding}.csv", encoding, names)
    code, data = validate(capsys, path)
    assert code == 2
    assert data["error"].startswith(
        f"{encoding}.csv is not UTF-8, and read as Windows-1252 (Excel's 'CSV' on Windows) its accented letters come out garbled: line 2 would read '{garbled}"
    )
    assert f"it reads '{names[0]}," in data["error"] or f": '{names[0]}," in data["error"]
    assert f"--encoding {encoding}" in data["hint"]
    (tmp_path / "program.toml").write_text(f'[program]\nencoding = "{encoding}"\n')
    loaded = load_sheet(path, program=load_program(tmp_path / "program.toml"))
    assert loaded.frame["Name"].tolist() == names
    code, data = validate(capsys, path, "--encoding", encoding)
    assert (code, data["valid"]) == (0, 2)


def test_western_names_in_windows_1252_are_still_read_as_such(tmp_path: Path) -> None:
    names = [
        "José Müller",
        "Ibáñez Peña",
        "São João Conceição",
        "Ève Lefèvre-Côté",
        "Søren Østergaard",
        "Åsa Ångström",
        "Œuvre d’Art, Nº 5",
        "Jörg Weiß",
        "Íñigo Añorga",
        "Chloë Brontë",
    ]
    path = write_csv(tmp_path / "win.csv", "cp1252", names)
    assert load_sheet(path).frame["Name"].tolist() == names


def test_a_letter_lost_to_a_wrong_encoding_is_an_error_on_its_row_not_printed_on_a_parcel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Zdenìk Š\ufffdastný' (a byte Windows-1252 does not define) was a valid name."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Address", "City", "State", "ZIP", "Product", "Value"])
    sheet.append(["Zdenìk", "Š\ufffdastný", "1 Main St", "Boston", "MA", "02134", "CVS", "25"])
    sheet.append(["Ann", "Lee", "2 M\ufffdhlenweg", "Boston", "MA", "02134", "CVS", "25"])
    sheet.append(["Bob", "Ray", "3 Main St", "Boston", "MA", "02134", "CVS", "25"])
    book.save(tmp_path / "lost.xlsx")
    code, data = validate(capsys, tmp_path / "lost.xlsx")
    assert (code, data["valid"], data["invalid"]) == (1, 1, 2)
    lost = [p["message"] for p in data["problems"] if "\ufffd' where" in p["message"]]
    assert lost == [
        "Row 2, column 'Last Name': 'Š\ufffdastný' holds '\ufffd' where a letter was lost when the text was saved or read in another encoding; type the letter again (or save the file as 'CSV UTF-8' from the program that made it).",
        "Row 3, column 'Address': '2 M\ufffdhlenweg' holds '\ufffd' where a letter was lost when the text was saved or read in another encoding; type the letter again (or save the file as 'CSV UTF-8' from the program that made it).",
    ]


def test_a_windows_csv_whose_only_accents_are_symbols_is_read_as_typed(tmp_path: Path) -> None:
    """'Suite 2°', 'Acme®' or '5 ½ Main St' alone read better as Shift-JIS or Mac Roman ('Suite 2ｰ', '5 Ω Main
    St') and refused the file as garbled; a symbol or two says nothing about the encoding."""
    for number, address in enumerate(["5 ½ Main St", "Suite 2°", "Acme® Plaza", "Unit ²", "Fl. 1¼"]):
        path = tmp_path / f"symbol{number}.csv"
        with path.open("w", newline="", encoding="cp1252") as handle:
            csv.writer(handle).writerows([HEADER, ["Ann Lee", address, "Boston", "MA", "02134", "CVS", "25"]])
        assert load_sheet(path).frame["Address"].tolist() == [address]


def test_a_letter_excel_s_csv_could_not_hold_written_as_a_question_mark_is_an_error_not_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hunter-sheets20: Excel's 'CSV (Comma delimited)' (its default CSV on Windows, Windows-1252)
    writes '?' for each letter it cannot hold: 'Nguyễn Văn An' became 'Nguy?n V?n An', '山田 太郎' '?? ??',
    'Łukasz Wałęsa' '?ukasz Wa??sa', and every row was valid: parcels printed so, exit 0. Such a cell is an
    error on its row, saying how to save the file; Western names and a '?' beside no letter are as before."""
    people = [
        ("Nguyễn Văn An", "1 Main St"),
        ("山田 太郎", "2 Main St"),
        ("Łukasz Wałęsa", "3 Main St"),
        ("Michał Nowak", "4 Main St"),
        ("Ann Lee", "12 Lê Lợi St"),
        ("José García", "6 Main St"),
        ("Bob Ray", "7 Main St #?"),
    ]
    path = tmp_path / "saved_by_excel.csv"
    with path.open("w", newline="", encoding="cp1252", errors="replace") as handle:  # as Excel writes it
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([name, street, "Boston", "MA", "02134", "CVS", "25"] for name, street in people)
    code, data = validate(capsys, path)
    assert (code, data["valid"], data["invalid"]) == (1, 2, 5)
    lost = [p["message"] for p in data["problems"] if "holds '?'" in p["message"]]
    fix = (
        "holds '?', which the parcel would show: where a letter was lost (a program that could not keep it "
        "wrote '?' instead; Excel's 'CSV (Comma delimited)' keeps only Western European letters), save the "
        "file again as 'CSV UTF-8 (Comma delimited)' or as Excel Workbook (.xlsx), or type the letter; where "
        "it asks a question, settle it and clear the '?'."
    )
    assert lost == [
        f"Row 2, column 'Name': 'Nguy?n V?n An' {fix}",
        f"Row 3, column 'Name': '?? ??' {fix}",
        f"Row 4, column 'Name': '?ukasz Wa??sa' {fix}",
        f"Row 5, column 'Name': 'Micha? Nowak' {fix}",
        f"Row 6, column 'Address': '12 Lê L?i St' {fix}",
    ]


def test_the_list_saved_again_as_csv_utf_8_under_another_name_continues_its_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer28: a Salesforce list saved by Excel as 'CSV (Comma delimited)' ordered its Western
    rows; its '?ukasz Wa??sa' and 'Micha? Nowak' were errors asking to save it again as 'CSV UTF-8'. Saved so
    as 'gifts-utf8.csv' and run under the batch, it was refused, exit 2: "continues batch 'gifts' ... but not
    row 3 (?ukasz Wa??sa), row 4 (Micha? Nowak) ... put them in gifts-utf8.csv too", which held them. A name
    reading the same with a letter outside ASCII in each '?' corrects that row; another name does not."""
    people = [("Ann Lee", "1 Main St"), ("Łukasz Wałęsa", "3 Main St"), ("Michał Nowak", "4 Main St")]

    def save(name: str, encoding: str, rows: list[tuple[str, str]]) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding=encoding, errors="replace") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows([n, street, "Boston", "MA", "02134", "CVS", "25"] for n, street in rows)
        return path

    def run(path: Path) -> tuple[int, str]:
        code = main(["run", str(path), "--batch", "gifts", "--yes", "--wait", "0", "--out", str(tmp_path)])
        return code, " ".join(capsys.readouterr().err.split())

    assert run(save("gifts.csv", "cp1252", people))[0] == 3  # Ann ordered, the two others to fix
    other = [*people[:2], ("Michał Nowicki", "4 Main St")]  # not Micha? Nowak: still asked for
    code, said = run(save("gifts-v2.csv", "utf-8-sig", other))
    assert code == 2 and "but not row 4 (Micha? Nowak), still waiting on you" in said, said
    code, said = run(save("gifts-utf8.csv", "utf-8-sig", people))
    assert code == 0, said
    assert "1 row(s) already ordered are not sent again" in said, said
    assert "Batch gifts: 3 rows (3 pending); 3 ordered in 2 order(s); charged 75.00 USD" in said, said
