"""The yes/no columns of a list that pick the rows to send, by their headers, and the answers that leave a
row out: send, eligible or active columns and headers in such words (No), a form's questions, hold columns
(Yes/X), survey test responses; and these columns' headers in other languages. A status column's words are
in :mod:`.status`, date columns in :mod:`.dates`, columns saying the card went already in :mod:`.sent`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise

from ...schema import header_key


def _answered(headers: Iterable[str]) -> frozenset[str]:
    """The header keys of yes/no columns, as written alone or with their answers ("Send (Y/N)")."""
    return frozenset(header_key(f"{h}{answer}") for h in headers for answer in ("", " y/n", " yes/no"))


# The headers of the columns below in other languages (Spanish, French, German, Portuguese, Italian), where a
# list's own headers are in them and the person maps
# its columns by hand ('Nombre', 'Dirección' on the Columns page or under [columns]): its 'Notas' = 'No
# enviar - renunció', 'Estatus' = Inactivo, '¿Enviar?' = No, 'Enviado' = Sí or 'Fecha de baja' were read
# as nothing and each card ordered (found by hunter-sheets9). Written here without their accents, as
# :func:`plain_key` reads a header. Not the plain 'Estado' (a Spanish list's state: 'Baja California')
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


def plain_key(header: str) -> str:
    """A header's :func:`header_key` read without its accents ('¿Enviado?' and 'Enviado' are 'enviado')."""
    return header_key(plain(header))


# A column of the list that says whether to send each row ("Send?", "Include (Y/N)", "Send Gift (Y/N)")...
_SEND_FLAGS = (
    _answered(
        f"{verb} {what}"
        for verb in ("send", "ship", "mail", "order", "include", "ok to send", "to send")
        for what in ("", "card", "gift", "gift card")
    )
    | frozenset(header_key(h) for h in ("included",))
    | _answered(OTHER_SEND)
)
# "Active" = No on every row is a list of the people who left (a retirement gift), not a filter (review10)
_ACTIVE_FLAGS = _answered(
    (
        "active", "is active", "active status", "active employee", "currently active",
        # ... or employed ("Still Employed?" = No: found by hunter-sheets, ordered)
        "employee active", "still active", "still employed", "currently employed", "employed", "is employed",
        "still with company", "still with the company", "still here", *OTHER_ACTIVE,
    )
)  # fmt: skip
# ... or whether the person may have one ("Eligible?" = No, "Active" = N, found by newcomer8): an autofilter
# often hides rows by such a column, and --include-hidden orders the rows it hides on purpose
_ELIGIBLE_FLAGS = _ACTIVE_FLAGS | _answered(
    (
        "eligible", "is eligible", "gift eligible", "card eligible", "eligible for gift", "eligible for card",
        "eligibility", "approved", "gift approved", "gift", "award", "winner", "selected", "qualified",
        "approved for gift", "include in mailing", "receive gift", "receive card", "wants card", "wants gift",
        "include in order", "include in this order", "add to order",  # = No (found by hunter-sheets, ordered)
        "accepts gift", "ready to send", "confirmed", "participating", "rsvp",
        "approval", "approval status", "eligibility status", "send status",  # = Rejected (found by review11)
        "opted in", "opt in", "consent", "consented", "gift consent", "survey completed", "completed survey",
        # = No (found by hunter-sheets: each was ordered)
        "qualifies", "qualify", "qualifying", "on list", "on the list", "final list", "on final list",
        "make list", "made list", "made the list",  # = N (found by hunter-sheets2: each was ordered)
        # ... or whether the person takes mail or gifts ('Mailing Opt-In', 'Gift Opt-In', 'Wants Gift Card',
        # 'Gift Acceptance' = No or Declined: found by hunter-sheets15, each was ordered)
        *(f"{what} opt in" for what in ("mail", "mailing", "direct mail", "postal", "postal mail", "gift",
                                        "gifts", "gift card")),
        "wants gift card", "gift acceptance", "accepts gift card", "accepted gift",
        *OTHER_ELIGIBLE,
    )
)  # fmt: skip
# ... or whether mail reaches the person ('Direct Mail', 'Mailable', 'Deliverable', 'Address Valid?' = No:
# found by hunter-sheets15, each was ordered). Only a No leaves the row out: such a column ticked on some rows
# and empty on others (addresses checked so far) picks no rows
MAILABLE_FLAGS = _answered(
    ("direct mail", "mail ok", "mailable", "can mail", "deliverable", "address deliverable", "address valid",
     "valid address", "mailing address valid", "address verified", "address is valid")
)  # fmt: skip
# ... or a header in such words, with what qualifies them ("Eligible for 2026", "Approved by manager", "Gift
# 2026", "Xmas list", "Yes/No": found by newcomer8); "Gift wrap" or "Manager" say something else
_FILTER_WORDS = frozenset(
    {"eligible", "eligibility", "approved", "send", "sending", "ship", "mail", "include", "included", "keep",
     "valid", "go", "selected", "qualified", "winner", "confirmed", "participating", "gift", "card", "award",
     "xmas", "christmas", "holiday", "yes", "no", "y", "n", "ok", "approval", "qualifies", "qualify",
     "qualifying", "select", "pick", "picked", "chosen",
     # ... or whether the person wants the card in the mail ('Physical card?', 'Physical gift card (Y/N)',
     # 'Gift card wanted?', 'Want a gift card?', 'Mail me a gift card?'): each No was ordered (found by
     # hunter-sheets16)
     "physical", "want", "wanted", "wants"}
)  # fmt: skip
_FILTER_FILLER = frozenset(
    {"for", "by", "in", "of", "the", "to", "list", "manager", "hr", "this", "year", "s", "a", "me"}
)


