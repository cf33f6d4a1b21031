"""Rows that hold data but are not recipients, so are not ordered: hidden rows (unless --include-hidden),
totals rows (an aggregate formula, a "Total" label, an amount that is the sum of those above), notes, and the
header repeated; each with the reason the notices and the output show.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

import numpy as np
import pandas as pd

from ..columns import ORDER_FIELDS
from ..errors import FileFormatError
from ..models import SkippedRow
from ..otherheaders import BULKSHIP_MARK
from ..program import ProgramSettings
from ..schema import header_key
from ..sheetscan import COLLAPSED, FILTERED, column_letter
from .cells import _all_filled, _blank_cells, _Grid
from .header import MIN_HEADER_MATCHES

_HIDDEN_REASONS = {
    COLLAPSED: "inside a collapsed group of rows",
    FILTERED: "hidden by the filter",
}
_AGGREGATE = re.compile(
    r"(?i)^=\s*(?:_xlfn\.)?(?:SUM|SUBTOTAL|AGGREGATE|COUNTA?|COUNTIFS?|SUMIFS?|SUMPRODUCT|AVERAGE|AVERAGEA|MIN|MAX)\s*\("
)
_TOTAL_LABEL = re.compile(r"(?i)^\s*(?:grand\s+|sub-?)?totals?\b|^\s*(?:sum|count)\s*:?\s*$")
# A whole cell naming a totals row, whatever else the row holds ("Total", "Grand Total:", "Subtotal (USD)")
_TOTAL_CELL = re.compile(r"(?i)\s*(?:grand\s+|sub-?\s*)?totals?\s*[:.]?\s*(?:\([^)]*\))?\s*")
_NOTE_MARKER = re.compile(r"(?i)^\s*(?:[*†‡#]|notes?\b|nb\b|n\.b\.|source\b|prepared\b|updated\b|as of\b)")
MAX_CANDIDATES = 5000  # rows without an address looked at one by one for totals and notes
IDENTITY_FIELDS = frozenset({"name", "first_name", "last_name", "company"})  # may be "Total": a company
MAX_TRAILING = 20  # rows after the last named recipient checked for a sum of the amounts above
_MONEY_SIGNS = re.compile(r"[$€£,\s]")


def _skipped_rows(
    grid: _Grid,
    body: pd.DataFrame,
    column_map: dict[str, str],
    by_position: dict[int, str],
    program: ProgramSettings,
) -> list[SkippedRow]:
    """Rows that are not ordered although they hold data: hidden ones (unless --include-hidden), totals
    rows and notes. Hidden comes first: a hidden totals row is reported as hidden."""
    skipped: dict[int, SkippedRow] = {}
    scan = grid.scan
    if scan is not None and scan.hidden_rows and not program.include_hidden:
        filter_names = ", ".join(
            f"column {column_letter(c)}" + (f" '{by_position[c]}'" if c in by_position else "")
            for c in scan.filter_columns
        )
        for row in body.index.intersection(pd.Index(list(scan.hidden_rows))).tolist():
            kind = scan.hidden_rows[row]
            reason = _HIDDEN_REASONS.get(kind, "hidden row")
            if kind == FILTERED and filter_names:
                reason += f" on {filter_names}"
            skipped[int(row)] = SkippedRow(int(row), kind, reason)
    for row in _crossed_out(grid, body, column_map, by_position):
        skipped.setdefault(row, SkippedRow(row, CROSSED, CROSSED_REASON))
    on_purpose = scan.hidden_rows.keys() if scan is not None and program.include_hidden else ()
    for row, reason in _said_not_to_send(body, column_map, on_purpose).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    for row, reason in _skipped_by_bulkship(body, column_map).items():
        skipped.setdefault(row, SkippedRow(row, NOT_TO_SEND, reason))
    for row, (kind, reason) in _sections_left_out(body, column_map).items():
        skipped.setdefault(row, SkippedRow(row, kind, reason))
    for row, (kind, reason) in _not_recipients(grid, body, column_map, by_position).items():
        skipped.setdefault(row, SkippedRow(row, kind, reason))
    for row in _repeated_headers(body, column_map):
        skipped.setdefault(row, SkippedRow(row, "note", "the header again (two lists one below the other)"))
    return sorted(skipped.values(), key=lambda s: s.row)


CROSSED = "crossed"
CROSSED_REASON = "crossed out (struck through) in the sheet"


def _crossed_out(
    grid: _Grid, body: pd.DataFrame, column_map: dict[str, str], by_position: dict[int, str]
) -> list[int]:
    """Rows whose every filled cell the list uses is struck through, or whose name is: a person crossed the
    recipient out ("left the company", "not this one"), often by the name alone (found by newcomer6). A row
    still reads as typed, so only the font tells."""
    struck = grid.scan.struck if grid.scan else set()
    if not struck:
        return []
    used = [(c, h) for c, h in by_position.items() if h in column_map]
    named = [(c, h) for c, h in used if column_map[h] in ("name", "first_name", "last_name")]
    rows = sorted({r for r, _ in struck} & set(body.index.tolist()))
    crossed = []
    for row in rows:
        for cells in (used, named):
            filled = [c for c, header in cells if str(body.at[row, header]).strip()]
            if filled and all((row, c) in struck for c in filled):
                crossed.append(int(row))
                break
    return crossed


NOT_TO_SEND = "not to send"


def _answered(headers: Iterable[str]) -> frozenset[str]:
    """The header keys of yes/no columns, as written alone or with their answers ("Send (Y/N)")."""
    return frozenset(header_key(f"{h}{answer}") for h in headers for answer in ("", " y/n", " yes/no"))


# A column of the list that says whether to send each row ("Send?", "Include (Y/N)", "Send Gift (Y/N)")...
_SEND_FLAGS = _answered(
    f"{verb} {what}"
    for verb in ("send", "ship", "mail", "order", "include", "ok to send", "to send")
    for what in ("", "card", "gift", "gift card")
) | frozenset(header_key(h) for h in ("included",))
# "Active" = No on every row is a list of the people who left (a retirement gift), not a filter (review10)
_ACTIVE_FLAGS = _answered(("active", "is active", "active status", "active employee", "currently active"))
# ... or whether the person may have one ("Eligible?" = No, "Active" = N, found by newcomer8): an autofilter
# often hides rows by such a column, and --include-hidden orders the rows it hides on purpose
_ELIGIBLE_FLAGS = _ACTIVE_FLAGS | _answered(
    (
        "eligible", "is eligible", "gift eligible", "card eligible", "eligible for gift", "eligible for card",
        "eligibility", "approved", "gift approved", "gift", "award", "winner", "selected", "qualified",
        "approved for gift", "include in mailing", "receive gift", "receive card", "wants card", "wants gift",
        "accepts gift", "ready to send", "confirmed", "participating", "rsvp",
    )
)  # fmt: skip
# ... or a header in such words, with what qualifies them ("Eligible for 2026", "Approved by manager", "Gift
# 2026", "Xmas list", "Yes/No": found by newcomer8); "Gift wrap" or "Manager" say something else
_FILTER_WORDS = frozenset(
    {"eligible", "eligibility", "approved", "send", "sending", "ship", "mail", "include", "included", "keep",
     "valid", "go", "selected", "qualified", "winner", "confirmed", "participating", "gift", "card", "award",
     "xmas", "christmas", "holiday", "yes", "no", "y", "n", "ok"}
)  # fmt: skip
_FILTER_FILLER = frozenset(
    {"for", "by", "in", "of", "the", "to", "list", "manager", "hr", "this", "year", "s"}
)


def _later_than_today(column: pd.Series) -> pd.Series:
    """The cells holding a date after today (anything else, a past date or unreadable text, is not)."""
    import warnings

    with warnings.catch_warnings():  # pandas warns that it guesses each cell's format: it should
        warnings.simplefilter("ignore")
        dates = pd.to_datetime(column, errors="coerce", format="mixed")
    return pd.Series(dates > pd.Timestamp.today().normalize(), index=column.index).fillna(False).astype(bool)


def _filter_header(header: str) -> bool:
    """Whether a header says the column picks the rows to send: its words, years and fillers aside, are
    all :data:`_FILTER_WORDS`."""
    words = [w for w in re.findall(r"[a-z]+", header.casefold()) if w not in _FILTER_FILLER]
    return bool(words) and set(words) <= _FILTER_WORDS


# ... and the answers that say no ("NO - left company", "Do not send", "Excluded")
_SAYS_NO = re.compile(
    r"(?i)^\s*(?:no|n|false|ineligible|not\s+eligible|excluded?|removed?|skip(?:ped)?|cancell?ed|declined|"
    r"do\s*n[o']?t\b.*|don'?t\b.*)\s*(?:$|[-–—:,.;!(].*)"
)


# ... or a column that says which rows NOT to send ("Do Not Send" = X, "Remove" = yes)
_HOLD_FLAGS = frozenset(
    header_key(h)
    for h in (
        "do not send", "dont send", "don't send", "do not mail", "do not ship", "remove", "exclude", "skip",
        "omit", "opt out", "opted out", "opt out of gift", "decline", "declined", "decline gift",
        "declined gift", "hold", "on hold", "no gift", "terminated", "is terminated", "termed", "separated",
        "deceased", "inactive", "left company",
    )
)  # fmt: skip
_SAYS_YES = re.compile(r"(?i)^\s*(?:x|yes|y|true|1|✓|✔|remove|exclude|skip)\s*$")
# ... or an HR status saying the person is gone ("Status" = Terminated, "Left company"); not "Retired" (a
# retirement gift goes to just those people) nor a note that starts with "Left" ("Left voicemail")
# (Workday's "Worker Status", ADP's "Position Status" with its one-letter codes T and D: found by newcomer8)
_STATUS_FLAGS = frozenset(
    header_key(h)
    for h in (
        "status", "employee status", "employment status", "worker status", "position status", "emp status",
        "hr status", "job status", "associate status", "staff status",
    )
)  # fmt: skip
_SAYS_GONE = re.compile(
    r"(?i)^\s*(?:(?:done|completed?|processed|fulfilled|ordered|sent|shipped|mailed|delivered|"  # went out
    r"terminated|termed|term|inactive|resigned|deceased|cancell?ed|withdrawn|separated|leaver|"
    r"former(?:\s+(?:employee|staff|worker))?)\b.*|[td]"
    r"|left(?:\s+(?:the\s+)?(?:company|organi[sz]ation|firm|business))?\s*(?:[-–—:,.;(/\d].*)?)$"
)
# ... or a date the person left on ("Termination Date" = 2026-11-15)
_GONE_ON = frozenset(
    header_key(h)
    for h in (
        "termination date", "term date", "terminated on", "date terminated", "date of termination",
        "separation date", "date of separation", "last day worked", "last working day",
    )
)  # fmt: skip
_FILLED = re.compile(r"^\s*\S.*$")
# ... but a date column's way of saying there is none: "N/A", "-", "None", "00/00/0000", a 0 in a date cell
# ("00:00:00"). An HR export of active staff so filled left every row out (found by review11)
_NO_DATE = re.compile(
    r"(?i)\s*(?:n\.?\s*/?\s*a\.?|none|null|nil|not\s+applicable|active|[-–—_.]+|0+|0{1,4}[/.-]0{1,2}[/.-]0{1,4}"
    r"|0{1,2}:0{2}(?::0{2})?)\s*"
)


# ... or a column saying the card already went out ("Gift Card Sent?" = Yes, "Received" = "Yes - Nov"): some
# cards of a tracking sheet were sent by hand or by an earlier tool (found by newcomer7)
_SENT_FLAGS = frozenset(
    header_key(h)
    for h in (
        "sent", "card sent", "gift sent", "gift card sent", "already sent", "sent already", "received",
        "already received", "card received", "gift received", "shipped", "mailed", "delivered",
        "card mailed", "gift mailed", "card shipped", "gift shipped", "card delivered", "gift delivered",
        "order status", "gift status", "card status", "gift card status", "done", "completed", "complete",
        "processed", "ordered", "fulfilled", "card ordered", "gift ordered",
    )
)  # fmt: skip
# ... or the date it went out ("11/15/2026", "2026-11-15" as an XLSX date reads, "Nov 20"): "1/15" read as the
# "1" of yes while "11/15" and every XLSX date were ordered again (found by review10)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_SAYS_SENT = re.compile(
    r"(?i)^\s*(?:(?:yes|y|x|true|1|✓|✔|sent|shipped|delivered|received|done|completed?|mailed)\b.*"
    rf"|\d{{1,4}}[/.-]\d{{1,2}}(?:[/.-]\d{{1,4}})?\b.*|{_MONTH}\s*\d{{1,2}}\b.*|\d{{1,2}}[\s-]*{_MONTH}(?:\W.*)?)$"
)


_SAYS_NOT_TO_SEND = "the list says not to send it"
_SAYS_SENT_ALREADY = "the list says it was sent already"

# ... or a free-text note on the row that says so ("DO NOT SEND - left company", "REMOVE", "deceased",
# "already sent 11/15", "duplicate - see row 2"): HR and marketing lists keep these remarks in a Notes column
# (found by newcomer7). Only a note that opens with such words: "remove the apartment from the label" is none.
_NOTE_FLAGS = frozenset(
    header_key(h)
    for h in (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "remark",
        "hr notes",
        "internal notes",
        "admin notes",
    )
)
# The words alone, or followed by a reason after a dash or colon, or a date: "Do not send before Dec 15",
# "Already sent the e-card; this is the physical card" and "Do not send to office - home address only" mean
# send. "do-not-send", "Opted out", "NOT ELIGIBLE", "Terminated 11/15", "Hold - address unverified" do not
# (found by newcomer8).
_NOTE_SAYS_NO = re.compile(
    r"(?i)^\s*(?:(?:(?:do[\s-]*n[o']?t|don'?t)[\s-]+(?:send|mail|order|ship))|dns|remove|removed|exclude|excluded|"
    r"deceased|passed\s+away|left\s+(?:the\s+)?company|terminated|termed|resigned|duplicate|dupe?|"
    r"no\s+(?:gift|card)|not\s+(?:sending|eligible|to\s+(?:send|be\s+sent))|ineligible|opt(?:ed)?[\s-]*out|"
    r"declined?(?:\s+(?:the\s+)?(?:gift|card))?|cancel(?:l?ed)?|(?:on\s+)?hold|skip)"
    r"\s*(?:$|[-–—:,.;!(].*|(?:on\s+)?\d{1,4}[/.-]\d.*)"
    r"|^\s*(?:already\s+(?:sent|received|ordered|mailed|shipped)|sent\s+already)\s*(?:$|[-–—:,.;!(].*|(?:on\s+)?\d.*)"
)


# ... unless it goes on to say that is over ("Hold - cleared", "Terminated 11/15 - rehired 11/20",
# "Skip: none"; found by newcomer8)
_UNDONE = re.compile(
    r"(?i)[-–—:,;(]\s*.*\b(?:cleared|released|rehired|reinstated|resolved|lifted|back\s+on)\b"
    r"|[-–—:]\s*(?:no|none|nothing|n/?a)\s*$"
)


# header key -> the answers that leave the row out
_LEAVES_OUT: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(_SEND_FLAGS, _SAYS_NO),
    **dict.fromkeys(_ELIGIBLE_FLAGS, _SAYS_NO),
    **dict.fromkeys(_HOLD_FLAGS, _SAYS_YES),
    **dict.fromkeys(_STATUS_FLAGS, _SAYS_GONE),
    **dict.fromkeys(_GONE_ON, _FILLED),
    **dict.fromkeys(_SENT_FLAGS, _SAYS_SENT),
    **dict.fromkeys(_NOTE_FLAGS, _NOTE_SAYS_NO),
}


def _quoted(reason: str) -> str:
    """ "(column 'Send?': 'No')" of a row's reason, for a list of rows."""
    return reason.removeprefix(_SAYS_NOT_TO_SEND).removeprefix(_SAYS_SENT_ALREADY).strip()


