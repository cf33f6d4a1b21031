"""A card named in a column bulkship does not read, while every row's card comes from the program's default:
a list with "Gift Choice" = Target, Starbucks beside a program whose default card is CVS sent a CVS card to
every row, the column listed as not used after the money was spent."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from ..load.problems.notecolumns import clear_cell
from ..models import LoadedSheet
from .collect import ProblemCollector

FIT_SHARE = 0.6  # of a column's filled cells naming a card, to read it as naming cards
# A column of cards that went out before ("Last Year's Card", "Card Sent 2025") orders nothing now
_PAST = re.compile(r"(?i)\b(?:last|previous|prior|past|old|former|sent|received|given|history|20\d\d)\b")


def check_unread_cards(
    frame: pd.DataFrame, sheet: LoadedSheet, products: Mapping[str, str], collector: ProblemCollector
) -> None:
    """An error on each row whose unread column names another card than the default it would get.
    ``products``: the catalog's cards by id or name, case-folded (:func:`rules.product_ids`)."""
    if "product" in sheet.column_map.values() or "product" in sheet.preferred:
        return
    read = set(sheet.column_map) | set(sheet.preferred.values()) | {sheet.suffix}
    sent = frame["product"].str.strip().str.casefold().map(products)
    for header in sheet.frame.columns:
        if header in read or _PAST.search(str(header)):
            continue
        cells = sheet.frame[header].reindex(frame.index).fillna("").astype(str).str.strip()
        named = cells.str.casefold().map(products)
        filled = cells.ne("")
        if not filled.any() or named[filled].notna().mean() < FIT_SHARE:
            continue
        said = str(header).replace("{", "{{").replace("}", "}}")  # the message is a template
        collector.error(
            named.notna() & named.ne(sent),
            "product",
            "Card in a column not read",
            f"'{said}' names {{card}}, but no column is read as the card: this row would get {{product}}, "
            f'the program\'s default. Read the column as the card ([columns] product = "{said}", or the '
            "Columns page), or empty its cell.",
            extra={"card": named.fillna(""), "product": frame["product"]},
        )


# A note asking for another card: "should be Target", "Target instead", "switch to Starbucks", "wants CVS";
# also with the card said ("Change card to CVS", "Switch gift card to Target": found by newcomer6, the row's
# card went out)
_CHANGE = re.compile(
    r"(?i)\b(?:instead|should\s+be|(?:switch(?:ed)?|change[ds]?|swap(?:ped)?|upgrade[ds]?)(?:\s+(?:the\s+|her\s+|"
    r"his\s+|their\s+)?(?:gift\s+)?card)?\s+(?:to|for)|rather|prefers?|wants?)\b"
)
# "not CVS": the card not wanted; so is the card a preference is over ("Prefers Target over Starbucks" on a
# Target row asked for Starbucks: found by hunter-falsealarm1, an ordinary HR list's Notes)
# (also with a verb between: 'Rather not have CVS', "Doesn't want Target": hunter-falsealarm1)
_NEGATED = re.compile(
    r"(?i)(?:\b(?:not|no|over|than|instead\s+of)|n['’]t)\s+(?:(?:have|get|want|like|need|use)\s+)?"
    r"(?:a\s+|the\s+|any\s+)?$"
)
# ... or another card than the row's, said over it ("Target not Starbucks" on a Starbucks row: found by
# newcomer6); a 'not' elsewhere ("Target date 12/1 - not urgent") asks for nothing
_NOT = re.compile(r"(?i)\bno[t]?\b")
# ... and the card a preference or a change names ('prefers Target', 'switch to CVS', 'should be Starbucks'):
# where that is the row's own card, another card the note names beside it is no ask ('Already has Starbucks
# app - prefers Target' beside Target asked for Starbucks: found by hunter-falsealarm2, an HR list's Notes)
_CHOSEN = re.compile(
    r"(?i)\b(?:should\s+be|(?:switch(?:ed)?|change[ds]?|swap(?:ped)?|upgrade[ds]?)(?:\s+(?:the\s+|her\s+|his\s+|"
    r"their\s+)?(?:gift\s+)?card)?\s+(?:to|for)|rather(?:\s+have)?|prefers?|wants?|would\s+like)"
    r"\s+(?:a\s+|an\s+|the\s+)?$"
)


def check_cards_in_notes(
    frame: pd.DataFrame, sheet: LoadedSheet, products: Mapping[str, str], collector: ProblemCollector
) -> None:
    """An error on each row whose note asks for another card of the catalog than the row's ("should be
    Target" beside CVS: the CVS card went out, the note read by no one; found by hunter-sheets2)."""
    from ..load.skipped.columnkeys import person_status
    from ..load.skipped.noteheaders import _note_header

    read = set(sheet.column_map) | set(sheet.preferred.values())
    # ... or in a person's status, which a list writes its remarks in too ('2025 - declined. 2026 - wants
    # Amazon': sent with the row's CVS card where under 'Notes' it asks which; found by review66)
    noted = {
        h: sheet.frame[h]
        for h in sheet.frame.columns
        if h not in read and (_note_header(str(h), sheet.frame[h]) or person_status(str(h)))
    }
    if sheet.cell_notes is not None:  # the notes on its cells, 'Note on Product' (found by hunter-sheets3)
        noted |= {h: sheet.cell_notes[h] for h in sheet.cell_notes.columns}
    notes = [h for h, cells in noted.items() if _asks("\n".join(cells.fillna("").astype(str).tolist()))]
    if not notes or not products:  # the usual list: no note asks for anything (one scan a column)
        return
    names = sorted(products, key=len, reverse=True)
    card = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    for header in notes:
        cells = noted[header].reindex(frame.index).fillna("").astype(str).str.strip()
        asked = pd.Series("", index=frame.index, dtype=object)
        seen: dict[str, tuple[bool, list[tuple[str, bool, bool]]]] = {}  # each distinct note read once
        picked = cells.map(_asks)
        rows, owns = cells.index[picked].tolist(), frame["product"][picked].tolist()
        for row, note, own in zip(rows, cells[picked].tolist(), owns, strict=True):
            if note not in seen:
                text = note.casefold()
                cards = card.finditer(text)
                found = [
                    (
                        products[m[0]],
                        bool(_NEGATED.search(text[: m.start()])),
                        bool(_CHOSEN.search(text[: m.start()])),
                    )
                    for m in cards
                ]
                seen[note] = bool(_CHANGE.search(text)), found
            change, found = seen[note]
            if not change and (own, True) not in [(product, negated) for product, negated, _ in found]:
                continue  # a 'not' of something else than the row's card
            wanted = {product for product, negated, _ in found if not negated}
            if (own, False, True) in found:  # the row's own card chosen: only another chosen is asked
                wanted = {product for product, negated, chosen in found if chosen and not negated}
            asked[row] = ", ".join(sorted(wanted - {own}))
        said = str(header).replace("{", "{{").replace("}", "}}")
        collector.error(
            asked.ne("") & ~collector.has_error("product"),
            "product",
            "Card in a note",
            f"'{said}' says '{{note}}', asking for {{asked}}, where the row's card is {{product}}: which is "
            f"right? Put the right card in the row and {clear_cell(said)}.",
            extra={"note": cells, "asked": asked},
        )


def _asks(text: str) -> bool:
    """Whether a note may ask for another card: a word of change (:data:`_CHANGE`) or a 'not'."""
    return bool(_CHANGE.search(text) or _NOT.search(text))
