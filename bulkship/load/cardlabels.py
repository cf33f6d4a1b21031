"""Two-row headers whose upper row names the card or another person: 'Gift' merged over 'Type' | 'Amount',
'Card' over 'Name' | 'Amount' beside 'Employee' over 'First' | 'Last', 'Manager' over a second 'First' |
'Last'. Each was refused, exit 2 ("lacks required column(s): Product"; "'Name' and 'Name (2)' both look
like Name"; "'First' and 'First (2)' both look like First Name"), though the row above said which was
which (found by hunter-sheets29, fixed by hunter-sheets31).

- A column naming the card's kind or name ('Type', 'Name', 'Brand', 'Kind') under the card's label ('Gift',
  'Card', 'Gift Card', 'Reward') is the Product, where no other column gives it and the label stands over
  no column of the person's name or address (the list's title across the top); a 'Name' so only where
  another column gives the person's name.
- A group labelled as another person than the one the card goes to ('Manager', 'Supervisor', 'Nominated
  by') is read as nothing, as a sender's is (:mod:`.grouprow`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..columns import _words
from ..columns.fields import ADDRESS_FIELDS, NAME_FIELDS
from ..columns.meaning import HeaderMeaning
from ..sheetscan import column_letter

# Labels of another person than the recipient: their columns are read as nothing
OTHER_PERSON = re.compile(
    r"(?i)\b(?:manager|managers|supervisor|supervisors|approver|approved\s+by|requester|requestor|"
    r"requested\s+by|submitted\s+by|submitter|nominator|nominated\s+by|sponsor|referrer|referred\s+by|"
    r"reports\s+to|team\s+lead|hiring\s+manager)\b"
)
_GIFT_LABEL = frozenset({"gift", "gifts", "present", "presents"})
_CARD_PART = frozenset({"type", "name", "brand", "kind"})
READ_AS = "Card Type"  # the header such a column is read as: the Product


def _card_label(label: str, meaning: Callable[[str], HeaderMeaning | None]) -> bool:
    """Whether ``label`` names the card ('Card', 'Gift Card', 'Reward', 'Gift')."""
    words = set(_words(label))
    read = meaning(label)
    return bool(words) and (words <= _GIFT_LABEL or (read is not None and read.field == "product"))


def read_under_card_labels(
    headers: Sequence[str],
    positions: Sequence[int],
    repeats: Mapping[str, str],
    labels: Mapping[int, str],
    meaning: Callable[[str], HeaderMeaning | None],
) -> dict[str, str]:
    """The one header naming the card's kind or name under the card's label -> :data:`READ_AS`; {} where
    none, several, or another column gives the card. ``headers``: the unique headers, at the 0-based
    ``positions``; ``repeats``: each renamed repeat -> the text it repeats."""
    texts = [repeats.get(h, h) for h in headers]
    read = [meaning(text) for text in texts]
    if any(m is not None and m.field == "product" for m in read):
        return {}
    found = []
    for i, (header, text, position) in enumerate(zip(headers, texts, positions, strict=True)):
        label = labels.get(position, "")
        if not set(_words(text)) <= _CARD_PART or not label or not _card_label(label, meaning):
            continue
        together = meaning(f"{label} {text}")
        if together is not None and together.field == "product":
            continue  # 'Card' over 'Type': 'Card Type', read so as any label's (.grouprow.read_under_labels)
        run = [read[j] for j, p in enumerate(positions) if labels.get(p) == label and j != i]
        if any(m is not None and m.field in ADDRESS_FIELDS | NAME_FIELDS for m in run):
            continue  # the list's title over the person's columns too
        mine = read[i]
        if mine is not None and mine.field != "name":
            continue
        named_else = any(m is not None and m.field in NAME_FIELDS for j, m in enumerate(read) if j != i)
        if mine is not None and not named_else:
            continue  # 'Card' over the list's only 'Name': perhaps the name on the card, the person's
        found.append(header)
    return {found[0]: READ_AS} if len(found) == 1 else {}


def said_under_card_labels(
    read: Mapping[str, str], headers: Sequence[str], positions: Sequence[int], labels: Mapping[int, str]
) -> list[str]:
    """The notice of the column read as the card (:func:`read_under_card_labels`)."""
    return [
        f"Column '{header}' ({column_letter(position + 1)}) is read as the card (Product): the group "
        f"'{labels[position]}' on the row above it names the card."
        for header, position in zip(headers, positions, strict=True)
        if header in read
    ]


def said_other_person(
    headers: Sequence[str], positions: Sequence[int], labels: Mapping[int, str], column_map: Mapping[str, str]
) -> list[str]:
    """The notice of the columns left unused under a label naming another person (:data:`OTHER_PERSON`)."""
    under: dict[str, list[str]] = {}
    for header, position in zip(headers, positions, strict=True):
        label = labels.get(position, "")
        if header not in column_map and OTHER_PERSON.search(label):
            under.setdefault(label, []).append(f"'{header}' ({column_letter(position + 1)})")
    return [
        f"Columns {', '.join(columns)} are under '{label}' on the row above the header: another person than "
        "the one the card goes to, not used."
        for label, columns in under.items()
    ]