def _said_not_to_send(
    body: pd.DataFrame, column_map: dict[str, str], on_purpose: Collection[int] = ()
) -> dict[int, str]:
    """Rows the list itself says not to send, in a column nothing else reads ("Send?" = "NO - left
    company", "Do Not Send" = "X"): row -> the reason, quoting the cell. ``on_purpose``: hidden rows
    --include-hidden orders, which an eligibility column (the autofilter's, usually) does not leave out."""
    found: dict[int, str] = {}
    for header in body.columns:
        key = header_key(str(header))
        says = _LEAVES_OUT.get(key)
        eligible = key in _ELIGIBLE_FLAGS
        if says is None and _filter_header(str(header)):
            says, eligible = _SAYS_NO, True
        if header in column_map or says is None:
            continue
        column = body[header].astype(str)
        if eligible and on_purpose:
            column = column.drop(index=list(on_purpose), errors="ignore")
        why = _SAYS_SENT_ALREADY if key in _SENT_FLAGS else _SAYS_NOT_TO_SEND
        said = column.str.match(says)
        if key in _ACTIVE_FLAGS and said.all():  # a list of retirees or former staff: no row is chosen out
            continue
        if key in _GONE_ON and said.any():  # leaving next quarter: still here (found by newcomer8)
            said &= ~_later_than_today(column) & ~column.str.fullmatch(_NO_DATE)
        if says is _NOTE_SAYS_NO and said.any():  # "Removed - please send": it goes on to say send them
            said &= ~column.str.contains(_SEND_HEADING) & ~column.str.contains(_UNDONE)
        for row in column.index[said].tolist():
            found.setdefault(int(row), f"{why} (column '{header}': '{column[row].strip()}')")
    return found


