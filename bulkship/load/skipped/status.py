"""A status column's words: an HR status saying the person is gone ("Status" = Terminated), and a card's
or a sending's status saying the card went, was made, failed on its way or has not gone yet."""

from __future__ import annotations

import re

from .languages import OTHER_GONE
from .leavingsaid import HR_LEAVING, SEPARATION_DONE, TEMP_JOB
from .leftwork import LEFT_A_JOB, LEFT_WORK
from .saysend import _NOT_AFTER
from .topersonelsewhere import ASKED_ELSEWHERE, ENDS_NO_TO_THE_PERSON_AFTER_AN_ASK

# An HR status saying the person is gone in English, as other HR systems write it ("Exited", "Offboarded",
# "Ex-employee", "No longer employed", "Not active", "Laid off", "Let go", "Departed", "Alumni": found by
# hunter-sheets8, each was ordered); not "Pending Termination", "Notice Given" or "Offboarding" (still here),
# nor "On Leave", "Disabled" (a leave, perhaps a disability's: never a reason to leave someone out), nor
# "Quit" (a wellness program's smokers who quit earn a card). "Suspended" waits for HR's decision, as a 'Hold'
# does, and an offer "Rescinded" or a "No Show" never joined (found by hunter-sheets9: each was ordered)
# A leaving named with its day ('Terminated 1/15/2027', 'End of contract 12/31/2026', 'RIF 1/15/2027'): on a
# day to come the person is still here, as under a 'Termination Date' to come (found by review34 reviewing
# 24c2e95: each was left out as gone)
LEAVING_ON = re.compile(
    r"(?i)\s*(?:terminat|term\b|termed|resign|separat|leav|left|rif\b|reduction\s+in\s+force|position\s+"
    r"eliminated|end\s+of\s+(?:contract|employment|assignment)|contract\s+end|(?:laid|layed)[\s-]*off|"
    r"lay[\s-]?off|last\s+day|sever|"
    r"exit|depart|offboard|(?:in)?vol(?:untary|\.)?\s+term|"  # ('vol term 1/15/2027': hunter-asks1)
    rf"{LEFT_A_JOB})"  # ('Sacked 1/15/2027': hunter-asks8)
)
A_DAY_IN = re.compile(r"(\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})")
# The roles an alum holds at a school ('Alumni volunteer', 'Alumni - parent', 'Alumni guest speaker'): a
# graduate who helps, not an HR system's former staff
ALUM_ROLES = (
    r"parents?|grandparents?|friends?|faculty|students?|trustees?|donors?|volunteers?|mentors?|ambassadors?|"
    r"coach(?:es)?|board|association|relations|speakers?|members?|guests?|panel(?:ists?)?|interviewers?|"
    r"judges?|hosts?|leaders?|chapter|council|network|reunion|events?|attendees?|fellows?|advis[eo]rs?|"
    r"liaisons?|reps?|representatives?|committee|class|admissions|giving|fund|club|society|honorees?"
)
# ... and under a status naming a school's other people ('Parent', 'Friend', 'Faculty', a school's donor
# list's constituents), a bare 'Alumni' is a graduate too: each alum was left out as gone (found by review34)
ALUM = re.compile(r"(?i)\s*alumn(?:i|us|a|ae)\s*")
NAMES_SCHOOL_PEOPLE = re.compile(
    r"(?i)\s*(?:(?:grand)?parents?|friends?(?:\s+of\s+the\s+\w+)?|faculty|trustees?)\s*"
)
# A patient's 'Status' = Discharged ('Discharged home', 'Discharged to rehab'): left the hospital, not the
# company. Read as HR's word for a dismissal, a hospital's list paying its patients for a survey left every
# patient out, exit 0 (found by hunter-falsealarm6). Sent in a list naming patients
# (:func:`.statusheaders.names_patients`) ... but not a death in a hospital's words ('Discharged - expired',
# 'Expired', 'Died'), which leaves the row out there (found by review34 reviewing 5dd6816: each was sent, a
# card mailed to a dead patient's home)
_DIED = r"expired|died|deceased|death|passed(?:\s+away)?|morgue|doa"
DISCHARGED = re.compile(rf"(?i)(?!.*\b(?:{_DIED})\b)\s*discharged\b.*")
PATIENT_DIED = re.compile(rf"(?i)\s*(?:discharged\W*)?(?:{_DIED})\b.*")
# Withdrawn, or withdrew: gone, but not a resignation or notice withdrawn ('Withdrew resignation': still here)
WITHDREW = r"withdr(?:ew|awn)(?!\s+(?:(?:the|his|her|their|my)\s+)?(?:resignation|notice)\b)"
# ... nor one the person is at risk of, exempt from or survived ('Layoff risk', 'RIF survivor', 'RIF exempt':
# each left out under 'Status', sent under 'Notes': review69)
_NOT_LAID_OFF_YET = (
    r"notice|warning|pending|planned|proposed|expected|rescinded|cancell?ed|reversed|withdrawn|survivors?|"
    r"(?:at\s+)?risk|exempt(?:ed)?|not\s+(?:affected|impacted)|unaffected"
)
# (alone: not 'Suspension ended', 'Suspension 11/1-11/5', 'COBRA eligible')
SUSPENSION_OR_COBRA = (
    r"(?:on\s+)?(?:suspension(?:\s*\((?:paid|unpaid|with(?:out)?\s+pay)\))?|"
    r"cobra(?:\s+(?:participant|enrolled|enrollee|member|coverage|continuation))?)(?=\W*$)"
)
# ... said after a sign too ('Layoff - at risk', 'Layoff (at risk)', 'Layoff: exempt': left out; review71),
# not asked ('Layoff - at risk?'); not 'Layoff - pending severance' (laid off, the pay to come)
_NOT_LAID_OFF = (
    rf"(?!\s+(?:{_NOT_LAID_OFF_YET})\b|\W+(?:(?:at\s+)?risk|exempt(?:ed)?|not\s+(?:affected|impacted)|unaffected|"
    r"survivors?)\b(?![^?]*\?))"
)
# ... a severance unless the cell goes on to say send, not asked nor put off ('Severance - send card?', '...
# - send card later' were sent under 'Notes': review73)
SEVERANCE_NOT_SENT = rf"(?!.*\bsend\b(?>(?:\s+(?:it|(?:the\s+)?(?:gift\s+)?card))?){_NOT_AFTER})"
GONE_MORE = (
    # ... or the record gone ('Deleted', 'Purged', 'Merged': ordered, session 49's closing note; hunter-asks5)
    # (not said a mistake: 'Deleted in error' was left out under 'Status', sent under 'Notes': review73)
    r"(?:deleted|purged)(?!\W*(?:in\s+error|by\s+(?:mistake|error|accident)|mistakenly|accidentally)(?![^?]*\?))|"
    r"merged(?=\W*$|\s+(?:into|with)\s+(?:record|contact|id|#|\d))|"
    r"exited(?!\s+(?:(?:the\s+)?leave|loa|fmla|(?:the\s+)?building)\b)|off[\s-]?boarded|off[\s-]?boarding\s+(?:is\s+)?(?:complete[d]?|done|finished)|deactivated|archived|ex[\s-]*(?:employee|staff|(?:contingent\s+)?worker)|no\s+longer\s+(?:employed|active|with\s+"
    r"(?:the\s+)?(?:company|firm|organi[sz]ation))|not\s+active|dismissed|"
    # (not fired up, departed for a conference: hunter-asks8)
    r"departed(?!\s+(?:for|to)\b)|fired(?!\s+(?:up|off)\b)|let\s+go|"
    # laid off, however spelled ('Laid-off', 'Layoff', 'Layed off': newcomer23's N3, each ordered where 'Laid
    # off' is left out); not a layoff still to come or taken back ('Layoff pending', 'Layoff rescinded')
    rf"(?:laid|layed)[\s-]*off|lay[\s-]?off{_NOT_LAID_OFF}|"
    # (not an alum in a school's role, 'Alumni volunteer', 'Alumni parent': found by hunter-falsealarm5; nor
    # written 'Alumni - volunteer', 'Alumni/parent', 'Alumni (mentor)', 'Alumni guest speaker': review34)
    rf"alumn(?:i|us|a|ae)(?!\W+(?:{ALUM_ROLES})\b)|suspended|(?:offer\s+)?rescinded|"
    # ... said as the state ('Suspension', 'On suspension', as 'Suspended'), or on COBRA, the benefits one who
    # left keeps ('COBRA', 'On COBRA', 'COBRA participant'): each ordered (review71)
    rf"{SUSPENSION_OR_COBRA}|"
    r"offer\s+(?:withdrawn|revoked)|no[\s-]*show|"
    # ... or in an HR system's other words for it ('Reported No Show', 'Job abandonment', 'Did not return from
    # leave', 'Made redundant': ..leavingsaid.HR_LEAVING)
    rf"{HR_LEAVING}|"
    # ... as HR systems word the kind of leaving ('Voluntary Termination', 'Involuntary Separation',
    # 'Discharged': found by hunter-sheets11, each was ordered)
    # (not from a hospital or the army: 'Discharged from hospital, back at work' was left out: hunter-asks8;
    # 'Discharged home', to rehab, sends in a list of patients alone: ..said.person)
    r"(?:in)?voluntary\s+(?:termination|separation|resignation|exit)|discharged(?!\s+from\s+(?:the\s+)?(?:hospital|rehab|icu|care|"
    r"treatment|surgery|army|navy|military|marines|air\s+force|service)\b)|"
    # ... or the end of the person's contract or employment, a past employee, one not employed or no longer
    # here ('Contract ended', 'Employment terminated', 'Previous employee', 'Not employed': found by
    # newcomer9, each was ordered); not 'Contract renewed' nor 'Employment verified'
    r"(?:contract|employment|assignment|engagement)\s+(?:ended|terminated|expired|over|finished|completed?)|"
    rf"{TEMP_JOB}(?:ended|expired|finished|completed?)|{SEPARATION_DONE}|"
    r"(?:past|previous|prior)\s+(?:employee|staff|worker)|not\s+employed|no\s+longer\s+(?:here|working)|"
    # ... or a candidate never hired ('Rejected candidate', 'Candidate withdrew', 'Offer declined', 'Not
    # hired', 'Did not start': found by hunter-sheets18, left for hunter-sheets19, each was ordered where
    # 'Rejected' alone is left out); not 'Candidate' or 'New hire' alone
    r"(?:rejected|declined|unsuccessful|withdrawn)\s+(?:candidate|applicant|application)|"
    r"(?:candidate|applicant|application)\W*(?:rejected|declined|withdr[ae]wn?|unsuccessful|"
    r"not\s+(?:selected|hired|successful))|offer\s+(?:declined|not\s+accepted|refused|turned\s+down)|"
    r"declined\s+(?:the\s+)?offer|not\s+hired|did\s*n[o']?t\s+(?:start|join)|never\s+(?:started|joined)|"
    # (not a resignation or notice withdrawn: 'Withdrew resignation' stays, found by review34)
    rf"{WITHDREW}|"
    # ... or laid off in a company's words, severed, at the end of a contract, or not to be rehired ('RIF',
    # 'Position eliminated', 'Severance', 'End of contract', 'Do not rehire': found by hunter-sheets20, each
    # was ordered where 'Laid off' and 'Contract ended' are left out)
    rf"(?:reduction\s+in\s+force|rif(?:'?d|fed)?){_NOT_LAID_OFF}|"
    r"(?:position|role|job)\s+(?:eliminated|elimination)|severed|"
    # (not where the cell says to send: 'Severance - send card', sent under 'Notes', was left out under
    # 'Status': the lead's closing note of session 49, leftover 3; review73)
    rf"(?:on\s+)?severance{SEVERANCE_NOT_SENT}|end\s+of\s+(?:contract|employment|assignment|engagement)|"
    r"do\s*n[o']?t\s+re-?hire|"
    r"(?:not|in)\s*eligible\s+for\s+re-?hire|not\s+re-?hir(?:e|able)|non[\s-]*re-?hir(?:e|able)"
)

