"""What a file is, before anything reads it: its size within bulkship's limits, and its real format (sniffed
from its first bytes: CSV text, an XLSX or ODS zip, an old XLS, something else) agreeing with its extension.
A wrong file is refused here with one line saying what it looks like and how to save it instead.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

from .. import defaults
from ..csvread import utf16_without_bom
from ..errors import FileFormatError
from ..paths import check_input_file
from ..zipparts import read_member

MAX_FILE_BYTES = defaults.MAX_FILE_BYTES  # on disk


CSV_EXTENSIONS = {".csv", ".txt", ".tsv"}
XLSX_EXTENSIONS = {".xlsx", ".xlsm"}
ODS_EXTENSIONS = {".ods"}
XLS_EXTENSIONS = {".xls"}


_EXTENSION_FORMATS = {s: "csv" for s in CSV_EXTENSIONS} | {s: "xlsx" for s in XLSX_EXTENSIONS}
_EXTENSION_FORMATS |= {s: "ods" for s in ODS_EXTENSIONS} | {s: "xls" for s in XLS_EXTENSIONS}
_FORMAT_NAMES = {"csv": "CSV text", "xlsx": "an Excel workbook (XLSX)", "ods": "an ODS spreadsheet"}
_FORMAT_NAMES |= {
    "xls": "an old Excel 97-2003 workbook (XLS)",
    "numbers": "an Apple Numbers file",
    "binary": "a binary file",
    "zip": "a zip archive",
    "html": "a web page (HTML), as some web applications save a table under a spreadsheet's name",
    "xml2003": "an XML Spreadsheet 2003 file, as HR systems save a table under a spreadsheet's name",
    "mht": "a single-file web page (MHT), as some web applications save a table under a spreadsheet's name",
}
_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html|<table|<meta|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
# Excel's XML Spreadsheet 2003 (<?mso-application progid="Excel.Sheet"?>, its Workbook element's namespace)
_XML_2003 = re.compile(
    rb"\s*<\?xml[^>]*>.*?(?:progid=\"Excel\.Sheet\"|urn:schemas-microsoft-com:office:spreadsheet)", re.S
)
_MHT_START = re.compile(rb"\s*MIME-Version:", re.IGNORECASE)
# a table saved by a web application or an HR system under a spreadsheet's name: to be saved as XLSX
_NOT_A_SHEET = frozenset({"html", "xml2003", "mht"})


def _sniff(head: bytes, path: Path) -> str:
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                # a few bytes ("application/vnd.oasis.opendocument.spreadsheet"), never a bomb expanded
                mimetype = read_member(archive, "mimetype", 4096) if "mimetype" in names else None
                manifest = read_member(archive, "META-INF/manifest.xml", 1 << 20) or b""
            if mimetype and b"opendocument.spreadsheet" in mimetype:
                if b"encryption-data" in manifest:  # its parts encrypted: it read as a damaged file
                    raise FileFormatError(
                        f"{path.name} is password-protected",
                        hint="open it in LibreOffice, remove the password (File › Save As, untick Save with "
                        "password) and save it, then use that file",
                    )
                return "ods"
        except (zipfile.BadZipFile, OSError) as exc:
            raise FileFormatError(f"{path.name} is a damaged zip file and cannot be read: {exc}") from None
        if "xl/workbook.xml" in names:
            return "xlsx"
        # an Apple Numbers file renamed (as if that converted it): said so, with how to export it
        return "numbers" if any(n.startswith("Index/") and n.endswith(".iwa") for n in names) else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return "csv"
    text = head.removeprefix(codecs.BOM_UTF8)
    if _HTML_START.match(text):
        return "html"
    if _XML_2003.match(text):
        return "xml2003"
    if _MHT_START.match(text):
        return "mht"
    if head.count(b"\x00") > len(head) // 10 or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8")):
        return "binary"  # a stray NUL in text is refused by the CSV reader as it would be further down
    if len(head.translate(None, _TEXT_BYTES)) > len(head) // 20:
        return "binary"  # control bytes no text holds (random bytes read as 'CSV text': hunter-web18)
    return "csv"


# the bytes text holds: all but the control characters other than tab, line ends, form feed, ESC
_TEXT_BYTES = bytes([9, 10, 11, 12, 13, 27, *range(32, 256)])


_SAVE_AS_XLSX = "save the list from the program that made it as an Excel Workbook (.xlsx), then use that file"
# How to turn a spreadsheet bulkship does not read into one it does, in the program that made it ("not
# '.numbers'" alone left a newcomer with nothing to do: newcomer2)
_SAVE_AS = {
    ".numbers": "in Numbers: File › Export To › Excel…, then use the .xlsx file",
    ".xlsb": "in Excel: File › Save As › Excel Workbook (.xlsx), then use that file",
    ".gsheet": "this is a shortcut to a Google Sheet: in Google Sheets, File › Download › Microsoft Excel "
    "(.xlsx), then use that file",
    ".fods": "in LibreOffice: File › Save As › ODF Spreadsheet (.ods), then use that file",
    ".et": "in WPS Spreadsheets: File › Save As › Excel Workbook (.xlsx), then use that file",
}


def _blank(data: bytes) -> bool:
    """Whether a file's bytes hold nothing but a byte-order mark and white space (as a CSV Excel saves of an
    empty sheet: its UTF-8 mark alone)."""
    for mark, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(mark):
            try:
                return not data.decode(codec).lstrip("\ufeff").strip()
            except UnicodeDecodeError:
                return False
    return not data.strip()


def _check_file(path: Path) -> str:
    """The file's real format, which must agree with its extension."""
    check_input_file(path, error=FileFormatError)  # a folder, a pipe, /dev/stdin: said as such
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileFormatError(
            f"{path.name} is {size / 2**20:.0f} MB, above bulkship's limit of {MAX_FILE_BYTES // 2**20} MB",
            hint="split the list into smaller files",
        )
    if size == 0:
        raise FileFormatError(f"{path.name} is empty")
    suffix = path.suffix.lower()
    expected = _EXTENSION_FORMATS.get(suffix)
    if expected is None:
        raise FileFormatError(
            f"{path.name}: bulkship reads .csv, .xlsx and .ods files, not '{suffix or 'no extension'}'",
            hint=_SAVE_AS.get(suffix, _SAVE_AS_XLSX),
        )
    with path.open("rb") as handle:
        head = handle.read(8192)
    if expected == "csv" and size == len(head) and _blank(head):  # (Excel's 'CSV UTF-8' of an empty sheet)
        raise FileFormatError(f"{path.name} is empty")
    actual = _sniff(head, path)
    if actual == "xls" and expected == "xlsx":
        raise FileFormatError(
            f"{path.name} is password-protected or an old XLS file renamed to .xlsx",
            hint="open it in Excel, remove the password and save as Excel Workbook (.xlsx)",
        )
    if actual == "xls" and expected == "xls":  # found by newcomer8: its hidden, crossed-out rows were sent
        raise FileFormatError(
            f"{path.name} is {_FORMAT_NAMES['xls']}: bulkship cannot see which of its rows are hidden or "
            "crossed out, nor how its cells are formatted, and would order rows you left out that way",
            hint="open it in Excel and save it as Excel Workbook (.xlsx), then use that file",
        )
    if actual in _NOT_A_SHEET:
        raise FileFormatError(
            f"{path.name} is {_FORMAT_NAMES[actual]}, not a spreadsheet file bulkship reads",
            hint="open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8, then use that file",
        )
    if actual != expected:
        raise FileFormatError(
            f"{path.name} is not {_FORMAT_NAMES[expected]} although its name ends in {suffix}: "
            f"it looks like {_FORMAT_NAMES[actual]}",
            hint=_SAVE_AS[".numbers"]
            if actual == "numbers"
            else "save it again from your spreadsheet application as CSV or Excel Workbook (.xlsx)",
        )
    return actual