_OUR_STATUS, _OUR_PROBLEMS = "status", frozenset({"problems", "problemsvendorerror"})


def _skipped_by_bulkship(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, str]:
    """Rows bulkship's own validation or result workbook marks "skipped" (hidden, crossed out, not to send),
    when that workbook is run as the list: the workbook shows them unhidden and unstruck, so only its Status
    column says so (found by newcomer7: the hidden and the crossed-out rows were ordered). Row -> reason."""
    keys = {h: header_key(BULKSHIP_MARK.sub("", str(h))) for h in body.columns if h not in column_map}
    status = next((h for h, k in keys.items() if k == _OUR_STATUS), None)
    problems = next((h for h, k in keys.items() if k in _OUR_PROBLEMS), None)
    if status is None or problems is None:
        return {}
    marked = body[status].astype(str).str.strip().str.casefold().eq("skipped")
    return {
        int(row): f"bulkship's own {status!r} column says skipped ({str(body.at[row, problems]).strip()})"
        for row in body.index[marked.to_numpy()].tolist()
    }


# A heading inside the list over people not to send: "REMOVED - do not send (left the company)", "Already sent
# in November", "Alternates (only if someone declines)". The people under it were ordered (newcomer7).
_LEAVE_OUT_HEADING = re.compile(
    r"(?i).*\b(?:removed?|do\s*n[o']?t\s+(?:send|mail|order)|don'?t\s+(?:send|mail|order)|already\s+"
    r"(?:sent|received|ordered|mailed)|declined|excluded?|not\s+(?:sending|"
    r"eligible|to\s+(?:be\s+)?sen[dt])|on\s+hold|cancell?ed|left\s+(?:the\s+)?company)\b.*"
    # ... or opens with the name of people kept back: a team's name may hold these words too ("IT Backup &
    # Storage", "Army Reserve Liaison", "Off the waitlist - confirmed" were left out: found by review10)
    r"|\W*(?:alternates?|wait\s*-?\s*list(?:ed)?|backups?|reserves?)\b.*"
)


