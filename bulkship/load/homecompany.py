"""A Company column beside home addresses: an HR export's 'Company' is the employer (Workday's legal entity,
'Acme Corp US'), an Outlook or CRM contact's the person's workplace, while the card goes to the person's
'Home Address Line 1' / 'Home Street'. The company was printed on every home parcel, on line 2 before the
apartment ('Acme Corp US, Apt 3'), nothing said (found by hunter-sheets32, beside hunter-sheets31's
leftover 2). It is no part of a home's address: set aside, said once, and read if a program file maps it."""

from __future__ import annotations

import pandas as pd

from ..columns import ColumnMapping, _words
from ..program import ProgramSettings
from .doubtful import _header_of, _unmap

# the words of a street's header saying it is the person's home ('Home Address Line 1', 'Personal Street')
_HOME = frozenset({"home", "personal", "residential", "residence", "private"})
# ... not one naming a workplace beside it ('Shipping Address (home or office)', 'Home/Work Address'): a row
# there may be an office, whose parcel went without its company (found by review58 checking ab09ff02)
_WORKPLACE = frozenset({"office", "work", "business", "company", "workplace", "employer"})


def set_aside_company_at_home(
    mapping: ColumnMapping, body: pd.DataFrame, program: ProgramSettings
) -> list[str]:
    """Unmap (in ``mapping``) the Company column where the street read is a home address's by its header;
    the notice saying so. ``body``: unused, as the other set-asides take it."""
    del body
    if "company" in program.columns:
        return []
    company, street = _header_of(mapping, "company"), _header_of(mapping, "address1")
    words = set(_words(street)) if street is not None else set()
    if company is None or not _HOME & words or _WORKPLACE & words:
        return []
    letter = _unmap(mapping, company, f"the cards go to home addresses ('{street}'): no company printed")
    source = program.source or "a program file (--config)"
    return [
        f"Column '{company}' ({letter}) is not printed on the parcels: the cards go to home addresses "
        f"('{street}'), where a company line is no part of the address. If it belongs on them, map it "
        f'with [columns] company = "{company}" in {source}.'
    ]
