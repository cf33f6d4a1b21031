"""The headers, answers and notes that leave a row out, in the other languages a US list's people write them
in (Spanish, French, German, Portuguese, Italian), and a header read without its accents. The columns and
notes that read them are in :mod:`.flags`, :mod:`.status`, :mod:`.dates`, :mod:`.sent` and :mod:`.notes`."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from ...schema import header_key

# The headers of the yes/no, status and date columns (:mod:`.flags`, :mod:`.status`, :mod:`.dates`,
# :mod:`.sent`) in other languages (Spanish, French, German, Portuguese, Italian), where a list's own headers
# are in them and the person maps its columns by hand ('Nombre', 'Dirección' on the Columns page or under
# [columns]): its 'Notas' = 'No enviar - renunció', 'Estatus' = Inactivo, '¿Enviar?' = No, 'Enviado' = Sí or
# 'Fecha de baja' were read as nothing and each card ordered (found by hunter-sheets9). Written here without
# their accents, as :func:`plain_key` reads a header. Not the plain 'Estado' (a Spanish list's state: 'Baja
# California')
OTHER_SEND = (
    "enviar", "enviar tarjeta", "enviar regalo", "incluir", "envoyer", "envoyer carte", "envoyer cadeau",
    "a envoyer", "inclure", "senden", "versenden", "verschicken", "schicken", "inviare", "spedire",
    "includere",
)  # fmt: skip
OTHER_ACTIVE = ("activo", "activa", "actif", "aktiv", "ativo", "ativa", "attivo", "attiva")
OTHER_ELIGIBLE = (
    "elegible", "aprobado", "aprobada", "approuve", "approuvee", "berechtigt", "genehmigt", "aprovado",
    "aprovada", "elegivel", "idoneo", "approvato",
)  # fmt: skip
OTHER_HOLD = (
    "no enviar", "no mandar", "ne pas envoyer", "nicht senden", "nicht versenden", "nicht verschicken",
    "nao enviar", "non inviare", "excluir", "excluido", "excluida", "exclure", "exclu", "exclue",
    "ausschliessen", "ausgeschlossen", "escludere", "escluso", "fallecido", "decede", "verstorben",
    "dado de baja", "motivo de baja", "motivo de exclusion", "razon de exclusion", "motivo de salida",
    "motif de depart", "motif d exclusion", "raison de l exclusion", "austrittsgrund", "ausschlussgrund",
    "motivo de desligamento", "motivo da exclusao", "motivo di esclusione",
)  # fmt: skip
OTHER_STATUS = (
    "estatus", "estatus del empleado", "estatus laboral", "situacion", "situacion laboral",
    "estado laboral", "estado del empleado", "estado de empleo", "estado del trabajador", "statut",
    "statut de l employe", "statut employe", "statut du salarie", "beschaftigungsstatus",
    "mitarbeiterstatus", "situacao", "situacao do funcionario", "status do funcionario", "stato dipendente",
)  # fmt: skip
OTHER_GONE_ON = (
    "fecha de baja", "fecha de terminacion", "fecha de salida", "fecha de cese", "fecha de egreso",
    "date de sortie", "date de depart", "date de fin de contrat", "austrittsdatum", "austritt",
    "letzter arbeitstag", "data de desligamento", "data de saida", "data de demissao", "data di cessazione",
    "data di uscita",
)  # fmt: skip
OTHER_NOT_BEFORE = (
    "no enviar antes de", "no enviar antes del", "enviar despues de", "ne pas envoyer avant",
    "envoyer apres le", "nicht senden vor", "nicht versenden vor", "versenden ab", "senden ab",
    "nao enviar antes de", "non inviare prima del",
)  # fmt: skip
# ... the day it went, said so ('Enviado el', 'Envoyé le', 'Versendet am': found by hunter-sheets12, each
# row so dated was ordered a second card)
OTHER_SENT_ON = (
    "enviado el", "enviada el", "fecha enviado", "fecha de enviado", "envoye le", "envoyee le", "expedie le",
    "versendet am", "gesendet am", "verschickt am", "inviato il", "spedito il", "enviado em",
)  # fmt: skip
# ... and its shipping day, which may be the day it went or the day it is to go, as a 'Ship Date' ('Fecha de
# envío', "Date d'envoi", 'Versanddatum', 'Data di spedizione': found by hunter-sheets12, ordered again)
OTHER_SHIP_DATE = (
    "fecha de envio", "fecha envio", "fecha de despacho", "date d envoi", "date d expedition",
    "date de l envoi", "versanddatum", "versandtag", "data di spedizione", "data spedizione", "data di invio",
    "data invio", "data de envio", "data envio", "data de expedicao",
)  # fmt: skip
OTHER_SENT = (
    "enviado", "enviada", "ya enviado", "tarjeta enviada", "regalo enviado", "entregado", "recibido",
    "envoye", "envoyee", "deja envoye", "carte envoyee", "cadeau envoye", "recu", "gesendet", "versendet",
    "verschickt", "erhalten", "zugestellt", "recebido", "entregue", "inviato", "spedito", "ricevuto",
)  # fmt: skip


def plain(header: str) -> str:
    """A header folded and without its accents ('Observações' -> 'observacoes')."""
    if not header.isascii():
        header = "".join(c for c in unicodedata.normalize("NFKD", header) if not unicodedata.combining(c))
    return header.casefold()


# A typographic apostrophe, as Word, Outlook and a Mac's smart quotes write it: 'Don’t send', 'Doesn’t want a
# gift' pasted into a list were read as nothing and each card ordered (found by hunter-falsealarm8)
_CURLY = re.compile("[\u2018\u2019\u02bc\u00b4`]")


def straight(text: str) -> str:
    """``text`` with its typographic apostrophes read as the plain one (:func:`straight_quotes`)."""
    return _CURLY.sub("'", text)


def straight_quotes(texts: pd.Series) -> pd.Series:
    """``texts`` with their typographic apostrophes read as the plain one ("Don’t" is "Don't")."""
    curly = texts.str.contains(_CURLY)
    if not curly.any():
        return texts
    return texts.where(~curly, texts.str.replace(_CURLY, "'", regex=True))


def plain_key(header: str) -> str:
    """A header's :func:`header_key` read without its accents ('¿Enviado?' and 'Enviado' are 'enviado')."""
    return header_key(plain(header))