# ... unless it says to send them: "Removed from waitlist - please send" (newcomer7); a note too ("Removed -
# please send", "Duplicate, the first was lost - please resend", found by review10)
_SEND_HEADING = re.compile(
    r"(?i)\b(?:please\s+(?:re-?)?send|send\s+(?:now|them|these|this|asap)|to\s+(?:be\s+)?sen[dt]\b(?!\s+back))"
)


def _sections_left_out(body: pd.DataFrame, column_map: dict[str, str]) -> dict[int, tuple[str, str]]:
    """A row of one filled cell that heads people not to send (:data:`_LEAVE_OUT_HEADING`), and the rows
    under it up to the next blank row or heading: row -> (kind, reason)."""
    address = next((h for h, c in column_map.items() if c == "address1"), None)
    if address is None or body.empty:
        return {}
    rows = body.index.tolist()
    unaddressed = body.index[_blank_cells(body[address].tolist())].tolist()[:MAX_CANDIDATES]
    lone = [r for r in unaddressed if _one_cell(body.loc[r])]
    headings = {r: " ".join(str(v).strip() for v in body.loc[r].tolist() if str(v).strip()) for r in lone}
    found: dict[int, tuple[str, str]] = {}
    for row, text in headings.items():
        if not _LEAVE_OUT_HEADING.fullmatch(text) or _SEND_HEADING.search(text):
            continue
        found[int(row)] = ("note", f"a heading over rows not to send ('{text}')")
        at = rows.index(row) + 1
        while at < len(rows) and rows[at] == rows[at - 1] + 1 and rows[at] not in headings:
            found[int(rows[at])] = (NOT_TO_SEND, f"under the heading '{text}' (row {row})")
            at += 1
    return found


