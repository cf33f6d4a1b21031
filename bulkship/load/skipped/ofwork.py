"""The words naming a line of work after 'Deceased', 'Terminated' or 'Fired': a job title, a department or a
section of a staff list ('Deceased Estates Officer', 'Deceased Accounts Specialist', 'Deceased Customer Team
Lead': a bank's or an insurer's bereavement team; 'Terminated Policies Analyst', 'Fired Heater Technician')
names the work, not the person (found by review36: each row was left out, a colleague withheld). Read by
:mod:`.stray` (a column of something else) and :mod:`.headings` (a heading over a section of the list).

What the work is about right after the word (estates, claims, care, transport...), or whose it is (a
customer's, a patient's) and then a unit or a role. Not a person's own role after it ('Terminated Sales
Manager', 'Deceased Manager'), nor the people ('Terminated Employees', 'Deceased member'), nor words saying
when or by whom ('Deceased per HR team'), nor a word after a sign ('Deceased - team informed'): each still
leaves the row out."""

from __future__ import annotations

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
OF_WORK = rf"\s+(?:(?:{_FIELD})|(?:{_WHOSE})\s+(?:[a-z]+\s+)?(?:{_FIELD}|{_ROLE}))\b"
