"""A template's example row left in the list: "John Doe, 123 Main St, Springfield" with a note saying
"EXAMPLE - delete this row", "Jane Sample, 1 Example Rd, Anytown", "Test Test". Request forms almost always
carry one, at a real, deliverable address: left in, it is a card to nobody (found by newcomer6)."""

from __future__ import annotations

import re
from collections.abc import Collection

import numpy as np
import pandas as pd

from .collect import ProblemCollector
from .normalize import by_unique, fullmatch_mask

# A cell that marks its row as the example: "EXAMPLE", "(sample)", "Example row", "EXAMPLE - delete this row",
# "sample only, remove before sending"
_MARK = re.compile(r"(?is)\W*(?:example|sample)(?:\s+(?:row|entry|line|only|data|recipient))?\W*")
_MARK_TO_DELETE = re.compile(
    r"(?is).*\b(?:example|sample)\b.*\b(?:delete|remove)\b.*|.*\b(?:delete|remove)\b.*\b(?:example|sample)\b.*"
)
# Names no one is given: the template's own words and testers' names
_EXAMPLE_NAME = re.compile(
    r"(?i)\s*(?:(?:john|jane)\s+(?:q\.?\s+)?(?:sample|example|public|tester)|test(?:\s+(?:test|user|person|name))?|"
    r"sample(?:\s+(?:name|person|recipient|employee))?|example(?:\s+(?:name|person|recipient|employee))?|"
    r"(?:your|recipient'?s?|employee'?s?|full)\s+name|first\s*(?:name)?\s+last\s*(?:name)?|"
    r"firstname\s+lastname|name\s+surname)\s*"
)
# A template's row of examples under its header: "e.g. Maria", "e.g. 02108", "Ex: CVS" in two cells or more
_FOR_EXAMPLE = re.compile(r"(?is)\s*(?:e\.\s?g\.?|eg\.|ex\.|ex:|example:|for\s+example)[\s:,].*")
_DOE = re.compile(r"(?i)\s*(?:john|jane)\s+(?:q\.?\s+)?doe\s*")  # a real surname too: only with another sign
_STREET = r"\s+(?:st|street|ave|avenue|ln|lane|dr|drive|way|blvd)\b.*"
_EXAMPLE_STREET = re.compile(
    rf"(?i).*\b(?:(?:example|any\s*street)(?:\s+(?:rd|road)\b.*|{_STREET})|(?:sample|test){_STREET})"
)
# Real roads too (W Sample Rd in Coconut Creek FL, Test Rd): an example's street only with another sign
_REAL_ROAD_TOO = re.compile(r"(?i).*\b(?:sample|test)\s+(?:rd|road)\b.*")
_EXAMPLE_CITY = re.compile(r"(?i)\s*(?:any\s*town|any\s*city|example\s*city|sample\s*city)\s*")


def marks_example(text: str) -> bool:
    """Whether a cell's text marks its row as a template's example ('EXAMPLE - delete this row')."""
    return bool(_MARK.fullmatch(text) or _MARK_TO_DELETE.fullmatch(text))