def _one_cell(cells: pd.Series) -> bool:
    return sum(1 for v in cells.tolist() if str(v).strip()) == 1


def _repeated_headers(body: pd.DataFrame, column_map: dict[str, str]) -> list[int]:
    """Rows that repeat the header (exports pasted or concatenated one after another): each filled cell
    reads as its column's header, and at least two order fields do. Found through one column at C speed
    (its header as written, or in upper, lower or title case); only those rows are read in full."""
    mapped = [header for header in body.columns if header in column_map]
    if len(mapped) < MIN_HEADER_MATCHES or body.empty:
        return []
    first = mapped[0]
    headers = {str(h).casefold(): h for h in body.columns}
    candidates = body.index[body[first].astype(str).str.strip().str.casefold().isin(headers).to_numpy()]
    rows = []
    for row in candidates.tolist():
        cells = {header: " ".join(str(value).split()) for header, value in body.loc[row].items()}
        filled = {h: text for h, text in cells.items() if text}
        named = {h: headers[text.casefold()] for h, text in filled.items() if text.casefold() in headers}
        if len(named) < len(filled) or len(set(named.values()) & set(mapped)) < 2:
            continue  # a recipient whose cells happen to read like headers, not a header
        moved = [(h, n) for h, n in named.items() if h != n]
        if moved:  # the rows below it would be read in the wrong columns: a name as the street...
            raise FileFormatError(
                f"Row {row} repeats the header with its columns in another order ("
                + ", ".join(f"'{n}' under '{h}'" for h, n in moved[:4])
                + "): the rows below it would be read in the wrong columns",
                hint="put both lists' columns in the same order (or send them as two files)",
            )
        rows.append(int(row))
    return rows


