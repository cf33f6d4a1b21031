"""A First or Last Name holding only a placeholder: the name sent is made of them (rules.addresses checks the
name, street and city themselves)."""

from __future__ import annotations

import pandas as pd

from ..collect import ProblemCollector
from ..normalize import by_unique, fullmatch_mask

# 'Na' (and 'NA', as exports capitalise) is a family and a given name (Korean 나): Jin Na's row was refused
# as a placeholder, and nothing typed could send it (found by review39); 'N/A', 'n.a.' are still none
_A_NAME_TOO = r"(?i)\s*na\s*"


def check_name_parts(frame: pd.DataFrame, collector: ProblemCollector, placeholder: str) -> None:
    """A First or Last Name only holding a placeholder ('TBD', 'Info Requested') in the name sent: the parcel
    went to 'TBD TBD', 'Ann TBD', exit 0 (found by hunter-sheets24). ``placeholder``: what a name or street
    may not be (``addresses.PLACEHOLDER``). Not one letter (Malcolm X), nor a name a placeholder's letters
    spell (:data:`_A_NAME_TOO`)."""
    for column in ("first_name", "last_name"):
        part = frame[column]  # (always there: empty where the sheet has no such column)
        said = part.str.len().gt(1) & by_unique(
            part,
            lambda c: fullmatch_mask(c, placeholder) & ~fullmatch_mask(c, _A_NAME_TOO),
        )
        if said.any():
            said[said] = [p.strip() in n for p, n in zip(part[said], frame["name"][said], strict=True)]
        collector.error(
            said & ~collector.has_error("name") & ~collector.has_error(column),
            column,
            "Placeholder instead of an address",
            "'{old}' is a placeholder, not a name: the parcel would be addressed to it. Fill in the "
            "recipient's real name, or leave the row out until it is known.",
        )
