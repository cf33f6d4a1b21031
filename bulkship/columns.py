"""Which column feeds which order field: header recognition, the program's ``[columns]``, and never a guess.

A header is recognised through the aliases of ``schemas/recipients.toml`` (plus ``[aliases]``), also when an
HR system qualifies it: "Home Address Line 1", "Primary Address: City", "Legal First Name", "Preferred Name",
"Employee Name", "Street Address (Home)". The qualifier ranks columns that mean the same field:

* an address comes from one group: shipping > mailing > home > primary/personal/residential/unqualified >
  work. The best group that has an address line 1 gives every address field (or an unqualified column);
  columns of the other groups are listed as not used;
* a *preferred* name fills in over the legal (or plain) name, row by row, where it is not empty;
* a hidden column is never used when a visible one means the same field.

Two columns left for one order field (same rank, both visible) refuse the file: bulkship never picks the
leftmost silently (``strict=False``, for a page that lets the person choose, marks them ambiguous instead).
``[columns]`` in a program file maps a field to a header or a column letter and wins over every guess;
an empty text (``address2 = ""``) says no column feeds the field. Columns nothing reads are listed, with a
warning when their header or values look like a field.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError, MissingColumnsError
from .models import CANONICAL_COLUMNS
from .otherheaders import form_respondent_columns, results_columns
from .program import ProgramSettings
from .schema import SheetContract, header_key
from .sheetscan import column_letter

# Fields that change what is ordered: two columns for one of these refuse the file.
ORDER_FIELDS = frozenset(CANONICAL_COLUMNS) - {"email", "phone"}  # contact details order nothing
# Fields whose own title still wins over a looser alias: a contact detail, and the company printed on the
# parcel (HR exports' "Organization" is a department: "Company" and it ran together before 7cebc05)
_OWN_TITLE_WINS = frozenset({"email", "phone", "company"})
ADDRESS_FIELDS = frozenset({"address1", "address2", "city", "state", "zip", "country"})
NAME_FIELDS = frozenset({"first_name", "last_name", "name"})

# Qualifier words HR systems put around a header, with the rank of the group they name (lower wins).
QUALIFIER_RANK = {
    "shipping": 0,
    "ship": 0,
    "delivery": 0,
    "mailing": 1,
    "home": 2,
    "primary": 3,
    "personal": 3,
    "residential": 3,
    "residence": 3,
    "permanent": 3,
    "current": 3,
    "private": 3,
    "": 3,
    "work": 5,
    "business": 5,
    "office": 5,
}
PREFERRED = frozenset({"preferred", "nickname", "known", "chosen"})
NEUTRAL = frozenset({"legal", "employee", "worker", "associate", "recipient", "member", "person", "staff"})
_FILLER = frozenset({"address", "addr", "to", "as", "of", "the", "s"})  # "Home Address City", "Known As Name"
_FILLER |= {"required", "optional", "mandatory", "req", "opt"}  # a template's marks: "Address (required)"
_FILLER |= {"usd", "dollars", "dollar", "in"}  # the cards' own currency: "Value (USD)", "Amount in dollars"
_FILLER |= {"general", "display", "format", "or"}  # Workday's "Preferred Name in General Display Format"
UNQUALIFIED_RANK = QUALIFIER_RANK[""]


class AmbiguousColumnsError(InputError):
    """Two columns mean the same order field and nothing says which one to use."""


@dataclass(frozen=True)
class HeaderMeaning:
    field: str
    qualifier: str = ""  # the address/contact group ("home", "work"...), "" when none
    preferred: bool = False
    last_first: bool = False  # "Name (Last, First)"
    exact: bool = False  # the field's own title or name ("Product"), not a looser alias ("Card")

    @property
    def rank(self) -> tuple[int, int]:
        """Lower wins: the address group first, then, for a contact detail or the company, the field's own
        title over an alias. Not for what is ordered: "Value" and "Amount", "Name" and "Recipient" are
        two columns one person may have meant either way (a card ordered at the other amount, to the other
        person)."""
        own_title_wins = self.exact and self.field in _OWN_TITLE_WINS
        return QUALIFIER_RANK.get(self.qualifier, UNQUALIFIED_RANK), 0 if own_title_wins else 1


@dataclass(frozen=True)
class ColumnInfo:
    """One header of the sheet and what bulkship does with it (the validation JSON's ``columns``)."""

    header: str
    letter: str
    # the canonical field it feeds; None when unused or ambiguous (a column beside the list that bulkship will
    # not guess about: the field it would give the list, ambiguous until the person chooses)
    field: str | None
    status: str  # "used" | "unused" | "ambiguous"
    hidden: bool = False
    note: str = ""

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "header": self.header,
            "column": self.letter,
            "field": self.field,
            "status": self.status,
        }
        if self.hidden:
            data["hidden"] = True
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class ColumnMapping:
    column_map: dict[str, str]  # header -> canonical field
    preferred: dict[str, str] = field(default_factory=dict)  # canonical field -> header filling in over it
    last_first: set[str] = field(default_factory=set)  # headers whose names read "Last, First"
    suffix: str | None = None  # header of a name suffix column ("Suffix": Jr., III) written after the name
    columns: list[ColumnInfo] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- meaning