def _filter_header(header: str) -> bool:
    """Whether a header says the column picks the rows to send: its words, years and fillers aside, are
    all :data:`_FILTER_WORDS`. One that ends "by" or "to" names who or where ('Approved By' = 'N. Patel',
    'Send To': found by review11), not yes or no."""
    if _TICK_HEADER.fullmatch(header):  # a column of checkboxes headed by a tick (found by hunter-sheets3)
        return True
    every = re.findall(r"[a-z]+", header.casefold())
    words = [w for w in every if w not in _FILTER_FILLER]
    # 'Ship to manager?' = No says where the card goes, not whether (found by hunter-sheets4: left out)
    if any(w == "to" and after not in _FILTER_WORDS for w, after in pairwise(every)):
        return False
    return bool(words) and set(words) <= _FILTER_WORDS and every[-1] not in _WHO_OR_WHERE


_TICK_HEADER = re.compile(r"\W*[✓✔☑✅]\W*")


# A form's question whether the person wants a card ('Would you like a gift card?', 'Do you want a gift
# card?', 'Do you consent to receive a gift?', 'I would like to receive a holiday gift card'): its No picks
# the row out as a 'Send?' column's does (found by hunter-sheets13: 'No, thanks' there was ordered). The card
# itself, after the verb: not 'Which gift card would you like?', 'Would you like gift wrap?', 'Would you like
# a note with your gift?' or 'Would you like your gift card sent home?'
# ... and the card mailed to the person, or by mail ('Would you like a physical gift card mailed to you?',
# '... by mail?'): its No wants no card in the mail, which is all bulkship sends (found by hunter-sheets16,
# ordered). Not mailed somewhere ('... mailed to your office?' asks where). Also the gift's program ('Do you
# want to participate in the holiday gift program?': found by hunter-sheets16, its No ordered)
_MAILED = r"(?:mailed|posted|shipped|sent)(?:\s+(?:out|to\s+(?:you|me)))?|(?:by|via|in\s+the)\s+(?:mail|post)"
_ASKS_WHETHER = re.compile(
    r"(?i)\b(?:would\s+(?:you|i)\s+like|(?:do|did)\s+you\s+(?:want|wish|consent|agree|accept)|"
    r"i\s+(?:want|wish|would\s+like|consent|agree|accept)|opt(?:ed)?[\s-]*in|consent|interested|"
    r"(?:wish|like|want)\s+to|receive|accept|"  # (not 'Have card?' = No: then it is to be sent)
    # ... or asking leave to send it ('Can we send you a gift card?', 'OK to mail you a gift?': found by
    # hunter-sheets14, 'No' there was ordered)
    r"(?:can|may|shall|should|could)\s+we\s+(?:send|mail|ship)(?:\s+you)?|ok(?:ay)?\s+to\s+(?:send|mail|ship)"
    r"(?:\s+you)?|please\s+send\s+me)"
    r"(?:\s+(?:to|in|for|us\s+to\s+(?:send|mail)\s+you|to\s+(?:receive|get|have)|receive|get|have|receiving|"
    r"getting|a|an|the|one|participate\s+in|"
    r"your|this|our|my|free|holiday|complimentary|small|physical|thank[\s-]*you|year[\s-]*end|\$?\d+))*"
    r"\s+(?:gift\s+card|e-?gift|gift|card|reward|voucher|present)s?(?:\s+program(?:me)?)?(?:\s*[?.!:;(]|\s*$|\s+(?:this|for|from|as)\b|"
    rf"\s+(?:{_MAILED})\s*(?:[?.!:;(]|$))"
)


