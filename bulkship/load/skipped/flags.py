"""The yes/no columns of a list that pick the rows to send, by their headers, and the answers that leave a
row out: send, eligible or active columns and headers in such words (No), hold columns (Yes/X), HR statuses
(Terminated), termination dates, and sent columns (Yes, or the date it went out)."""

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
        *OTHER_ELIGIBLE,
    )
)  # fmt: skip
# ... or a header in such words, with what qualifies them ("Eligible for 2026", "Approved by manager", "Gift
# 2026", "Xmas list", "Yes/No": found by newcomer8); "Gift wrap" or "Manager" say something else
_FILTER_WORDS = frozenset(
    {"eligible", "eligibility", "approved", "send", "sending", "ship", "mail", "include", "included", "keep",
     "valid", "go", "selected", "qualified", "winner", "confirmed", "participating", "gift", "card", "award",
     "xmas", "christmas", "holiday", "yes", "no", "y", "n", "ok", "approval", "qualifies", "qualify",
     "qualifying", "select", "pick", "picked", "chosen"}
)  # fmt: skip
_FILTER_FILLER = frozenset(
    {"for", "by", "in", "of", "the", "to", "list", "manager", "hr", "this", "year", "s"}
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
_ASKS_WHETHER = re.compile(
    r"(?i)\b(?:would\s+(?:you|i)\s+like|(?:do|did)\s+you\s+(?:want|wish|consent|agree|accept)|"
    r"i\s+(?:want|wish|would\s+like|consent|agree|accept)|opt(?:ed)?[\s-]*in|consent|interested|"
    r"(?:wish|like|want)\s+to|receive|accept|"  # (not 'Have card?' = No: then it is to be sent)
    # ... or asking leave to send it ('Can we send you a gift card?', 'OK to mail you a gift?': found by
    # hunter-sheets14, 'No' there was ordered)
    r"(?:can|may|shall|should|could)\s+we\s+(?:send|mail|ship)(?:\s+you)?|ok(?:ay)?\s+to\s+(?:send|mail|ship)"
    r"(?:\s+you)?|please\s+send\s+me)"
    r"(?:\s+(?:to|in|for|us\s+to\s+(?:send|mail)\s+you|to\s+(?:receive|get|have)|receive|get|have|receiving|"
    r"getting|a|an|the|one|"
    r"your|this|our|my|free|holiday|complimentary|small|physical|thank[\s-]*you|year[\s-]*end|\$?\d+))*"
    r"\s+(?:gift\s+card|e-?gift|gift|card|reward|voucher|present)s?(?:\s*[?.!:;(]|\s*$|\s+(?:this|for|from|as)\b)"
)


# ... but not a question whether the card came ('Did you receive your gift card?', 'Have you received a
# gift?'): its Yes says the card went, as 'Gift Received' = Yes does. Read as a wish, its No was left out
# and its Yes ordered a second card (found by review27)
_ASKS_IF_RECEIVED = re.compile(
    r"(?i)\b(?:did|have|has)\s+(?:you|they|he|she|the\s+\w+)\s+(?:already\s+|ever\s+)?"
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
# A response's own status ('Response Status' = Partial, 'Completion Status' = Incomplete, Typeform's
# 'Response Type' = partial)
RESPONSE_STATUS = frozenset(
    header_key(h)
    for h in ("response status", "response type", "completion status", "submission status", "response state",
              "survey status", "form status")
)  # fmt: skip
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
# ... or an HR status saying the person is gone ("Status" = Terminated, "Left company"); not "Retired" (a
# retirement gift goes to just those people) nor a note that starts with "Left" ("Left voicemail")
# (Workday's "Worker Status", ADP's "Position Status" with its one-letter codes T and D: found by newcomer8)
# A card ordered and on its way, or in the person's hands, as a vendor's or a shop's order status says it
_ON_ITS_WAY = (
    r"in[\s-]*transit|out\s+for\s+delivery|back[\s-]*ordered|awaiting\s+(?:shipment|delivery|pick\s*up)|"
    r"order\s+placed|re-?issued|redeemed|on\s+(?:the|its)\s+way|card\s+on\s+(?:the|its)\s+way"
)
_STATUS_FLAGS = frozenset(
    header_key(h)
    for h in (
        "status", "employee status", "employment status", "worker status", "position status", "emp status",
        "hr status", "job status", "associate status", "staff status",
    )
)  # fmt: skip
_CARD_WENT = (
    r"sent|shipped|mailed|delivered|"
    # ... or is on its way ('In transit', 'Backordered': found by hunter-sheets6, ordered again)
    rf"{_ON_ITS_WAY}|"
    # ... said of the card, or already ('Card sent 11/15', 'Gift mailed', 'Already sent': found by
    # hunter-sheets12, each was ordered again)
    r"(?:(?:gift\s+)?card|gift)\s+(?:was\s+)?(?:sent|shipped|mailed|delivered|ordered)|"
    r"already\s+(?:sent|shipped|mailed|delivered|ordered|received)"
)
_WENT_OUT = rf"done|completed?|processed|fulfilled|ordered|{_CARD_WENT}"
# ... of which those saying the card went out, said so ('Send Status' = Sent read 'the list says not to send
# it': found by review26); under a person's 'Status', only those naming a sending ('Done' is not to send)
SAYS_WENT_OUT = re.compile(rf"(?i)^\s*(?:{_WENT_OUT})\b")
SAYS_CARD_WENT = re.compile(rf"(?i)^\s*(?:{_CARD_WENT})\b")
_SAYS_GONE = re.compile(
    rf"(?i)^\s*(?:(?:{_WENT_OUT}|"
    r"terminated|termed|term|inactive|resigned|deceased|cancell?ed|withdrawn|separated|leaver|"
    rf"former(?:\s+(?:employee|staff|worker))?|{OTHER_GONE}|{GONE_MORE})\b.*|[td]"
    r"|left(?:\s+(?:the\s+)?(?:company|organi[sz]ation|firm|business))?\s*(?:[-–—:,.;(/\d].*)?"
    # ... or not to send, as a Send? column or a note says it ("Status" = Declined, Opted out, On hold:
    # found by review11, each was ordered; not "duplicate" nor "skipped": bulkship's own workbook says so)
    r"|(?:opt(?:ed)?[\s-]*out|declined?|do\s*n[o']?t\s+(?:send|mail|ship|order)|dns|rejected|denied|removed?|"
    r"excluded?|(?:on[\s-]*)?hold|not\s+eligible|ineligible|no\s+(?:gift|card)|"
    # ... or a shop's order paid back or not paid (WooCommerce's 'Order Status' = Refunded, Pending payment,
    # On-hold: found by hunter-sheets15, each was ordered)
    r"refunded|voided|(?:pending|awaiting)\s+payment|unpaid|payment\s+failed)"
    r"\s*(?:[-–—:,.;!(].*)?)$"
)
# ... or that a card was made, and is on its way or came back without reaching the person ('Label created',
# 'Processing', 'Partially fulfilled', 'Not Delivered', 'Returned', 'Delivery failed'): another sent without
# a word would be a second card where the first may still arrive (review26's F5: each was ordered again)
SAYS_CARD_MADE = re.compile(
    r"(?i)^\s*(?:(?:shipping\s+)?label\s+(?:created|printed|generated)|pre[\s-]*transit|processing|in\s+process|"
    r"being\s+(?:processed|made|printed)|partial(?:ly)?\s+(?:fulfilled|fulfillment|shipped|shipment|delivered|sent)|"
    r"not\s+delivered|undelivered|undeliverable|(?:delivery|shipment)\s+(?:failed|exception|attempted|delayed)|"
    r"failed\s+(?:delivery|attempt)|(?:attempted|missed)\s+delivery|returned|return(?:ed)?\s+to\s+sender|rts|"
    r"lost(?:\s+in\s+(?:transit|the\s+mail))?|damaged|refused|exception|picked\s+up)\b.*$"
)
# ... and, under a shipment's own status, that it failed ('Delivery Status' = Failed, Shopify's 'failure'):
# a delivery that failed had a card made, as 'Delivery failed' says (found by hunter-sheets13: ordered again).
# Not an 'Order Status' = Failed: an order that failed made no card
SAYS_SHIPMENT_FAILED = re.compile(r"(?i)^\s*fail(?:ed|ure|s)?\b.*$")
# A sending's status saying it has not happened yet ('Send Status' = Not sent, Pending, Ready to send): read
# as a 'Send?' = No, a tracker of Sent / Not sent / Pending sent nobody (review26's F6). The whole cell only:
# 'Pending approval' is not to send yet
SAYS_NOT_SENT_YET = re.compile(
    r"(?i)\s*(?:not\s+(?:yet\s+)?(?:sent|shipped|mailed|ordered|done|started)(?:\s+yet)?|not\s+yet|unsent|"
    r"pending|queued|(?:ready|waiting|queued)\s+to\s+(?:be\s+)?(?:sen[dt]|ship(?:ped)?|mail(?:ed)?|order(?:ed)?)|"
    r"to\s+(?:be\s+)?(?:sen[dt]|ship(?:ped)?|mail(?:ed)?|order(?:ed)?)|to\s*do|new|open|resend)[.!]*\s*"
)
# ... and under any other header naming a status ("Current Status", "Status (HR)", "Record Status", "Status
# 2026": found by hunter-sheets, "Terminated" there was ordered), the words saying the person is gone or not
# to be sent; not those saying something went out ("Survey Status" = Completed is why a card is sent)
_SAYS_LEFT = re.compile(
    r"(?i)^\s*(?:(?:terminated|termed|inactive|resigned|deceased|cancell?ed|withdrawn|separated|leaver|"
    rf"former(?:\s+(?:employee|staff|worker))?|{OTHER_GONE}|{GONE_MORE})\b.*"
    r"|left(?:\s+(?:the\s+)?(?:company|organi[sz]ation|firm|business))?\s*(?:[-–—:,.;(/\d].*)?"
    r"|(?:opt(?:ed)?[\s-]*out|declined?|do\s*n[o']?t\s+(?:send|mail|ship|order)|dns|rejected|denied|removed?|"
    r"excluded?|(?:on[\s-]*)?hold|not\s+eligible|ineligible|no\s+(?:gift|card))"
    r"\s*(?:[-–—:,.;!(].*)?)$"
)


# ... a status of the person or their record, that is: not of a marriage, a benefit, an account or a survey
# ("Marital Status" = Separated, "Benefits Status" = Declined, "401k Status" = Opted out, a win-back list's
# "Account Status" = Inactive: found by review14, each row was left out)
_PERSON_STATUS_WORDS = frozenset(
    {"status", "current", "hr", "record", "employee", "employees", "employment", "emp", "ee", "worker",
     "job", "position", "associate", "staff", "personnel", "person", "people", "recipient", "participant",
     "work", "working", "contract", "contractor", "latest", "overall", "final", "payroll", "code",
     "description", "desc", "type", "the", "of", "s"}
)  # fmt: skip


# ... in another language, read by its words only (not ADP's one-letter codes: a Spanish 'T' is 'Temporal')
_OTHER_STATUS = frozenset(header_key(h) for h in OTHER_STATUS)


def status_header(header: str) -> bool:
    """Whether a header names a status of the person ("Current Status", "Status (HR)", "Record Status"),
    not of something else they have ("Marital Status", "Benefits Status", "Account Status")."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    return ("status" in words and words <= _PERSON_STATUS_WORDS) or plain_key(header) in _OTHER_STATUS


# ... or a date the person left on ("Termination Date" = 2026-11-15)
_GONE_ON = frozenset(
    header_key(h)
    for h in (
        "termination date", "term date", "terminated on", "date terminated", "date of termination",
        "separation date", "date of separation", "last day worked", "last working day", *OTHER_GONE_ON,
        # ... in other HR systems' words ('Exit Date', 'Termination Effective Date', 'Last Day of Work',
        # 'Employment End Date', 'Resignation Date'): found by hunter-sheets11, each gone person was ordered
        "termination effective date", "term effective date", "effective termination date", "exit date",
        "date of exit", "departure date", "date of departure", "last day of work", "last day",
        "last day of employment", "employment end date", "end of employment", "employment end",
        "resignation date", "date of resignation", "resigned on", "date left", "left on", "leaving date",
        "leave date of employment", "inactive date", "date inactive", "deceased date", "date of death",
        "offboarding date", "separated on", "separation effective date", "termed on", "term effective",
    )
)  # fmt: skip
_FILLED = re.compile(r"^\s*\S.*$")
# ... or a date not to send before ("Do Not Send Before" = 2027-03-15, "Send On", "Hold Until"): an
# anniversary list's card went out months early (found by newcomer9). A date passed: the row goes now
_NOT_BEFORE = frozenset(
    header_key(h)
    for h in (
        "do not send before", "don't send before", "dont send before", "not before", "hold until",
        "send on", "send date", "send after", "ship after", "mail on", "mail after", "deliver after",
        "send no earlier than", "earliest send date", *OTHER_NOT_BEFORE,
        # ... or a schedule's day ('Scheduled Send Date', 'Earliest Ship Date', 'Send Gift On'): found by
        # hunter-sheets11, each sent at once
        "scheduled send date", "scheduled ship date", "scheduled mail date", "scheduled date",
        "planned send date", "planned ship date", "earliest ship date", "earliest mail date",
        "ship no earlier than", "mail no earlier than", "send gift on", "send card on", "ship gift on",
        "ship on", "release on", "hold till", "embargo until", "embargo date",
        "do not ship before", "don't ship before", "dont ship before", "do not mail before", "hold date",
        "ship date", "mail date", "release date", *OTHER_SHIP_DATE,
    )
)  # fmt: skip
# ... of which a day that may be the one it went ('Ship Date' = Pending in a tracking sheet): only a date to
# come holds its row there (no day is shipped on yet), text that reads as no date does not
_SCHEDULED_OR_DONE = frozenset(
    header_key(h) for h in ("ship date", "mail date", "release date", *OTHER_SHIP_DATE)
)
# ... and those of which a day passed may be the day it went ('Ship Date', or a gift platform's 'Scheduled
# Send Date' of the gifts it sent = Nov 20 on Dec 4): such a row is left out until the person says which
# (found by hunter-sheets12: each was ordered, a second card where it had gone). 'Send Date', 'Send On',
# 'Do Not Send Before' only say when it may go: a day passed sends
DAY_IT_MAY_HAVE_GONE = _SCHEDULED_OR_DONE | frozenset(
    header_key(h)
    for h in (
        "scheduled send date", "scheduled ship date", "scheduled mail date", "scheduled date",
        "planned send date", "planned ship date",
    )
)  # fmt: skip
# The 0 a lookup gives for an empty date cell (=VLOOKUP of a blank 'Termination Date'), as a date format
# shows it and a CSV saved from it keeps it: Excel's day 0 ('1/0/1900', '0-Jan-00', '00/01/1900',
# '1900-01-00'), LibreOffice's and Google Sheets' ('12/30/1899', '30.12.1899', '1899-12-30'); with a time of
# 0:00 or not. Read as a day long passed, every active person's row was left out as gone, or as sent already
# (found by hunter-sheets11)
ZERO_DATE = (
    r"(?:0?1[/.-]0?0[/.-](?:19)?00|0?0[/.-]0?1[/.-](?:19)?00|1900-01-00|0{1,2}[-\s]jan[a-z]*[-\s,]+(?:19)?00|"
    r"jan[a-z]*[-\s]0{1,2},?[-\s]+(?:19)?00|12[/.-]30[/.-]1899|30[/.-]12[/.-]1899|1899-12-30|"
    r"30[-\s]dec[a-z]*[-\s,]+1899|dec[a-z]*[-\s]30,?[-\s]+1899)(?:[\sT]+0?0:00(?::00)?(?:\s*[ap]m)?)?"
)
# ... but a date column's way of saying there is none: "N/A", "-", "None", "00/00/0000", a 0 in a date cell
# ("00:00:00"). An HR export of active staff so filled left every row out (found by review11)
_NO_DATE = re.compile(
    r"(?i)\s*(?:n\.?\s*/?\s*a\.?|none|null|nil|not\s+applicable|active|[-–—_.]+|0+|0{1,4}[/.-]0{1,2}[/.-]0{1,4}"
    r"|0{1,2}:0{2}(?::0{2})?|" + ZERO_DATE + r")\s*"
)


SHIPMENT_STATUS = (
    "shipping status", "shipment status", "ship status", "delivery status", "fulfillment status",
    "fulfilment status", "mailing status", "mail status", "sent status", "sending status", "dispatch status",
)  # fmt: skip
ALREADY_SENT = (
    "already shipped", "already mailed", "already delivered", "already given", "already issued",
    "sent to recipient", "shipped to recipient", "mailed to recipient", "delivered to recipient",
    "sent to employee", "mailed to employee", "shipped to employee",
)  # fmt: skip
_PAST = (
    "sent",
    "received",
    "mailed",
    "shipped",
    "delivered",
    "ordered",
    "given",
    "issued",
    "dispatched",
    "redeemed",
    "activated",
)
# ... or a column saying the card already went out ("Gift Card Sent?" = Yes, "Received" = "Yes - Nov"): some
# cards of a tracking sheet were sent by hand or by an earlier tool (found by newcomer7)
_SENT_FLAGS = _answered(
    (
        "sent", "card sent", "gift sent", "gift card sent", "already sent", "sent already", "received",
        "already received", "card received", "gift received", "shipped", "mailed", "delivered",
        "card mailed", "gift mailed", "card shipped", "gift shipped", "card delivered", "gift delivered",
        "order status", "gift status", "card status", "gift card status", "done", "completed", "complete",
        "processed", "ordered", "fulfilled", "card ordered", "gift ordered",
        # ... or given, or sent to the vendor another way ("Received Gift", "Got Card", "Gift Given", "Sent to
        # vendor" = Yes: found by hunter-sheets, each was ordered again)
        "received gift", "received card", "has card", "has gift", "got card", "got gift", "gift given",
        "card given", "gift card given", "given", "sent to vendor", "submitted to vendor",
        "uploaded to vendor", *OTHER_SENT,
        # ... or had in other words ('Has gift card', a form's 'Already have a gift card?' = Yes: found by
        # hunter-sheets13, a second card ordered)
        *(f"{already}{verb} {what}" for already in ("", "already ") for verb in ("has", "have", "got")
          for what in ("gift card", "a gift card", "a card", "a gift", "card already", "gift card already")),
        # ... or the shipment's own status ('Shipping Status' = Shipped, 'Delivery Status' = Delivered), or
        # said done already ('Already Shipped' = Yes, 'Sent to Recipient' = Yes): found by hunter-sheets12,
        # each was ordered again
        *SHIPMENT_STATUS, *ALREADY_SENT,
        # ... or sent before ('Previously Sent' = Yes: found by hunter-sheets12, ordered again). It may mean
        # last year's card: the row is left out said so, and 'Resend' in the cell sends it
        "previously sent", "sent previously", "previously mailed", "previously shipped", "previously ordered",
        "previously given", "previously received", "sent before", "already sent before",
        # ... or a gift card's, in either order ('Received Gift Card?', 'Gift Card Mailed', 'Shipped Gift
        # Card' = Yes: found by review27 and hunter-sheets14, each was ordered again)
        *(f"{what} {verb}" for what in ("gift card", "giftcard", "egift card") for verb in _PAST),
        *(f"{verb} {what}" for what in ("gift card", "giftcard", "card", "gift") for verb in _PAST),
        # ... or an award's or a prize's, or gifted or dispatched ('Award Sent', 'Prize Issued', 'Gifted',
        # 'Dispatched' = Yes: found by hunter-sheets14, each was ordered again where 'Reward Sent' was not)
        *(f"{what} {verb}" for what in ("award", "prize") for verb in _PAST),
        "gifted", "already gifted", "dispatched", "already dispatched",
    )
)  # fmt: skip
# ... or said so in words of its own: the gift's words and one word saying it went, with words that change
# nothing ('Gift Cards Sent', 'GC Sent', 'Gift Card Already Sent', 'Has the gift card been sent?', '2025
# Gift Card Sent'): the lists above knew 'Gift Card Sent' alone, and each Yes was ordered again (found by
# review28). Not 'Gift Card Not Sent', 'No Gift Card Sent', 'Gift Card Sent To': their own words say more
_GIFT_NOUNS = frozenset(
    {"gift", "gifts", "card", "cards", "giftcard", "giftcards", "gc", "gcs", "egift", "egifts", "e", "reward",
     "rewards", "voucher", "vouchers", "present", "presents"}
)  # fmt: skip
# ('last' is not among them: 'Cards Sent Last Year' = 1 is last year's card, and this year's is to send;
# every row of such a list was left out, found by the lead's CI on test_lookalike_columns)
_CHANGES_NOTHING = frozenset(
    {"already", "was", "were", "been", "has", "have", "had", "is", "the", "a", "an", "prior", "previously",
     "this", "year", "yr"}
)  # fmt: skip
# its answers ('Sent Y/N'), apart from the 'No' of 'No Gift Card Sent'
_ANSWERS = re.compile(r"(?i)\b(?:y\s*/\s*n|yes\s*/\s*no)\b")


def said_sent_in_own_words(header: str) -> str | None:
    """The :data:`_SENT_FLAGS` key of a header made of the gift's words, one word of :data:`_PAST` and words
    that change nothing (a year among them), or None."""
    said = _ANSWERS.sub(" ", plain(header)).casefold()
    words = [w for w in re.findall(r"[a-z0-9]+", said) if not w.isdigit()]
    verbs = [w for w in words if w in _PAST]
    rest = [w for w in words if w not in _PAST and w not in _CHANGES_NOTHING]
    if len(verbs) != 1 or not rest or any(w not in _GIFT_NOUNS for w in rest) or rest == ["e"]:
        return None
    return header_key(f"gift card {verbs[0]}")


# ... or the date it went out ("11/15/2026", "2026-11-15" as an XLSX date reads, "Nov 20"): "1/15" read as the
# "1" of yes while "11/15" and every XLSX date were ordered again (found by review10)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_SAYS_SENT = re.compile(
    rf"(?i)^\s*(?:(?:yes|y|x|true|1|sent|shipped|delivered|received|done|completed?|mailed|fulfilled|dispatched|"
    rf"{OTHER_YES})\b.*"
    # ... or ordered and on its way, or in the person's hands ('Gift Status' = In transit, Order placed,
    # Issued, Activated: found by hunter-sheets6, each was ordered again)
    rf"|(?:{_ON_ITS_WAY}|(?:order\s+)?placed|submitted|paid|issued|activated)\b.*"
    # a tick: no word character follows it, so no \b either ("Done?" = ✓ was ordered again: hunter-sheets)
    r"|[✓✔☑☒✅].*"  # ☒: Word's ticked box
    rf"|\d{{1,4}}[/.-]\d{{1,2}}(?:[/.-]\d{{1,4}})?\b.*|{_MONTH}\s*\d{{1,2}}\b.*|\d{{1,2}}[\s-]*{_MONTH}(?:\W.*)?)$"
)
# ... and in a column that only says whether it went out ("Card Sent", "Mailed"), anything but a no or a
# "not yet": the month, a tracking number, "By hand", "USPS" (found by review11: each was ordered again)
_SENT_ANSWERED = _answered(
    (
        "sent", "card sent", "gift sent", "gift card sent", "already sent", "sent already", "shipped",
        "mailed", "delivered", "card mailed", "gift mailed", "card shipped", "gift shipped", "card delivered",
        "gift delivered", "card received", "gift received", "already received",
        # ... or ordered ('Ordered' = A-10023, an order number: found by hunter-sheets6, ordered again)
        "ordered", "card ordered", "gift ordered", "gift card ordered", "already ordered", *ALREADY_SENT,
    )
)  # fmt: skip
# A tracking number of the card sent ('Tracking #' = 1Z999AA1..., or 46400 as an XLSX number): sent already,
# and no date (read as one, 46400 was a day to come: found by hunter-sheets12)
_TRACKING = frozenset(
    header_key(h)
    for h in (
        "tracking number", "tracking #", "tracking no", "tracking id", "tracking code", "usps tracking",
        "ups tracking", "fedex tracking",
    )
)  # fmt: skip
# ... or the date it went out, in a column of its own ("Date Sent" = 11/15/2026, "Mailed On": found by
# review11, each was ordered again). Not bulkship's own "Shipped date" (its result workbook's, read as such)
_SENT_ON = frozenset(
    header_key(h)
    for h in (
        "date sent", "sent date", "sent on", "date mailed", "mailed on", "mailed date", "date shipped",
        "shipped on", "card sent date", "gift sent date", "gift card sent date", "date card sent",
        "date gift sent", "date delivered", "delivered on", "card mailed date", "card shipped date",
        # ... or ordered, issued, or given a tracking number ("Date Ordered", "Card Issued", "Tracking #":
        # found by hunter-sheets, each filled row was ordered again)
        "date ordered", "ordered on", "card ordered on", "date issued", "issued on", "issue date",
        "issued date", "issued", "card issued", "gift issued", "gift card issued", "card issued date",
        "redeemed", "date redeemed", "dispatch date", "date dispatched", "dispatched on", "gift given date",
        "date gift given", "gift given on", "card given date",
        # ... or in other words of the same ('Fulfilled Date', 'Gift Sent On', 'Date Mailed Out', 'Redemption
        # Date'): found by hunter-sheets11, each row so dated was ordered a second card. Not 'Shipped date' or
        # 'Delivered date': bulkship's own result columns, last month's in a list pasted from its results
        "date of shipment", "shipment date", "fulfilled date", "fulfillment date", "date fulfilled",
        "fulfilled on", "gift sent on", "card sent on", "gift card sent on", "sent out on", "date sent out",
        "mailed out on", "date mailed out", "redemption date", "redeemed on", "redeemed date",
        "card mailed on", "gift mailed on", *OTHER_SENT_ON,
        # ... with the card before the verb ('Date Card Mailed', 'Date Gift Card Ordered': found by
        # hunter-sheets12, ordered again)
        *(f"date {what} {verb}" for what in ("card", "gift", "gift card") for verb in (
            "sent", "mailed", "shipped", "ordered", "delivered", "issued")),
    )
) | _TRACKING  # fmt: skip
_SAYS_SENT_ANYHOW = re.compile(
    r"(?i)^(?!\s*(?:(?:no|n|false|nope|non|nein|n[ãa]o|not|unsent|pending|waiting|queued|ready|needs?|tbd|to\s*do|todo|"
    # ... or 'Resend', as the notice of a row said sent already says to write to send it again
    r"re-?send|"
    # ... or that there is no tracking number yet ('Tracking #' = None yet, Awaiting: found by
    # hunter-sheets13, left out as sent); not 'Awaiting shipment', an order placed
    # (a lookahead: the word boundary after the group fails after a '#', and 'Awaiting #' stayed sent)
    r"none\s+yet|awaiting(?:\s+(?:tracking|number|label))*(?=(?:\s*#)?\s*$)|"
    r"to\s+(?:be\s+)?sen[dt]|send|hold|in\s+progress)\b.*|0|none|nil|null|n\.?\s*/?\s*a\.?|[-–—_.?]+|"
    + ZERO_DATE
    + r"|"
    # ... an empty box or a cross is no either ('Card Sent?' = ☐ or ❌ read as sent: found by hunter-sheets10)
    r"[❌✗✘✖✕🚫⛔👎☐□▢⬜].*)\s*$)\s*\S.*$"
)