def check_examples(
    frame: pd.DataFrame, cells: pd.DataFrame, collector: ProblemCollector, names: Collection[str] = ()
) -> None:
    """An error on each row that is a template's example: a cell marking it so (``cells``: every column of
    the sheet as read, notes included), or an example's name, street or city. "John Doe" / "Jane Doe" is
    someone's name: only with an example street, city or mark; so is "Sample Rd" a street. ``names``: the
    headers of the first and last name's columns, whose 'Sample' is a surname (Rose | Sample was an error as
    the template's example, found by hunter-falsealarm2), not a mark: 'Jane | Sample' is said by its name."""
    texts = _Texts(cells)
    marked = _marked_rows(texts, [place for place, h in enumerate(cells.columns) if h not in names])
    marked = marked.reindex(frame.index, fill_value=False)
    name = _matches(frame["name"], _EXAMPLE_NAME)
    place = _matches(frame["address1"], _EXAMPLE_STREET) | _matches(frame["city"], _EXAMPLE_CITY)
    road = _matches(frame["address1"], _REAL_ROAD_TOO)
    doe = _matches(frame["name"], _DOE) & (marked | place | road)
    described = _described_rows(texts).reindex(frame.index, fill_value=False) & ~collector.has_error("name")
    collector.drop(described, frame.columns)  # its '2-LETTER' is no state to correct: one error, this one
    collector.error(
        described,
        "name",
        "Template's description row",
        "describes the columns ('{name}', '{state}', '{zip}'...), as a request form's line under its header "
        "does, and is no recipient: delete the row.",
    )
    alone = _described_alone(texts).reindex(frame.index, fill_value="")
    collector.drop(alone.ne("") & ~described, frame.columns)  # its 'is empty' on every column: this instead
    collector.error(
        alone.ne("") & ~described,
        "name",
        "Template's description row",
        "holds only {described}, which describes its column as a line under a header does, and is no "
        "recipient: delete the row.",
        extra={"described": alone},
    )
    example = (marked | name | place | doe) & ~collector.has_error("name")
    collector.error(
        example,
        "name",
        "Example row",
        "'{new}' at {address1}, {city} looks like the template's example, not a recipient: delete the row "
        "(or, for a real person, write their real name and address).",
    )