_WORDS = re.compile(r"[0-9a-z#]+")


def _words(header: str) -> list[str]:
    words = _WORDS.findall(header.casefold().replace("e-mail", "email"))
    return [w for w in words if w != "s"]  # "Employee's Name"


class HeaderIndex:
    """Header text -> :class:`HeaderMeaning` through one alias index (alias key -> field), remembered."""

    def __init__(self, index: dict[str, str], exact: frozenset[str] = frozenset()) -> None:
        self.index = index
        self.exact = exact  # keys of the fields' own titles and names
        self._seen: dict[str, HeaderMeaning | None] = {}

    def meaning(self, header: str) -> HeaderMeaning | None:
        if header not in self._seen:
            meaning = _resolve(header, self.index)
            if meaning is not None and header_key(header) in self.exact:
                meaning = replace(meaning, exact=True)
            self._seen[header] = meaning
        return self._seen[header]


def own_titles(contract: SheetContract) -> frozenset[str]:
    return frozenset(header_key(k) for spec in contract.columns.values() for k in (spec.title, spec.name))


# What UK and US HR systems call the name a person goes by, with no name word in it (found by newcomer8)
_GOES_BY = (["known", "as"], ["goes", "by"], ["goes", "by", "name"], ["known", "as", "name"])


def _resolve(header: str, index: dict[str, str]) -> HeaderMeaning | None:
    words = _words(header)
    if words in _GOES_BY:
        return HeaderMeaning("name", preferred=True)
    direct = index.get(header_key(header))
    if direct:
        return _qualified(direct, words, False) if direct in ADDRESS_FIELDS else HeaderMeaning(direct)
    last_first = len(words) > 2 and words[-2:] == ["last", "first"]
    if last_first:
        words = words[:-2]
    qualifiers = QUALIFIER_RANK.keys() | PREFERRED | NEUTRAL | _FILLER
    # strip qualifier words from the front and the back, trying the rest at each step
    for start in range(len(words)):
        if start and words[start - 1] not in qualifiers:
            break
        for stop in range(len(words), start, -1):
            if stop < len(words) and words[stop] not in qualifiers:
                break
            if start == 0 and stop == len(words) and not last_first:
                continue  # the whole header was tried above
            found = index.get("".join(words[start:stop]))
            if found:
                around = words[:start] + words[stop:]
                return _qualified(found, around, last_first)
    return None


