"""Choosing among the columns that mean one field: one address group, a visible column over a hidden one,
a preferred name over the legal one, the best rank; two left refuse the file (or are marked ambiguous).
And the name suffix column beside a name."""

from __future__ import annotations

from ..program import ProgramSettings
from ..schema import SheetContract
from ..sheetscan import column_letter
from .fields import ADDRESS_FIELDS, NAME_FIELDS, NEUTRAL, ORDER_FIELDS, QUALIFIER_RANK, UNQUALIFIED_RANK
from .meaning import _words
from .records import AmbiguousColumnsError, ColumnMapping, TwoListsError, _Column

_SUFFIX_WORDS = (["suffix"], ["generation"], ["generation", "suffix"], ["jr", "sr"])  # ADP: Generation Suffix
_AROUND_SUFFIX = NEUTRAL | {"name", "generational", "personal"}


def _name_suffix(columns: list[_Column], mapping: ColumnMapping) -> str | None:
    """The one visible column headed "Suffix" ("Name Suffix", "Generation") beside a name: HR exports keep
    Jr. and Sr. there, and without it father and son at one address are one person (found by newcomer6)."""
    if not NAME_FIELDS & (set(mapping.column_map.values()) | set(mapping.preferred)):
        return None
    found = [
        c
        for c in columns
        if c.meaning is None
        and not c.hidden
        and [w for w in _words(c.header) if w not in _AROUND_SUFFIX] in _SUFFIX_WORDS
    ]
    return found[0].header if len(found) == 1 else None


def _choose_address_group(
    candidates: dict[str, list[_Column]], notes: dict[str, tuple[str, str]], mapping: ColumnMapping
) -> None:
    """Every address field from one group: the best-ranked group holding an address line 1. A shipping or
    mailing group has the next group as its fallback, row by row (:func:`_fallback_group`)."""
    lines = [c for c in candidates.get("address1", []) if c.meaning]
    if not lines:
        return
    visible = [c for c in lines if not c.hidden] or lines
    best = min(c.meaning.rank[0] for c in visible if c.meaning)
    groups = {c.meaning.qualifier for c in visible if c.meaning and c.meaning.rank[0] == best}
    chosen = next(iter(groups)) if len(groups) == 1 else None
    if chosen is None:
        return  # two groups of one rank: the address line itself is ambiguous, said below
    everything = {name: list(found) for name, found in candidates.items()}
    for name in ADDRESS_FIELDS:
        kept = []
        for column in candidates.get(name, []):
            meaning = column.meaning
            assert meaning is not None
            if meaning.qualifier in (chosen, ""):
                kept.append(column)
        if not kept:
            continue  # nothing of the chosen group: the best of the others is used
        label = f"the {chosen} address" if chosen else "the unqualified address columns"
        for column in candidates.get(name, []):
            if column not in kept:
                notes[column.header] = ("unused", f"another address is used ({label})")
        candidates[name] = kept
    _fallback_group(everything, candidates, chosen, visible, notes, mapping)


def _fallback_group(
    everything: dict[str, list[_Column]],
    candidates: dict[str, list[_Column]],
    chosen: str,
    lines: list[_Column],
    notes: dict[str, tuple[str, str]],
    mapping: ColumnMapping,
) -> None:
    """The next address group, for the rows where every column of the shipping (or mailing) group chosen is
    empty: a "Shipping Address" or "Delivery Address" filled only where it differs from the home one (the
    other rows were refused as having no street: found by hunter-sheets2). A group of another kind (home over
    work) has none: an empty home address is no sign the work one is meant. A field the next group lacks
    stays the chosen group's, empty on those rows: an error, never another group's cell."""
    if QUALIFIER_RANK.get(chosen, UNQUALIFIED_RANK) > QUALIFIER_RANK["mailing"]:
        return
    others = [c for c in lines if c.meaning and c.meaning.qualifier != chosen]
    if not others:
        return
    best = min(c.meaning.rank[0] for c in others if c.meaning)
    if len([c for c in others if c.meaning and c.meaning.rank[0] == best]) != 1:
        return  # two streets of the next rank: which one is meant is not known
    nxt = next(c.meaning.qualifier for c in others if c.meaning and c.meaning.rank[0] == best)
    own = [c for found in everything.values() for c in found if c.meaning and c.meaning.qualifier == chosen]
    fallback: dict[str, str] = {}
    for name in ADDRESS_FIELDS:
        found = everything.get(name, [])
        theirs = [c for c in found if c.meaning and c.meaning.qualifier == nxt and not c.hidden]
        chosen_has_own = any(c.meaning and c.meaning.qualifier == chosen for c in found)
        if len(theirs) == 1 and (nxt or chosen_has_own):  # an unqualified column the groups share: no change
            fallback[name] = theirs[0].header
    if "address1" not in fallback or not own:
        return
    label = f"the {nxt} address" if nxt else "the address columns"
    for name, header in fallback.items():  # no rival of the chosen group's column: read on other rows
        candidates[name] = [c for c in candidates.get(name, []) if c.header != header]
        notes[header] = ("used", f"{label}: used on the rows where the {chosen} address is empty")
    mapping.fallback = fallback
    mapping.fallback_over = tuple(c.header for c in own)


