"""A note asking for a row's card to go to someone or somewhere else than the row's name and address
('Send to work address instead', 'Give to manager to present', 'Hand deliver', 'Ship to Bob Jones'): bulkship
sends to the row's name and address, so the row is an error for a person to settle. A column asking so ('Ship
to manager?' = Yes, 'Preferred Address' = Work): :mod:`.elsewherecolumns`."""

from __future__ import annotations

import re

from ...columns import _words
from ..places import _PLACES
from ..skipped.topersonelsewhere import asks_elsewhere_and_no_to_the_person
from .madeout import made_out_to
from .namedfor import OCCASION, named_alone

# the kind of problem of a row whose note or column asks for its card elsewhere, as the counts of `validate`
# and the web page name it: 'Sent elsewhere' is the status of a card already in another batch's order, and
# '1  Sent elsewhere' under an HR list's 'send to office not home' read as one card gone (newcomer19, N6)
ASKED_ELSEWHERE = "Another address asked for"

# the place a row's own name and address already is ('Ship to employee?' = Yes sends it as written)
_THE_ROW = frozenset({"employee", "recipient", "person", "them", "me", "self", "myself", "associate"})


# A note asking for the card to go elsewhere than the row's name and address ('Send to work address instead',
# 'Please ship to her sister in Trenton', 'Give to manager to present', 'c/o her mother', 'Use office
# address', 'Send to new address'): the card went to the row's street, exit 0 (found by newcomer6, an HR
# anniversary list's Notes). What follows the verb is read a few words on: 'Send to arrive by 12/20', 'Send to
# employee', 'Send to home address' (the row's own, when its street is no work address), 'Use company name'
# say no such thing
# ... or the card said to go there ('Card to spouse, not to him', 'card to family', 'Gift card goes to wife':
# each ordered to the row's own name, exit 0; the lead's leftover 2 of session 48), not said gone ('Card
# sent to wife': a card gone is .skipped's)
_CARD_TO = (
    r"(?P<card>(?:(?:the|this|a|his|her|their)\s+)?(?:gift\s+card|e-?gift(?:\s+card)?|gift|card|package|parcel|"
    r"present)s?(?:\s+(?:goes|going|should\s+go|to\s+go|will\s+go|is\s+going|to\s+be\s+(?:sent|mailed|shipped|"
    r"delivered)))?)"
)
_NOTE_SENDS = re.compile(
    r"(?i)^\W*(?:(?:please|pls|plz|kindly)\s+)?(?:(?:(?:send|ship|mail|deliver|forward|give|hand|route|post)"
    r"(?:ing)?(?:\s+(?:it|this(?:\s+one)?|(?:the\s+)?(?:gift\s+card|gift|card)))?|" + _CARD_TO + r")\s+"
    r"(?:to|c/o|care\s+of|(?P<attn>attn\b\.?:?|attention(?:\s+of)?:?))|(?P<use>use)|"
    r"(?P<care>c/o|care\s+of))\s+(?P<where>\S.*)"
)
# ... (to a new hire is to the person: 'Gift card to new hire' on a list of them)
_NEW_PERSON = re.compile(
    r"(?i)(?:(?:the|a|our|each|every)\s+)?new\s+(?:hire|employee|starter|joiner|member)s?\b"
)
# ... or the card said to be for another person ('Order for spouse', 'Card for spouse', 'For his widow':
# each ordered to the row's own name and address, exit 0: the lead's leftover 2 of session 48); only one of
# :data:`_PERSONS` first, not a day ('Order for 2027', 'Card for 10 years', 'Card for Mother's Day')
_NOTE_FOR = re.compile(
    r"(?i)^\W*(?:(?:please|pls|plz|kindly)\s+)?(?:(?:order|get|buy|purchase)(?:ing)?(?:\s+(?:it|this(?:\s+one)?|one|an?|"
    r"the))?(?:\s+(?:gift\s+card|e-?gift|gift|card))?\s+|(?:(?:the|this|a|his|her|their)\s+)?(?:gift\s+card|"
    r"e-?gift(?:\s+card)?|gift|card|order|present|award|reward)s?(?:\s+(?:is|goes|going|should\s+go|to\s+go|will\s+go|"
    r"is\s+going|to\s+be\s+(?:sent|mailed|shipped|delivered)))?\s+)?for\s+(?:(?:the|his|her|their|my|your|a|an)\s+)?"
    r"(?P<who>(?:next\s+of\s+)?[a-z]+)\b(?!['’]?s?\s+day\b)"
)
# ... or named by whose card it is ('Spouse card', "Wife's gift card", 'Card: spouse', 'Gift card (widow)':
# each ordered to the row's own name and address, exit 0; the lead's closing note of session 49, hunter-asks5)
_PERSON_S_CARD = re.compile(
    r"(?i)^\W*(?:(?:the|his|her|their)\s+)?(?P<who>[a-z]+)(?:['’]s|s['’])?\s+(?:gift\s+)?card\W*$|"
    r"^\W*(?:gift\s+)?card\s*(?:[:=(]|[-–—]\s)\s*(?:for\s+|to\s+)?(?:(?:the|his|her|their)\s+)?"
    r"(?P<whom>[a-z]+)\W*$"
)
# (not 'kids': 'Send to 2 kids' asks for two cards)
_PERSONS = frozenset(
    {"manager", "mgr", "supervisor", "boss", "spouse", "wife", "husband", "partner", "mother", "mom", "mum",
     "father", "dad", "parent", "parents", "sister", "brother", "son", "daughter", "family", "relative",
     "friend", "neighbor", "neighbour", "assistant", "grandmother", "grandma", "grandfather", "grandpa",
     "aunt", "uncle", "cousin", "fiance", "fiancee", "roommate", "caregiver",
     # ... and those a death leaves or who act for the person ('Send to widow', 'Send to next of kin', 'Send
     # to estate' were ordered to the row's own name, exit 0: review69)
     "widow", "widower", "kin", "estate", "executor", "executrix", "heir", "heirs", "beneficiary", "guardian",
     "survivor", "survivors", "niece", "nephew", "girlfriend", "boyfriend", "stepmother", "stepfather"}
)  # fmt: skip
_OTHER_ADDRESS = frozenset(
    {"new", "alternate", "alternative", "other", "different", "forwarding", "second", "secondary",
     "temporary", "temp", "summer", "winter", "vacation", "billing", "another", "old", "previous", "box"}
)  # fmt: skip
_WORKPLACES = frozenset(
    {"hq", "headquarters", "branch", "store", "site", "campus", "plant", "warehouse", "dept", "department",
     "hr"}
)  # fmt: skip
_DETERMINERS = frozenset({"the", "his", "her", "their", "my", "your", "a", "an"})
_NOT_THERE = frozenset({"not", "never", "rather", "instead"})