def _matches(column: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    return column.ne("") & by_unique(column, lambda c: fullmatch_mask(c, pattern))


class _Texts:
    """The sheet's cells as text ("" where a row is short), and each column's cells joined and lowered: the
    whole column scanned at C speed for a word before a pattern reads it cell by cell. Made once for the
    three readers of a template's rows (each made its own: ~0.3 CPU-s of 100,000 rows, found by
    hunter-speed1)."""

    def __init__(self, cells: pd.DataFrame) -> None:
        self.frame = cells.fillna("").astype(str)
        self.columns = [self.frame.iloc[:, place] for place in range(self.frame.shape[1])]
        self.lowered = ["\n".join(column.tolist()).lower() for column in self.columns]


def _marked_rows(texts: _Texts, places: list[int]) -> pd.Series:
    """Rows with a cell marking them as the example, in the columns at ``places``; a column is read in
    full only when a cell holds the word."""
    marked = np.zeros(len(texts.frame), dtype=bool)
    for_example = np.zeros(len(texts.frame), dtype=int)
    for place in places:
        column, text = texts.columns[place], texts.lowered[place]
        if "e.g" in text or "eg." in text or "ex" in text:
            for_example += fullmatch_mask(column, _FOR_EXAMPLE, na=False).to_numpy()
        if "example" not in text and "sample" not in text:
            continue
        marked |= fullmatch_mask(column, _MARK, na=False).to_numpy()  # fails at the first letter: fast
        if "delete" in text or "remove" in text:  # "EXAMPLE - delete this row": read in full only then
            marked |= fullmatch_mask(column, _MARK_TO_DELETE, na=False).to_numpy()
    return pd.Series(marked | (for_example >= 2), index=texts.frame.index)


# A template's line under its header saying what each column takes: "Required", "(optional)", "Text (5)",
# "2-letter code", "5 digits", "Number", "Dropdown" (found by hunter-sheets4: each such line was a row to fix,
# its State '2-LETTER CODE' "not a US state", its ZIP '5 digits' "not a US ZIP code")
_DESCRIBES = re.compile(
    r"(?i)\s*\(?\s*(?:required|optional|mandatory|req\.?|opt\.?|text|number|numeric|whole\s+number|date|list|"
    r"drop[\s-]?down|free\s+text|yes\s*/\s*no|\d+[\s-]*(?:letters?|digits?|characters?|chars?)(?:\s+code)?|"
    r"(?:text|number)\s*\(\d+\)|numbers?\s+only|letters?\s+only|(?:see|pick\s+from|select\s+from)\s+(?:the\s+)?list|"
    r"(?:required|optional)\s*[-:,]\s*.{0,40}|"
    # ... and what the person's column holds in words, a date's format, the currency, the choices (found by
    # newcomer16: 'Full legal name | Street and number | 2-letter | 5 digits | CVS/Target/Visa | USD' was a
    # recipient with five errors, its State '2-LETTER' "not a US state")
    r"(?:full\s+)?(?:legal\s+)?(?:first\s+(?:and|&)\s+last\s+)?name\s+(?:of\s+(?:the\s+)?)?recipient|"
    r"full\s+(?:legal\s+)?name|legal\s+name|first\s+(?:and|&)\s+last\s+name|street\s+(?:and|&)\s+(?:house\s+)?"
    r"(?:number|no\.?)|(?:house\s+)?number\s+(?:and|&)\s+street|street\s+address|"
    r"(?:mm|dd|m|d)\s*[/.-]\s*(?:dd|mm|d|m)\s*[/.-]\s*(?:yyyy|yy)|yyyy\s*[/.-]\s*mm\s*[/.-]\s*dd|"
    r"usd|us\s+dollars|dollars|(?:amount|value)\s+in\s+(?:usd|dollars)|"
    r"[a-z][a-z.&'-]*(?:\s*/\s*[a-z][a-z.&'-]*){2,})\s*\)?\s*\**\s*"
)
_DESCRIBING_WORDS = ("requir", "optional", "mandatory", "text", "number", "digit", "letter", "list", "date",
                     "drop", "yes/no", "numeric", "char", "name", "street", "yyyy", "usd", "dollar",
                     "/")  # fmt: skip


def _described_alone(texts: _Texts) -> pd.Series:
    """Each row whose one or two filled cells each say what their column takes: those cells, quoted ("" for
    any other row). A units line '(USD)' under 'Amount' alone was a person to fix with seven errors (found
    by hunter-sheets29, fixed by hunter-sheets30)."""
    found = pd.Series("", index=texts.frame.index, dtype=object)
    filled = filled_cells(texts.frame)
    for row in filled.index[filled.between(1, 2)].tolist():
        said = [t.strip() for t in texts.frame.loc[row].tolist() if t.strip()]
        if all(_DESCRIBES.fullmatch(t) for t in said):
            found[row] = " and ".join(f"'{t}'" for t in said)
    return found


def filled_cells(texts: pd.DataFrame) -> pd.Series:
    """Each row's count of cells holding more than spaces: ``texts.apply(lambda c: c.str.strip().ne(""))
    .sum(axis=1)`` without pandas' string methods, a fifth of a CPU-second on 100,000 rows of 18 columns
    (found by hunter-speed1)."""
    counts = np.zeros(len(texts), dtype=np.int64)
    for place in range(texts.shape[1]):
        values = texts.iloc[:, place].tolist()
        try:
            counts += np.fromiter(map(bool, map(str.strip, values)), dtype=bool, count=len(values))
        except TypeError:  # a cell that is not text (cells are text as read)
            counts += texts.iloc[:, place].str.strip().ne("").to_numpy(dtype=bool)
    return pd.Series(counts, index=texts.index)


def _described_rows(texts: _Texts) -> pd.Series:
    """Rows of three cells or more that each say what their column takes (:data:`_DESCRIBES`); a column is
    read in full only when it holds one of the words, once per distinct cell (cities: 'Richardson')."""
    count = np.zeros(len(texts.frame), dtype=int)
    for column, text in zip(texts.columns, texts.lowered, strict=True):
        if any(word in text for word in _DESCRIBING_WORDS):
            count += by_unique(column, lambda c: fullmatch_mask(c, _DESCRIBES, na=False)).to_numpy()
    return pd.Series(count >= 3, index=texts.frame.index)
