"""What a web page's styles do to the cells of its table, as far as bulkship reads them (:mod:`.htmltable`):
hide them ('display:none', 'visibility:hidden', Excel's 'mso-hide:all') or cross them out
('text-decoration:line-through'), in an element's own style or in a class its page's <style> gives one.
Excel saves a struck cell as '<td class=xl66>' with '.xl66 {text-decoration:line-through}' and a hidden row
as "<tr style='display:none'>". A rule doing either through a selector bulkship cannot follow (an id, a
position, a descendant) is refused: a row read as shown where the person saw it hidden would be ordered."""

from __future__ import annotations

import re

from ..errors import FileFormatError

HIDE = "hide"
STRIKE = "strike"
NONE: frozenset[str] = frozenset()
STRUCK = frozenset({STRIKE})

_HIDES = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|mso-hide\s*:\s*all", re.I)
_STRIKES = re.compile(r"text-decoration(?:-line)?\s*:[^;]*line-through", re.I)
_COMMENTS = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
# '.xl66', 'td.xl66', 'tr.hidden': a class, perhaps of one tag (read as the class's wherever it is)
_CLASS_SELECTOR = re.compile(r"(?:[a-z][a-z0-9]*)?(\.-?[\w-]+)", re.I)
_TAG_SELECTOR = re.compile(r"[a-z][a-z0-9]*", re.I)  # 'comment' (LibreOffice's cell notes), 'del'
_TAGS_READ = frozenset({"s", "strike", "del"})  # text crossed out by its tag alone


def effects_of(declarations: str) -> frozenset[str]:
    """What a style's declarations ('color:red; text-decoration:line-through') do to the text under it."""
    found = set()
    if _HIDES.search(declarations):
        found.add(HIDE)
    if _STRIKES.search(declarations):
        found.add(STRIKE)
    return frozenset(found)


def class_effects(style: str, name: str) -> dict[str, frozenset[str]]:
    """Each class ('.xl66') and tag ('comment') the page's <style> text hides or crosses out, with what it
    does; refused (one line, as before) where a rule does so by a selector other than a class or a tag."""
    style = _COMMENTS.sub(" ", style)
    if "@media" in style.casefold() and (_HIDES.search(style) or _STRIKES.search(style)):
        raise _cannot_follow(name, "@media")
    classes: dict[str, frozenset[str]] = {}
    for selectors, declarations in _RULE.findall(style):
        does = effects_of(declarations)
        if not does:
            continue
        for selector in (s.strip() for s in selectors.split(",")):
            found = _CLASS_SELECTOR.fullmatch(selector) or _TAG_SELECTOR.fullmatch(selector)
            if not found:
                raise _cannot_follow(name, selector)
            key = found[found.lastindex or 0].casefold()
            classes[key] = classes.get(key, frozenset()) | does
    return classes


def element_effects(
    tag: str, attrs: list[tuple[str, str | None]], classes: dict[str, frozenset[str]]
) -> frozenset[str]:
    """What one element does to the text under it: its tag (<s>, <strike>, <del>, or a rule for the tag),
    its own style, and the classes it names."""
    if not attrs and not classes:
        return STRUCK if tag in _TAGS_READ else NONE
    found: set[str] = {STRIKE} if tag in _TAGS_READ else set()
    found |= classes.get(tag, frozenset())
    for key, value in attrs:
        if key == "hidden":  # HTML's own attribute: <tr hidden>
            found.add(HIDE)
        elif key == "style" and value:
            found |= effects_of(value)
        elif key == "class" and value:
            for each in value.split():
                found |= classes.get("." + each.casefold(), frozenset())
    return frozenset(found)


def _cannot_follow(name: str, selector: str) -> FileFormatError:
    return FileFormatError(
        f"{name} is a web page (HTML) whose styles hide or cross out cells by a rule bulkship cannot follow "
        f"('{selector.strip()[:60]}'): it cannot tell which rows you see",
        hint="open it in Excel and save it as Excel Workbook (.xlsx), then use that file",
    )