def _not_recipients(
    grid: _Grid, body: pd.DataFrame, column_map: dict[str, str], by_position: dict[int, str]
) -> dict[int, tuple[str, str]]:
    """Totals rows and notes: row -> (kind, reason). A totals row has an aggregate formula, or a cell
    that says "Total" (any column of a row naming no recipient or no address), or ends the table with an
    amount that is the sum of the amounts above and no recipient. A note fills no order field, or is a
    lone remark below the table (a line of text in the first column, a marker such as '*' or 'Note')."""
    header_of = {canonical: header for header, canonical in column_map.items()}
    address = header_of.get("address1")
    if address is None or body.empty:
        return {}
    position_of = {header: position for position, header in by_position.items()}
    aggregate_rows = {row for (row, _), formula in grid.formulas.items() if _AGGREGATE.match(formula)}
    address_values = body[address].tolist()
    blank = _blank_cells(address_values)
    rows = body.index
    filled_at = np.flatnonzero(~blank)
    last_recipient = int(rows[filled_at[-1]]) if len(filled_at) else 0
    names = [header_of[f] for f in ("name", "first_name", "last_name") if f in header_of]
    candidates = [int(r) for r in rows[blank | _unnamed(body, names)]]
    if len(candidates) > MAX_CANDIDATES:
        candidates = [r for r in candidates if r > last_recipient or r in aggregate_rows]
    address_col = position_of[address]
    candidates += [r for r in aggregate_rows if (r, address_col) in grid.formulas]
    amounts = [header_of[f] for f in ("value", "quantity") if f in header_of]
    sums = _sum_rows(body, address, names, amounts)
    candidates += list(sums)
    identity_headers = {h for h, c in column_map.items() if c in IDENTITY_FIELDS}
    order_headers = [h for h, c in column_map.items() if c in ORDER_FIELDS]
    previous = dict(zip(rows.tolist()[1:], rows.tolist()[:-1], strict=True)) if len(rows) < 2_000_000 else {}
    found: dict[int, tuple[str, str]] = {}
    for row in sorted(set(candidates)):
        if row not in rows:
            continue
        cells = body.loc[row]
        texts = [str(v).strip() for v in cells.tolist()]
        filled = [t for t in texts if t]
        # a recipient's own name or company may be "Total" ("Total Wine & More"): only a row with neither an
        # address nor a person's name says so there; a named person without an address is a row to fix
        addressed = bool(str(cells[address]).strip())
        person = any(_is_a_name(str(cells[h]).strip()) for h in names)
        label = next(
            (
                t
                for h, t in zip(body.columns, texts, strict=True)
                if t and not ((addressed or person) and h in identity_headers) and _TOTAL_CELL.fullmatch(t)
            ),
            None,
        )
        if label is None and not addressed and not person:
            label = next((t for t in filled if _TOTAL_LABEL.match(t)), None)
        if row in sums and not (row in aggregate_rows or label):
            found[row] = ("totals", f"totals row ({sums[row]})")
            continue
        if row in aggregate_rows or label:
            shown = label or next(
                (f for (r, _), f in sorted(grid.formulas.items()) if r == row and _AGGREGATE.match(f)), ""
            )
            found[row] = ("totals", f"totals row ('{_short(shown)}')")
            continue
        if not any(str(cells[h]).strip() for h in order_headers):
            found[row] = ("note", f"no recipient data, only a note ('{_short(filled[0])}')" if filled else "")
            continue
        below = row > last_recipient
        gap = previous.get(row, row - 1) < row - 1 or previous.get(row) in found
        first_only = bool(texts[0]) and not _is_number(texts[0])  # a line of text in the first column only
        if (
            below
            and len(filled) == 1
            and (gap or first_only or _NOTE_MARKER.match(filled[0]) or len(filled[0].split()) >= 4)
        ):
            found[row] = ("note", f"note below the table ('{_short(filled[0])}')")
    return {row: value for row, value in found.items() if value[1]}