def _qualified(found: str, around: Sequence[str], last_first: bool) -> HeaderMeaning:
    groups = [w for w in around if w in QUALIFIER_RANK and w]
    qualifier = min(groups, key=QUALIFIER_RANK.__getitem__) if groups else ""
    return HeaderMeaning(
        found,
        qualifier=qualifier,
        preferred=any(w in PREFERRED for w in around) and found in NAME_FIELDS,
        last_first=last_first and found == "name",
    )


def header_score(cells: Sequence[object], headers: HeaderIndex) -> int:
    """How many distinct fields a row of cells names (a header row names at least two)."""
    found = set()
    for cell in cells:
        text = str(cell).strip()
        if text and len(text) <= 80:
            meaning = headers.meaning(text)
            if meaning:
                found.add(meaning.field)
    return len(found)


def closest_headers(cells: Sequence[object], headers: HeaderIndex, contract: SheetContract) -> list[str]:
    """For cells that mean nothing, the known header each is closest to: "'Strasse' (closest: 'Street')"."""
    spellings: dict[str, str] = {}
    for spec in contract.columns.values():
        for alias in (spec.title, *spec.aliases):
            spellings.setdefault(header_key(alias), alias)
    index = headers.index
    for key in index:
        spellings.setdefault(key, key)
    described = []
    for cell in cells:
        text = str(cell).strip()
        if not text or len(text) > 80 or headers.meaning(text):
            continue
        match = difflib.get_close_matches(header_key(text), list(spellings), n=1, cutoff=0.6)
        if match:
            field_title = contract.title(index.get(match[0], ""))
            described.append(f"'{text}' (closest: '{spellings[match[0]]}' for {field_title})")
        else:
            described.append(f"'{text}' (no close match)")
    return described


# ---------------------------------------------------------------------------------------------- mapping


@dataclass
class _Column:
    header: str
    position: int  # 1-based column number in the sheet
    hidden: bool
    meaning: HeaderMeaning | None

    @property
    def letter(self) -> str:
        return column_letter(self.position)

    def named(self) -> str:
        return f"'{self.header}' ({self.letter})"


_LETTERS = re.compile(r"(?:column\s+)?([A-Za-z]{1,3})")


def _fixed(program: ProgramSettings, columns: list[_Column], path: Path) -> dict[str, _Column | None]:
    """``[columns]``: field -> the column it names by header, or by letter ("C", "column C"); None for a
    field the program says no column feeds (an empty text)."""
    by_key: dict[str, _Column] = {}
    for column in columns:
        by_key.setdefault(header_key(column.header), column)
    by_letter = {column.letter: column for column in columns}
    fixed: dict[str, _Column | None] = {}
    where = program.source or "the program settings"
    chosen_for: dict[int, str] = {}
    for canonical, wanted in program.columns.items():
        if not wanted.strip():
            fixed[canonical] = None
            continue
        named = by_key.get(header_key(wanted))
        letters = _LETTERS.fullmatch(wanted.strip())
        if named is None and letters:
            named = by_letter.get(letters.group(1).upper())
        if named is None:
            raise MissingColumnsError(
                f"The program settings map {canonical} to the header '{wanted}', but {path.name} has no such "
                "header (nor column letter); its headers are: " + ", ".join(c.named() for c in columns),
                hint=f"fix [columns] in {where}",
            )
        if id(named) in chosen_for:
            raise InputError(
                f"The program settings read both {chosen_for[id(named)]} and {canonical} from column "
                f"{named.named()}; one column feeds one field",
                hint=f"fix [columns] in {where}",
            )
        chosen_for[id(named)] = canonical
        fixed[canonical] = named
    return fixed


# What a row gets when the program says no column feeds one of these fields
_WITHOUT_A_COLUMN = {
    "quantity": "every row gets 1 card",
    "shipping_method": "every row ships by the standard method",
    "address2": "no parcel gets an apartment, suite or unit",
}