# ... but not a question whether the card came ('Did you receive your gift card?', 'Have you received a
# gift?'): its Yes says the card went, as 'Gift Received' = Yes does. Read as a wish, its No was left out
# and its Yes ordered a second card (found by review27)
_ASKS_IF_RECEIVED = re.compile(
    # ... of whoever it asks of ('Has this person already received a gift card this year?': found by
    # hunter-sheets15, its Yes ordered a second card)
    r"(?i)\b(?:did|have|has)\s+(?:you|they|he|she|(?:the|this|that)\s+\w+)\s+(?:already\s+|ever\s+)?"
    r"(?:receive[ds]?|get|got(?:ten)?)(?:\s+(?:a|an|the|your|their|his|her|this|our|my|holiday|physical))*"
    r"\s+(?:gift\s+card|e-?gift|gift|card|reward|voucher|present)s?\b"
)


def asks_if_received(header: str) -> bool:
    """Whether a header asks whether the card came (:data:`_ASKS_IF_RECEIVED`): read as 'Gift Received'."""
    return _ASKS_IF_RECEIVED.search(header) is not None


# A column choosing the person's gift ('Gift choice', 'Gift preference', 'Which gift would you like?') beside
# the list's own card column, and the choices there that take no card ('No gift, thanks', 'Opt out', 'Donate
# to charity instead'): found by hunter-sheets13, each ordered. 'None' there is no preference: it sends
_GIFT_WORDS = frozenset({"gift", "gifts", "card", "cards", "giftcard", "reward", "rewards", "present"})
_CHOICE_WORDS = frozenset(
    {"choice", "choices", "preference", "preferences", "option", "options", "selection", "preferred",
     "choose", "which", "select", "pick"}
)  # fmt: skip
SAYS_NO_GIFT = re.compile(
    # ... but not a card itself ('Charity gift card', a donation card) nor a choice of its wrapping ('No gift
    # wrap', 'Declined gift box'): each left its row out (found by review27)
    r"(?i)^(?!.*\b(?:wrap(?:ping)?|ribbon|box|bag)\b)(?!\s*(?:charity|donation)\s+(?:gift\s+)?card)"
    r"\s*(?:no\s+(?:gift|card|thanks?)|opt(?:ed)?[\s-]*out|declined?|decline\s+gift|"
    r"(?:i['’]?d\s+|i\s+would\s+)?(?:rather|prefer)\s+not|(?:please\s+)?donat(?:e|ion)|charity|"
    r"(?:i\s+)?do\s*n[o']?t\s+(?:send|want)|not\s+(?:interested|participating)|"
    r"skip(?=\s*$|\s+(?:gift|card|it|me|this\s+year)\b))\b.*$"
)


