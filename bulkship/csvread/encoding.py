"""One encoding for the whole file: a byte-order mark, UTF-16 without one, UTF-8 or Windows-1252 by line, a
mix refused, Excel's other CSV encodings (its code pages around the world) told apart by how their words
read."""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
import unicodedata
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


_NOT_FOR_FILES = {"idna", "punycode"}  # text codecs for host names: they cannot read a file's lines


def _normal_encoding(name: str, path: Path) -> str:
    """The codec ``--encoding`` (or a program's ``encoding``) names; a transform (base64, zip, rot13) or a
    host-name codec is no text encoding of a file: refused as an unknown one is, not a traceback."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FOR_FILES:
        raise FileFormatError(
            f"Unknown encoding '{name}' for {path.name}",
            hint="use utf-8, cp1252 (Windows), latin-1 or utf-16, or leave --encoding out: bulkship decides",
        ) from None
    return info.name


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
    "cp1254": "Turkish Windows-1254 (Excel's 'CSV' on Turkish Windows)",
    "cp1250": "Central European Windows-1250 (Excel's 'CSV' on Polish, Czech or Hungarian Windows)",
    "cp1251": "Cyrillic Windows-1251 (Excel's 'CSV' on Russian, Ukrainian or Bulgarian Windows)",
    "cp1253": "Greek Windows-1253 (Excel's 'CSV' on Greek Windows)",
    "cp1255": "Hebrew Windows-1255 (Excel's 'CSV' on Hebrew Windows)",
}
# Multi-byte encodings, considered only when every byte of the sample decodes in them.
STRICT_ENCODINGS = {
    "cp932": "Japanese Shift-JIS (Excel's 'CSV' on Japanese Windows)",
    "gbk": "Chinese GBK (Excel's 'CSV' on Simplified Chinese Windows)",
    "cp950": "Chinese Big5 (Excel's 'CSV' on Traditional Chinese Windows)",
    "cp949": "Korean (Excel's 'CSV' on Korean Windows)",
}
_WORD_PUNCTUATION = frozenset("\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u2022\u20ac\u2122")  # ’‘“”–—…•€™
# Letters of Icelandic alone (Þ, Ð): in a list from Excel on Windows they are far more often Turkish Ş and Ğ
# (the same bytes in Windows-1254) than Icelandic names, so they count for no reading.
_RARE_LETTERS = frozenset("\u00de\u00fe\u00d0\u00f0")  # Þþ Ðð
SAMPLE_LINES = 5000  # lines with non-ASCII bytes that decide between the 8-bit encodings
# A word with a non-ASCII character, as CSV cells hold them (delimiters, quotes and spaces end it).
_ACCENTED_WORD = re.compile(r"[^\s,;|\t\"]*[^\x00-\x7f][^\s,;|\t\"]*")
_SCRIPT_OF_NAME = {
    "HIRAGANA": "CJK",
    "KATAKANA": "CJK",
    "FEMININE": "LATIN",
    "MASCULINE": "LATIN",
    "MICRO": "LATIN",
}
# A file whose non-ASCII characters are symbols alone in the usual reading (a '°', a '½') is read that way
# unless another reading makes at least this much of letters: a symbol or two never refuses a file.
CLEAR_MARGIN = 3
_CASED_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN"})


def _letter_score(text: str, encoding: str = "cp1252") -> int:
    """How much the non-ASCII characters of ``text`` look like the letters of names and addresses, each
    weighed by the bytes it takes in ``encoding`` (so a two-byte Chinese letter and two one-byte letters
    count alike): a letter whose case fits its neighbours counts for, anything else against ('Jos‚',
    'JosÚ', 'OíBrien'); so does every letter of a word that mixes scripts ('Josй', 'M黮ler') or is
    written in accented Latin letters alone ('Èâàí': Cyrillic read as Windows-1252). A word of a script with
    capitals that has none ('гег': Hebrew read as Cyrillic) counts for nothing: names start with one."""
    return sum(_word_score(match.group(), encoding) for match in _ACCENTED_WORD.finditer(text))


@functools.lru_cache(maxsize=65536)
def _word_score(word: str, encoding: str) -> int:
    score = 0
    scripts = {"LATIN"} if any(char.isascii() and char.isalpha() for char in word) else set()
    accented = letters = 0
    for index, char in enumerate(word):
        if char.isascii():
            continue
        weight = _bytes_in(char, encoding)
        if char == "\ufffd":  # a byte the encoding does not define
            score -= 3 * weight
        elif char in _WORD_PUNCTUATION:
            score += weight
        elif not char.isalpha() or _case_clash(char, word[index - 1 : index], word[index + 1 : index + 2]):
            score -= weight
        else:
            scripts.add(_script(char))
            accented += weight if _common(char, encoding) else 0
            letters += weight
    if len(scripts) > 1 or (scripts == {"LATIN"} and letters > 1 and not _has_ascii_letter(word)):
        return score - letters
    if scripts <= _CASED_SCRIPTS and accented > 1 and not any(char.isupper() for char in word):
        return score
    rare = sum(_bytes_in(char, encoding) for char in word if char in _RARE_LETTERS)
    return score + accented - rare


def _symbols_only(text: str) -> bool:
    """Whether the non-ASCII characters of ``text`` are symbols such as '°', '®', '½' alone: no letter, and no
    byte the encoding leaves undefined (that reading is wrong, whatever the others make)."""
    return not any(char.isalpha() or char == "\ufffd" for char in text if not char.isascii())


def _has_ascii_letter(word: str) -> bool:
    return any(char.isascii() and char.isalpha() for char in word)


# Where each multi-byte encoding keeps the letters people's names are written in (its first-level characters:
# GB2312's hanzi, Big5's level 1, KS X 1001's Hangul, JIS level 1 and kana), by first byte and lowest second
# byte. A letter elsewhere (an extension, a second level, Hanja) is rare in a name: it counts for no reading,
# which is what tells Japanese from Chinese or Korean bytes read the other way.
_COMMON_BLOCKS = {
    "gbk": ((0xB0, 0xF7, 0xA1),),
    "cp950": ((0xA4, 0xC6, 0x40),),
    "cp949": ((0xB0, 0xC8, 0xA1),),
    "cp932": ((0x82, 0x83, 0x40), (0x88, 0x98, 0x40), (0xA1, 0xDF, 0x00)),
}


@functools.lru_cache(maxsize=8192)
def _common(char: str, encoding: str) -> bool:
    blocks = _COMMON_BLOCKS.get(encoding)
    if blocks is None:
        return True
    try:
        data = char.encode(encoding)
    except UnicodeEncodeError:
        return False
    second = data[1] if len(data) > 1 else 0
    return any(low <= data[0] <= high and second >= least for low, high, least in blocks)


@functools.lru_cache(maxsize=4096)
def _bytes_in(char: str, encoding: str) -> int:
    """The bytes above ASCII ``char`` takes in ``encoding`` (a Chinese letter whose second byte is an ASCII
    letter, as in 'Ça' read as GBK, takes that letter from the other readings: it does not count)."""
    try:
        return max(1, sum(1 for byte in char.encode(encoding) if byte > 0x7F))
    except UnicodeEncodeError:
        return 1


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The writing system of a letter, from its Unicode name ('CYRILLIC SMALL LETTER A' -> CYRILLIC);
    Chinese characters and Japanese kana are one ('CJK'), as Japanese names mix them."""
    words = unicodedata.name(char, "UNKNOWN").split()
    if words[0] in ("HALFWIDTH", "FULLWIDTH"):  # half-width kana never sit inside a word of kanji
        return "LATIN" if words[1:2] == ["LATIN"] else " ".join(words[:2])
    return _SCRIPT_OF_NAME.get(words[0], words[0])


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
    scores = {name: _letter_score(sample.decode(name, errors="replace"), name) for name in LEGACY_ENCODINGS}
    for name in STRICT_ENCODINGS:
        with contextlib.suppress(UnicodeDecodeError):
            scores[name] = _letter_score(sample.decode(name), name)
    best = max(scores, key=lambda name: (scores[name], name == usual))
    symbols_only = _symbols_only(sample.decode(usual, errors="replace"))
    if best == usual or (symbols_only and scores[best] < CLEAR_MARGIN):
        return usual
    # Readings as good as the best (Cyrillic bytes make Greek words too): each is shown, the person knows.
    tied = [name for name in scores if scores[name] == scores[best] and name != best][:3]
    number, line = next(
        ((n, text) for n, text in lines if text.decode(usual, errors="replace") != text.decode(best)),
        lines[0],
    )
    names = LEGACY_ENCODINGS | STRICT_ENCODINGS
    usual_text, best_text, *tied_texts = (
        _around_accent(line.decode(name, errors="replace")) for name in (usual, best, *tied)
    )
    others = "".join(f"; read as {names[n]}: '{t}'" for n, t in zip(tied, tied_texts, strict=True))
    choices = " or ".join(f"--encoding {name}" for name in (best, *tied))
    raise FileFormatError(
        f"{path.name} is not UTF-8, and read as {LEGACY_ENCODINGS[usual]} its accented letters come out "
        f"garbled: line {number} would read '{usual_text}'; read as {names[best]} it reads "
        f"'{best_text}'{others}",
        hint=f"save the file again as 'CSV UTF-8'; or, if {'the second' if not tied else 'another'} reading "
        f'is right, pass {choices} (or encoding = "{best}" under [program] in the settings file)',
    )


def _around_accent(text: str, width: int = 50) -> str:
    first = next((i for i, char in enumerate(text) if not char.isascii()), 0)
    start = max(first - width // 2, 0)
    shown = text[start : start + width].strip()
    return ("…" if start else "") + shown + ("…" if start + width < len(text) else "")
