"""A pattern without its negative lookarounds ('(?!...)', '(?<!...)'): it matches wherever the pattern does,
since such a lookaround only takes matches away, and fails as soon as the text holds none of the words the
pattern opens with. The notes readers open many alternatives with a lookahead reading the whole text for the
words that would undo them ('(?!.*\\bre-?approved\\b)approved ...'): read before the opening words, each
reads every clause of a long note, with the few clauses after it, for nothing (hunter-hostile12: 2,000 rows of
2,000-character notes, 16 of `validate`'s 21.5 s of CPU). Tried first, the loosened copy leaves the whole
pattern to the few texts where it matches; what is decided is the pattern's own."""

from __future__ import annotations

import re

_NEGATIVE = ("(?!", "(?<!")
_QUANTIFIER = ("*", "+", "?", "{")
# what a copy without lookarounds may read otherwise: a backreference or a condition counts groups (one
# inside a lookaround taken out shifts the others' numbers); an atomic group or a possessive quantifier keeps
# the first way it matched (taking a lookaround out may change that way, and what follows fails); a comment
# may hold what reads as a lookaround
_UNSURE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?>|\(\?#|[*+?}]\+")


def loosened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without its negative lookarounds (itself where they cannot be taken out surely: a verbose
    pattern, one holding what :data:`_UNSURE` finds, or a copy that would not compile)."""
    if pattern.flags & re.VERBOSE or _UNSURE.search(pattern.pattern):
        return pattern
    try:
        return re.compile(without_negative_lookarounds(pattern.pattern), pattern.flags)
    except re.error:
        return pattern


def without_negative_lookarounds(source: str) -> str:
    """``source`` with each '(?!...)' and '(?<!...)' outside a character class taken out, unless a quantifier
    follows it (taken out, the quantifier would apply to what comes before)."""
    kept: list[str] = []
    at = 0
    while at < len(source):
        if source[at] == "\\":
            kept.append(source[at : at + 2])
            at += 2
        elif source[at] == "[":
            end = _class_end(source, at)
            kept.append(source[at:end])
            at = end
        elif source.startswith(_NEGATIVE, at):
            end = _group_end(source, at)
            if source.startswith(_QUANTIFIER, end):
                kept.append(source[at:end])  # kept whole: loosened inside, it would take more away
            at = end
        else:
            kept.append(source[at])
            at += 1
    return "".join(kept)


def _class_end(source: str, start: int) -> int:
    """Just after the character class opening at ``start`` ('[]a]' and '[^]a]' hold a ']')."""
    at = start + 1
    if source.startswith("^", at):
        at += 1
    if source.startswith("]", at):
        at += 1
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return at + 1


def _group_end(source: str, start: int) -> int:
    """Just after the group opening at ``start``."""
    depth = 0
    at = start
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = _class_end(source, at)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    raise re.error("unbalanced parenthesis", source, start)