def _is_a_name(text: str) -> bool:
    """A name column's cell that names someone: not empty, not a totals label ("Total", "Grand total")."""
    return bool(text) and not _TOTAL_LABEL.match(text)


def _unnamed(body: pd.DataFrame, names: list[str]) -> np.ndarray:
    """Which rows fill none of the ``names`` columns (no column: none)."""
    unnamed = np.zeros(len(body), dtype=bool)
    if not names:
        return unnamed
    unnamed[:] = True
    for header in names:
        values = body[header].tolist()
        if _all_filled(values):  # the usual column: every row has a name
            return np.zeros(len(body), dtype=bool)
        unnamed &= _blank_cells(values)
    return unnamed


def _sum_rows(body: pd.DataFrame, address: str, names: list[str], amounts: list[str]) -> dict[int, str]:
    """The rows after the last recipient (the last row with an address), naming nobody, whose amount is
    the sum of the column above: row -> why, "its Value 1,250 is the sum of the 50 rows above". Only the
    table's last rows are looked at."""
    if not amounts or len(body) < 3:
        return {}
    tail = body.iloc[-(MAX_TRAILING + 1) :]
    at = np.flatnonzero(~_blank_cells(tail[address].tolist()))
    if not len(at) or at[-1] == len(tail) - 1:
        return {}  # the table ends with a recipient, or its last rows have no address (nothing to add up)
    last = len(body) - len(tail) + int(at[-1])  # position of the last recipient
    nobody = _unnamed(body.iloc[last + 1 :], names) if names else np.ones(len(body) - last - 1, dtype=bool)
    found: dict[int, str] = {}
    for header in amounts:
        plain = body[header].str.replace(_MONEY_SIGNS.pattern, "", regex=True)
        values = pd.to_numeric(plain, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        above = float(np.nansum(values[: last + 1]))
        count = int(np.count_nonzero(~np.isnan(values[: last + 1])))
        for position in range(last + 1, len(body)):
            value, row = values[position], int(body.index[position])
            named = not nobody[position - last - 1]
            if named or count < 2 or not np.isfinite(value) or not value or row in found:
                continue
            if abs(value - above) < 0.005:
                shown = body[header].iloc[position].strip()
                found[row] = f"its {header} {shown} is the sum of the {count} rows above"
    return found


def _is_number(text: str) -> bool:
    return bool(text) and _MONEY_SIGNS.sub("", text).replace(".", "", 1).lstrip("-").isdigit()


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_list(rows: Sequence[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _skip_notices(skipped: Sequence[SkippedRow], program: ProgramSettings) -> list[str]:
    """One line for the hidden rows, one for the rows that are not recipients (totals, notes)."""
    notices = []
    crossed = [s.row for s in skipped if s.kind == CROSSED]
    if crossed:
        notices.append(
            f"{len(crossed)} row(s) crossed out (struck through) in the sheet are not ordered: "
            f"{_row_list(crossed)}. Remove the strikethrough from a row to order it."
        )
    said_no = [s for s in skipped if s.kind == NOT_TO_SEND]
    if said_no:
        sent_already = (
            ", or sent already," if any(s.reason.startswith(_SAYS_SENT_ALREADY) for s in said_no) else ""
        )
        notices.append(
            f"{len(said_no)} row(s) the list says not to send{sent_already} are not ordered: "
            + _first_ten([f"row {s.row} {_quoted(s.reason)}" for s in said_no])
            + ". Change the cell to order a row."
        )
    own = ("totals", "note", CROSSED, NOT_TO_SEND)
    hidden = [s.row for s in skipped if s.kind not in own]
    if hidden:
        kinds = sorted({s.reason for s in skipped if s.kind not in own})
        notices.append(
            f"{len(hidden)} hidden row(s) not ordered: {_row_list(hidden)} ({'; '.join(kinds)}). "
            "Pass --include-hidden to order them too."
        )
    others = [s for s in skipped if s.kind in ("totals", "note")]
    if others:
        notices.append(
            f"{len(others)} row(s) are not recipients and are not ordered: "
            + _first_ten([f"row {s.row}, {s.reason}" for s in others])
            + "."
        )
    return notices


def _first_ten(parts: Sequence[str]) -> str:
    """The first ten of ``parts``, '; '-joined, and how many more."""
    more = f"; and {len(parts) - 10} more" if len(parts) > 10 else ""
    return "; ".join(parts[:10]) + more