# The answers and notes in the other languages a US list's people write them in: Spanish (Puerto Rico, a
# bilingual HR team), French, German, Portuguese, Italian; with or without their accents (found by
# hunter-sheets8: 'No enviar', 'Fallecido', 'Ne pas envoyer', 'Verstorben', Status 'Inactivo', 'Send?' = Non,
# 'Card Sent?' = Sí were each read as nothing, the card ordered). Not to send, said so...
OTHER_DO_NOT_SEND = (
    r"(?:(?:(?:por\s+)?favor(?:\s+de)?|merci\s+de|svp|bitte|per\s+favore)\s+)?"
    r"(?:no\s+(?:enviar|mandar|env[ií]en?|manden?)|ne\s+pas\s+(?:envoyer|exp[ée]dier)|n['’]envoyez\s+pas|"
    r"nicht\s+(?:senden|versenden|schicken|verschicken)|n[ãa]o\s+(?:enviar|mandar)|"
    r"non\s+(?:inviare|spedire|mandare))"
)
# ... or the person is gone
OTHER_GONE = (
    r"inactiv[oa]|inactif|inactive|inaktiv|inativ[oa]|(?:dad[oa]\s+de\s+)?baja|terminad[oa]|renunci[óo]|renuncia|"
    r"despedid[oa]|fallecid[oa]|falleci[óo]|falecid[oa]|faleceu|d[ée]c[ée]d[ée]e?|verstorben|decedut[oa]|"
    r"d[ée]missionn(?:[ée]e?|aire)|licenci[ée]e?|ausgeschieden|gek[üu]ndigt|desligad[oa]|demitid[oa]|"
    r"dimess[oa]|licenziat[oa]"
)
# ... and yes
OTHER_YES = r"s[ií]|oui|ja|sim"
