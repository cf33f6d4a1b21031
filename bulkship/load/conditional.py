"""Which cells a conditional format strikes through, decided on the cells as read: a rule '=$H2="x"' over
A2:H100 crosses out each row whose H says x, as the person sees it, and the rows crossed out are left out as
rows struck by hand are (found by hunter-sheets3: every such row was ordered). A rule bulkship cannot
evaluate refuses the file: which rows it crosses out is unknown."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import FileFormatError
from ..sheetscan import column_number
from ..sheetscan.conditional import StruckRule
from .cells import _Grid

_RANGE = re.compile(r"\$?([A-Z]{1,3})?\$?(\d{1,7})?(?::\$?([A-Z]{1,3})?\$?(\d{1,7})?)?")
_REF = r"(\$?)([A-Z]{1,3})(\$?)(\d{1,7})"
_LITERAL = r'"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)|(TRUE|FALSE)'
_COMPARE = re.compile(rf"(?i)^(?:{_REF}\s*(<>|>=|<=|=|>|<)\s*(?:{_LITERAL}))$")
_COMPARE_BACK = re.compile(rf"(?i)^(?:(?:{_LITERAL})\s*(<>|>=|<=|=|>|<)\s*{_REF})$")
_BLANK = re.compile(rf"(?i)^(NOT\()?ISBLANK\({_REF}\)(\))?$")
_LENGTH = re.compile(rf"(?i)^LEN\((?:TRIM\()?{_REF}\)?\)\s*(>|=|<>)\s*0$")
_SEARCH = re.compile(rf'(?i)^(?:ISNUMBER\(|NOT\(ISERROR\()SEARCH\("((?:[^"]|"")*)",\s*{_REF}\)\)\)?$')
_BOTH = re.compile(r"(?i)^(AND|OR)\((.*)\)$")
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "<>": "<>"}
_CELL_IS = {"equal": "=", "notEqual": "<>", "greaterThan": ">", "lessThan": "<", "greaterThanOrEqual": ">=",
            "lessThanOrEqual": "<="}  # fmt: skip

_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"})

Cell = Callable[[int, int], str]  # (row, column) -> the cell's text as read
Test = Callable[[int, int, Cell], bool]  # (row, column of the cell formatted, cells) -> struck?


def strike_by_rules(grid: _Grid, where: str) -> None:
    """Add the cells each striking rule of the sheet crosses out to ``grid.scan.struck``."""
    scan = grid.scan
    if scan is None or not scan.struck_rules:
        return
    frame = grid.frame
    rows, width = frame.index.tolist(), frame.shape[1]
    position = {row: at for at, row in enumerate(rows)}
    columns = [frame.iloc[:, col].tolist() for col in range(width)]  # a cell read by two lookups, not .at

    def cell(row: int, col: int) -> str:
        at = position.get(row)
        return str(columns[col - 1][at]) if at is not None and 0 < col <= width else ""

    for rule in scan.struck_rules:
        areas = [_area(part) for part in rule.sqref.split()]
        if not areas or None in areas:
            continue
        first = areas[0]
        assert first is not None
        test = _test(rule, first[0] or 1, first[1] or 1)
        if test is None:
            does = "hides cells" if rule.hides else "crosses cells out"
            raise FileFormatError(
                f"{where}: a rule of the sheet (conditional formatting on {rule.sqref}"
                + (f": ={rule.formulas[0].lstrip('=')}" if rule.formulas else f": {rule.kind}")
                + f") {does}, and bulkship cannot tell which: it would order the rows it "
                + ("hides" if rule.hides else "crosses out"),
                hint="delete the rows it crosses out and the rule (Home › Conditional Formatting › Clear "
                "Rules), then use that file",
            )
        for area in areas:
            assert area is not None
            top, left, bottom, right = area
            for row in rows:
                if (top and row < top) or (bottom and row > bottom):
                    continue
                for col in range(left or 1, min(right or width, width) + 1):
                    if not test(row, col, cell):
                        continue
                    if rule.hides:  # the sheet shows the cell empty
                        scan.hiding[(row, col)] = rule.hides
                    else:
                        scan.struck.add((row, col))
                        scan.struck_by_rule.add((row, col))


def _area(part: str) -> tuple[int, int, int, int] | None:
    """'A2:H100' -> (2, 1, 100, 8); 'A:H' and '2:9' leave the open side 0."""
    found = _RANGE.fullmatch(part)
    if found is None or not any(found.groups()):
        return None
    c1, r1, c2, r2 = found.groups()
    c2, r2 = (c2, r2) if found.group(0).count(":") else (c1, r1)
    return (int(r1 or 0), column_number(c1) if c1 else 0, int(r2 or 0), column_number(c2) if c2 else 0)


def _test(rule: StruckRule, top: int, left: int) -> Test | None:
    """The test a rule makes of a cell (its references relative to the area's top-left cell); None when
    bulkship cannot evaluate it."""
    own: Callable[[int, int, Cell], str] = lambda row, col, cell: cell(row, col)  # noqa: E731
    if rule.kind == "expression" and rule.formulas:
        return _expression(rule.formulas[0].strip().lstrip("="), top, left)
    if rule.kind == "cellIs" and rule.operator in _CELL_IS and rule.formulas:
        literal = re.fullmatch(_LITERAL, rule.formulas[0].strip(), re.IGNORECASE)
        if literal is None:
            return None
        op, value = _CELL_IS[rule.operator], _literal(literal)
        return lambda row, col, cell: _compare(own(row, col, cell), op, value)
    text = rule.text.casefold()
    checks: dict[str, Callable[[str], bool]] = {
        "containsText": lambda v: text in v.casefold(),
        "notContainsText": lambda v: text not in v.casefold(),
        "beginsWith": lambda v: v.casefold().startswith(text),
        "endsWith": lambda v: v.casefold().endswith(text),
        "containsBlanks": lambda v: not v.strip(),
        "notContainsBlanks": lambda v: bool(v.strip()),
        # an error value ('#N/A' of a look-up): the common rule hiding them in white (found by hunter-sheets4)
        "containsErrors": lambda v: v.strip().upper() in _ERRORS,
        "notContainsErrors": lambda v: v.strip().upper() not in _ERRORS,
    }
    check = checks.get(rule.kind)
    return None if check is None else (lambda row, col, cell: check(own(row, col, cell)))


def _expression(formula: str, top: int, left: int) -> Test | None:
    both = _BOTH.match(formula)
    if both:
        terms = [_expression(term.strip(), top, left) for term in _split(both.group(2))]
        if not terms or None in terms:
            return None
        join = all if both.group(1).upper() == "AND" else any
        return lambda row, col, cell: join(t(row, col, cell) for t in terms if t is not None)
    for pattern in (_COMPARE, _COMPARE_BACK):
        found = pattern.match(formula)
        if found:
            groups = found.groups()
            ref, op, lit = (
                (groups[:4], groups[4], groups[5:])
                if pattern is _COMPARE
                else (groups[4:], _FLIP[groups[3]], groups[:3])
            )
            at, value = _resolver(ref, top, left), _literal_groups(lit)
            return lambda row, col, cell: _compare(cell(*at(row, col)), op, value)
    blank = _BLANK.match(formula)
    if blank and bool(blank.group(1)) == bool(blank.group(6)):
        at, negate = _resolver(blank.groups()[1:5], top, left), bool(blank.group(1))
        return lambda row, col, cell: (not cell(*at(row, col)).strip()) != negate
    length = _LENGTH.match(formula)
    if length:
        at, op = _resolver(length.groups()[:4], top, left), length.group(5)
        return lambda row, col, cell: _compare(str(len(cell(*at(row, col)).strip())), op, 0.0)
    search = _SEARCH.match(formula)
    if search:
        needle, at = search.group(1).replace('""', '"').casefold(), _resolver(search.groups()[1:5], top, left)
        return lambda row, col, cell: needle in cell(*at(row, col)).casefold()
    return None


def _split(text: str) -> list[str]:
    """Arguments at the top level of a function call (commas outside brackets and quotes)."""
    parts, depth, quoted, start = [], 0, False, 0
    for position, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and depth == 0 and char == ",":
            parts.append(text[start:position])
            start = position + 1
    return [*parts, text[start:]]


def _resolver(ref: tuple[str, ...], top: int, left: int) -> Callable[[int, int], tuple[int, int]]:
    """Where a reference written for the area's top-left cell points from the cell (row, col)."""
    col_fixed, letters, row_fixed, number = ref
    col, row = column_number(letters.upper()), int(number)
    return lambda r, c: (row if row_fixed else r + row - top, col if col_fixed else c + col - left)


def _literal(found: re.Match[str]) -> str | float | bool:
    return _literal_groups(found.groups())


def _literal_groups(groups: tuple[str | None, ...]) -> str | float | bool:
    text, number, truth = groups
    if number is not None:
        return float(number)
    if truth is not None:
        return truth.upper() == "TRUE"
    return (text or "").replace('""', '"')


def _compare(value: str, op: str, literal: str | float | bool) -> bool:
    """Excel's comparison of a cell with a literal: text without case, numbers as numbers, a blank as 0 or
    '', text above any number."""
    text = value.strip()
    if isinstance(literal, bool):
        left: object = text.upper() == "TRUE" if text.upper() in ("TRUE", "FALSE") else None
        return (left == literal) == (op == "=") if op in ("=", "<>") and left is not None else op == "<>"
    if isinstance(literal, float):
        try:
            number = float(text) if text else 0.0
        except ValueError:
            return op in ("<>", ">", ">=")
        pair: tuple[object, object] = (number, literal)
    else:
        pair = (text.casefold(), literal.casefold())
    a, b = pair
    return {
        "=": a == b,
        "<>": a != b,
        ">": a > b,  # type: ignore[operator]
        "<": a < b,  # type: ignore[operator]
        ">=": a >= b,  # type: ignore[operator]
        "<=": a <= b,  # type: ignore[operator]
    }[op]
