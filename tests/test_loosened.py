"""bulkship.loosened: a pattern without its negative lookarounds matches wherever the pattern does, so that a
long pattern is read only where its loosened copy matches (the notes readers: load/skipped/clauses)."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from support.remarkdecisions import read_tsv

from bulkship.load.skipped.notes import _NOTE_SAYS_NO
from bulkship.load.skipped.undone import _UNDONE
from bulkship.loosened import MayMatch, loosened, without_negative_lookarounds

# re's own parser (no stub names it): what a pattern is made of, as re reads it
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")


def _tree(items: Any, strip: bool) -> tuple[Any, ...]:
    """re's own parse of a pattern as plain tuples, its negative lookarounds left out where ``strip`` (but for
    one a quantifier repeats, as loosened keeps it); group numbers aside."""
    out = []
    for op, av in items:
        if strip and op is sre.ASSERT_NOT:
            continue
        if op is sre.SUBPATTERN:
            av = (av[1], av[2], _tree(av[3], strip))
        elif op is sre.BRANCH:
            av = tuple(_tree(branch, strip) for branch in av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            lone = len(av[2].data) == 1 and av[2].data[0][0] is sre.ASSERT_NOT
            av = (av[0], av[1], _tree(av[2], strip and not lone))
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            av = (av[0], _tree(av[1], strip and op is sre.ASSERT))
        elif op is sre.IN:
            av = tuple((str(o), a) for o, a in av)
        out.append((str(op), av))
    return tuple(out)


@pytest.mark.parametrize("pattern", [_NOTE_SAYS_NO, _UNDONE], ids=["note says no", "undone"])
def test_the_loosened_copy_is_the_pattern_without_its_negative_lookarounds(pattern: re.Pattern[str]) -> None:
    """Read by re's own parser: the copy's parse is the pattern's with each negative lookaround taken out,
    nothing else (the copy is not the pattern itself: it is loosened)."""
    copy = loosened(pattern)
    assert copy is not pattern and len(copy.pattern) < len(pattern.pattern)
    assert _tree(sre_parse.parse(copy.pattern, copy.flags), strip=False) == _tree(
        sre_parse.parse(pattern.pattern, pattern.flags), strip=True
    )


@pytest.mark.parametrize(
    ("source", "loose"),
    [
        (r"(?i)^(?!.*\bno\b)send(?<!re-send)\b", r"(?i)^send\b"),
        (r"[(?!]x(?!y)", r"[(?!]x"),  # in a class, '(?!' is three characters
        (r"[]a(?!]b(?!c)", r"[]a(?!]b"),
        (r"\(?!a\)b(?!c)", r"\(?!a\)b"),  # an escaped bracket opens no group
        (r"a(?!b(?!c)d[)])e", r"ae"),  # nested, a class holding ')'
        (r"a(?=b(?!c))d", r"a(?=b)d"),  # inside a positive lookahead too: it lets more through
        (r"a(?!b)*c", r"a(?!b)*c"),  # repeated: kept whole, or the '*' would repeat 'a'
        (r"a(?!b(?!c))?c", r"a(?!b(?!c))?c"),  # (kept whole: loosened inside, it would let less through)
    ],
)
def test_negative_lookarounds_are_taken_out_as_re_reads_them(source: str, loose: str) -> None:
    assert without_negative_lookarounds(source) == loose


@pytest.mark.parametrize(
    "source",
    [
        r"(a)(?!(b))(c)\2",  # a backreference: its group's number would change
        r"(?P<a>x)(?!y)(?P=a)",
        r"(a)?(?!b)(?(1)c|d)",
        r"(?>a(?!b)|ab)c",  # atomic: the first way it matches is kept
        r"a*+(?!b)",
        r"(?x) a (?!b) # comment (",
        r"(?#(?!)a(?!b)",
    ],
)
def test_a_pattern_a_copy_might_read_otherwise_is_kept_as_it_is(source: str) -> None:
    pattern = re.compile(source)
    assert loosened(pattern) is pattern


@pytest.mark.parametrize(
    ("source", "loose"),
    [
        (r"a(?!b(?>c|cd)e)f", r"af"),  # an atomic group inside a lookaround taken out goes with it
        (r"a(?!b)c\?+", r"ac\?+"),  # a question mark once or more, not a possessive quantifier
        (r"a(?!b)(?:\s+c)?\s+d", r"a(?:\s+c)?\s+d"),
    ],
)
def test_what_goes_with_a_lookaround_or_is_escaped_does_not_keep_the_pattern_whole(
    source: str, loose: str
) -> None:
    """Found at session 50's CI: an atomic group inside 'Severance ... unless send card' (4b1c5901) and a
    '\\?+' in _UNDONE kept both patterns whole, and every long note was read by them in full again."""
    assert loosened(re.compile(source)).pattern == loose


def test_the_loosened_copy_matches_every_remark_the_pattern_matches() -> None:
    """Every remark of tests/data/remark-decisions.tsv, alone, after a first clause and before a second one:
    where the pattern matches, the copy does (the snapshot's remarks hold the pattern's words)."""
    copy = loosened(_NOTE_SAYS_NO)
    texts = [
        shaped
        for remark in read_tsv()
        for shaped in (
            remark,
            f"Called 11/2 - {remark}",
            f"{remark} - call first",
            f"{remark}\nRehired 11/20",
        )
    ]
    matched = [text for text in texts if _NOTE_SAYS_NO.match(text)]
    assert len(matched) > 2_000
    assert [text for text in matched if not copy.match(text)] == []


def test_an_ascii_text_is_read_lowered_by_a_copy_that_ignores_no_case() -> None:
    """MayMatch reads a note of ASCII text (most notes, their quotes straightened) lowered, with a copy not
    ignoring case (re tries each letter's two cases at each step otherwise); a text of other characters with
    the copy ignoring case. Either way it says a text may match wherever the pattern matches, whatever its
    letters' cases."""
    may = MayMatch(_NOTE_SAYS_NO, after=0)
    assert may._lowered is not None and not may._lowered.flags & re.IGNORECASE
    texts = [
        text for remark in read_tsv() for text in (remark, remark.upper(), remark.title(), remark.swapcase())
    ]
    assert [text for text in texts if _NOTE_SAYS_NO.match(text) and not may.may(text)] == []
    assert may.may("DÉCÉDÉ - NE PAS ENVOYER") and may.may("Do not send - café")
    assert not may.may("Great year on the project; thanks!")


@pytest.mark.parametrize(
    "source",
    [
        r"(?i)^Send\b",  # an upper-case letter would never match a lowered text
        r"(?i)^\x53end",  # a letter by its code
        r"(?i)^\u212aeep",  # the Kelvin sign: 'keep', case ignored
        r"^send",  # a pattern minding case: the text as it is
    ],
)
def test_a_pattern_a_lowered_text_might_read_otherwise_is_read_ignoring_case(source: str) -> None:
    may = MayMatch(re.compile(source), after=0)
    assert may._lowered is None
    assert may.may("send it") == bool(re.match(source, "send it"))


def test_a_short_list_s_notes_make_no_copy() -> None:
    """The copies take 0.4 s of CPU to make (re compiling two patterns of 34,000 characters): a list of a
    few short notes ('Do not send', 'Call first') is read by the pattern alone, its `validate` as quick as
    before; the copies are made once the notes asked of pass 200,000 characters (a long list of logs)."""
    may = MayMatch(_NOTE_SAYS_NO)
    assert all(may.may(note) for note in ["Do not send", "Call first", "Great year!"] * 1_000)
    assert "_copy" not in vars(may) and "_lowered" not in vars(may)
    for _ in range(50):  # 235,000 characters in all
        may.may("Called 11/2 about the party, left a voicemail. " * 100)
    assert not may.may("Great year on the project; thanks!") and "_lowered" in vars(may)