def _choose(
    name: str,
    found: list[_Column],
    mapping: ColumnMapping,
    notes: dict[str, tuple[str, str]],
    contract: SheetContract,
    program: ProgramSettings,
    strict: bool = True,
    named: bool = False,
) -> None:
    """``named``: the sheet has a column of the whole name that is no preferred name ('Worker')."""
    visible = [c for c in found if not c.hidden]
    for column in found:
        if column.hidden and visible:
            notes[column.header] = (
                "unused",
                f"hidden; the visible column {visible[0].named()} is used for {contract.title(name)}",
            )
    pool = visible or found
    if name in NAME_FIELDS:
        overlay = [c for c in pool if c.meaning and c.meaning.preferred]
        base = [c for c in pool if c.meaning and not c.meaning.preferred]
        if overlay and (base or (name != "name" and named)):
            # (a preferred first name beside the full legal name alone, 'Worker': over its given name, not
            # the row's First Name: every row of one was refused as 'Worker' naming another person)
            _one(name, overlay, mapping, notes, contract, program, preferred=True, strict=strict)
            pool = base
    if pool:
        _one(name, pool, mapping, notes, contract, program, strict=strict)


def _one(
    name: str,
    pool: list[_Column],
    mapping: ColumnMapping,
    notes: dict[str, tuple[str, str]],
    contract: SheetContract,
    program: ProgramSettings,
    *,
    preferred: bool = False,
    strict: bool = True,
) -> None:
    best = min(c.meaning.rank for c in pool if c.meaning)
    top = _the_recipient_s([c for c in pool if c.meaning and c.meaning.rank == best])
    for column in pool:
        if column not in top:
            notes[column.header] = ("unused", f"{top[0].named()} is used for {contract.title(name)}")
    if len(top) > 1:
        # (two loose headers, "Firm" and "Agency Name": neither is read, as before either was)
        if name in ORDER_FIELDS and strict and not all(c.meaning and c.meaning.loose for c in top):
            raise _ambiguous(name, top, contract, program)
        for column in top:
            notes[column.header] = ("ambiguous", f"{len(top)} columns mean {contract.title(name)}; none used")
        mapping.notices.append(
            f"{' and '.join(c.named() for c in top)} all look like {contract.title(name)}; neither is used. "
            f'Rename one, or choose it with [columns] {name} = "{top[0].header}" in a program file.'
        )
        return
    chosen = top[0]
    if preferred:  # fills in over the field's own column, row by row: not the field's column itself
        mapping.preferred[name] = chosen.header
        return
    mapping.column_map[chosen.header] = name
    if chosen.meaning and chosen.meaning.last_first:
        mapping.last_first.add(chosen.header)


_RECIPIENT = frozenset({"recipient", "recipients"})
_BUYER = (NEUTRAL - _RECIPIENT) | {"buyer", "purchaser", "sender", "giver", "gifter", "nominator"}


def _the_recipient_s(top: list[_Column]) -> list[_Column]:
    """``top`` (columns of one rank meaning one field), or its one column naming the recipient beside others
    naming another person: Square's gift card orders' 'Customer Name' (the buyer) beside 'Recipient Name'
    was refused as two names to choose from (hunter-sheets26's leftover 2, fixed by hunter-sheets27); so
    was a 'Donor Name' or 'Employee Name' beside it. The card goes to the recipient."""
    if len(top) < 2:
        return top
    recipient = [c for c in top if _RECIPIENT & set(_words(c.header))]
    others = [c for c in top if c not in recipient]
    # each other column names its person ('Customer', 'Donor'); a plain 'Name' beside 'Recipient' is no
    # buyer's: which of the two gets the card stays the person's to say
    if len(recipient) == 1 and all(_BUYER & set(_words(c.header)) for c in others):
        return recipient
    return top