# who gives it, or a please ('Manager to', 'Mgr will', 'Manager wants to', 'Manager would like to': the last
# two found by newcomer26, the card mailed)
_WHO_WILL = (
    r"(?:(?:please|pls|will|(?:manager|mgr|supervisor|boss|hr)\s+(?:to|will|wants\s+to|would\s+like\s+to|"
    r"plans\s+to|prefers\s+to))\s+)"
)


# ... or given by hand ('Hand deliver', 'Manager to hand deliver', 'To be hand delivered', 'Deliver in
# person'): someone takes the card to the person, and it went by mail to their street, exit 0 (found by
# hunter-sheets16, a leftover of hunter-sheets15). Said done ('Hand delivered 11/15') it is a card given
# already (..skipped.notes)
_BY_HAND = re.compile(
    r"(?i)^\W*" + _WHO_WILL + r"?"
    r"(?:hand[\s-]*deliver(?:y)?\b(?!\s+(?:is\s+)?not\b)|deliver\s+(?:in\s+person|by\s+hand)\b)"
    r"|^\W*to\s+be\s+hand[\s-]*delivered\b"
    # ... or picked up by the person ('Will pick up', 'Pickup at HR', 'Pick up in person'): no card by mail
    r"|^\W*(?:(?:(?:employee|he|she|they)\s+)?(?:will|to)\s+)?pick(?:ing)?[\s-]*up(?:\s+(?:the\s+)?(?:card|gift))?"
    r"(?:\s+(?:in\s+person|at|from)\b|\W*$)"
    # ... or held at a desk of the company's ('Hold at front desk', 'Keep at reception', 'Hold for pickup at
    # the mailroom'): the card kept for the person to fetch, mailed to their street, exit 0 (the lead's
    # decision, session 48's leftover 3; hunter-asks4). 'Hold for pickup' alone is the carrier's (sent),
    # 'Leave at front desk' and 'Deliver to front desk' the courier's at the row's address (sent)
    r"|^\W*(?:(?:please|pls)\s+)?(?:hold|keep)(?:\s+(?:it|this|(?:the\s+)?(?:gift\s+card|gift|card)))?"
    r"(?:\s+for\s+pick[\s-]*up)?\s+(?:at|in|with)\s+(?:the\s+|our\s+)?(?:front\s+desk|reception(?:\s+desk)?|"
    r"lobby|security(?:\s+desk)?|mail\s*room|concierge(?:\s+desk)?|front\s+office|hr|office|hq|headquarters|"
    r"branch|store|site)\b"
    # ... or given at an event ('Give to Ana at the party', 'Hand out at the holiday party', 'Present at
    # awards dinner'): it went by mail (found by hunter-sheets16, left for hunter-sheets17)
    r"|^\W*" + _WHO_WILL + r"?"
    r"(?:give|hand(?:\s+out)?|present)(?:\s+(?:it|this|(?:the\s+)?(?:gift\s+card|gift|card)))?"
    r"(?:\s+to\s+[\w'’-]+(?:\s+[\w'’-]+)?)?\s+(?:at|during)\s+"
    # (not at every one: 'Present at every team meeting' praises, found by hunter-falsealarm3)
    r"(?!(?:every|each|most|many)\b|all\s)(?:(?:the|a|an|our|this|her|his|their)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:party|event|luncheon|lunch|dinner|banquet|ceremony|celebration|meeting|"
    r"all[\s-]*hands|gala|picnic|town\s*hall|huddle|off[\s-]?site|breakfast|potluck|social|retreat)\b"
)