# ... what is declined or opted out of, said after it ('Declined gift', 'Declined the gift card', 'Opted out
# of gifts': found by hunter-falsealarm6, each was ordered where 'Declined' alone is left out)
_OF_THE_GIFT = r"(?:\s+(?:the\s+|all\s+)?(?:gift\s+cards?|gifts?|gifting|cards?|awards?|rewards?|mail))?"
# A card ordered and on its way, or in the person's hands, as a vendor's or a shop's order status says it
_ON_ITS_WAY = (
    r"in[\s-]*transit|out\s+for\s+delivery|back[\s-]*ordered|awaiting\s+(?:shipment|delivery|pick\s*up)|"
    r"order\s+placed|re-?issued|redeemed|on\s+(?:the|its)\s+way|card\s+on\s+(?:the|its)\s+way"
)
_CARD_WENT = (
    r"sent|shipped|mailed|delivered|"
    # ... or is on its way ('In transit', 'Backordered': found by hunter-sheets6, ordered again)
    rf"{_ON_ITS_WAY}|"
    # ... said of the card, or already ('Card sent 11/15', 'Gift mailed', 'Already sent': found by
    # hunter-sheets12, each was ordered again)
    r"(?:(?:gift\s+)?card|gift)\s+(?:was\s+)?(?:sent|shipped|mailed|delivered|ordered)|"
    r"already\s+(?:sent|shipped|mailed|delivered|ordered|received)|"
    # ... or sent again, or a replacement ('Resent 11/25', 'Replacement sent 11/25': found by
    # hunter-falsealarm8, each was ordered again)
    r"re-?(?:sent|shipped|mailed)|replacement(?:\s+(?:gift\s+)?card)?\s+(?:was\s+)?(?:sent|shipped|mailed|"
    r"delivered|ordered|issued)|"
    # ... or the resend said done ('Resend sent 11/25', 'Reissue mailed', 'Resend: done': found by review36)
    r"re-?(?:send|issue)\s*[:=-]?\s*(?:(?:was|is|has\s+been)\s+)?(?:done|complete[ds]?|processed|finished|sent|"
    r"mailed|shipped|delivered|ordered|placed)"
)
_WENT_OUT = rf"done|completed?|processed|fulfilled|ordered|{_CARD_WENT}"
# ... of which those saying the card went out, said so ('Send Status' = Sent read 'the list says not to send
# it': found by review26); under a person's 'Status', only those naming a sending ('Done' is not to send)
# ... and, under a card's status alone, 'Out' (sent out; a person's 'Status' = Out is a leave) and 'Closed'
# (found by hunter-sheets17, left for hunter-sheets18: each was ordered again)
_OUT_OR_CLOSED = r"out(?=\s*(?:[-–—:,.;!(/\d]|$))|closed"
SAYS_WENT_OUT = re.compile(rf"(?i)^\s*(?:{_WENT_OUT}|{_OUT_OR_CLOSED})\b")
SAYS_CARD_WENT = re.compile(rf"(?i)^\s*(?:{_CARD_WENT})\b")
# ... but not, under a person's status, something else sent to the person: 'Sent invite', 'Sent reminder
# 11/20', 'Mailed survey', 'Sent W-9' (where an event's or a study's outreach stands: found by
# hunter-falsealarm5, each was left out as sent already). Only with how or when it went after it: 'Sent invite
# - declined' and any word of a card or gift still leave the row out
SAYS_SOMETHING_ELSE_SENT = re.compile(
    r"(?i)(?!.*\b(?:gifts?|cards?|e-?gifts?|gcs?|vouchers?)\b)\s*(?:re-?)?(?:sent|mailed|e-?mailed|shipped|delivered|texted)"
    r"\s+(?:(?:an?|the|out|out\s+the)\s+)?(?:invit(?:e|ation)s?|reminders?|surveys?(?:\s+links?)?|links?|"
    r"e-?mails?|letters?|newsletters?|(?:consent\s+|intake\s+|tax\s+)?forms?|w-?[49]s?|contracts?|"
    r"offer(?:\s+letters?)?|welcome\s+(?:packet|kit|letter|e-?mail)s?|texts?|messages?|questionnaires?|"
    r"applications?|paperwork|packets?|agreements?|catalogs?|brochures?|flyers?|postcards?|"
    r"save[\s-]+the[\s-]+dates?|quotes?|invoices?|(?:tax\s+)?receipts?|acknowledge?ments?|"
    r"thank[\s-]*you(?:\s+(?:notes?|letters?|e-?mails?))?|follow[\s-]*ups?)"
    r"(?:\s+(?:on|by|via|to|thru|through|at|for)\s[^-–—:,;(]*|\s*[-–—:,;(]?\s*\d[\d/.:\s]*(?:[ap]m)?\)?)?\s*"
)
# ... after the status's code, as payroll systems write it ('T - Terminated', 'D - Deceased', 'TRM:
# Terminated': found by newcomer9, each was ordered); 'A - Active', 'L - Leave of Absence' read as their words
_CODED = r"(?:[a-z]{1,3}\s*[-–—:]\s*)?"
# ... 'Returned' with the mail's failure as its remark, in brackets or after a comma ('Returned (bad
# address)', 'Returned, wrong address', 'Returned (undeliverable)'): the card came back (found by
# hunter-sends1 after review38's LO3, 'Last year: returned (bad address). This year: no update': each was
# ordered, where 'Returned - bad address' is left out). 'Returned' alone is still back from a leave
RETURNED_BECAUSE = r"(?:(?:card|gift|mail|package|parcel)\s+)?returned\s*(?:[(,;:/]|\s[-–—])\s*"
# ... or that mail does not reach the person ('Status' = 'Returned mail', 'Address unknown', 'Undeliverable',
# 'Moved - no forwarding address', as a CRM contact's status says it): the card would go to an address the
# post has given back (found by hunter-sheets18, each was ordered). Not 'Returned' alone (from a leave)
_MAIL_FAILS = (
    rf"(?:{RETURNED_BECAUSE})?(?:returned\s+mail|mail\s+returned|return(?:ed)?\s+to\s+sender|un-?deliverable|(?:bad|invalid|wrong|"
    r"incorrect|outdated|old)\s+address|address\s+(?:unknown|invalid|bad|incorrect|wrong|outdated|not\s+valid)|"
    r"(?:moved\W+(?:and\s+)?)?(?:left\s+)?no\s+forwarding(?:\s+address)?)(?:\s+(?:on\s+)?\d[\d/.-]*)?\)?"
)
# ... unless it says the address was put right since ('Returned mail - address updated 11/20', 'Bad address -
# fixed', as a note saying so sends: found by hunter-falsealarm5, each was left out); not while it is still to
# be ('not updated', 'needs to be updated', 'to be fixed', "hasn't been fixed": found by review33, each card
# mailed to the address the list says is bad), nor when it says there is none, asks for one or asks whether
# ('no new address on row', 'put new address on row', 'new address on row?', '..., verify': found by review55
# after 95ff348d, each mailed to the address the post gave back); not 'no need' ('Bad address - updated, no
# need to hold', 'Returned to sender - updated, no changes needed': review55's item 5, each left out)
_NOT_DONE = (
    r"(?:\b(?:not|never|yet|(?<!no\s)(?<!no\schanges\s)(?<!no\saction\s)(?:needs?|needed)|to\s+be|pending|"
    r"awaiting|waiting|requires?|required|verify|"
    r"(?:no|put|get)\s+(?:the\s+|a\s+)?new\s+addr(?:ess)?)\b|n['’]t\b|\?)"
)
# ... put right in other words ('added 12/1', 'new address above', 'using work address', 'now correct'), or
# in a clause of its own after the complaint, whose own words may hold a 'not' ('Not at this address -
# updated in Workday', 'Address not valid (updated 12/1)': found by review48 after 9ac0122d, each left out)
_PUT_RIGHT_WORDS = (
    r"\b(?:fixed|corrected|updated|(?:added|entered)(?!\s+by\b)|found\s+(?:in|on|via)|now\s+correct(?:ed)?|"
    r"new\s+address\s+(?:above|below|on\s+file|entered|listed|(?:in|on)\s+(?:the\s+|this\s+)?row)|using\s+(?:the\s+|her\s+|his\s+)?(?:work|office|new|other|"
    r"alternate|correct)\s+address)\b"
)
PUT_RIGHT = (
    rf"(?:(?!.*{_NOT_DONE}).*{_PUT_RIGHT_WORDS}"
    rf"|.*?[-–—:;,(/]\s*(?:(?!{_NOT_DONE})[^-–—:;,(/])*?{_PUT_RIGHT_WORDS}(?!.*{_NOT_DONE}))"
)
MAIL_PUT_RIGHT = re.compile(rf"(?i)\s*{_CODED}(?:{_MAIL_FAILS})\b{PUT_RIGHT}.*")
# A person's status saying they are gone (used by _SAYS_GONE and _SAYS_LEFT alike)
_PERSON_GONE = (
    # ('Term', not a term of a benefit, a loan or a school: 'Term life insurance enrolled' was left out:
    # hunter-asks8)
    rf"terminated|termed|term(?!\s+(?:life|insurance|papers?|sheet|deposit|loan|policy|limits?|break|exams?|"
    r"grades?|project|plan)\b)|inactive|resigned|deceased|cancell?ed|{WITHDREW}|separated|leaver|"
    # ... and Oracle HCM's assignment statuses, in its verbs ('Terminate Assignment', 'Terminate - Process',
    # 'Suspend - No Payroll', 'End Assignment': found by newcomer28, each was ordered); its words only, a
    # leaving undone or to come read as before ('Terminate - rescinded', 'End assignment 1/15/2027')
    r"terminate(?=\s*(?:[-–—:]\s*)?(?:assignment|process)\b)|"
    r"suspend(?=\s*(?:[-–—:]\s*)?(?:no\s+payroll|payroll\s+eligible|assignment)\b)|end\s+assignment(?=\s*$)|"
    # ('vol term', 'invol term', 'inv term 11/22': newcomer22's N2; not 'inv term: net 30', an invoice's, nor
    # 'Voluntary term life', a benefit: found by review57)
    r"(?:in)?vol(?:untary)?\.?\s+term(?:['’]?d)?(?!\s+life)|inv\.?\s+term(?:['’]?d)?(?=\s*$|\s+\d)|"
    rf"former(?:\s+(?:employee|staff|worker))?|{OTHER_GONE}|{GONE_MORE}|"
    # ... or in the families of words a leaving or a death is written in (:mod:`.leftwork`)
    rf"{LEFT_WORK}"
)
_LEFT_OR_GONE = (
    r"left(?!-handed)(?:\s+(?:the\s+)?(?:company|organi[sz]ation|firm|business))?\s*(?:[-–—:,.;(/\d].*)?"
    # ... and gone, alone or with when or why ('Gone', 'Gone - moved away': found by hunter-sheets20, each
    # was ordered). Not 'Quit': hunter-sheets8 kept it sending, a wellness list's
    r"|gone(?:\s+(?:from\s+)?(?:the\s+)?(?:company|organi[sz]ation|firm|business))?\s*(?:[-–—:,.;(/\d].*)?"
)
_DO_NOT_SEND = r"do\s*n[o']?t\s+(?:re-?)?(?:send|mail|ship|order)"  # (curly quotes made straight before)
# ... or not to send, as a Send? column or a note says it ("Status" = Declined, Opted out, On hold:
# found by review11, each was ordered; not "duplicate" nor "skipped": bulkship's own workbook says so)
_NOT_TO_SEND = (
    r"(?:opt(?:ed)?[\s-]*out(?:\s+of)?|declined?)"
    + _OF_THE_GIFT
    + rf"|{_DO_NOT_SEND}|dns|no\s+(?:need\s+to\s+)?re-?send|"
    r"re-?send\s*(?:[?:=]\s*|-\s*)(?:no|n)\b|re-?send\s+(?:is\s+)?not\s+(?:needed|required|necessary)|"
    r"rejected|denied|removed?|"
    rf"excluded?|(?:on[\s-]*)?hold|not\s+eligible|ineligible|no\s+(?:gift|card)|"
    # (not where it asks to send the card elsewhere: 'Bad address - send to office' asks where, as under
    # 'Notes' since 3f76aa4b; left out under 'Status': the lead's closing note of session 49; review73)
    rf"(?!.*{ASKED_ELSEWHERE}){_MAIL_FAILS}"
)


