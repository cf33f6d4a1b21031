"""The look-alike checks leave out, before their per-row work, the rows that cannot meet another (what made a
million rows take 2.3 GB). Leaving them out must never change what is found: a row left out that repeats
another would be a second card."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from bulkship.folding import fold_address, fold_person
from bulkship.models import ROW
from bulkship.namealike import names_alike
from bulkship.validate.lookalikes.columns import _SEP
from bulkship.validate.lookalikes.keys import _Keys, may_meet
from bulkship.validate.lookalikes.secondgifts import _names_written_two_ways

# few values each, written alike: most lists have rows that meet and rows that do not
NAMES = ["ann lee", "anne lee", "a lee", "ann leigh", "bob ray", "bob ray jr", "lee", ""]
STREETS = ["12 beacon st", "12 beacon", "12 beacon ave", "9 elm rd", "9 elm"]
REFERENCES = ["", "e1", "e2", "email: ann@example.com"]
CARDS = [f"AMZ{_SEP}25", f"AMZ{_SEP}50", f"CVS{_SEP}25"]

rows = st.lists(
    st.tuples(
        st.sampled_from(NAMES),
        st.sampled_from(STREETS),
        st.sampled_from(["", "3", "4"]),
        st.sampled_from(["02134", "10001"]),
        st.sampled_from(CARDS),
        st.sampled_from(REFERENCES),
        st.booleans(),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(rows, st.booleans())
def test_every_row_that_repeats_another_is_among_those_that_meet_one(listed, ids_name_people):
    names, streets, units, zips, cards, references, allowed = (list(c) for c in zip(*listed, strict=True))
    keys = _Keys(
        names,
        streets,
        units,
        zips,
        cards,
        references,
        [str(i) for i in range(len(listed))],  # each row its own fingerprint: none is an exact duplicate
        [not a for a in allowed],
        ids_name_people,
        [() for _ in listed],
    )
    meets = may_meet(names, streets, zips, cards, references, ids_name_people)
    for found in keys.repeats(range(len(listed))):
        for row, first in found.items():
            assert meets[row] and meets[first], (row, first, listed)


people = st.lists(
    st.tuples(
        st.sampled_from(
            ["Ann Lee", "Anne Lee", "A. Lee", "Ann Leigh", "Jon Smith", "John Smith", "Cher", ""]
        ),
        st.sampled_from(["12 Beacon St", "12 Beacon Street", "9 Elm Rd"]),
        st.sampled_from(["02134", "10001"]),
        st.sampled_from(["AMZ", "CVS"]),
    ),
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(people)
def test_names_written_two_ways_finds_what_comparing_every_earlier_row_finds(listed):
    frame = pd.DataFrame(
        {
            "name": [p[0] for p in listed],
            "address1": [p[1] for p in listed],
            "address2": "",
            "zip": [p[2] for p in listed],
            "product": [p[3] for p in listed],
            "value": "25",
            ROW: range(2, len(listed) + 2),
        },
        index=range(2, len(listed) + 2),
    )
    expected = {}
    for position, (name, street, zip_code, card) in enumerate(listed):
        for earlier in listed[:position]:
            same_place = (fold_address(street, ""), zip_code, card) == (
                fold_address(earlier[1], ""),
                *earlier[2:],
            )
            if same_place and names_alike(fold_person(earlier[0]), fold_person(name)):
                expected[position + 2] = listed.index(earlier) + 2
                break
    assert _names_written_two_ways(frame) == expected
