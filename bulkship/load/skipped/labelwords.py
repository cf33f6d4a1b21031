"""A heading's label for one side in other words than above/below ('Previous rows: sent already', 'Up to here:
sent', 'From here down: held', 'Rows above: sent already'), written as 'Above:' or 'Below:' before the heading
is read (:mod:`.headings`, :mod:`.headingdays`), so every reader of a heading of one part knows it as the
reader of two parts (:mod:`.twoparts`) does."""

from __future__ import annotations

import re

from .twoparts import _OPENS


def labels_named(text: str) -> str:
    """``text`` with a label of one side in other words than above/below ('Previous rows: sent already',
    'Up to here: sent', 'From here down: held') opening it as 'Above:' or 'Below:', as the readers of a
    heading of one part know them. Read by the readers of two parts alone, 'Previous rows: sent already' left
    Ann, Bob and Cy below out and sent Hal, Gus and Dee again; 'From here down: held' was the only error, all
    six ordered (hunter-sends18's leftover 3)."""
    for up, label in ((True, "Above: "), (False, "Below: ")):
        opens = _OPENS[up].match(text) or _BARE[up].match(text)
        if opens is not None and not _EVERY.search(opens[0]) and _OTHER_WORDS.search(opens[0]):
            return label + text[opens.end() :]
    return text


# ... 'Rows above:', 'The rows above:' too (Hal and Gus ordered again, Ann, Bob and Cy left out, as of the row
# right above), and 'Preceding:', 'Following:' alone; not 'All above', 'Everyone above' (every row above, read
# by .upalone) nor a bare 'Above:'
_BARE = {
    True: re.compile(r"(?i)^\W*(?:preceding|previous)\s*:\s*(?=\S)"),
    False: re.compile(r"(?i)^\W*following\s*:\s*(?=\S)"),
}
_EVERY = re.compile(r"(?i)\b(?:all|every\w*)\b")
_OTHER_WORDS = re.compile(
    r"(?i)\b(?:rows?|people|line|before|after|up|from|here|previous|preceding|prior|earlier|following|next|remaining|later)\b"
)