# ... or, after whatever the status says first, a remark of its own saying not to send ('Active - do not
# send', 'Returned - do not resend': found by hunter-falsealarm8, each was ordered); not a no to the person
# after an ask to send the card elsewhere ('Send to wife. Do not send to him.': the error asking where it
# goes, as under 'Notes'; left out, the wife's card lost: review69)
_REMARK_NOT_TO_SEND = rf"(?!{ENDS_NO_TO_THE_PERSON_AFTER_AN_ASK}).*[-–—:,.;!(/]\s*{_DO_NOT_SEND}\b.*"


# ... or followed, without a sign, by whose say, why, how long or until when ('Hold until January', 'Hold for
# now', 'Hold per HR', 'Declined per email', 'Removed by manager', 'Do not send until Jan', 'Opted out per
# email': found by hunter-falsealarm9, each was ordered, a card to a person on hold or who said no). Not 'Hold
# for pickup', how the parcel waits
_QUALIFIED = (
    r"\s+(?:(?:as\s+)?per|by|until|till|til|pending|awaiting|off|since|via|due|because|after|while|"
    r"for(?!\s+pick[\s-]*up\b)|as\s+of|on|at\s+(?:the\s+)?(?:request|employee|their|his|her))\b.*"
)


def _says_gone(gone: str, not_to_send: str, *, codes: str = "") -> re.Pattern[str]:
    """A status cell saying ``gone`` (with anything after it), left or gone, or ``not_to_send`` (with a
    remark after a sign), or a remark after a sign saying not to send; ``codes``: one-letter codes saying
    so too."""
    return re.compile(
        rf"(?i)^\s*{_CODED}(?:(?:{gone})\b.*{codes}|{_LEFT_OR_GONE}|(?:{not_to_send})\s*(?:[-–—:,.;!(].*|{_QUALIFIED})?"
        rf"|{_REMARK_NOT_TO_SEND})$"
    )