# A form's question offering a donation in place of the card ('Would you prefer a donation instead of a gift
# card?', 'Donate my gift to charity', 'Gift card or donation?'): its Yes, tick or 'Donation' takes no card
# (found by hunter-sheets15: each was ordered)
SAYS_DONATION = re.compile(
    r"(?i)^\s*(?:(?:yes|y|x|true|1|donat\w*|charity|(?:i\s+)?(?:prefer|choose|want)\s+(?:a\s+|the\s+)?donation)"
    r"(?:\W.*)?|[✓✔☑✅].*)$"
)


def asks_for_donation(header: str) -> bool:
    """Whether a header of the gift's words offers a donation in its place (:data:`SAYS_DONATION`)."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    card = re.search(r"(?i)\b(?:charity|donation)\s+(?:gift\s+)?card", header)  # a card itself (review27)
    offered = re.search(r"(?i)\b(?:donat\w*|charit\w*)", header)
    return bool(words & _GIFT_WORDS) and offered is not None and card is None


def gift_choice_header(header: str) -> bool:
    """Whether a header names the choice of the person's gift (:data:`SAYS_NO_GIFT`)."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    return bool(words & _GIFT_WORDS) and bool(words & _CHOICE_WORDS)


def asks_whether_to_send(header: str) -> bool:
    """Whether a header asks the person whether they want a card (:data:`_ASKS_WHETHER`)."""
    return (
        _ASKS_WHETHER.search(header) is not None
        and not asks_if_received(header)
        and not asks_not_to_send(header)
    )


# ... or whether they want NONE ('Check here if you do not wish to receive a gift', 'I do not want a gift
# card', 'Opt out of the gift card?'): its tick or Yes leaves the row out. Read as a wish, the person who
# ticked it was ordered a card and those who left it blank were left out (found by hunter-sheets14). Not of
# its wrapping ('Do not want gift wrap')
_ASKS_NOT = re.compile(
    r"(?i)\b(?:(?:do|does|would|will|should)\s*n[o']?t|don'?t|doesn'?t|wouldn'?t|not|never)\s+(?:\w+\s+){0,2}?"
    r"(?:wish|want|like|care|need|consent|agree|accept|receive|get)\b|\bopt(?:ed|ing)?[\s-]*out\b|\bdeclin(?:e|ed|ing)\b"
)


# ... but not whether it did not come ('Did not receive gift card?', 'Have not received a gift'): read as a
# wish for none, its Yes (never came) was left out and its No (it came) ordered a second card (review28)
_DID_NOT_COME = re.compile(
    r"(?i)\b(?:did|have|has|had)(?:\s+(?:you|they|he|she))?\s*n[o']?t\s+(?:\w+\s+)?(?:receive[ds]?|get|"
    r"got(?:ten)?)\b|\bnever\s+"
    r"(?:receive[ds]?|got(?:ten)?)\b"
)


# ... and such a question, or 'Gift card not received', is 'Gift Received' the other way round: its No (the
# card came) is sent already, its Yes (it never came) sends. 'Never received gift card', 'Have not received a
# gift', "Didn't get a gift card", 'Gift card not received' = No were read as nothing and a second card
# ordered (found by review28)
_NOT_RECEIVED = re.compile(r"(?i)\bnot\s+(?:yet\s+)?(?:received|delivered|arrived)\b")
NOT_RECEIVED_FLAGS = _answered(("gift not received",))


def asks_if_not_received(header: str) -> bool:
    """Whether a header of the gift's words asks whether the card did not come (:data:`_DID_NOT_COME`,
    :data:`_NOT_RECEIVED`): read as :data:`NOT_RECEIVED_FLAGS`, whose No is sent already."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    said = _DID_NOT_COME.search(header) or _NOT_RECEIVED.search(header)
    return bool(words & _GIFT_WORDS) and said is not None


def asks_not_to_send(header: str) -> bool:
    """Whether a header asks the person whether they want no card (:data:`_ASKS_NOT`)."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    wrapping = {"wrap", "wrapping", "ribbon", "box", "bag"}
    return (
        bool(words & _GIFT_WORDS)
        and not words & wrapping
        and _ASKS_NOT.search(header) is not None
        and _DID_NOT_COME.search(header) is None
    )


