"""Whether the words before a figure of a note end with a phrase ('Donated $500', 'Gift limit $50', 'Bought 3
gift cards'), asked of every figure of a note. Searching the whole text before each figure again
(``re.search(text, 0, figure)`` for a phrase ending in ``$``) made a note of many figures quadratic in its
length: a 4,000-character note of $-figures took a second to read, a list of 100 of them 94 s (found by
hunter-hostile11). The phrase is read backwards from the figure now, written backwards once: the text
before the figure ends with the phrase exactly when that text, reversed, starts with the phrase reversed,
and the work is the phrase's length, not the note's."""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any

_parser: Any = import_module("re._parser")  # Python's own reading of a pattern (3.11+)
sre: Any = import_module("re._constants")  # its codes

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_AT = {sre.AT_BOUNDARY: r"\b", sre.AT_NON_BOUNDARY: r"\B"}  # the same read either way


class EndsBefore:
    """A phrase that must end where a figure starts: ``pattern`` (``(?i)PHRASE$``) as searched in the text up
    to the figure, and ``backwards``, the phrase reversed, matched at the start of that text reversed."""

    def __init__(self, phrase: str) -> None:
        self.pattern = re.compile(rf"(?i){phrase}$")
        self.backwards = re.compile(rf"(?i){_reversed(_parser.parse(phrase).data)}")

    def ends(self, text: str, at: int) -> bool:
        """``pattern.search(text, 0, at)``: its ``$`` matches at ``at``, or before a newline ending there."""
        before = text[at - 1 :: -1] if at > 0 else ""
        return bool(
            self.backwards.match(before) or (before.startswith("\n") and self.backwards.match(before, 1))
        )


def _reversed(items: list[tuple[Any, Any]]) -> str:
    """A parsed pattern written backwards: its items in reverse order, each reversed in turn. Only what a
    phrase read backwards means the same for: no lookaround, no anchor but a word boundary, no group refs."""
    return "".join(_item(op, value) for op, value in reversed(items))


def _item(op: Any, value: Any) -> str:
    if op is sre.LITERAL:
        return _char(value)
    if op is sre.NOT_LITERAL:
        return f"[^{_char(value)}]"
    if op is sre.ANY:
        return "."
    if op is sre.IN:
        return _class(value)
    if op is sre.AT and value in _AT:
        return _AT[value]
    if op is sre.BRANCH:
        _none, branches = value
        return "(?:" + "|".join(_reversed(branch) for branch in branches) + ")"
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = value
        if add_flags or del_flags:
            raise ValueError("a phrase read backwards takes its flags from the whole phrase")
        return "(?:" + _reversed(inner) + ")"
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, inner = value
        bounds = f"{{{low},{'' if high is sre.MAXREPEAT else high}}}"
        return "(?:" + _reversed(inner) + ")" + bounds + ("?" if op is sre.MIN_REPEAT else "")
    raise ValueError(f"a phrase read backwards cannot hold {op}")


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class(items: list[tuple[Any, Any]]) -> str:
    parts = []
    for op, value in items:
        if op is sre.NEGATE:
            parts.append("^")
        elif op is sre.LITERAL:
            parts.append(_char(value))
        elif op is sre.RANGE:
            low, high = value
            parts.append(f"{_char(low)}-{_char(high)}")
        elif op is sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            raise ValueError(f"a phrase read backwards cannot hold {op} {value} in a class")
    return "[" + "".join(parts) + "]"
