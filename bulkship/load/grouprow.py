"""A group row over the header saying whose address each repeated column is: 'Home Address' merged over
Street | City | State | ZIP, 'Work Address' over the same four again (or each label in the first cell of its
columns, as a CSV keeps it). Read as 'Home Address Street', 'Work Address Street': the address groups the
columns rank by (bulkship.columns), as the same headers written on one row are. The list was refused, exit
2, "Columns 'Street' (C) and 'Street (2)' (G) both look like Address Line 1", though the row above said
which was which (found by hunter-sheets25, left for hunter-sheets26).

Only where the row above says it plainly: each repeated header under its own label, every label read with
its header as that header's field (a billing address read as nothing: never sent to), none with a remark in
brackets ('Work Address (ship here)': which one to use is the person's to say, in their words). Otherwise the
refusal stays, naming the labels (:func:`said_groups`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from ..columns.fields import ADDRESS_FIELDS, NAME_FIELDS
from ..columns.meaning import HeaderMeaning
from ..sheetscan import column_letter
from .cardlabels import OTHER_PERSON

# A group naming an address that is not the recipient's to ship to: read as nothing, as its headers are on
# one row ('Billing Street' is unread beside 'Shipping Street'); and the giver's beside the recipient's
# ('Sender' / 'Recipient' over Name | Street | City twice: refused as two lists side by side)
_NOT_SHIPPED_TO = re.compile(
    r"(?i)\b(?:billing|bill|invoice|invoicing|sender|sent\s+by|from|giver|gifter|given\s+by|purchaser|buyer)\b"
)


def group_labels(
    frame: pd.DataFrame,
    header_row: int,
    merged: Sequence[tuple[int, int, int, int]],
    positions: Sequence[int],
) -> dict[int, str]:
    """The label over each column of ``positions`` (0-based) on the row above the header: the merged cell
    covering it, else the nearest filled cell on its left (a label in the first cell of its columns)."""
    above = header_row - 1
    if above not in frame.index:
        return {}
    cells = [" ".join(str(cell).split()) for cell in frame.loc[above].tolist()]
    covering: dict[int, str] = {}
    for first_row, first_col, last_row, last_col in merged:
        if first_row <= above <= last_row and first_row in frame.index:
            label = " ".join(str(frame.loc[first_row].iloc[first_col - 1]).split())
            for col in range(first_col, last_col + 1):
                covering[col - 1] = label
    labels: dict[int, str] = {}
    for position in positions:
        if position in covering:
            labels[position] = covering[position]
            continue
        left = next((p for p in range(position, -1, -1) if p < len(cells) and cells[p]), None)
        if left is not None and not any(p in covering for p in range(left, position + 1)):
            labels[position] = cells[left]
    return labels


def grouped_repeats(
    headers: Sequence[str],
    positions: Sequence[int],
    repeats: Mapping[str, str],
    labels: Mapping[int, str],
    meaning: Callable[[str], HeaderMeaning | None],
) -> dict[str, str]:
    """``repeats`` (each renamed repeat -> the text it repeats) with every repeated header -> its label and
    text ('Street (2)' -> 'Work Address Street'), where the labels say plainly which is which; else as it
    was. ``headers``: the unique headers, at the 0-based ``positions``."""
    texts = [repeats.get(h, h) for h in headers]
    counts: dict[str, int] = {}
    for text in texts:
        counts[text.casefold()] = counts.get(text.casefold(), 0) + 1
    grouped: dict[str, str] = {}
    by_text: dict[str, list[str]] = {}
    for header, text, position in zip(headers, texts, positions, strict=True):
        if counts[text.casefold()] < 2:
            continue
        plain = meaning(text)
        label = labels.get(position, "")
        if plain is None:
            continue  # a column of no field repeated ('Notes' twice): no matter
        if not label or "(" in label or "[" in label:
            return dict(repeats)
        together = f"{label} {text}"
        read = meaning(together)
        if read is None and not (_NOT_SHIPPED_TO.search(label) or OTHER_PERSON.search(label)):
            return dict(repeats)
        if read is not None and read.field != plain.field:
            return dict(repeats)  # 'Address 2' over 'Street': no group of the street's
        grouped[header] = together
        by_text.setdefault(text.casefold(), []).append(label.casefold())
    if not grouped or any(len(set(found)) < len(found) for found in by_text.values()):
        return dict(repeats)  # one label over both (a title): it says nothing of which is which
    return {**repeats, **grouped}


def said_groups(
    headers: Sequence[str], positions: Sequence[int], repeats: Mapping[str, str], labels: Mapping[int, str]
) -> str:
    """What a refusal of two columns of one field adds where the row above labels the repeated ones: the
    labels, and that bulkship did not read them as whose address each is."""
    texts = [repeats.get(h, h).casefold() for h in headers]
    named = sorted(
        {labels[p] for t, p in zip(texts, positions, strict=True) if texts.count(t) > 1 and labels.get(p)}
    )
    if len(named) < 2:
        return ""
    return (
        f". The row above the header groups them under {', '.join(repr(n) for n in named)}, which bulkship "
        "does not read as saying which address to ship to: rename the columns of the one to use ('Home "
        "Street', 'Home City'...) or delete the other's"
    )


def said_read(
    headers: Sequence[str],
    positions: Sequence[int],
    before: Mapping[str, str],
    after: Mapping[str, str],
    labels: Mapping[int, str],
    column_map: Mapping[str, str],
    meaning: Callable[[str], HeaderMeaning | None],
) -> list[str]:
    """The notice naming the group the address is read from, and the groups not used (their columns' own
    headers, 'Street' and 'Street (2)', do not say it). Of the address only: a preferred name's group
    ('Preferred Name' over First | Last beside 'Legal Name') fills in over the other, as the Columns say."""
    grouped = [
        (h, p)
        for h, p in zip(headers, positions, strict=True)
        if after.get(h) != before.get(h) and (m := meaning(before.get(h, h))) and m.field in ADDRESS_FIELDS
    ]
    used = sorted({labels[p] for h, p in grouped if h in column_map})
    unused = sorted({labels[p] for h, p in grouped if h not in column_map} - set(used))
    if not used:
        return []
    others = f"; those under {', '.join(repr(n) for n in unused)} are not used" if unused else ""
    return [
        f"The address is read from the columns under {', '.join(repr(n) for n in used)} (the row above the "
        f"header){others}."
    ]


def read_under_labels(
    headers: Sequence[str],
    positions: Sequence[int],
    repeats: Mapping[str, str],
    labels: Mapping[int, str],
    meaning: Callable[[str], HeaderMeaning | None],
) -> dict[str, str]:
    """Each header naming nothing alone -> its label and text, where the two name a field no other column
    does: 'Card' merged over 'Type' | 'Amount' reads 'Type' as 'Card Type' (the list was refused, exit 2,
    "lacks required column(s): Product"; found by hunter-sheets28). Not under a label that also stands over
    a name or an address column (the list's title, 'Gift Card' across the top), nor one of an address not
    shipped to."""
    texts = [repeats.get(h, h) for h in headers]
    given = {m.field for text in texts if (m := meaning(text))}
    read: dict[str, str] = {}
    for i, (header, text, position) in enumerate(zip(headers, texts, positions, strict=True)):
        label = labels.get(position, "")
        if not label or meaning(text) is not None or _NOT_SHIPPED_TO.search(label):
            continue
        together = meaning(f"{label} {text}")
        if together is None or together.field in given:
            continue
        if _over_the_person(i, positions, texts, labels, meaning):
            continue
        read[header] = f"{label} {text}"
        given.add(together.field)
    return read


def _over_the_person(
    i: int,
    positions: Sequence[int],
    texts: Sequence[str],
    labels: Mapping[int, str],
    meaning: Callable[[str], HeaderMeaning | None],
) -> bool:
    """Whether the label over column ``i`` also stands over a column naming the person or the address (the
    run of neighbouring columns under the same label)."""
    label = labels[positions[i]]
    run = [i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(positions) and labels.get(positions[j]) == label:
            run.append(j)
            j += step
    return any((m := meaning(texts[j])) is not None and m.field in ADDRESS_FIELDS | NAME_FIELDS for j in run)


def said_under_labels(
    read: Mapping[str, str], headers: Sequence[str], positions: Sequence[int], labels: Mapping[int, str]
) -> list[str]:
    """The notice of each column read with its label (:func:`read_under_labels`)."""
    return [
        f"Column '{header}' ({column_letter(position + 1)}) is read as '{read[header]}' (the group "
        f"'{labels[position]}' on the row above it)."
        for header, position in zip(headers, positions, strict=True)
        if header in read
    ]
