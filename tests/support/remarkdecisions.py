"""What the loader and validator decide of a remark written on a recipient's row, as a Notes cell and as a
Status cell: sent, left out (with the reason shown), an error, held to a day. Rebuilt for every remark text
of tests/data/remark-decisions.tsv in a few sheets (one a column, a row a text), so that a change to what the
list's words decide shows as a diff of that file (tests/test_remark_decisions.py)."""

from __future__ import annotations

import ast
import csv
import datetime
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bulkship.load import load_sheet
from bulkship.load.skipped.rounds import comes_round
from bulkship.models import Catalog
from bulkship.statuses import NOT_YET_REASON
from bulkship.validate import validate

TSV = Path(__file__).parent.parent / "data" / "remark-decisions.tsv"
TODAY = datetime.date(2026, 12, 5)  # as test_notes_not_now pins it: the dates of the texts are of that day
# The days a held row is run again, to say from which it goes (the texts' days to come are in 2026-2031)
LATER = tuple(
    datetime.date.fromisoformat(day)
    for day in (
        "2026-12-21",
        "2027-01-02",
        "2027-01-16",
        "2027-02-02",
        "2027-07-01",
        "2031-07-01",
        "2032-01-01",
    )
)
HEADER = "text\tas a Notes cell\tas a Status cell (where it differs)"
SAME = "same"
# The tests whose remark lists are gathered into the file when it is rewritten
REMARK_TESTS = ("test_status_remarks.py", "test_ordinary_notes.py", "test_notes_*.py", "test_person_back.py")


class _Day(datetime.date):
    """``date`` whose today() is :data:`TODAY`, for the modules reading this year off the machine's clock."""

    @classmethod
    def today(cls) -> _Day:
        return cls(TODAY.year, TODAY.month, TODAY.day)