# Under a status column read for the row ('Status', a card's or an order's status), what leaves it out: the
# card gone out already, the person gone (or T, D, I), not to send, a shop's order not paid
_SAYS_GONE = _says_gone(
    f"{_WENT_OUT}|{_PERSON_GONE}",
    # ... or a shop's order paid back or not paid (WooCommerce's 'Order Status' = Refunded, Pending payment,
    # On-hold: found by hunter-sheets15, each was ordered)
    _NOT_TO_SEND + r"|refunded|voided|(?:pending|awaiting)\s+payment|unpaid|payment\s+failed",
    codes="|[tdi]",
)
# ... or that a card was made, and is on its way or came back without reaching the person ('Label created',
# 'Processing', 'Partially fulfilled', 'Not Delivered', 'Returned', 'Delivery failed'): another sent without
# a word would be a second card where the first may still arrive (review26's F5: each was ordered again)
SAYS_CARD_MADE = re.compile(
    r"(?i)^\s*(?:(?:shipping\s+)?label\s+(?:created|printed|generated)|pre[\s-]*transit|processing|in\s+process|"
    r"being\s+(?:processed|made|printed)|partial(?:ly)?\s+(?:fulfilled|fulfillment|shipped|shipment|delivered|sent)|"
    r"not\s+delivered|undelivered|undeliverable|(?:delivery|shipment)\s+(?:failed|exception|attempted|delayed)|"
    r"failed\s+(?:delivery|attempt)|(?:attempted|missed)\s+delivery|returned|return(?:ed)?\s+to\s+sender|rts|"
    r"lost(?:\s+in\s+(?:transit|the\s+mail))?|damaged|refused|exception|picked\s+up|"
    # ... or a card at hand or mailed by hand ('Card bought', 'Purchased', 'Printed', 'In envelope', 'With
    # mailroom', 'In the mail', 'Posted', 'Dropped at post office', 'Given': found by hunter-sheets17, each
    # was ordered a second card)
    r"(?:card\s+)?(?:bought|purchased)|(?:card\s+)?(?:on|in)\s+hand|ha(?:ve|s)\s+(?:the\s+)?card(?=\W*$)|"
    r"waiting\s+on\s+(?:the\s+)?card(?=\W*$)|printed|packed|packaged|stuffed|stamped|"
    r"in\s+(?:the\s+|an\s+)?envelope|envelope\s+(?:sealed|stuffed|ready)|"
    r"(?:with|at|handed\s+to|sent\s+to|given\s+to)\s+(?:the\s+)?mail\s*room|in\s+the\s+mail|posted|"
    r"dropped\s+(?:off\s+)?at\s+(?:the\s+)?(?:post\s+office|usps|ups|fedex|mail\s*box)|given(?:\s+out)?|"
    r"handed\s+out|"
    # ... or handed to the person ('Handed over', 'Hand delivered', 'Handed to employee', 'Presented', 'Gave
    # at party': found by hunter-sheets18, each was ordered a second card)
    r"handed\s+(?:over|to)|hand[\s-]*delivered|delivered\s+in\s+person|presented|gave|"
    # ... or sent out, closed, addressed, out to be signed or ready to go in the mail ('Out', 'Closed',
    # 'Addressed', 'Out for signature', 'Ready to mail': found by hunter-sheets17, left for hunter-sheets18,
    # each was ordered a second card); not 'Ready to send', what bulkship is to do
    rf"{_OUT_OR_CLOSED}|(?:envelope\s+)?addressed|out\s+for\s+(?:signatures?|signing)|"
    r"(?:ready|waiting)\s+(?:to\s+(?:be\s+)?mail(?:ed)?|for\s+(?:mailing|the\s+mail(?:room)?|mail\s*room|pick[\s-]*up))"
    r")\b.*$"
)
# ... and, under a shipment's own status, that it failed ('Delivery Status' = Failed, Shopify's 'failure'):
# a delivery that failed had a card made, as 'Delivery failed' says (found by hunter-sheets13: ordered again).
# Not an 'Order Status' = Failed: an order that failed made no card
SAYS_SHIPMENT_FAILED = re.compile(r"(?i)^\s*fail(?:ed|ure|s)?\b.*$")
# A shop's orders export, as WooCommerce's export plugins write it: the buyer's billing columns beside the
# payment's ('First Name (Billing)', 'Billing Address 1'; 'Payment Method Title', 'Paid Date'). There an order
# 'Processing' is paid and waits for its card, the very rows to send: read as a card made, a shop's paid
# orders sent nothing, exit 0 (found by hunter-falsealarm1, left for hunter-sheets16); and 'Failed' is a
# payment that failed, no order to fill (it was ordered)
# ... and so is one 'Paid', or 'Awaiting Fulfillment' / 'Awaiting Shipment' (BigCommerce's paid orders not
# shipped yet): each was left out as sent already (found by hunter-falsealarm2)
SHOP_PROCESSING = re.compile(
    r"(?i)\s*(?:processing|paid|awaiting\s+(?:fulfil{1,2}ment|shipment)|unfulfilled)\s*"
)
SHOP_UNPAID = re.compile(r"(?i)\s*failed\s*")


