"""docs/architecture.md's module map names every module of the package (issue 14: a newcomer finds a behaviour
by its stage name). After last session's splits and this one's, 55 modules were named nowhere in it
(reconcile/sheets/tally.py, client/charges.py, load/skipped/heldday.py, ...): a newcomer looking for where
the Summary's sums are added up, or where a held row's day is found, had no map to it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bulkship"


def _needs_naming(module: Path) -> bool:
    """Not the package's own entry points, the migrations (one a schema revision), nor a command's module
    (the map says: one `*_cmd` module a command)."""
    relative = module.relative_to(PACKAGE).as_posix()
    return not (
        relative in ("__init__.py", "__main__.py")
        or relative.startswith("db/migrations/")
        or re.fullmatch(r"\w+_cmd", module.stem) is not None
    )


def _lines_of_the_map() -> list[str]:
    """The module each line of the map is: '- `load/skipped/told.py`: ...' is load/skipped/told.py."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return re.findall(r"^- `([\w/]+\.py)`: ", text, flags=re.MULTILINE)


def test_the_module_map_gives_every_module_its_line() -> None:
    """A line a module (was a table of a stage a line: every helper adding a module edited the same line of
    thousands of characters, and concurrent landings collided on it)."""
    lines = _lines_of_the_map()
    unlisted = sorted(
        relative
        for module in PACKAGE.rglob("*.py")
        if _needs_naming(module) and (relative := module.relative_to(PACKAGE).as_posix()) not in lines
    )
    assert not unlisted, (
        f"docs/architecture.md has no line for {unlisted}: add '- `PATH`: what it is' in its stage's"
        " section, in path order"
    )


def test_every_line_of_the_module_map_is_a_module_once() -> None:
    """The map stays true: a module moved or removed takes its line with it."""
    lines = _lines_of_the_map()
    gone = [line for line in lines if not (PACKAGE / line).is_file()]
    twice = sorted({line for line in lines if lines.count(line) > 1})
    assert not gone and not twice, f"lines of docs/architecture.md naming no module: {gone}; twice: {twice}"


def _as_it_is(name: str) -> bool:
    """Whether ``name`` ('load/' a package, 'pipeline' a module) is so in the package."""
    if name.endswith("/"):
        return (PACKAGE / name.rstrip("/")).is_dir()
    return (PACKAGE / f"{name}.py").is_file()


def test_the_readme_layout_names_each_stage_as_it_is_in_the_package() -> None:
    """The README's Layout wrote `load`, `plan`, `submit` and `track` as modules: each is a package
    (load/, plan/, ...), and a newcomer looking for bulkship/load.py found none."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("- Layout:") :].split("\n- ", 1)[0].split("errors in", 1)[0]
    named = [n for n in re.findall(r"`([\w./]+)`", layout) if n != "bulkship/"]
    assert len(named) > 10 and [n for n in named if not _as_it_is(n)] == []


MOST_LINES = 450  # issue 14: "modules small enough to hold in mind (most under ~400 lines)"


def test_no_module_grows_past_the_size_one_holds_in_mind() -> None:
    """The ~400-line rule was kept by hand: modules grew past it between the sessions that split them
    (headings.py 401, approving.py 388). Every module is under it now, so this refuses only growth."""
    long = sorted(
        (n, module.relative_to(PACKAGE).as_posix())
        for module in PACKAGE.rglob("*.py")
        if (n := len(module.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    )
    assert not long, (
        f"modules over {MOST_LINES} lines: {long}. Split each by stage meaning (what a newcomer would look "
        "for by name: a reader of one shape of words, one page, one step), moving code verbatim, and name "
        "the new module in docs/architecture.md's map"
    )


def _docstring_words(module: Path) -> str:
    """``module``'s docstring as the map writes it: on one line, `:func:`.x`` roles as `x`."""
    text = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8"))) or ""
    text = re.sub(r":(?:func|class|mod|meth|attr|data|exc|obj):`~?\.?([^`]+)`", r"`\1`", text)
    return " ".join(text.replace("``", "`").split())


def _line_for(module: Path) -> str:
    """The words a map line of ``module`` is given: its docstring's first sentence, cut at ~170 characters."""
    words = _docstring_words(module)
    first = re.match(r"(.+?[.!?])(?:\s|$)", words)
    sentence = first.group(1) if first else words
    return sentence if len(sentence) <= 170 else sentence[:165].rsplit(" ", 1)[0] + " …"


def test_every_line_of_the_module_map_says_its_module_s_own_words() -> None:
    """A line's words are its module's docstring from its start (review72's leftover 5): a module whose
    docstring changed kept its old line, which then said what the module no longer did. A line ends where a
    sentence of the docstring ends, or is cut short with ' …'."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    stale = []
    for path, said in re.findall(r"^- `([\w/]+\.py)`: (.*)$", text, flags=re.MULTILINE):
        words, cut = _docstring_words(PACKAGE / path), said.removesuffix(" …")
        ends = said.endswith(" …") or words[len(cut) : len(cut) + 1] in ("", " ")
        if not (cut and words.startswith(cut) and ends):
            stale.append(f"- `{path}`: {_line_for(PACKAGE / path)}")
    said = "lines of docs/architecture.md not saying their module's docstring; write:"
    assert not stale, "\n".join([said, *stale])