_WHO_OR_WHERE = frozenset({"by", "to", "from"})


# The same in the other languages a US list's people write notes and answers in: Spanish (Puerto Rico, a
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
# ... and in English, as other HR systems write it ("Exited", "Offboarded", "Ex-employee", "No longer
# employed", "Not active", "Laid off", "Let go", "Departed", "Alumni": found by hunter-sheets8, each was
# ordered); not "Pending Termination", "Notice Given" or "Offboarding" (still here), nor "On Leave",
# "Disabled" (a leave, perhaps a disability's: never a reason to leave someone out), nor "Quit" (a wellness
# program's smokers who quit earn a card). "Suspended" waits for HR's decision, as a 'Hold' does, and an offer
# "Rescinded" or a "No Show" never joined (found by hunter-sheets9: each was ordered)
GONE_MORE = (
    r"exited|offboarded|deactivated|archived|ex[\s-]*(?:employee|staff)|no\s+longer\s+(?:employed|active|with\s+"
    r"(?:the\s+)?(?:company|firm|organi[sz]ation))|not\s+active|dismissed|laid\s+off|departed|fired|let\s+go|"
    r"alumn(?:i|us|a|ae)|suspended|(?:offer\s+)?rescinded|offer\s+(?:withdrawn|revoked)|no[\s-]*show|"
    # ... as HR systems word the kind of leaving ('Voluntary Termination', 'Involuntary Separation',
    # 'Discharged': found by hunter-sheets11, each was ordered)
    r"(?:in)?voluntary\s+(?:termination|separation|resignation|exit)|discharged"
)


# A survey platform's own word that a response is no person's: Qualtrics' "Response Type" = Survey Preview,
# Survey Test (its generated answers) or Spam, its "Distribution Channel" = preview or test (found by
# hunter-sheets8: a 'fill in the survey, get a $25 card' export ordered its spam and test answers)
_TEST_RESPONSE_FLAGS = frozenset(
    header_key(h) for h in ("response type", "distribution channel", "responsetype", "distributionchannel")
)
_SAYS_TEST_RESPONSE = re.compile(r"(?i)\s*(?:(?:offline\s+)?(?:survey\s+)?(?:preview|test)|spam)\s*")
# A form's column stamping when it was sent ('Submit Date (UTC)', Jotform's 'Submission Date', 'Submitted
# At'), read by :mod:`.unsubmitted`
SUBMITTED_AT = frozenset(
    header_key(h)
    for h in ("submit date", "submitted at", "submitted on", "submission date", "submission time",
              "submit time", "date submitted", "time submitted", "submitted date", "submitted time",
              "submission timestamp", "submitted timestamp", "date of submission")
)  # fmt: skip
# ... whose stamps hold the time of day, as a form's do (a tracking sheet's 'Date Submitted' of the orders
# sent, a day without its time, says nothing of its empty rows)
STAMPED = re.compile(r".*\d{1,2}:\d{2}")
# A response's own status ('Response Status' = Partial, 'Completion Status' = Incomplete, Typeform's
# 'Response Type' = partial)
RESPONSE_STATUS = frozenset(
    header_key(h)
    for h in ("response status", "response type", "completion status", "submission status", "response state",
              "survey status", "form status")
)  # fmt: skip
# An address's own status saying mail does not reach it ('Address Status' = Undeliverable, a mail house's
# 'NCOA' = Moved, left no address; 'Deliverability' = Invalid): a card mailed there is lost (found by
# hunter-sheets15: each was ordered)
ADDRESS_STATUS = frozenset(
    header_key(h)
    for h in ("address status", "mailing address status", "address quality", "ncoa", "ncoa status",
              "ncoa result", "ncoa code", "deliverability", "address deliverability", "deliverability status",
              "address validation", "address validation status", "address verification")
)  # fmt: skip
SAYS_UNDELIVERABLE = re.compile(
    r"(?i)^\s*(?:un-?deliverable|not\s+deliverable|invalid|bad|incorrect|wrong|returned|return(?:ed)?\s+to\s+"
    r"sender|rts|nixie|vacant|box\s+closed|foreign\s+move|deceased|do\s+not\s+mail|no\s+forwarding|"
    r"(?:moved|mover)\W+(?:and\s+)?(?:left\s+)?no\s+(?:forwarding|address)|left\s+no\s+(?:forwarding\s+)?address)\b"
)
# A shop's payment status saying the order was paid back or never paid (Shopify's 'Financial Status' =
# refunded, voided, expired): an order undone, as its 'Cancelled at' says (found by hunter-sheets15: each was
# ordered). Not 'partially_refunded': the order stands
PAYMENT_FLAGS = frozenset(header_key(h) for h in ("financial status", "payment status"))
SAYS_PAID_BACK = re.compile(r"(?i)^\s*(?:refunded|voided|void|expired|charged[\s_-]*back|chargeback)\b")