def _left_out_by_program(column: _Column, field: str, title: str, where: str) -> str:
    """A notice for a column that is an order field by its header, left unused because ``[columns]`` says no
    column feeds that field (``quantity = ""``, the way out a refusal offers): a program file read for every
    sheet of its folder would otherwise leave next month's real Quantity column out without a word."""
    if field not in ORDER_FIELDS:
        return ""
    effect = _WITHOUT_A_COLUMN.get(field)
    return (
        f"Column {column.named()} is not used: {where} says no column feeds {title}"
        + (f", so {effect}" if effect else "")
        + f'. To read it, take {field} = "" out of [columns] in {where}.'
    )


def _read_by_letter(
    program: ProgramSettings, fixed: dict[str, _Column | None], contract: SheetContract, where: str
) -> list[str]:
    """A notice for each field ``[columns]`` maps by column letter, naming the header it reads: a letter
    reads whatever this month's export puts there (found by newcomer7: quantity = "H", written when H was
    "Qty", took "Years of Service": 17 cards for 2 people, without a word)."""
    notices = []
    for name, wanted in program.columns.items():
        column = fixed.get(name)
        if column is None or header_key(wanted) == header_key(column.header) or name not in ORDER_FIELDS:
            continue
        notices.append(
            f"{contract.title(name)} is read from column {column.named()}, as {where} names column "
            f"{column.letter}: check that this is the right column for this list."
        )
    return notices


def map_columns(
    headers: Sequence[str],
    positions: Sequence[int],
    hidden_columns: set[int],
    contract: SheetContract,
    program: ProgramSettings,
    path: Path,
    *,
    strict: bool = True,
    repeats: Mapping[str, str] | None = None,
) -> ColumnMapping:
    """Decide which header feeds each field (see the module docstring). Raises AmbiguousColumnsError (only
    when ``strict``: else the columns are marked ambiguous and feed nothing).

    ``repeats``: a header the loader renamed because the sheet repeats it ("ZIP (2)") -> the text it repeats
    ("ZIP"): it means what that text means, so two "ZIP" columns are two columns for one field (never a
    second "Address" read as "Address 2")."""
    index = HeaderIndex(contract.alias_index(program.aliases), own_titles(contract))
    repeats = repeats or {}
    ours = results_columns(headers)
    respondent = form_respondent_columns(headers)
    ours |= respondent
    columns = [
        _Column(h, p, p in hidden_columns, None if h in ours else index.meaning(repeats.get(h, h)))
        for h, p in zip(headers, positions, strict=True)
    ]
    fixed = _fixed(program, columns, path)
    taken = {id(c) for c in fixed.values() if c is not None}
    candidates: dict[str, list[_Column]] = {}
    notes: dict[str, tuple[str, str]] = {}  # header -> (status, note)
    left_out: list[str] = []  # order fields' own columns the program says not to read: said with the plan
    where = program.source or "the program settings"
    for column in columns:
        if column.meaning and id(column) not in taken and column.meaning.field not in fixed:
            candidates.setdefault(column.meaning.field, []).append(column)
        elif column.meaning and id(column) not in taken and fixed.get(column.meaning.field) is None:
            title = contract.title(column.meaning.field)
            notes[column.header] = ("unused", f"{where} says no column feeds {title}")
            left_out.append(_left_out_by_program(column, column.meaning.field, title, where))
        elif column.meaning and id(column) not in taken and column.meaning.field in ORDER_FIELDS:
            chosen = fixed[column.meaning.field]
            assert chosen is not None
            title = contract.title(column.meaning.field)
            # a program file found beside the sheet, made for another list, reads another column: say which
            # (found by newcomer7: 'Budget' read as the card value, the list's own 'Amount' left unused)
            left_out.append(
                f"Column {column.named()} is not used: {where} reads {title} from {chosen.named()}. To read "
                f'it, map it with [columns] {column.meaning.field} = "{column.header}" in {where}.'
            )
    mapping = ColumnMapping(column_map={c.header: f for f, c in fixed.items() if c is not None})
    left_out += _read_by_letter(program, fixed, contract, where)
    mapping.notices += [notice for notice in left_out if notice]
    said = respondent - set(mapping.column_map)  # [columns] reads one on purpose: a form people answered
    for header in said:  # for themselves (found by review10)
        notes.setdefault(header, ("unused", "who answered the form (Microsoft Forms), not the recipient"))
    if said:
        name = next((h for h in sorted(said) if header_key(h) == "name"), None)
        mapping.notices.append(
            f"This is a Microsoft Forms export: {', '.join(repr(h) for h in sorted(said))} say who "
            "answered the form, not who receives the gift; they are not read as the order."
            + (
                f" If each person answered for themselves, read {name!r} as the recipient's name with "
                f'[columns] name = "{name}" in {program.source or "a program file (--config)"}.'
                if name
                else ""
            )
        )
    for header in ours - respondent:
        notes.setdefault(header, ("unused", "bulkship's result column: not read as the order"))
    if ours - respondent:
        mapping.notices.append(
            "This sheet carries bulkship's result columns (PO Number, Order ID, Face value...): they are not "
            "read as the order. Face value is a row's cards times their value, not one card's value."
        )
    _choose_address_group(candidates, notes)
    for name, found in candidates.items():
        _choose(name, found, mapping, notes, contract, program, strict)
    overlays = {header: name for name, header in mapping.preferred.items()}
    mapping.suffix = _name_suffix(columns, mapping)
    for column in columns:
        feeds = mapping.column_map.get(column.header) or overlays.get(column.header)
        status, note = notes.get(column.header, ("used" if feeds else "unused", ""))
        if column.header in overlays:
            note = note or "preferred name: used where filled in, else the legal name"
        if column.header == mapping.suffix:
            status, note = "used", "name suffix (Jr., III): written after the name"
        mapping.columns.append(ColumnInfo(column.header, column.letter, feeds, status, column.hidden, note))
    for column in columns:
        feeds = mapping.column_map.get(column.header)
        if column.hidden and feeds:
            mapping.notices.append(
                f"{contract.title(feeds)} is read from the hidden column {column.named()}: "
                "no visible column has that meaning."
            )
    return mapping


