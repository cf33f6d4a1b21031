"""Two rows of one list for one person with another card or value: one of them held as a probable second card
(the lead's leftover 4.1 of session 49, decided as newcomer27's N2 was across batches).

Patrick Dunn (Employee ID 00126, 71 Summer St) on row 2 with a VISA-PREPAID 200 and on row 4 with a
HOMEDEPOT 200 of one list got both cards, exit 0, with only a warning ("Second card for one person"); the same
two cards under two batches hold the second. The person is the one validation's warning reads
(:mod:`bulkship.validate.lookalikes.secondgifts`: the same Employee ID and name, or the same name at the same
street, ZIP and unit). The later row is held, naming the other; where the later row's card went already (a
row added above an ordered one), the row not yet sent is held. Two cards on purpose (a holiday and an
anniversary) are one ``--allow-repeat``, a tick on the web page's held rows, or an 'Allow Duplicate' yes on
the held row away."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from ..models import FINGERPRINT, ROW, STATUS
from .cards import _Folder
from .policy import ALLOW_FLAG

if TYPE_CHECKING:
    import pandas as pd

    from ..models import Problem

# what such a hold's note says, read back to warn of it as a second card, not a repeat of another batch
IN_THIS_LIST = "to the same person is on row "


def second_cards_in_file(
    frame: pd.DataFrame, sent: Collection[str], warned: Collection[int] | None = None
) -> dict[str, str]:
    """The rows of ``frame`` (a validated list) to hold as another card to the person of another of its rows
    (``sent``: the fingerprints the batch sent, or may have): fingerprint -> why. A row the list leaves out
    now whose card was sent still counts: its person has that card. ``warned``: the rows validation warned
    of as a second card (:func:`warned_rows`), when known: only their ZIPs and IDs are compared again (the
    names of a million rows folded twice cost seconds)."""
    from ..validate.lookalikes.secondgifts import _second_gift_rows, _second_gifts_at_one_address, ids_differ

    if warned is not None and not warned:
        return {}
    if ROW not in frame.columns:
        frame = frame.assign(**{ROW: frame.index})
    fingerprints = frame[FINGERPRINT].astype(str)
    ordered = fingerprints.isin(set(sent))
    judged = frame[frame[STATUS].eq("valid") | (frame[STATUS].eq("skipped") & ordered)]
    judged = judged[_near(judged, warned)]
    if len(judged) < 2:
        return {}
    found = _second_gift_rows(judged)
    at_one_address = {k: v for k, v in _second_gifts_at_one_address(judged).items() if k not in found}
    apart = ids_differ(judged, at_one_address)  # two people by their own IDs
    found.update({k: v for k, v in at_one_address.items() if k not in apart})
    if not found:
        return {}
    at = {int(row): index for index, row in zip(judged.index, judged[ROW].tolist(), strict=True)}
    allowed = judged["allow_duplicate"].eq("yes") if "allow_duplicate" in judged.columns else None
    holds: dict[str, str] = {}
    for later, first_row in found.items():
        first = at[first_row]
        # the row not sent yet is held: the later one, or the earlier where the later one's card went
        held, other = (first, later) if ordered[later] else (later, first)
        if ordered[held] or judged.at[held, STATUS] != "valid" or (allowed is not None and allowed[held]):
            continue
        holds[fingerprints[held]] = _note(judged, other, sent=bool(ordered[other]))
    return holds


def warned_rows(problems: Iterable[Problem]) -> set[int]:
    """The rows validation warned of as a second card to one person (held, or sent on purpose)."""
    from ..validate.lookalikes.secondgifts import SECOND_CARD

    return {p.row for p in problems if p.kind == SECOND_CARD}


def _near(frame: pd.DataFrame, warned: Collection[int] | None) -> pd.Series:
    """The rows that may pair with one of ``warned``: in its ZIP, or under its ID (every row when None)."""
    import pandas as pd

    if warned is None:
        return frame[STATUS].notna()
    zips = _text(frame, "zip").str[:5]
    ids = _text(frame, "external_id").str.strip().str.casefold().str.lstrip("0")
    at = frame.index.isin(list(warned))
    near = zips.isin(set(zips[at])) | (ids.ne("") & ids.isin(set(ids[at])))
    return near | pd.Series(at, index=frame.index)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return frame[STATUS].map(lambda _status: "")
    return frame[column].fillna("").astype(str)


def _note(judged: pd.DataFrame, other: object, *, sent: bool) -> str:
    """What a row held for another row's card says: that row and its card, and how to send both."""
    card = f"{judged.at[other, 'product']} {_Folder().amount(judged.at[other, 'value'])}"
    then = ", already ordered in this batch" if sent else ""
    return (
        f"Held, not sent: another card ({card}) {IN_THIS_LIST}{judged.at[other, ROW]} of this "
        f"list{then}: this would be a second card for the same person. If it is one on purpose, write yes "
        f"in an 'Allow Duplicate' column on this row, or re-run with {ALLOW_FLAG} to send it"
    )
