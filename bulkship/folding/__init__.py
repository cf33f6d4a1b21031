"""One recipient written two ways is still one recipient: names and streets folded for comparison.

People and the systems they export from spell the same person differently: ``O'Brien`` / ``O’Brien``,
``Lopez, Maria`` / ``Ms. Maria J. Lopez``, ``12 Beacon Street`` / ``12 Beacon St., Boston``, with or without
``Apt 3``. Repeat and duplicate checks compare these folded forms, never what is sent: the vendor gets the
row as validated.

Folding leans towards "the same person": a row held by mistake is shown with the reason and sent with one
word (Allow Duplicate, ``--allow-repeat``), while a second card is money gone. So a name keeps its first
and last words (no title, middle name or degree; "Jr." and "III" do tell two people apart), and a street
keeps the house number and street, not the apartment or floor, nor a city written after a comma.

The package, one concern a module: :mod:`.words` (the text folded first: accents, case, punctuation),
:mod:`.names` (a person's name), :mod:`.references` (an Employee ID or other reference), :mod:`.streets` (a
street and its unit).
"""

from __future__ import annotations

from .names import (
    _fold_person,
    fold_person,
    fold_person_loosely,
    full_given_name,
    middle_names,
    name_words,
    same_middle,
)
from .references import fold_reference, no_reference
from .streets import fold_address, fold_unit, same_unit, street_without_type
from .words import FOLDED_KEPT, searchable

__all__ = [
    "FOLDED_KEPT",
    "_fold_person",
    "fold_address",
    "fold_person",
    "fold_person_loosely",
    "fold_reference",
    "fold_unit",
    "full_given_name",
    "middle_names",
    "name_words",
    "no_reference",
    "same_middle",
    "same_unit",
    "searchable",
    "street_without_type",
]
