"""A pattern without its negative lookarounds ('(?!...)', '(?<!...)'): it matches wherever the pattern does,
since such a lookaround only takes matches away, and fails as soon as the text holds none of the words the
pattern opens with. The notes readers open many alternatives with a lookahead reading the whole text for the
words that would undo them ('(?!.*\\bre-?approved\\b)approved ...'): read before the opening words, each
reads every clause of a long note, with the few clauses after it, for nothing (hunter-hostile12: 2,000 rows of
2,000-character notes, 16 of `validate`'s 21.5 s of CPU). Tried first, the loosened copy leaves the whole
pattern to the few texts where it matches; what is decided is the pattern's own."""

from __future__ import annotations

import functools
import re

_NEGATIVE = ("(?!", "(?<!")
_LEADING_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")
# what a copy read case-sensitively on a lowered text may read otherwise: a character written by its code; an
# upper-case letter outside an escape ('\\S', '\\W' keep theirs), or a character re, ignoring case, reads as
# another ASCII letter than its own (the dotted and dotless i, the long s, the Kelvin sign)
_CODED = re.compile(r"\\[xuUN0-7]")
_UPPER = re.compile("[A-Z\u0130\u0131\u017f\u212a]")
_QUANTIFIER = ("*", "+", "?", "{")
# what a copy without lookarounds may read otherwise: a backreference or a condition counts groups (one
# inside a lookaround taken out shifts the others' numbers); a comment may hold what reads as a lookaround
_UNSURE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?#")
# ... and, where the copy keeps one (one inside a lookaround taken out goes with it), an atomic group or a
# possessive quantifier keeps the first way it matched (taking a lookaround out may change that way, and what
# follows fails); an escaped character is not one ('\?+' is a question mark, once or more)
_UNSURE_KEPT = re.compile(r"\(\?>|[*+?}]\+")


def loosened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without its negative lookarounds (itself where they cannot be taken out surely: a verbose
    pattern, one holding what :data:`_UNSURE` finds, a copy holding what :data:`_UNSURE_KEPT` finds, or a
    copy that would not compile)."""
    if pattern.flags & re.VERBOSE or _UNSURE.search(pattern.pattern):
        return pattern
    copy = without_negative_lookarounds(pattern.pattern)
    if _UNSURE_KEPT.search(re.sub(r"\\.", "e", copy)):  # an escape is one character: '\s+' is not '?+'
        return pattern
    try:
        return re.compile(copy, pattern.flags)
    except re.error:
        return pattern


class MayMatch:
    """Whether ``pattern`` may match at a text's start (:meth:`may`): False only where it does not. Its
    loosened copy; on an ASCII text (most notes), the copy read case-sensitively on the text lowered, where
    its letters are all lower-case: re, ignoring case, tries each letter's cases at every step (1.6 times
    as long over the clauses of long notes). The copies are made once ``after`` characters were asked of
    (True till then): their making (0.4 s of CPU) would make a short list's `validate` slower, not faster."""

    def __init__(self, pattern: re.Pattern[str], after: int = 200_000) -> None:
        self._pattern, self._unread = pattern, after

    def may(self, text: str) -> bool:
        if self._unread > 0:
            self._unread -= len(text)
            return True
        if text.isascii() and self._lowered is not None:
            return self._lowered.match(text.lower()) is not None
        return self._copy.match(text) is not None

    @functools.cached_property
    def _copy(self) -> re.Pattern[str]:
        return loosened(self._pattern)

    @functools.cached_property
    def _lowered(self) -> re.Pattern[str] | None:
        return _case_sensitive(self._copy)


def _case_sensitive(copy: re.Pattern[str]) -> re.Pattern[str] | None:
    """``copy`` not ignoring case, for ASCII texts lowered: None where it ignores no case or holds what would
    read otherwise (:data:`_CODED`, :data:`_UPPER`)."""
    flags = _LEADING_FLAGS.match(copy.pattern)
    rest = copy.pattern[flags.end() :] if flags else copy.pattern
    if not copy.flags & re.IGNORECASE or _CODED.search(rest) or _UPPER.search(re.sub(r"\\.", "", rest)):
        return None
    kept = flags[0].replace("i", "") if flags else ""
    try:
        return re.compile(("" if kept == "(?)" else kept) + rest, copy.flags & ~re.IGNORECASE)
    except re.error:
        return None


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
