"""The name a parcel shows: a suffix column written after it, a one-word name given its family name, a
placeholder ("N/A", "Self") no name at all, and a name that belongs to another person than the row's."""

from __future__ import annotations

import re

import pandas as pd

from ..models import LoadedSheet
from . import normalize, rules
from .collect import ProblemCollector


def _one_holding_both(first: pd.Series, last: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rows whose First Name cell holds the whole name, its last words the Last Name ('Ann Lee' | 'Lee'),
    and rows whose Last Name cell does, its first words the First Name ('Bob' | 'Bob Ray'): joined, the
    parcel read 'Ann Lee Lee'. Compared word by word, case-folded; one name in both ('Lee' | 'Lee') is a
    name as written."""
    spaced = first.str.contains(" ", regex=False) | last.str.contains(" ", regex=False)
    in_first, in_last = [False] * len(first), [False] * len(first)
    if spaced.any():  # the usual list: no cell to look at, found at C speed
        where = spaced.to_numpy().nonzero()[0]
        for position, given, family in zip(where, first[spaced].tolist(), last[spaced].tolist(), strict=True):
            words, family_words = given.casefold().split(), family.casefold().split()
            if not words or not family_words or words == family_words:
                continue
            in_first[position] = (
                len(words) > len(family_words) and words[-len(family_words) :] == family_words
            )
            in_last[position] = len(family_words) > len(words) and family_words[: len(words)] == words
    return pd.Series(in_first, index=first.index), pd.Series(in_last, index=first.index)


def _with_suffix(names: pd.Series, suffix: pd.Series) -> pd.Series:
    """ "John Smith" + "Jr." -> "John Smith Jr.", where the name is given and does not end with it already."""
    names = names.astype(str)
    key = suffix.str.casefold().str.rstrip(".")
    ends = pd.Series(
        [f" {n.casefold().rstrip('. ')}".endswith(f" {k}") for n, k in zip(names, key, strict=True)],
        index=names.index,
    )
    add = suffix.ne("") & names.str.strip().ne("") & ~ends
    return names.where(~add, names.str.rstrip() + " " + suffix)


def _with_last_name(name: pd.Series, last_name: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A one-word name ("Kate", a Preferred Name column of first names) on a row that has a Last Name:
    the parcel reads "Kate Lee", not "Kate". Also returns which rows changed."""
    one_word = name.ne("") & ~name.str.contains(" ", regex=False)  # names are trimmed, spaces single
    if not one_word.any():  # the usual list: nothing to look at, found at C speed
        return name, one_word
    one_word[one_word] = ~_placeholders(name[one_word])  # "N/A Lee" would pass the placeholder check
    return _given_with_family(name, one_word, last_name.str.strip())


_NUMBER_IN_BRACKETS = r"\s*[(\[]\s*#?[A-Za-z]{0,3}-?\d[\d-]*\s*[)\]]\s*$"  # "(100234)", "[E-1001]"
# Workday's "Worker" = "Tom Reed (On Leave)": the display name says the worker is on leave, which a leave
# never stops (a card still goes), and which is no part of the name on a parcel (found by newcomer9: the
# parcel read "Tom Reed (On Leave)")
# ... and a leave of any kind, or until a day ('Ann Lee (maternity leave)', 'Bo Chen (on medical leave)', 'Cy
# Diaz [LOA until 1/15]', 'Di Evans (sabbatical)': found by hunter-sheets20, left for hunter-sheets21, each
# parcel printed with it)
_KIND_OF_LEAVE = (
    r"(?:(?:paid|unpaid|maternity|mat|paternity|pat|parental|medical|sick|disability|family|fmla|military|"
    r"administrative|admin|bereavement|personal|std|ltd|garden|extended|(?:short|long)[\s-]term(?:\s+disability)?)"
    r"\s+)*"
)
_LEAVE_IN_BRACKETS = re.compile(
    r"(?i)\s*[(\[]\s*(?:on\s+)?(?:" + _KIND_OF_LEAVE + r"(?:leave(?:\s+of\s+absence)?|loa)|sabbatical|fmla)"
    r"(?:\s*[-–—:,]?\s*(?:until|till|thru|through|to|back|returns?|returning|ends?)\b[^()\[\]]*)?\s*[)\]]\s*$"
)
# Another remark in brackets at a name's end, not a name itself ('(VIP)', '(husband)', '(he/him)', '(new
# address)', '[manager]'): printed on the parcel as written, without a word (found by hunter-sheets20, left
# for hunter-sheets21): a warning. Not a nickname or a maiden name, one or two capitalised words ('(Bob)',
# '(Bobby-Jo)', '(Mary Ann)', '(Smith)')
_A_NAME = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*\.?"
_REMARK_AT_END = re.compile(
    rf"\s[(\[]\s*(?!{_A_NAME}(?:\s+{_A_NAME})?\s*[)\]])[^()\[\]]*\S[^()\[\]]*[)\]]\s*$"
)


def remark_at_end(names: pd.Series) -> pd.Series:
    """The names ending in a remark in brackets (:data:`_REMARK_AT_END`)."""
    bracketed = names.str.endswith((")", "]"))
    found = pd.Series(False, index=names.index)
    if bracketed.any():
        found[bracketed] = names[bracketed].str.contains(_REMARK_AT_END)
    return found


def without_leave(names: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Names with a leave in brackets at their end ("Tom Reed (On Leave)") without it, and which rows
    changed. Only names ending in a bracket are looked at: the usual list, none."""
    bracketed = names.str.endswith((")", "]"))
    changed = pd.Series(False, index=names.index)
    if not bracketed.any():
        return names, changed
    cut = names[bracketed].map(lambda name: _LEAVE_IN_BRACKETS.sub("", name))
    changed[bracketed] = cut.ne(names[bracketed]) & cut.ne("")
    return names.where(~changed, cut.reindex(names.index)), changed


def _placeholders(names: pd.Series) -> pd.Series:
    """Names that only hold a placeholder ("N/A", "-", "TBD") or say who the gift is for ("Self")."""
    return normalize.by_unique(
        names,
        lambda c: (
            normalize.fullmatch_mask(c, rules.PLACEHOLDER)
            | normalize.fullmatch_mask(c, rules.RELATION)
            | normalize.fullmatch_mask(c, rules.PLACE)  # "Ship To" = Home (found by newcomer8)
        ),
    )


def _names_another(names: pd.Series, first: pd.Series, last: pd.Series) -> pd.Series:
    """Names holding neither the row's first nor its last name ("Maria Lopez (E1001)" on Raj Patel's row,
    "Front Desk" for Ann Lee: found by newcomer8), compared word by word as folded."""
    from ..folding import name_words

    return pd.Series(
        [
            not (name_words(name) & (name_words(first[i]) | name_words(last[i])))
            for i, name in zip(names.index, names.tolist(), strict=True)
        ],
        index=names.index,
    )


def _given_with_family(
    given: pd.Series, one_word: pd.Series, family: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """``given`` followed by ``family`` where it is one word (``one_word``) and the family name is known and
    not that word itself; and which rows changed."""
    add = one_word & family.ne("") & given.str.casefold().ne(family.str.casefold())
    return given.where(~add, given + " " + family), add


def _with_family_name(
    preferred: pd.Series, sheet: LoadedSheet, by_canonical: dict[str, str], legal: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """A preferred name of one word ("Kate": HR systems often keep only the first name there) with the
    family name the row has, from Last Name or the legal name (:func:`_family_of`): the parcel reads "Kate
    Lee", not "Kate" (found by newcomer6). Also returns which rows changed."""
    given = preferred.astype(str).str.strip()
    one_word = given.ne("") & ~given.str.contains(r"\s", regex=True)  # not cleaned yet: any white space
    if one_word.any():
        one_word[one_word] = ~_placeholders(given[one_word])
    if "last_name" in by_canonical:
        family = sheet.frame[by_canonical["last_name"]].fillna("").astype(str).str.strip()
    else:  # "Katherine Lee", "Lee, Katherine" written last name first, "Robert Smith Jr."
        family = pd.Series("", index=legal.index, dtype=object)
        family[one_word] = legal[one_word].astype(str).map(_family_of)
    named, add = _given_with_family(given, one_word, family)
    return preferred.where(~add, named), add


# A word after a family name that is no family name itself: "Robert Smith Jr." is Bob Smith Jr., not Bob Jr.
_NAME_SUFFIX = re.compile(r"(?i)^(?:jr|sr|ii|iii|iv|v|phd|md|dds|esq)\.?$")


def _family_of(legal: str) -> str:
    """The family name in a legal name: 'Lee' in 'Katherine Lee' and in 'Lee, Katherine'; 'Smith Jr.' in
    'Robert Smith Jr.' and in 'Robert Smith, Jr.' (a comma before a suffix is no 'Last, First'); "" when
    the legal name shows none."""
    before, comma, after = legal.partition(",")
    if comma and before.strip() and not _NAME_SUFFIX.match(after.strip()):
        return before.strip()
    words = legal.replace(",", " ").split()
    if words and _NAME_SUFFIX.match(words[-1]):
        return " ".join(words[-2:]) if len(words) >= 3 else ""
    return words[-1] if len(words) >= 2 else ""


def _say_family_added(sheet: LoadedSheet, collector: ProblemCollector, added: pd.Series) -> None:
    """A warning on each row whose one-word preferred name went out with the row's family name: the name
    sent is not one the sheet holds."""
    header = sheet.preferred.get("name")
    if header is None or not added.any():
        return
    given = sheet.frame[header].fillna("").astype(str).str.strip()
    collector.warn(
        added,
        "name",
        "Last name added",
        "'{given}' ({preferred}) is one word: sent as {new}, with the family name of its row.",
        extra={"given": given, "preferred": pd.Series(header, index=given.index)},  # a header may hold "{"
    )


def preferred_in_parts(frame: pd.DataFrame, sheet: LoadedSheet) -> pd.Series:
    """Workday's 'Preferred Name - First Name' and '- Last Name' beside 'Worker', the legal name whole: the
    parcel carries the preferred name, as it does from a 'Preferred Name' of the whole name (the legal
    name went out: found by hunter-sheets25, left for hunter-sheets26). ``frame``'s First and Last Name are
    the preferred ones where filled in; the part not given is the legal name's, its suffix kept ('Robert
    Smith Jr.' with 'Bob': Bob Smith Jr.); a legal name whose family name is not known ('Cher') stays.
    Changes ``frame``'s names; returns the legal names replaced ("" elsewhere): what the fingerprint reads,
    as before, so a batch sent then is the same rows now."""
    legal = pd.Series("", index=frame.index, dtype=object)
    parts = [sheet.preferred[c] for c in ("first_name", "last_name") if c in sheet.preferred]
    if not parts or "name" in sheet.preferred or "name" not in sheet.column_map.values():
        return legal
    filled = pd.Series(False, index=frame.index)
    for header in parts:
        given = sheet.frame[header].fillna("").astype(str).str.strip()
        filled |= given.ne("") & ~_placeholders(given)
    filled &= frame["name"].ne("")
    if not filled.any() or not _one_person(sheet, parts):
        return legal
    legal_parts = [sheet.frame[h] for h, f in sheet.column_map.items() if f in ("first_name", "last_name")]
    names = frame["name"].copy()
    for i in filled[filled].index:
        whole = str(names[i])
        if not _names_the_parts(whole, [str(part[i]) for part in legal_parts]):
            continue  # 'Recipient Name' = Jane Doe beside the employee's own names: another person
        family_legal = _family_of(whole)
        family = str(frame.at[i, "last_name"]) or family_legal
        given = str(frame.at[i, "first_name"])
        if not given and family_legal and whole.casefold().endswith(family_legal.casefold()):
            given = whole[: len(whole) - len(family_legal)].strip()
        if not given or not family:
            continue
        suffix = family_legal.split()[-1] if family_legal else ""
        if _NAME_SUFFIX.match(suffix) and not _NAME_SUFFIX.match(family.split()[-1]):
            family = f"{family} {suffix}"
        composed = " ".join(f"{given} {family}".split())
        if composed.casefold() != whole.casefold():
            names[i], legal[i] = composed, whole
    frame["name"] = names
    return legal


def _one_person(sheet: LoadedSheet, parts: list[str]) -> bool:
    """Whether the preferred parts' headers name no other person than the name column's ('Preferred First
    Name' beside 'Worker'; not 'Employee Preferred First Name' beside 'Recipient Name', a spouse's)."""
    from ..columns.meaning import _words

    header = next(h for h, f in sheet.column_map.items() if f == "name")
    own = set(_words(header))
    plain = {
        "preferred",
        "nickname",
        "chosen",
        "known",
        "as",
        "first",
        "last",
        "given",
        "family",
        "name",
        "middle",
    }
    return all(set(_words(part)) - plain <= own for part in parts)


def _names_the_parts(whole: str, parts: list[str]) -> bool:
    """Whether the legal whole name holds the row's legal First and Last Name (where the list gives them):
    the same person, written whole."""
    from ..folding import name_words

    words = name_words(whole)
    return all(not name_words(part) or name_words(part) & words for part in parts)