# A sending's status saying it has not happened yet ('Send Status' = Not sent, Pending, Ready to send): read
# as a 'Send?' = No, a tracker of Sent / Not sent / Pending sent nobody (review26's F6). The whole cell only:
# 'Pending approval' is not to send yet
SAYS_NOT_SENT_YET = re.compile(
    r"(?i)\s*(?:not\s+(?:yet\s+)?(?:sent|shipped|mailed|ordered|done|started)(?:\s+yet)?|not\s+yet|unsent|"
    r"pending|queued|(?:ready|waiting|queued)\s+to\s+(?:be\s+)?(?:sen[dt]|ship(?:ped)?|order(?:ed)?)|"
    r"queued\s+to\s+(?:be\s+)?mail(?:ed)?|"
    r"to\s+(?:be\s+)?(?:sen[dt]|ship(?:ped)?|mail(?:ed)?|order(?:ed)?)|to\s*do|new|open|resend)[.!]*\s*"
)
# ... and under any other header naming a status ("Current Status", "Status (HR)", "Record Status", "Status
# 2026": found by hunter-sheets, "Terminated" there was ordered), the words saying the person is gone or not
# to be sent; not those saying something went out ("Survey Status" = Completed is why a card is sent)
_SAYS_LEFT = _says_gone(_PERSON_GONE, _NOT_TO_SEND)
# ... and under such a status's code ('Employee Status Code', as UKG and Paycom export it), its letters T
# (terminated) and D (deceased), as ADP's 'Position Status' has them: read as nothing, each card was ordered
# (found by hunter-sheets15); and I (inactive), as Paychex's census writes it beside T and D, where the word
# 'Inactive' leaves the row out (found by newcomer24: ordered). Not A (active) nor L (on leave)
SAYS_LEFT_BY_CODE = re.compile(_SAYS_LEFT.pattern + r"|^\s*[tdi]\s*$")