# ... and the answers that say no ("NO - left company", "Do not send", "Excluded")
_SAYS_NO = re.compile(
    r"(?i)^\s*(?:no|n|false|0|ineligible|not\s+eligible|excl(?:uded?)?|removed?|skip(?:ped)?|cancell?ed|declined|"
    # ... or a cross, a thumbs down, a no entry sign, or no in other words ("Send?" = ❌, ✗, Nope: found by
    # hunter-sheets, each was ordered)
    # ... or an empty check box typed as a character (☐, □: Word's and a Sheets template's unticked box) or a
    # multiplication cross (✕): found by hunter-sheets10, each was ordered
    r"[❌✗✘✖✕🚫⛔👎☐□▢⬜].*|nope|nah|no\s+thank(?:s|\s+you)\b.*|(?:i['’]?d\s+|i\s+would\s+)?(?:rather|prefer)\s+not\b.*|"
    r"do\s*n[o']?t\b.*|don'?t\b.*"
    # ... or not yet, or not at all ("Approved" = Rejected, Pending review; "Send?" = Not yet, Hold, TBD;
    # "Active" = 0, Inactive: found by review11, each was ordered)
    r"|not\b.*|(?:pending|awaiting|waiting|rejected|denied|disapproved|unapproved|tbd|maybe|later)\b.*|\?+"
    r"|(?:on\s+)?hold|next\s+year|inactive|terminated"
    # ... or in another language ('Non', 'Nein', 'Não', 'No enviar')
    rf"|non|nein|n[ãa]o|{OTHER_DO_NOT_SEND}\b.*|(?:{OTHER_GONE})\b.*)\s*(?:$|[-–—:,.;!(].*)"
)
# ... and, in a column saying whether to send ('Send Gift?', 'Send (Y/N)'), 'N/A': sending does not apply to
# the person. Read as no answer, each such row was ordered (found by hunter-sheets14; the lead's brief). Not
# under 'Approved' or 'Eligible', where it may say no approval is needed
_SAYS_NO_OR_NA = re.compile(
    r"(?i)^\s*(?:n\.?\s*/\s*a\.?|n\.a\.?|na)\s*(?:$|[-–—:,.;!(].*)|" + _SAYS_NO.pattern.removeprefix("(?i)")
)