def _side_by_side(columns: list[_Column], fixed: bool = False) -> TwoListsError | None:
    """Two lists side by side on one sheet (an East team's in A-G, a West team's in I-O): a recipient's name
    and street each twice, every column of the left list before every one of the right. The refusal says so:
    "both look like Name ... [columns] name = 'Name (2)'", followed, ordered one list and left the other's
    people out (found by hunter-sheets9). Read from every column, whatever ``[columns]`` fixes (``fixed``): a
    program file mapping the left list's columns left the right one's people out with a notice per column,
    exit 0; and whatever address group each street names: the right list's 'Home Address' beside the left's
    'Address' was refused as 'both look like Name' (hunter-sheets10's leftovers). A shipping or mailing
    street is the same person's other address, not another list's."""
    pairs = {}
    for name in (*sorted(NAME_FIELDS), "address1"):
        visible = [c for c in columns if c.meaning and c.meaning.field == name and not c.hidden]
        visible = [c for c in visible if c.meaning and not c.meaning.preferred]
        if not visible:
            continue
        best = min(c.meaning.rank for c in visible if c.meaning)
        top = sorted(c.position for c in visible if c.meaning and c.meaning.rank == best)
        groups = {c.meaning.qualifier for c in visible if c.meaning}
        if name == "address1" and len(visible) == 2 and not groups & _ELSEWHERE:
            top = sorted(c.position for c in visible)  # 'Address' | 'Home Address': one street each
        if len(top) == 2:  # two columns equally meant: refused below anyway, said as what the sheet is
            pairs[name] = top
    if not (NAME_FIELDS & pairs.keys() and "address1" in pairs):
        return None
    lefts, rights = [p[0] for p in pairs.values()], [p[1] for p in pairs.values()]
    if max(lefts) >= min(rights):
        return None
    start = min(rights)
    if fixed and not _second_list(columns, max(lefts), start):
        return None  # the columns chosen read one person per row: 'Name' | ... | 'Recipient Name' (a giver's)
    before = [c.position for c in columns if c.position < start and c.header.strip()] or lefts
    after = [c.position for c in columns if c.position >= start] or rights
    first = f"{column_letter(min(before))}-{column_letter(max(before))}"
    second = f"{column_letter(start)}-{column_letter(max(after))}"
    chosen = (
        " Choosing one list's columns ([columns] in a program file, or the Columns page) does not settle it: "
        "the other list's people would be left out."
        if fixed
        else ""
    )
    return TwoListsError(
        f"This sheet holds two lists side by side: columns {first} and {second} each have a name and an "
        "address. bulkship reads one list from a sheet and will not guess which one to order from."
        + chosen
        + " "
        "Nothing was read further",
        hint=f"move the rows of columns {second} under the list in columns {first} (the same columns, one "
        "header row), or onto a sheet of their own and run each sheet with --sheet",
    )


def _second_list(columns: list[_Column], left: int, start: int) -> bool:
    """Whether the columns from ``start`` on are a list of their own, not the same row's other person: an
    empty column parts them from the list at ``left``, or each side has its own card columns. A giver's
    'Name' | 'Address' beside the 'Recipient Name' | 'Recipient Address' the cards go to, chosen with
    [columns], is one list (refused since bcbbb62 whatever was chosen, the file could not be sent: found by
    review25)."""
    headed = {c.position for c in columns if c.header.strip()}
    if any(p not in headed for p in range(left + 1, start)):
        return True
    cards = [c.position for c in columns if c.meaning and c.meaning.field in ("product", "value")]
    return any(p < start for p in cards) and any(p >= start for p in cards)


# Address groups that are the same person's other address (deliver here instead), never another list's
_ELSEWHERE = frozenset(q for q, rank in QUALIFIER_RANK.items() if rank <= QUALIFIER_RANK["mailing"])


def _ambiguous(
    name: str, top: list[_Column], contract: SheetContract, program: ProgramSettings
) -> AmbiguousColumnsError:
    first, second = top[0], top[1]
    return AmbiguousColumnsError(
        f"Columns {first.named()} and {second.named()} both look like {contract.title(name)}; bulkship will "
        "not guess which one to order from. Nothing was read further",
        # either: the second was the example, and 'Reward' | 'Reward $' offered the amounts as the card
        hint=f"rename one of the two headers, or choose one with {program.column_line(name, first.letter)} "
        f"(column {first.named()}) or {program.column_line(name, second.letter)} (column {second.named()}), "
        f"{program.where_column_lines_go}",
    )
