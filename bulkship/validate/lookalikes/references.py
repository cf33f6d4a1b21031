"""What identifies a recipient besides name and address: an Employee ID, else an email; and whether a
list's references name people (an Employee ID) or accounts (a Customer ID)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from ...folding import (
    fold_reference,
)
from .. import fewrows
from .columns import _all_text, _text

_EMAIL = "email: "  # an Employee ID never reads so
_ONE_EMAIL = r"[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>]+"


def _references(frame: pd.DataFrame) -> list[str]:
    """What identifies a recipient besides name and address, case-folded: the Employee ID, else the email
    (a form resubmitted with the street corrected, a marketing or CRM export: they carry no employee ID).
    A list of a few rows (..fewrows) is read in plain Python, cell by cell the same way."""
    plainly = _references_plainly(frame)
    if plainly is not None:
        return plainly
    ids = _text(frame, "external_id").map(fold_reference)
    no_id = ids.eq("")
    if not no_id.any():  # every row has its Employee ID
        return ids.tolist()
    emails = _text(frame, "email").str.strip().str.casefold()
    # "N/A", "-" or two addresses in one cell identify no one (they are warnings, not errors, now)
    emails = emails.where(emails.str.fullmatch(_ONE_EMAIL), "")
    return ids.where(~no_id | emails.eq(""), _EMAIL + emails).tolist()


def _references_plainly(frame: pd.DataFrame) -> list[str] | None:
    """:func:`_references` of a list of a few rows whose cells are text; None otherwise."""
    if len(frame) > fewrows.FEW_ROWS:
        return None
    ids, emails = (
        frame[c].tolist() if c in frame.columns else [""] * len(frame) for c in ("external_id", "email")
    )
    if not _all_text((ids, emails)):
        return None
    ids = list(map(fold_reference, ids))
    if all(ids):  # every row has its Employee ID
        return ids
    emails = [e.strip().casefold() for e in emails]
    emails = [e if re.fullmatch(_ONE_EMAIL, e) else "" for e in emails]
    return [i if i or not e else _EMAIL + e for i, e in zip(ids, emails, strict=True)]


def _ids_name_people(candidates: pd.DataFrame) -> bool:
    """Whether the list's references name one person each, not a code many rows share (a campaign "Ref" =
    DM-2026): at least half of them differ. A team or account code over a few rows (found by newcomer8) is
    told apart by the names, which share no word (:meth:`_Keys._one_person`); a stricter share missed the
    same ID under two names in a short list (found by newcomer8 again)."""
    ids = _text(candidates, "external_id").map(fold_reference)
    ids = ids[ids.ne("")]
    return len(ids) > 0 and ids.nunique() >= 0.5 * len(ids)


# A reference column named for something other than a person: a customer's or account's contacts share its ID
# (Jane Doe and John Roe of Acme, C100, at its office were one person: found by review11)
_NOT_PEOPLE = frozenset(
    {"customer", "client", "account", "acct", "company", "organization", "organisation", "org", "business",
     "household", "family", "team", "group", "department", "dept", "store", "location", "site", "branch",
     "office", "order", "campaign", "reference", "ref", "vendor", "partner", "dealer", "school", "sponsor"}
)  # fmt: skip


# A header naming a person's own number wins over those words: "Employee Ref", "Staff Reference", "Employee ID
# (Office)" (found by newcomer9)
_PEOPLE = frozenset(
    {"employee", "emp", "ee", "staff", "worker", "associate", "personnel", "person", "member", "payroll",
     "badge", "recipient"}
)  # fmt: skip


def references_people(column_map: Mapping[str, str]) -> bool:
    """Whether a sheet's reference column (``column_map``: header -> field) may name people, as
    :func:`_names_people` reads its header; True without one."""
    return _names_people(next((h for h, f in column_map.items() if f == "external_id"), ""))


def _names_people(header: str) -> bool:
    """Whether a reference column's header may name people ("Employee ID", "ID", "Employee Ref"), not what
    several people share ("Customer ID", "Account #", "Ref"). A "Team Member ID" is a retailer's employee
    id."""
    words = set(re.findall(r"[a-z]+", header.casefold()))
    return bool(words & _PEOPLE) or not words & _NOT_PEOPLE