_SUFFIX_WORDS = (["suffix"], ["generation"], ["jr", "sr"])
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


def _choose_address_group(candidates: dict[str, list[_Column]], notes: dict[str, tuple[str, str]]) -> None:
    """Every address field from one group: the best-ranked group holding an address line 1."""
    lines = [c for c in candidates.get("address1", []) if c.meaning]
    if not lines:
        return
    visible = [c for c in lines if not c.hidden] or lines
    best = min(c.meaning.rank[0] for c in visible if c.meaning)
    groups = {c.meaning.qualifier for c in visible if c.meaning and c.meaning.rank[0] == best}
    chosen = next(iter(groups)) if len(groups) == 1 else None
    if chosen is None:
        return  # two groups of one rank: the address line itself is ambiguous, said below
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


def _choose(
    name: str,
    found: list[_Column],
    mapping: ColumnMapping,
    notes: dict[str, tuple[str, str]],
    contract: SheetContract,
    program: ProgramSettings,
    strict: bool = True,
) -> None:
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
        if overlay and base:
            _one(name, overlay, mapping, notes, contract, program, preferred=True, strict=strict)
            pool = base
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
    top = [c for c in pool if c.meaning and c.meaning.rank == best]
    for column in pool:
        if column not in top:
            notes[column.header] = ("unused", f"{top[0].named()} is used for {contract.title(name)}")
    if len(top) > 1:
        if name in ORDER_FIELDS and strict:
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