@contextmanager
def on_day(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> Iterator[None]:
    """The loader's and validator's today is ``day``."""
    with monkeypatch.context() as patch:
        patch.setattr("bulkship.program.local_day", lambda time_zone="": day)
        for module in ("bulkship.load.skipped.leavingundone", "bulkship.load.problems.notesaid"):
            patch.setattr(f"{module}.date", _Day)
        yield


_ESCAPED = {"\\": "\\", "\t": "t", "\n": "n", "\r": "r"}
_UNESCAPED = {v: k for k, v in _ESCAPED.items()}
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # (what str.splitlines splits on besides)


def _escape(text: str) -> str:
    """``text`` on one line of a TSV: a backslash before t, n, r, itself, or u and four hex digits."""
    return re.sub(
        f"[\\\\\t\n\r{_LINE_BREAKS}]",
        lambda m: "\\" + _ESCAPED.get(m[0], f"u{ord(m[0]):04x}"),
        text,
    )


def _unescape(text: str) -> str:
    return re.sub(
        r"\\(u[0-9a-f]{4}|.)", lambda m: chr(int(m[1][1:], 16)) if len(m[1]) == 5 else _UNESCAPED[m[1]], text
    )


def read_tsv(path: Path = TSV) -> dict[str, tuple[str, str]]:
    """text -> (its decision as a Notes cell, as a Status cell or :data:`SAME`)."""
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    rows = (line.split("\t") for line in lines if line)
    return {_unescape(text): (_unescape(notes), _unescape(status)) for text, notes, status in rows}


def write_tsv(decisions: dict[str, tuple[str, str]], path: Path = TSV) -> None:
    lines = [HEADER, *("\t".join(_escape(cell) for cell in (t, *d)) for t, d in decisions.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def gathered_remarks(tests: Path) -> list[str]:
    """The strings of the remark lists of :data:`REMARK_TESTS` (a list, tuple or set of two or more)."""
    found: dict[str, None] = {}
    for pattern in REMARK_TESTS:
        for path in sorted(tests.glob(pattern)):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.List | ast.Tuple | ast.Set) and len(node.elts) >= 2:
                    cells = [
                        e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    ]
                    if len(cells) == len(node.elts):
                        found.update((c, None) for c in cells if 1 < len(c.strip()) <= 160)
    return list(found)


def _sheet(path: Path, header: str, texts: list[str]) -> Path:
    """A CSV of one recipient a text, the text under ``header``: row 2 holds the first."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Address", "City", "State", "ZIP", "Product", "Value", header])
        for i, text in enumerate(texts):
            writer.writerow([f"Person {i}", f"{i + 1} Main St", "Boston", "MA", "02134", "CVS", "50", text])
    return path


# 'row N' in any case; only the row's own N is taken off (one pattern: one written for each row's number was
# compiled again for each of the ~6,000 rows, Python's cache holding 512)
_ROW_NUMBER = re.compile(r"\b(row) (\d+)\b", re.IGNORECASE)


def _plain(said: str, text: str, header: str, i: int) -> str:
    """``said`` of row ``i``'s ``text`` without what is the row's own (its number, name, street, the text)."""
    said = said.replace(f" (column '{header}': '{text}')", "").replace(f"'{text}'", "'…'")
    said = said.replace(f"column '{header}'", "the column")
    said = said.removeprefix(f"Row {i + 2}, ")
    said = _ROW_NUMBER.sub(lambda m: f"{m[1]} #" if m[2] == str(i + 2) else m[0], said)
    return said.replace(f"Person {i}", "<name>").replace(f"{i + 1} Main St", "<street>")


def _decide(folder: Path, header: str, texts: list[str]) -> list[str]:
    """Each text's decision as a cell under ``header``, held rows not yet looked at again."""
    sheet = load_sheet(_sheet(folder / f"{header}.csv", header, texts))
    result = validate(sheet, _catalog())
    skipped = {s.row: s.reason for s in sheet.skipped}
    errors: dict[int, list[str]] = {}
    for problem in result.problems:
        if problem.severity == "error":
            errors.setdefault(problem.row, []).append(problem.message)
    decisions = []
    for i, text in enumerate(texts):
        row, status = i + 2, str(result.rows.at[i + 2, "status"])
        if row in skipped:
            held = skipped[row].startswith(NOT_YET_REASON)
            decisions.append(("held: " if held else "left out: ") + _plain(skipped[row], text, header, i))
        elif status == "valid":
            decisions.append("sent")
        elif row in errors:
            decisions.append("error: " + " | ".join(_plain(e, text, header, i) for e in errors[row]))
        else:
            decisions.append(status)
    return decisions


def _catalog() -> Catalog:
    from intake_fixtures import sandbox_catalog

    return sandbox_catalog()


def decisions(
    texts: Iterable[str], header: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """text -> its decision as a cell under ``header`` on :data:`TODAY`; a held row says the first of
    :data:`LATER` a run decides it otherwise, and what."""
    # the decisions, not the day a held row goes (its reason is read, never its day): found for no held text,
    # as a long list's past its first MOST_TEXTS are. Found, each held list read again ~37 times over, and
    # this test took 32 CPU-s instead of 7 (review49's finding)
    monkeypatch.setattr("bulkship.load.skipped.heldday.MOST_TEXTS", 0)
    monkeypatch.setattr("bulkship.load.skipped.heldnamed.MOST_READS", 0)  # (nor any day a cell names)
    found: dict[str, str] = {}
    for group in _alike(list(dict.fromkeys(texts)), header):
        with on_day(monkeypatch, TODAY):
            decided = _decide(folder, header, group)
        found.update(zip(group, _when_held_ends(folder, header, group, decided, monkeypatch), strict=True))
    return found


_DAY_OPENING = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})\b")  # (as ..days._NUMBERED)


def _alike(texts: list[str], header: str) -> list[list[str]]:
    """``texts`` in groups each of which is read in one column as each of its texts alone: a column's remarks
    are read together where one says the list comes round every year ('Card sent last year': then a card of
    another year is an earlier round's) and where one opens with a day that reads only day first
    ('25/12/2026': then '09/12/2026' is 9 December), so those are kept apart."""
    groups: dict[tuple[bool, str], list[str]] = {}
    for text in texts:
        day = _DAY_OPENING.match(text)
        order = (
            "either" if not day else "day" if int(day[1]) > 12 else "month" if int(day[2]) > 12 else "either"
        )
        groups.setdefault((comes_round([header], [text]), order), []).append(text)
    return list(groups.values())


def both(notes: dict[str, str], status: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The lines of the file: a Status cell's decision :data:`SAME` where it is the Notes cell's."""
    return {t: (n, SAME if status[t] == n else status[t]) for t, n in notes.items()}


def _when_held_ends(
    folder: Path, header: str, texts: list[str], decided: list[str], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """``decided`` with each held row's run again on the days of :data:`LATER` until it goes otherwise."""
    waiting = [i for i, d in enumerate(decided) if d.startswith("held: ")]
    for day in LATER:
        if not waiting:
            break
        with on_day(monkeypatch, day):
            later = _decide(folder, header, [texts[i] for i in waiting])
        for i, then in zip(list(waiting), later, strict=True):
            if not then.startswith("held: "):
                decided[i] += f"; on {day.isoformat()}: {then}"
                waiting.remove(i)
    for i in waiting:
        decided[i] += f"; on {LATER[-1].isoformat()}: still held"
    return decided
