"""One encoding for the whole file: a byte-order mark, UTF-16 without one, UTF-8 or Windows-1252 by line, a
mix refused, Excel's other 8-bit CSV encodings told apart by how their letters read."""

from __future__ import annotations

import codecs
import contextlib
from pathlib import Path
from typing import IO

from ..errors import FileFormatError
from .limits import CHUNK_BYTES, SHOWN_LINES, _Scan


def _bom(head: bytes) -> tuple[str | None, int]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0  # the codec reads the BOM itself
    return None, 0


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text saved as UTF-16 without its byte-order mark (some export tools
    do): the high byte of (nearly) every character is zero, the low byte never is."""
    pairs = head[: len(head) // 2 * 2]
    if len(pairs) < 8:
        return None
    first, second = pairs[0::2], pairs[1::2]
    for zeros, text, name in ((second, first, "utf-16-le"), (first, second, "utf-16-be")):
        if zeros.count(0) >= len(zeros) * 0.9 and text.count(0) == 0:
            return name
    return None


def _normal_encoding(name: str, path: Path) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise FileFormatError(
            f"Unknown encoding '{name}' for {path.name}",
            hint="use utf-8, cp1252 (Windows), latin-1 or utf-16",
        ) from None


def _lines_text(numbers: list[int], count: int) -> str:
    shown = ", ".join(str(n) for n in numbers[:SHOWN_LINES])
    more = f" and {count - SHOWN_LINES:,} more" if count > SHOWN_LINES else ""
    return f"line{'s' if count > 1 else ''} {shown}{more}"


def _decide(scan: _Scan, path: Path) -> str:
    """UTF-8 or Windows-1252 for a file without BOM or explicit encoding; mixed is refused."""
    if not scan.other_count:
        return "utf-8"
    if not scan.utf8_count:
        return "cp1252"
    raise FileFormatError(
        f"{path.name} mixes text encodings: {_lines_text(scan.utf8_lines, scan.utf8_count)} "
        f"{'are' if scan.utf8_count > 1 else 'is'} UTF-8, {_lines_text(scan.other_lines, scan.other_count)} "
        f"{'are' if scan.other_count > 1 else 'is'} not (probably Windows-1252); read either way, some names "
        "would be garbled",
        hint="save the file again as 'CSV UTF-8' from your spreadsheet application, or pass --encoding "
        "utf-8 or --encoding cp1252 to read every line one way",
    )


# The 8-bit encodings Excel writes a CSV in, by the name its Save As dialog shows: a file that is not UTF-8 is
# read in the one whose letters look like names and addresses (Windows-1252 unless another reads clearly
# better: then the file is refused with both readings, rather than ordered under garbled names).
LEGACY_ENCODINGS = {
    "cp1252": "Windows-1252 (Excel's 'CSV' on Windows)",
    "mac_roman": "Mac Roman (Excel for Mac's 'CSV')",
    "cp850": "MS-DOS (Excel's 'CSV (MS-DOS)')",
}
# Multi-byte encodings, considered only when every byte of the sample decodes in them.
STRICT_ENCODINGS = {"cp932": "Japanese Shift-JIS (Excel's 'CSV' on Japanese Windows)"}
_WORD_PUNCTUATION = frozenset("\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u2022\u20ac\u2122")  # ’‘“”–—…•€™
SAMPLE_LINES = 5000  # lines with non-ASCII bytes that decide between the 8-bit encodings


def _letter_score(text: str) -> int:
    """How much the non-ASCII characters of ``text`` look like the letters of names and addresses: a
    letter whose case fits its neighbours counts for, anything else against ('Jos‚', 'JosÚ', 'OíBrien')."""
    score = 0
    for index, char in enumerate(text):
        if char.isascii():
            continue
        if char == "\ufffd":  # a byte the encoding does not define
            score -= 3
        elif char in _WORD_PUNCTUATION:
            score += 1
        elif not char.isalpha() or _case_clash(char, text[index - 1 : index], text[index + 1 : index + 2]):
            score -= 1
        else:
            score += 1
    return score


def _case_clash(char: str, before: str, after: str) -> bool:
    """An upper-case letter after a lower-case one ('JosÚ'), or a lower-case one before an upper-case
    one ('OíBrien'): not how names are written."""
    return (char.isupper() and before.islower()) or (char.islower() and after.isupper())


def _legacy_encoding(handle: IO[bytes], path: Path, usual: str) -> str:
    """Which 8-bit encoding a file that is not UTF-8 is in (``usual`` unless another reads clearly better,
    which refuses the file: see LEGACY_ENCODINGS)."""
    handle.seek(0)
    lines = [
        (number, line)
        for number, line in enumerate(handle.read(CHUNK_BYTES).split(b"\n"), start=1)
        if not line.isascii()
    ][:SAMPLE_LINES]
    sample = b"\n".join(line for _, line in lines)
    scores = {name: _letter_score(sample.decode(name, errors="replace")) for name in LEGACY_ENCODINGS}
    for name in STRICT_ENCODINGS:
        with contextlib.suppress(UnicodeDecodeError):
            scores[name] = _letter_score(sample.decode(name))
    best = max(scores, key=lambda name: (scores[name], name == usual))
    if best == usual:
        return usual
    number, line = next(
        ((n, text) for n, text in lines if text.decode(usual, errors="replace") != text.decode(best)),
        lines[0],
    )
    names = LEGACY_ENCODINGS | STRICT_ENCODINGS
    usual_text, best_text = (_around_accent(line.decode(name, errors="replace")) for name in (usual, best))
    raise FileFormatError(
        f"{path.name} is not UTF-8, and read as {LEGACY_ENCODINGS[usual]} its accented letters come out "
        f"garbled: line {number} would read '{usual_text}'; read as {names[best]} it reads "
        f"'{best_text}'",
        hint=f"save the file again as 'CSV UTF-8'; or, if the second reading is right, pass --encoding "
        f'{best} (or encoding = "{best}" under [program] in the settings file)',
    )


def _around_accent(text: str, width: int = 50) -> str:
    first = next((i for i, char in enumerate(text) if not char.isascii()), 0)
    start = max(first - width // 2, 0)
    shown = text[start : start + width].strip()
    return ("…" if start else "") + shown + ("…" if start + width < len(text) else "")
