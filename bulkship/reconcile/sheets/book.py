"""What the result workbook shows, as values: one :class:`RowOutcome` per input row, the orders holding money
(:class:`OrderSummary`), where the numbers come from (:class:`RunInfo`), all of it a :class:`ResultBook`;
the sheets' names, sizes and paper; and the note on a row whose cells the workbook shows cut. Every writer and
reader of the workbook shares these.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from urllib.parse import urlsplit

from ...money import BilledCards, Breakdown
from ...statuses import CHARGED, STATUS_NAMES

# Row statuses, their colours and meaning: one vocabulary for every output (bulkship.statuses).
RESULT_STATUSES: tuple[str, ...] = STATUS_NAMES


RESULTS_SHEET = "Results"
FIX_SHEET = "Fix these"
ORDERS_SHEET = "Orders"
SUMMARY_SHEET = "Summary"
KEYS_SHEET = "bulkship-keys"  # very hidden: spreadsheet row -> ledger fingerprint, so `track` joins exactly
EXCEL_MAX_ROWS = 1_048_576  # including the header row
MAX_COLUMN_WIDTH = 60
WIDTH_SAMPLE_ROWS = 500
SPLICE_BLOCK_ROWS = 5000  # rows per block of spliced cells, converted and rendered column by column
PAPER_SIZES = {"letter": 1, "a4": 9, "legal": 5}  # XlsxWriter's paper codes
DEFAULT_PAPER = "letter"


SANDBOX_API = "sandbox"


def is_sheet_of(name: str, base: str) -> bool:
    """Whether ``name`` is bulkship's sheet ``base``, or one continuing Results or the keys past the row limit
    ("Results 2", as :mod:`.cells` names them). "Results notes", "Orders by region", "Summary 2025" or
    Excel's copy "Results (2)" are the person's: read as bulkship's, the first stopped every track and the
    others were lost (found by review10)."""
    part = name.removeprefix(base + " ")
    continued = base in (RESULTS_SHEET, KEYS_SHEET) and part != name and part.isdigit() and len(part) <= 3
    return name == base or continued


@dataclass(frozen=True, slots=True)  # slots: a million rows' outcomes, 56 bytes less each
class RowOutcome:
    """What happened to one input row, joined from validation and the ledger.

    ``money`` is the row's bucket (charged, in doubt, to send; "" when it holds no money) and the five
    figures its breakdown; ``cost`` is the total."""

    row: int
    status: str
    problems: str = ""
    normalised: str = ""
    po_number: str = ""
    order_id: str = ""
    line_item_id: str = ""
    cost: Decimal | None = None
    carrier: str = ""
    tracking_number: str = ""
    tracking_url: str = ""
    shipped_date: str = ""
    delivered_date: str = ""
    # Not shown as columns (the original columns carry them) but summed on the Summary sheet.
    product: str = ""
    shipping_method: str = ""
    face_value: Decimal | None = None
    cards: int = 0
    money: str = ""
    discount: Decimal | None = None
    fees: Decimal | None = None
    shipping: Decimal | None = None

    @property
    def total(self) -> Decimal | None:
        return self.cost

    @property
    def cost_unknown(self) -> bool:
        """Holds money whose cost no one recorded (an older bulkship's ledger): never counted as 0.00."""
        return bool(self.money) and self.cost is None

    def breakdown(self) -> Breakdown:
        return counted(self.face_value, self.discount, self.fees, self.shipping, self.cost)


def counted(*figures: Decimal | None) -> Breakdown:
    """A row's five figures (face value, discount, fees, shipping, total) as totals add them up: a figure
    missing or zero counts as ``Decimal(0)``."""
    zero = Decimal(0)
    return Breakdown(*(figure or zero for figure in figures))


@dataclass(frozen=True)
class OrderSummary:
    """One order holding money; its figures are the sum of its rows' (filled in when written)."""

    po_number: str
    order_id: str
    status: str
    line_items: int
    money: str = CHARGED
    billed: Decimal = Decimal(0)  # what the vendor's order bills beside its lines (shipping, fees)
    billed_cards: BilledCards | None = None  # of it, the card lines the order shows beyond its rows
    rounded: Decimal = Decimal(0)  # of it below its lines, the vendor's rounding (..roundedonorder)


def _on_this_machine(url: str) -> bool:
    """Whether ``url`` names this machine (localhost, 127.0.0.1, ::1): no vendor's own address."""
    host = (urlsplit(url).hostname or "").casefold()
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class RunInfo:
    """Where the numbers come from; shown on the Summary sheet."""

    batch: str
    input_file: str = ""
    input_hash: str = ""
    ledger: str = ""
    run_time: str = ""  # ISO 8601, when the run (or the last track) happened
    api: str = SANDBOX_API  # "sandbox" or the vendor's base URL
    input_files: tuple[tuple[str, str], ...] = ()  # every file the batch was run from: (name, SHA-256)
    paper: str = DEFAULT_PAPER

    @property
    def api_label(self) -> str:
        if self.api == SANDBOX_API:
            return "SANDBOX — no real orders were placed"
        # `bulkship sandbox --port` (the README's way to try a webhook) or a proxy: finance read 'Real vendor
        # API: http://127.0.0.1:8760' as real money spent (found by newcomer5)
        if _on_this_machine(self.api):
            return f"Vendor API on this machine: {self.api}"
        return f"Real vendor API: {self.api}"


@dataclass(frozen=True)
class ResultBook:
    """Everything the result workbook shows. ``rows`` yields (spreadsheet row, original cells) in input order
    and is consumed once; ``outcomes`` is keyed by spreadsheet row."""

    headers: tuple[str, ...]
    rows: Iterable[tuple[int, Sequence[str]]]
    outcomes: Mapping[int, RowOutcome]
    orders: Sequence[OrderSummary] = ()
    info: RunInfo = field(default_factory=lambda: RunInfo(batch=""))
    fingerprints: Mapping[int, str] = field(default_factory=dict)  # spreadsheet row -> ledger fingerprint
    notes: tuple[str, ...] = ()  # where the money shown is not simply the vendor's (runnotes.money_notes)


def missing_outcome(row: int) -> RowOutcome:
    """A row the ledger knows nothing about is shown, never dropped."""
    return RowOutcome(row=row, status="planned", problems="Not yet sent: re-run the same command to resume")


CUT_NOTE = "longer than a spreadsheet cell holds (32,767 characters), cut in this workbook: {columns}"


def with_cut_note(outcome: RowOutcome, columns: Sequence[str]) -> RowOutcome:
    """The row says which of its cells the workbook shows cut (the ledger and the vendor had them whole)."""
    note = CUT_NOTE.format(columns=", ".join(columns))
    if note in outcome.problems:
        return outcome
    return replace(outcome, problems=f"{note}; {outcome.problems}" if outcome.problems else note)
