"""Another card to the same person within the window: held as a probable second card, as another value at the
same address is (newcomer27's N2 of session 49, the lead's decision).

An HR list's late adds sent Patrick Dunn (Employee ID 00126, 71 Summer St) a VISA-PREPAID 200; the main list,
his row's invalid card fixed there otherwise, sent him a HOMEDEPOT 200 under another batch: no hold, no word,
exit 0 (the repeat guard compared the same card only). Two fixes of one invalid amount were two cards. The
same person is the same Employee ID with the same name or address, or the same full name at the same street,
ZIP and unit; two Employee IDs of their own that differ are two people. A second award on purpose (a holiday
and an anniversary in one month) is one ``--allow-repeat`` away."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ..folding import same_unit
from .cards import _SEP, Card, _Rows
from .earlier import Changed, _Earlier, _references_differ


def _other_card_elsewhere(
    rows: _Rows,
    earlier: _Earlier,
    matched: set[int],
    apart: Mapping[int, Collection[tuple[int, int]]] | None = None,
) -> dict[int, Changed]:
    """Rows (index in ``rows``, not in ``matched``) whose person another batch sent another card (another
    product, any value): row -> that card (its order and line, as sent, and what makes it the same person).
    Not the cards ``apart`` names for a row (the very card of another row of the list)."""
    found: dict[int, Changed] = {}
    if not earlier.by_person:
        return found
    references = rows.columns["external_id"]
    for i, name in enumerate(rows.names):
        if i in matched:
            continue
        card, unit = rows.card(i), rows.unit(i)
        person = _SEP.join((card.name, card.address)) if " " in name else ""
        keys = (card.external_id if references[i] else "", person)  # the ID first: it says the most
        for key in filter(None, keys):
            for number, line, sent, their_unit, shown in earlier.by_person.get(key, ()):
                if sent.product == card.product or (apart and (number, line) in apart.get(i, ())):
                    continue  # the same card: the guard's other checks say it
                same = _same_person(sent, card, unit, their_unit, by_reference=key == card.external_id)
                if same:
                    found[i] = Changed(number, line, other_card=shown, same=same)
                    break
            if i in found:
                break
    return found


def _same_person(sent: Card, card: Card, unit: str, their_unit: str, *, by_reference: bool) -> str:
    """What makes the card sent the row's person's ("" when nothing does): the same Employee ID and name or
    address, or the same name at the same place (not two people by their own references)."""
    if by_reference:
        if sent.name == card.name:
            return "Employee ID and name"
        return "Employee ID and address" if sent.address == card.address else ""
    if _references_differ(sent, card) or not same_unit(unit, their_unit):
        return ""
    return "name and address"