# ... and, there, the employment ended in a word of its end, or released, as a staffing agency's list says it
# ('Ended', 'Finished', 'Released', 'Released from assignment', 'Released by client'): each was ordered, exit
# 0 (hunter-asks8). Not 'Released from probation', 'Released to work', 'Ended probation' (still here), nor
# 'Completed' or 'Done', what a status reads as a card gone out
_ITS_END = (
    r"(?:ended|ceased|finished(?:\s+up)?|concluded|expired|over|done\s+working|gig\s+(?:complete[d]?|done|finished)|"
    r"released(?:\s+(?:from|by)\s+(?:the\s+)?"
    r"(?:assignment|contract|client|job|position|employment|project|site))?)(?=\s*(?:[-–—:,.;!(/\d]|$))"
)
# ... and under a status of the person's employment ('Employee Status', 'Employment Status', 'Worker Status',
# 'Emp Status Code'), one who quit or walked off the job ('Quit', 'Quit 11/15', 'Quit - no notice', 'Job
# abandonment', 'No call no show'): each card was ordered to someone gone, exit 0 (found by hunter-sheets20,
# left for hunter-sheets21). Not under a bare 'Status' (a wellness program's smokers who 'Quit' earn a card:
# hunter-sheets8), nor 'Quit smoking'. Also walked out, or 'Abandoned' alone (each was ordered: hunter-asks7)
EMPLOYMENT_ENDED = re.compile(
    rf"(?i)\s*{_CODED}(?:{_ITS_END}|quit(?:ted)?|walked\s+(?:off|out)(?:\s+(?:on\s+)?the\s+job)?|(?:job|position)\s+"
    r"abandon(?:ment|ed)|abandoned(?:\s+(?:the\s+|(?:his|her|their)\s+)?(?:job|position|post))?|"
    r"no[\s-]*call[\s,/-]*no[\s-]*show|ncns)"
    r"(?:\s*[-–—:,.;!(/\d].*)?\s*"
)