def _ambiguous(
    name: str, top: list[_Column], contract: SheetContract, program: ProgramSettings
) -> AmbiguousColumnsError:
    first, second = top[0], top[1]
    where = program.source or "a program file (--config)"
    return AmbiguousColumnsError(
        f"Columns {first.named()} and {second.named()} both look like {contract.title(name)}; bulkship will "
        "not guess which one to order from. Nothing was read further",
        hint=f"rename one of the two headers, or choose one in {where}: [columns] {name} = "
        f'"{second.header}" (or {name} = "{second.letter}")',
    )


# ---------------------------------------------------------------------------------------------- for a person


@dataclass(frozen=True)
class FieldChoice:
    """One order field as a person sees it in a mapping: where it comes from."""

    field: str
    title: str
    header: str | None  # the column feeding it; None when none does
    required: bool
    default: str  # what a row gets when no column feeds it ("" when nothing)
    built_from: tuple[str, ...] = ()  # the columns it is made of when none feeds it (Name: first + last)


@dataclass(frozen=True)
class ColumnsReport:
    """What :func:`bulkship.api.detect_columns` shows: every header with what it feeds and a few of its
    values, every field with where it comes from, and whether the mapping can be used as it is."""

    header_row: int
    sheet_name: str | None
    columns: tuple[ColumnInfo, ...]
    samples: dict[str, tuple[str, ...]]  # header -> a few of its filled-in values
    fields: tuple[FieldChoice, ...]
    notices: tuple[str, ...]
    headers: tuple[str, ...]

    @property
    def ambiguous(self) -> list[ColumnInfo]:
        return [c for c in self.columns if c.status == "ambiguous"]

    @property
    def missing(self) -> list[FieldChoice]:
        """Required fields no column feeds and nothing fills in."""
        return [f for f in self.fields if f.required and f.header is None and not (f.default or f.built_from)]


def describe_fields(
    column_map: dict[str, str], contract: SheetContract, defaults: dict[str, str]
) -> tuple[FieldChoice, ...]:
    fed = {canonical: header for header, canonical in column_map.items()}
    # the loader builds a missing Name from First Name + Last Name
    parts = tuple(fed[part] for part in ("first_name", "last_name") if part in fed)
    return tuple(
        FieldChoice(name, spec.title, fed.get(name), spec.required, defaults.get(name, ""))
        if name != "name"
        else FieldChoice(name, spec.title, fed.get(name), spec.required, "", parts)
        for name, spec in contract.columns.items()
    )


UNDECIDED = "?"  # the Columns page's "— choose —" for a column beside the list: no choice made yet


def remap(report: ColumnsReport, chosen: dict[str, str], before: dict[str, str]) -> dict[str, str]:
    """The ``[columns]`` mapping that makes each header feed the field a person chose for it ("" for none),
    starting from ``before`` (the mapping ``report`` was made with). Only changed choices count: every other
    column keeps its guess, and a column whose field another column now feeds is left unused. Raises
    InputError for an unknown field, or for two columns newly chosen for one field."""
    shown = {c.header: (c.field or "") if c.status == "used" else "" for c in report.columns}
    # a column beside the list that would give it a field (bulkship.load.besides): "not used" is a choice too
    undecided = {c.header: c.field for c in report.columns if c.status == "ambiguous" and c.field}
    changed = {
        h: name
        for h, name in chosen.items()
        if h in shown and name != UNDECIDED and (shown[h] != name or h in undecided)
    }
    taken: dict[str, str] = {}
    for header, name in changed.items():
        if not name:
            continue
        if name not in CANONICAL_COLUMNS:
            raise InputError(f"'{name}' is not a field bulkship knows")
        if name in taken:
            raise InputError(
                f"Columns '{taken[name]}' and '{header}' were both chosen for {name}: one field reads one "
                "column",
                hint="choose one of them, and leave the other not used",
            )
        taken[name] = header
    result = dict(before)
    for header, name in changed.items():
        old = shown[header] or undecided.get(header) or ""
        if name:
            result[name] = header
        elif old and old not in taken and result.get(old) in (None, header):
            result[old] = ""  # this column must not feed its field, and no other column was chosen for it
    return result
