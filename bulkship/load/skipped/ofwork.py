"""The words naming a line of work after 'Deceased', 'Terminated' or 'Fired': a job title, a department or a
section of a staff list ('Deceased Estates Officer', 'Deceased Accounts Specialist', 'Deceased Customer Team
Lead': a bank's or an insurer's bereavement team; 'Terminated Policies Analyst', 'Fired Heater Technician')
names the work, not the person (found by review36: each row was left out, a colleague withheld). Read by
:mod:`.stray` (a column of something else) and :mod:`.headings` (a heading over a section of the list).

Only where the words can be a job's: in a column naming the work (:func:`names_work`: 'Job Title',
'Department', 'Team'...), and a heading only in a list of staff (:func:`lists_staff`: such a column, or staff
ids, hire dates). A customer list's 'Account Type' = 'Deceased accounts', or a credit union's heading
'Deceased accounts' over its members, names the dead (found by review37 after d4863bbb: each was sent).

What the work is about right after the word (estates, claims, care, transport...), or whose it is (a
customer's, a patient's) and then a unit or a role. Not a person's own role after it ('Terminated Sales
Manager', 'Deceased Manager'), nor the people ('Terminated Employees', 'Deceased member'), nor words saying
when or by whom ('Deceased per HR team'), nor a word after a sign ('Deceased - team informed'): each still
leaves the row out."""

from __future__ import annotations

import re
from collections.abc import Iterable

_FIELD = (
    r"estates|accounts|claims|affairs|policies|care|transfers?|transport|removals?|notifications?|services?|"
    r"servicing|support|processing|administration|operations|ops|teams?|units?|desk|dept|department|section|"
    r"division|office|casework|records|registry|payments|benefits|settlements?|probate|bereavement|contracts|"
    r"heaters?|goods|ware|pottery"
)
_WHOSE = r"customers?|clients?|patients?|members?|account|estate|policy|cases?|contract"
_ROLE = (
    r"officers?|specialists?|administrators?|co-?ordinators?|analysts?|associates?|managers?|leads?|"
    r"supervisors?|clerks?|handlers?|caseworkers?|advis[eo]rs?|consultants?|executives?|representatives?|reps?|"
    r"agents?|paralegals?|lawyers?|attorneys?|solicitors?|counsel|technicians?|techs?|operators?|processors?|"
    r"liaisons?|directors?|drivers?|reviewers?|examiners?|assistants?|investigators?|auditors?|planners?|"
    r"counsell?ors?|groups?"
)
# what was terminated, the heading ending there ('Terminated contracts', 'Terminated accounts' over staff):
# the people's contracts or accounts, not a team (found by review38 after a42560f4: each person was sent)
TERMINATED_THING = r"\s+(?:accounts|contracts|policies|agreements)\b(?!\s+\w)"
OF_WORK = rf"\s+(?:(?:{_FIELD})|(?:{_WHOSE})\s+(?:[a-z]+\s+)?(?:{_FIELD}|{_ROLE}))\b"

# a header naming a person's work, and one only a list of staff has
_WORK_HEADER = re.compile(
    r"(?i)\b(?:(?:job|position|business)\s*(?:title|name|unit)?|title|role|designation|occupation|department|"
    r"dept|team|division|practice(?:\s+(?:group|area))?|function|speciality|specialty|"
    r"org(?:ani[sz]ation)?(?:al)?\s*unit|cost\s*cent(?:er|re)|work\s*group)\b"
)
_STAFF_HEADER = re.compile(
    r"(?i)\b(?:employee|emp|staff|worker|badge|payroll|personnel)\s*(?:id|no|number|#|code)\b|"
    r"\b(?:hire|start)\s*date\b|\bdate\s+(?:of\s+)?hire\b|\bmanager\b|\bsupervisor\b"
)


def names_work(header: object) -> bool:
    """Whether a column's header names a person's work (:data:`_WORK_HEADER`)."""
    return _WORK_HEADER.search(str(header)) is not None


def lists_staff(headers: Iterable[object]) -> bool:
    """Whether a list's headers name its people's work or staff ids (a staff list, its sections teams)."""
    return any(names_work(header) or _STAFF_HEADER.search(str(header)) for header in headers)
