"""Which sheet of a workbook holds the recipients (:func:`_pick_sheet`): a visible list wins over a hidden
one, and a workbook that would leave people out of the sheet read is refused (several lists, a sheet of
people not to send or of changes, rows laid out as the list's on another sheet).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..columns import NAME_FIELDS, HeaderIndex, header_score
from ..errors import FileFormatError, SheetChoiceError
from ..program import ProgramSettings
from ..schema import load_contract
from .header import HEADER_SCAN_ROWS, MIN_HEADER_MATCHES


def _pick_sheet(
    workbook: Any, requested: str | None, path: Path, program: ProgramSettings, *, skip: set[str]
) -> tuple[str, list[str]]:
    """The sheet to read, and a notice for each hidden sheet that looks like a list too (never chosen
    unless asked for with ``--sheet``: what the person sees in the workbook is what is ordered)."""
    worksheets = [m for m in workbook.sheets_metadata if str(m.typ).endswith("WorkSheet")]
    names = [m.name for m in worksheets]
    names = [n for n in names or list(workbook.sheet_names) if n not in skip] or names
    if requested:
        if requested not in workbook.sheet_names:
            raise FileFormatError(
                f"{path.name} has no sheet named '{requested}'; its sheets are: "
                + ", ".join(f"'{n}'" for n in workbook.sheet_names),
                hint="pass one of them with --sheet NAME",
            )
        return requested, []
    hidden = {m.name for m in worksheets if not str(m.visible).endswith(".Visible")}
    if len(names) == 1 and names[0] not in hidden:
        return names[0], []
    index = HeaderIndex(load_contract(program.schema_path).alias_index(program.aliases))
    scores: dict[str, int] = {}
    recipients: set[str] = set()  # sheets whose header names a recipient and an address, with a row below
    for name in names:
        head = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1)
        row_scores = [header_score(row, index) for row in head[:HEADER_SCAN_ROWS]]
        scores[name] = max(row_scores, default=0)
        if scores[name]:
            at = row_scores.index(scores[name])
            if _names_recipients(head[at], index) and any(_filled(row) for row in head[at + 1 :]):
                recipients.add(name)
    visible = {n: s for n, s in scores.items() if n not in hidden}
    for pool in (visible, scores):  # a visible list wins; a hidden one is refused below, never read unasked
        best = max(pool.values(), default=0)
        winners = [n for n, s in pool.items() if s == best]
        if best >= MIN_HEADER_MATCHES and len(winners) == 1:
            break
    else:
        raise SheetChoiceError(
            f"{path.name} has several sheets and bulkship cannot tell which holds the recipients: "
            + ", ".join(f"'{n}'" + (" (hidden)" if n in hidden else "") for n in names),
            hint="choose one with --sheet NAME",
        )
    chosen = winners[0]
    if chosen in hidden:  # what the person sees is what is ordered (found by newcomer7)
        raise SheetChoiceError(
            f"{path.name} holds its list on the hidden sheet '{chosen}' only; bulkship orders only what you "
            "see in the workbook",
            hint=f"unhide the sheet, or read it on purpose with --sheet '{chosen}'",
        )
    lists = [n for n in names if n not in hidden and n in recipients]  # not a summary or a price list
    if chosen not in hidden and len(lists) > 1:  # one run reads one sheet: never leave a visible list unsaid
        raise SheetChoiceError(
            f"{path.name} has {len(lists)} sheets of recipients: "
            + ", ".join(f"'{n}'" for n in lists)
            + "; bulkship reads one sheet per batch and would leave the others' rows out",
            hint="put every recipient on one sheet, or choose one with --sheet NAME (and send the others as "
            "batches of their own)",
        )
    _refuse_a_sheet_of_people_not_to_send(workbook, names, hidden, chosen, path)
    _refuse_rows_on_another_sheet(workbook, names, hidden, chosen, path, index)
    notices = [
        f"Sheet '{name}' is hidden and was not read (it looks like a list too); pass --sheet '{name}' to "
        "read it instead."
        for name in names
        if name in hidden and name != chosen and scores[name] >= max(scores[chosen], MIN_HEADER_MATCHES)
    ]  # a hidden list as good as the one read (not the template's hidden drop-down lists)
    return chosen, notices


# A sheet's name for people not to send; not one a workbook may use for something else ("Backup", "Pending",
# "Next year", "Hold" of a copy, a draft, a plan); 'Exclusions', a marketing 'Suppression List', 'Leavers' too
# (found by hunter-sheets5: Bob on 'Exclusions' was ordered, nothing said)
_NOT_TO_SEND_SHEET = re.compile(
    r"(?i)\b(?:removed?|do\s*n[o']?t\s+(?:send|mail|order|contact)|don'?t\s+(?:send|mail|order|contact)|dns|"
    r"dnc|already\s+(?:sent|received|ordered|mailed)|declined|exclu(?:ded?|des|sions?)|ineligible|leavers|"
    r"suppress(?:ed|ions?)?|unsubscribed?|skip(?:ped)?|returned\s+mail|no\s+gifts?|"
    r"not\s+(?:sending|eligible|approved|to\s+(?:be\s+)?"
    r"sen[dt])|cancell?ed|left\s+(?:the\s+)?company|terminated|terminations|resigned|deceased|"
    r"opt(?:ed)?[\s-]*outs?|alternates?|wait\s*-?\s*list(?:ed)?)\b"
)

# ... or for changes to the list: 'Changes' saying Bob's amount is 50 now and Cy is to be removed, the list
# read alone sent Bob 25 and Cy a card (found by hunter-sheets6)
_CHANGES_SHEET = re.compile(
    r"(?i)\b(?:changes?|change\s*log|updates?|corrections?|edits?|revisions?|amendments?|adjustments?|"
    r"modifications?)\b"
)


def _refuse_a_sheet_of_people_not_to_send(
    workbook: Any, names: list[str], hidden: set[str], chosen: str, path: Path
) -> None:
    """A visible sheet beside the list named for people not to send ('Do Not Send', 'Removed', 'Opted out')
    that holds anything: bulkship reads one sheet, and would order everyone on the list, those people too
    (found by hunter-sheets: Bob on 'Do Not Send' was ordered, nothing said). Read the list on purpose with
    --sheet once they are off it."""
    from .skipped.headings import _SEND_HEADING

    for name in names:
        changes = not _NOT_TO_SEND_SHEET.search(name) and _CHANGES_SHEET.search(name)
        if name == chosen or name in hidden or not (changes or _NOT_TO_SEND_SHEET.search(name)):
            continue
        if _SEND_HEADING.search(name):
            continue
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1)
        if any(_filled(row) for row in cells) and changes:
            raise SheetChoiceError(
                f"{path.name} holds a sheet '{name}' beside the list '{chosen}': bulkship reads one sheet, "
                f"and would order everyone on '{chosen}' as written there, without the changes on '{name}'",
                hint=f"make the changes on '{chosen}' itself, then run with --sheet '{chosen}'",
            )
        if any(_filled(row) for row in cells):
            raise SheetChoiceError(
                f"{path.name} holds a sheet '{name}' beside the list '{chosen}': bulkship reads one sheet, "
                f"and would order everyone on '{chosen}', the people on '{name}' too",
                hint=f"take the people on '{name}' off '{chosen}', then run with --sheet '{chosen}'",
            )


_ZIP_CELL = re.compile(r"\d{3,5}(?:\.0)?(?:-\d{4})?")


def _refuse_rows_on_another_sheet(
    workbook: Any, names: list[str], hidden: set[str], chosen: str, path: Path, index: HeaderIndex
) -> None:
    """A visible sheet beside the list holding rows laid out as the list's, with no header of their own (the
    list continued on 'Sheet2', late additions pasted there): a US state and a ZIP where the list has them.
    bulkship reads one sheet, and those people were left out without a word (found by hunter-sheets)."""
    from ..validate.usps import STATE_NAMES

    head = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS)
    scores = [header_score(row, index) for row in head]
    if not scores or max(scores) < MIN_HEADER_MATCHES:
        return
    where: dict[str, int] = {}
    for position, cell in enumerate(head[scores.index(max(scores))]):
        text = str(cell).strip()
        meaning = index.meaning(text) if text and len(text) <= 80 else None
        if meaning and meaning.field in ("state", "zip"):
            where.setdefault(meaning.field, position)
    if len(where) < 2:
        return
    for name in names:
        if name == chosen or name in hidden:
            continue
        cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=HEADER_SCAN_ROWS + 1)
        people = [
            number
            for number, row in enumerate(cells, start=1)
            if len(row) > max(where.values())
            and str(row[where["state"]]).strip().upper() in STATE_NAMES
            and _ZIP_CELL.fullmatch(str(row[where["zip"]]).strip())
        ]
        if people and all(header_score(row, index) < MIN_HEADER_MATCHES for row in cells[: people[0]]):
            raise SheetChoiceError(
                f"{path.name} holds rows laid out as the list's on sheet '{name}' (row {people[0]} and "
                f"{len(people) - 1} more), under no header, beside the list '{chosen}': bulkship reads one "
                f"sheet, and would leave them out",
                hint=f"move them under the list on '{chosen}'; if they are no recipients, run with --sheet "
                f"'{chosen}'",
            )


def _names_recipients(cells: Any, index: HeaderIndex) -> bool:
    """Whether a header row names a recipient (a name, or the people's role: 'Volunteer', 'Tenant Name',
    which the loader reads as the name by its cells) and where to send (an address or a ZIP): what a list of
    people needs, which a summary ('Product | Amount | Count') or a price list does not have. Without the
    role, a volunteer list beside a tab of late additions headed 'Name' was no list: the tab was read alone
    and the list's people left out without a word (found by newcomer25)."""
    from ..validate.namecolumn import _a_role

    fields = set()
    for cell in cells:
        text = str(cell).strip()
        meaning = index.meaning(text) if text and len(text) <= 80 else None
        if meaning:
            fields.add(meaning.field)
        elif text and len(text) <= 80 and _a_role(text):
            fields.add("name")
    return bool(fields & NAME_FIELDS) and bool(fields & {"address1", "zip"})


def _filled(cells: Any) -> bool:
    return any(str(cell).strip() for cell in cells if cell is not None)