# ... or not to go to the place the row's street is ('DO NOT MAIL TO HOME', 'Do not send to home address',
# 'no home mail', 'not to home' beside a street that is the home): it went there, exit 0, where 'Hand deliver'
# is this error (newcomer23's N1, fixed by hunter-sends12). The place is read as a choice column's is
# (..places); 'do not mail to office' beside a home street asks nothing of it
_VERB = (
    r"(?:mail|ship|send|deliver|post|forward)(?:ing|ed)?\s+"
    r"(?:(?:it|this|(?:the\s+)?(?:gift\s+card|gift|card))\s+)?"
)
_NOT_TO = re.compile(
    rf"(?i)^\W*(?:(?:please|pls|plz|kindly)\s+)?(?:(?:do\s*n[o']?t|don['’]?t|never)\s+{_VERB}(?:to\s+)?|"
    rf"(?:not|never|no)\s+(?:{_VERB})?to\s+)(?:(?:the|his|her|their|my|your)\s+)?"
    r"(?P<where>[a-z]+)(?:\s+(?:address|addr))?\b(?!\s*(?:number|no\b|#|office))"
    r"|^\W*no\s+(?P<place>[a-z]+)\s+(?:mail|delivery|deliveries|shipping|shipments?|packages?|parcels?)\b"
    r"(?!\s+(?:on|at|during|over)\b)"
)
# ... unless the note goes on to point at the row's address as the one to use ('Do not send to home address -
# use address on row', "Don't mail to home, mail to this address": found by review60 checking 33fce4ab)
# The pointer ends the note or a clause ('use address 5 Oak St', 'use address on file', 'address above is
# wrong', 'this address is her home' point elsewhere or say the row's is not it: review61)
_THE_ROWS_ADDRESS = re.compile(
    r"(?i)\b(?:(?:addr(?:ess)?|one|street)\s+(?:is\s+)?(?:on|in)\s+(?:the\s+|this\s+)?row|"
    # (to 'the address' says not which: 'Do not send to home - send to the address' went home: review63)
    r"(?:use\s+(?:this|the)|(?:mail|send|ship)\s+to\s+this)\s+(?:addr(?:ess)?|street)|"
    r"addr(?:ess)?\s+(?:above|listed|given))"
    r"(?:\s+is\s+(?:(?:the|her|his|their)\s+)?(?:office|work|right|correct|ok|fine|good))?\s*(?:$|[.;,!)]|-\s)"
)
# ... or preferring another of the person's places ('prefers work address', 'office address pls') than the
# one the row's street is: it went home, exit 0, where 'use work address' is this error (newcomer23's N1b)
_PREFERS_PLACE = re.compile(
    r"(?i)^\W*(?:(?P<pref>prefers?|preferred|wants?)\s+)?(?:(?:the|his|her|their|my)\s+)?(?P<where>[a-z]+)\s+"
    r"addr(?:ess)?\.?(?P<tail>(?:\s+(?:pls|please|plz|only|preferred|instead))*)\W*$"
)
# ... or given at work or in person ('Give at office', 'give in person at holiday party'): no card by mail
_GIVEN_THERE = re.compile(
    r"(?i)^\W*" + _WHO_WILL + r"?"
    r"(?:give|hand(?:\s+out)?|present|deliver)(?:\s+(?:it|this|(?:the\s+)?(?:gift\s+card|gift|card)))?"
    # (or personally: 'Manager wants to give it personally', found by newcomer26, the card mailed)
    r"(?:\s+to\s+(?:him|her|them))?\s+(?:in\s+person|personally|at\s+(?:the\s+)?(?:office|work|desk|hq|"
    r"headquarters))\b|^\W*" + _WHO_WILL + r"?personally\s+(?:give|hand|present|deliver)\b"
)


