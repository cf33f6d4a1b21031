"""Which headers name a column of notes ('Notes', 'HR Comments', 'Observaciones', 'Anything else?'), whose
cells :data:`.notes._NOTE_SAYS_NO` reads (moved out of notes.py, which neared 400 lines)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...schema import header_key
from .languages import plain

_NOTE_FLAGS = frozenset(
    header_key(h)
    for h in (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "remark",
        "hr notes",
        "internal notes",
        "admin notes",
    )
)
# A column of notes under a header of more words ("Comments/Notes", "Manager Notes", "HR Comments", "Notes
# (internal)", "Special Instructions": found by hunter-sheets, 'DO NOT SEND - left company' there was ordered)
# ... or in another language, read without its accents ('Notas', 'Observaciones', 'Remarques', 'Bemerkungen',
# 'Observações': found by hunter-sheets9, 'No enviar - renunció' there was ordered)
_NOTE_WORDS = frozenset(
    {"note", "notes", "comment", "comments", "remark", "remarks", "memo", "memos", "instruction",
     "instructions",
     "nota", "notas", "comentario", "comentarios", "observacion", "observaciones", "remarque", "remarques",
     "commentaire", "commentaires", "bemerkung", "bemerkungen", "kommentar", "kommentare", "anmerkung",
     "anmerkungen", "notiz", "notizen", "hinweis", "hinweise", "observacao", "observacoes", "commento",
     "commenti", "osservazione", "osservazioni", "annotazione", "annotazioni"}
)  # fmt: skip


# ... or a form's free-text question ("Anything else we should know?", "Is there anything else?", "Other",
# "Additional information"): 'do not send' or 'Deceased' answered there was ordered (found by newcomer4)
_NOTE_QUESTION = re.compile(
    r"\banything\s+else\b|^\s*other(?:\s+(?:info|information|details))?\s*[?:]?\s*$|"
    r"\badditional\s+(?:info|information|details)\b"
)


# ... or a CRM's 'Description' (Salesforce's Contact field its reps type remarks into: 'per Kim: hold for Q1',
# 'new address: 55 Summer St, ...' there were ordered, the column listed as not used; newcomer20's N6, fixed
# by hunter-sheets30), alone or of the record, where its cells read as remarks (:func:`_remarks`): not a
# 'Product Description', nor a column describing the card on most rows
_DESCRIBED = frozenset({"contact", "account", "lead", "customer", "client", "member", "donor", "recipient"})
_ABOUT_THE_CARD = re.compile(
    r"(?i)\b(?:gift|cards?|e-?gift|voucher|certificate)\b|\$\s*\d|\d\s*(?:usd|dollars)\b"
)


def _note_header(header: str, cells: Iterable[object] | None = None) -> bool:
    """Whether ``header`` names a column of notes; a 'Description' only with its ``cells`` read as remarks."""
    text = plain(header)
    words = re.findall(r"[a-z]+", text)
    if "description" in words and set(words) <= _DESCRIBED | {"description"}:
        return cells is not None and _remarks(cells)
    return not _NOTE_WORDS.isdisjoint(words) or bool(_NOTE_QUESTION.search(text))


def _remarks(cells: Iterable[object]) -> bool:
    """Whether a column's cells read as remarks, typed here and there, and not as a description of the card
    or the product: filled on most rows, the same text on half of those or more, or the card named there."""
    import pandas as pd  # (the command line reads headers without pandas)

    texts = pd.Series(cells if isinstance(cells, pd.Series) else list(cells), dtype=object)
    texts = texts.fillna("").astype(str).str.strip()
    filled = texts[texts.ne("") & ~texts.str.casefold().isin(("nan", "none"))]
    if len(filled) * 2 <= len(texts):
        return True
    repeated = len(filled) >= 2 and filled.nunique() * 2 <= len(filled)
    carded = int(filled.str.contains(_ABOUT_THE_CARD).sum()) * 2 > len(filled)
    return not (repeated or carded)
