"""Which headers name a column of notes ('Notes', 'HR Comments', 'Observaciones', 'Anything else?'), whose
cells :data:`.notes._NOTE_SAYS_NO` reads (moved out of notes.py, which neared 400 lines)."""

from __future__ import annotations

import re

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


def _note_header(header: str) -> bool:
    text = plain(header)
    return not _NOTE_WORDS.isdisjoint(re.findall(r"[a-z]+", text)) or bool(_NOTE_QUESTION.search(text))