# Where a note's later part begins, after another remark ('Retiring 12/31 - send to office', 'Great year;
# ship to her mother', '5 yrs. Give to manager to present'): the ask read there as at the note's start (found
# by newcomer17, an HR list's 'retiring 12/31 - send to office' went to the home street, exit 0)
# ... or after an exclamation or a question ('Congrats! send to office', 'Happy retirement!! Ship to HQ'), or
# an 'and' before the ask ('Retiring and send to office', 'Great year & ship to her mother'): each went to the
# row's street, exit 0 (found by the lead, hunter-sends5's brief)
_ASK_VERB = (
    r"(?:(?:please|pls|plz|kindly)\s+)?(?:send|ship|mail|deliver|forward|give|hand|route|post|use|c/o|care)\b"
)
_LATER_PART = re.compile(
    rf"\s+[-–—]+\s+|\s*[;|]\s*|(?<=\w)[.,:]\s+|\s*\(|(?<=\w)[!?]+\s*|"
    rf"\s+(?:and|&|but|then|so|plus)\s+(?:(?:also|then|please)\s+)?(?={_ASK_VERB})"
)


def note_sends_elsewhere(note: str, street_places: frozenset[str]) -> bool:
    """Whether ``note``, from its start or from the start of a later part (:data:`_LATER_PART`), asks for the
    card to go to another person or place than the row's street, whose header names ``street_places``
    ('home', 'work'; none: the person's home); or asks for another and says no to the person, whatever the
    ask names (:func:`..skipped.topersonelsewhere.asks_elsewhere_and_no_to_the_person`)."""
    if asks_elsewhere_and_no_to_the_person(note):
        return True
    return any(_asks_elsewhere(said, street_places) for said in note_parts(note))


def note_parts(note: str) -> list[str]:
    """``note`` (its first 200 characters), then what follows each place a later part of it begins."""
    note = note[:200]
    return [note, *(note[part.end() :] for part in _LATER_PART.finditer(note))]


def _asks_elsewhere(note: str, street_places: frozenset[str]) -> bool:
    """Whether ``note`` asks, from its start, for the card to go elsewhere than the row's street."""
    note = made_out_to(note) or note  # ('Make card out to his wife': 'Send to his wife')
    if _BY_HAND.match(note[:200]) or _GIVEN_THERE.match(note[:200]):
        return True
    if (wanted := _NOTE_FOR.match(note[:200])) and wanted["who"].split()[-1].casefold() in _PERSONS:
        return True
    if (whose := _PERSON_S_CARD.match(note[:200])) and (whose["who"] or whose["whom"]).casefold() in _PERSONS:
        return True
    own = street_places or frozenset({"home"})
    liked = _PREFERS_PLACE.match(note[:200])
    if liked and (liked["pref"] or liked["tail"]) and _PLACES.get(liked["where"].lower(), "home") not in own:
        return True
    barred = _NOT_TO.match(note[:200])
    if barred and _PLACES.get((barred["where"] or barred["place"]).lower()) in own:
        return not _THE_ROWS_ADDRESS.search(note[:200])
    asked = _NOTE_SENDS.match(note[:200])
    if asked is None:
        return False
    if asked["care"]:
        return True
    if asked["card"] is not None and _NEW_PERSON.match(asked["where"]):
        return False  # care of another person: the parcel would go without their name
    if asked["attn"] and not _THE_ROW.intersection(_words(asked["where"])[:1]):
        return True  # ('Gatekeeper - send attn: Jane Doe (EA)': to another's attention, found by newcomer20)
    words = [w for w in _words(asked["where"]) if w not in _DETERMINERS]
    # what follows 'not' or 'instead of' is where the card does not go ('Ship to home, not office': found by
    # hunter-falsealarm1, an HR list whose street is the home)
    cut = next((i for i, w in enumerate(words) if w in _NOT_THERE), len(words))
    words = words[: min(cut, 4)]
    if asked["use"] and "address" not in words:
        return False  # 'Use company name on the label' names no address
    if _THE_ROW.intersection(words[:1]):
        return False
    places = {_PLACES[w] for w in words if w in _PLACES}
    if _WORKPLACES.intersection(words):
        places.add("work")
    return bool(_PERSONS.intersection(words) or _OTHER_ADDRESS.intersection(words) or places - own)


