"""Whether two names may be one person's written two ways ("Jon Smith" / "John Smith"): read by the lookalike
warnings of a list and by the repeats of an earlier batch."""

from __future__ import annotations


def names_alike(one: str, other: str) -> bool:
    """Two folded names (:func:`~bulkship.folding.fold_person`: two words) with one word the same and the
    other one typo or two apart, or its initial: "Jon Smith" / "John Smith", "Katherine Lee" / "Kathrine
    Lee", "Ann Smith" / "Ann Smyth", "M. Lopez" / "Maria Lopez"."""
    a, b = one.split(), other.split()
    if len(a) != 2 or len(b) != 2 or one == other:
        return False
    # the folded words are in the order of the letters ('soprano tony', 'anthony soprano'): any word shared
    for i, j in ((0, 0), (1, 1), (0, 1), (1, 0)):
        if a[i] != b[j]:
            continue
        other_a, other_b = a[1 - i], b[1 - j]
        short, full = sorted((other_a, other_b), key=len)
        if len(short) == 1 and full.startswith(short):  # "M. Lopez" / "Maria Lopez" (found by hunter-sheets)
            return True
        if _short_form_of(short, full):  # "Chris" / "Christopher", "Tony" / "Anthony" (found by newcomer3)
            return True
        if min(len(other_a), len(other_b)) >= 3:
            return _within(other_a, other_b, _typos_allowed(short))
    return False


def _typos_allowed(short: str) -> int:
    """Two typos in a word of five letters or more ("Micheal" / "Michael", "Steven" / "Stephen"), one in a
    shorter one: two of a four-letter name's letters are another name, "Hana" / "Yara", "Lena" / "Nina" (a new
    hire at a leaver's address was held as an edit of the leaver's row: found by the lead's fuzzing)."""
    return 2 if len(short) >= 5 else 1


# Short forms folding leaves alone, being a man's and a woman's (bulkship.folding: twins Alexander and
# Alexandra stay two people), or not starting their name: one person written two ways is only asked about
_SHORT_FORMS = {
    "tony": ("anthony", "antonia", "antonio"), "sandy": ("sandra", "alexander", "alexandra"),
    "charlie": ("charles", "charlotte"), "andy": ("andrew", "andrea"), "nicky": ("nicholas", "nicole"),
    "danny": ("daniel", "danielle"), "ronnie": ("ronald", "veronica"), "freddie": ("frederick", "frederica"),
    "joey": ("joseph", "josephine"), "robbie": ("robert", "roberta"), "ted": ("theodore", "edward"),
    "teddy": ("theodore", "edward"), "drew": ("andrew",), "jamie": ("james", "jameson"),
    "bill": ("william",), "peggy": ("margaret",), "dick": ("richard",),
}  # fmt: skip


def _short_form_of(short: str, full: str) -> bool:
    """``short`` may be ``full`` said short: its first three letters or more ("Chris" / "Christopher", "Gus"
    / "Gustavo", "Alex" / "Alexander"), or a short form that is no start of it ("Tony" / "Anthony")."""
    return (
        len(short) >= 3 and len(full) > len(short) and full.startswith(short)
    ) or full in _SHORT_FORMS.get(short, ())


def _within(one: str, other: str, most: int) -> bool:
    """Edit distance of at most ``most``, two letters swapped counting as one typo ("Jonh" / "John"): short
    words, a row each."""
    if abs(len(one) - len(other)) > most:
        return False
    before: list[int] = []
    previous = list(range(len(other) + 1))
    for i, char in enumerate(one, start=1):
        current = [i]
        for j, theirs in enumerate(other, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != theirs))
            if i > 1 and j > 1 and char == other[j - 2] and one[i - 2] == theirs:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > most and min(previous) > most:
            return False
        before, previous = previous, current
    return previous[-1] <= most