# ... or a column that says which rows NOT to send ("Do Not Send" = X, "Remove" = yes)
# (also with their answers, "Do Not Send (Y/N)", and "DNS": found by review11, each Y was ordered)
_HOLD_FLAGS = _answered(
    (
        "do not send", "dont send", "don't send", "do not mail", "do not ship", "remove", "exclude", "skip",
        "omit", "opt out", "opted out", "opt out of gift", "decline", "declined", "decline gift",
        "declined gift", "hold", "on hold", "no gift", "terminated", "is terminated", "termed", "separated",
        "deceased", "inactive", "left company", "dns", "no card", "remove from list", "exclude from list",
        "do not send card", "do not send gift",
        # ... or why the row is out, filled in ("Exclusion Reason" = Left the company, "Excluded?" = Yes,
        # "Termination Reason" = Voluntary: found by hunter-sheets8, each was ordered)
        "excluded", "exclusion", "exclusion reason", "reason for exclusion", "removal reason",
        "reason for removal", "hold reason", "reason for hold", "reason not sent", "reason not sending",
        "termination reason", "reason for termination", "reason for leaving", "leaving reason",
        "decline reason", "declined reason", "reason declined", "why excluded", "why removed",
        # ... or cancelled, removed, withdrawn ('Cancelled' = Yes, Shopify orders' 'Cancelled at' = a date,
        # 'Removed' = Yes: found by hunter-sheets14, each was ordered where 'Status' = Cancelled was not)
        *(f"{word}{after}" for word in ("cancelled", "canceled") for after in ("", " at", " on", " date")),
        "is cancelled", "is canceled", "order cancelled", "order canceled", "cancelled order",
        "canceled order", "date cancelled", "date canceled", "cancellation date", "cancellation", "removed",
        "date removed", "removed on", "deleted", "is deleted", "withdrawn", "withdrew", "voided", "void",
        # ... or no mail, opted out of it or of gifts, dead, or no address a parcel reaches ('No Mail' = Yes
        # read as ticking the rows to send; 'Gift Opt Out', 'Deceased Flag', 'Bad Address' = Yes ordered:
        # found by hunter-sheets14)
        "no mail", "no mailing", "no mailings", "mail opt out", "mailing opt out", "gift opt out",
        "gifts opt out", "opt out of gifts", "opt out of gift", "opt out of mail", "opt out of mailing",
        "deceased flag", "is deceased", "deceased indicator", "bad address", "address bad",
        "returned mail", "mail returned", "return to sender", "undeliverable", "address undeliverable",
        "undeliverable address", "leaver", "is leaver", "leaver flag", "termination flag", "terminated flag",
        "term flag", "separated flag", "separation flag",
        # ... or a CRM's flag of no contact at all ('Do Not Contact', a donor's 'Do Not Solicit' = true: found
        # by hunter-sheets15, ordered); not 'Email Opt Out' or 'Unsubscribed', which are of email only
        "do not contact", "no contact", "do not solicit", "no solicitation", "no solicitations",
        # ... or of mail or gifts in other words ('Postal Opt Out', 'Direct Mail Opt-Out', 'Exclude from
        # Gifting', 'Unsubscribed from Gifts', 'Remove from Mailing List' = Yes: found by hunter-sheets15)
        *(f"{what} opt out" for what in ("postal", "postal mail", "direct mail", "gift card", "gifting")),
        "opt out of direct mail", "opt out of postal mail", "exclude from gifting", "exclude from gifts",
        "excluded from gifting", "excluded from gifts", "unsubscribed from gifts",
        "unsubscribed from gifting", "remove from mailing list", "removed from mailing list",
        "remove from mailing", "exclude from mailing", "exclude from mailing list", "excluded from mailing",
        "mail suppression", "mail suppressed", "suppress mail", "suppress from mailing",
        *OTHER_HOLD,
    )
)  # fmt: skip
# Anything written there but a no: "Yes - 11/15", "X - per HR", "left company", "Opted out", a date (found
# by review11: only a bare yes/x/1 left the row out; 'Do Not Send' = "X - per HR" or 'Terminated' =
# 2026-10-31 was ordered)
_SAYS_YES = re.compile(
    r"(?i)^(?!\s*(?:(?:no|n|false|nope|non|nein|n[ãa]o)\b(?:\s*[-–—:,.;(].*)?|0|none|nil|null|n\.?\s*/?\s*a\.?|[-–—_.?]+|not\b.*|"
    r"cleared|released|resolved|lifted|active|rehired|reinstated|accept(?:ed)?|opt(?:ed)?[\s-]*in)\s*$)\s*\S.*$"
)