def street_places(street: str) -> frozenset[str]:
    """The places ('home', 'work') the street column's header names ('Home Address', 'Office Street')."""
    return frozenset(_PLACES[w] for w in _words(street) if w in _PLACES)


# ... or to a person by their name ('Ship to Bob Jones', 'Send to Maria T. Lopez (sister)'): the card went to
# the row's name, exit 0 (found by hunter-sheets16, a leftover of hunter-sheets15). Two or three capitalised
# words ending the note or before a remark; the row's own name, city or street is no other person
# (:func:`.askedplace.named_problems`). Also one ('Send to Bob', 'Ship to Maria': found by
# hunter-sheets16, left for hunter-sheets17, each sent to the row's own name): where it is none of the row's
# words, whose it is (a colleague, a nickname) is for a person to say
_NAME = re.compile(
    r"(?P<name>[A-Z][a-z'’-]+(?:(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'’-]+)?)\s*"
    # (or a please after it: 'Card for Xiomara please', 'Send to Sue Smith pls' named nobody; review79)
    r"(?:$|[-–—,.;:!(]|\s+(?:at|in|c/o|instead|please|pls|plz|thanks|thx|asap)\b)"
)
# ... after a title, the name ('Send to Ms. Owens' on Di Owens's row: read as a person 'Ms', found by
# hunter-falsealarm3)
_TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)+(?=[A-Z])")
_NO_NAME = frozenset(
    {*_PLACES, *_WORKPLACES, *_OTHER_ADDRESS, *_THE_ROW, *_PERSONS, "address", "street", "st", "avenue",
     "ave", "road", "rd", "building", "main", "mailroom", "reception", "front", "desk", "post", "po", "usps",
     "ups", "fedex", "express", "priority", "overnight", "standard",
     # (a word alone: 'Send to Him', 'Send to Same', 'Send to Below')
     "him", "her", "us", "you", "it", "same", "above", "below", "this", "that", "here", "there", "asap"}
)  # fmt: skip


def named_in_note(note: str) -> frozenset[str]:
    """The words of a person's name a note sends the card to (:data:`_NAME`), or none; from the note's start
    or a later part's ('Retiring - ship to Bob Jones': found by hunter-sends5, sent to the row's name)."""
    return frozenset().union(*map(_named_from_start, note_parts(note)))


def _named_from_start(note: str) -> frozenset[str]:
    note = made_out_to(note) or note  # ('Name on card: Jane Smith': 'Send to Jane Smith')
    asked = _NOTE_SENDS.match(note[:200])
    if asked is None or asked["where"] is None:
        return _named_for(note)
    found = _NAME.match(_TITLE.sub("", asked["where"]))
    words = frozenset(_words(found["name"])) if found else frozenset()
    return frozenset() if words & _NO_NAME else words


# ... or the card or order said to be for a person by name ('Order for Bob Jones', 'Gift card for Maria
# Lopez': ordered to the row's own name, exit 0; the lead's closing note of session 49, hunter-asks5): a first
# and a last name after the card's word, none of them an occasion's (.namedfor), or a given name alone ('Card
# for Sue': hunter-asks6)
def _named_for(note: str) -> frozenset[str]:
    """The words of a person's name ``note`` says its card or order is for (two or three words, or a given
    name alone), or none."""
    wanted = _NOTE_FOR.match(note[:200])
    if wanted is None or not note[: wanted.start("who")].strip(" (").lower().strip().removeprefix("for"):
        return frozenset()  # ('For Bob Jones' alone: for whom the row is, as often as for whom the card)
    found = _NAME.match(_TITLE.sub("", note[wanted.start("who") : 200]))
    words = frozenset(_words(found["name"])) if found else frozenset()
    if len(words) == 1 and not named_alone(next(iter(words))):
        return frozenset()
    return frozenset() if words & (_NO_NAME | OCCASION) else words
