"""Text as a cell holds it: cut to Excel's limit and escaped for XML exactly as XlsxWriter does."""

from __future__ import annotations

import re
from collections.abc import Sequence

# THE cell renderer of every sheet bulkship streams or splices (result workbook, validation workbook): text
# as XlsxWriter writes it (its shared-string path): control characters XML cannot carry (and CR, which XML
# would turn into LF) and the non-characters U+FFFE/U+FFFF as OOXML's _xHHHH_ escapes, text that already
# looks like such an escape escaped itself, &<> as entities, xml:space="preserve" for whitespace at either
# end, cut to Excel's 32,767 UTF-16 units. Unlike XlsxWriter's constant_memory path, text shaped like its
# rich-text markup (<r>...</r>) is escaped too, never written raw.
MAX_CELL_TEXT = 32767  # UTF-16 units
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_LOOKS_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_EDGE_SPACE = re.compile(r"^\s|\s$")
_NEEDS_WORK = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9a-fA-F]{4}_|^\s|\s$")
# The same test over a whole column chunk joined by newlines, in parts that the regex engine scans fast.
_SPECIAL_CHARS = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACE_AFTER_NEWLINE = re.compile(r"\n[^\S\n]")


def cell_text(text: str) -> str:
    """The text a cell can hold: cut to Excel's limit, lone surrogates (undecodable input) as U+FFFD."""
    if len(text) > MAX_CELL_TEXT // 2:
        text = _utf16_cut(text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def is_cut(text: str) -> bool:
    """Longer than a cell holds (:func:`cell_text` cuts it)."""
    return len(text) > MAX_CELL_TEXT // 2 and len(_utf16_cut(text)) < len(text)


def _utf16_cut(text: str) -> str:
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > MAX_CELL_TEXT:
            return text[:index]
    return text


def inline_string(text: str) -> str:
    """The ``<is>`` element of one text cell."""
    text = cell_text(text)
    if _NEEDS_WORK.search(text) is None:
        return f"<is><t>{text}</t></is>"
    text = _LOOKS_ESCAPED.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<is><t{preserve}>{text}</t></is>"


def is_plain(text: str) -> bool:
    """Written as it is: nothing to escape or preserve, short enough not to be cut."""
    return len(text) <= MAX_CELL_TEXT // 2 and _NEEDS_WORK.search(text) is None


def all_plain(texts: Sequence[str], joined: str | None = None) -> bool:
    """True when every text is :func:`is_plain`, checked over the whole column at once (False may be
    wrong: the caller then checks text by text). ``joined``: the texts joined by newlines, when at hand."""
    joined = "\n".join(texts) if joined is None else joined
    if joined.count("\n") != len(texts) - 1:
        return False  # some text holds a newline itself: the checks below cannot tell where texts end
    if _SPECIAL_CHARS.search(joined) or ("_x" in joined and _LOOKS_ESCAPED.search(joined)):
        return False
    # whitespace first or last in a text: at either end, or next to a separating newline
    if joined[:1] not in ("", "\n") and joined[0].isspace():
        return False
    if joined[-1:] not in ("", "\n") and joined[-1].isspace():
        return False
    if _SPACE_AFTER_NEWLINE.search(joined) or _SPACE_AFTER_NEWLINE.search(joined[::-1]):
        return False
    return len(joined) <= MAX_CELL_TEXT // 2 or max(map(len, texts)) <= MAX_CELL_TEXT // 2
