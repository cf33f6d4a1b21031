"""One exception tree for bulkship. Foreign exceptions (httpx, pandera, openpyxl, sqlite3) are translated
where they enter; only these reach the CLI, which prints ``Error: <message>`` and exits with ``exit_code``.

    BulkshipError                      (exit 1 unless said otherwise)
    ├── InputError                     unusable input file or settings: exit 2
    │   ├── FileFormatError            unreadable, wrong format, too big, unsafe XML
    │   ├── MissingColumnsError        required columns absent
    │   ├── ConfigError                bad program settings / flags
    │   └── UnknownBatchError          a batch name the ledger does not hold
    ├── BatchConflictError             file does not match what the batch already ordered: exit 2
    ├── LedgerError                    the journal cannot be opened or written
    │   ├── LedgerLockedError          another bulkship process holds the ledger
    │   └── NewerLedgerError           a newer bulkship upgraded the ledger's schema
    ├── SpendLimitError                planned total above --max-total, or the user declined
    │   └── ChargedPastLimitError      the orders gone charged past the run's limit (``left``: some stay)
    ├── ReviewRefusedError             a "needs review" settlement the vendor's answer does not allow
    └── VendorError                    anything the vendor API said or failed to say
        ├── TransientVendorError       retry with the same PONumber: 429, 5xx, 504, transport errors
        │   ├── RateLimitedError       429, carries retry_after seconds
        │   └── VendorUnavailableError 5xx, timeouts, dropped connections
        │       └── UnverifiableOrderError refused after a lost answer; existence cannot be checked
        └── TerminalVendorError        never retry as is
            ├── AuthenticationError    401 even after a fresh token: bad credentials
            ├── AccessDeniedError      403: API access disabled for these credentials
            ├── OrderRejectedError     400: validation failure; ``field_errors`` maps paths to messages
            ├── InsufficientFundsError 422: deposit account short
            ├── DuplicateOrderError    409 that could not be resolved to the original order
            └── NotFoundError          404

Each error says what happened, what state is left, and where possible the next command to run (``hint``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class BulkshipError(Exception):
    """Base of every error bulkship raises on purpose."""

    exit_code = 1
    transient = False
    label = "Error:"  # what the terminal writes before the message

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class InputError(BulkshipError):
    """The input file or settings cannot be used at all."""

    exit_code = 2


class FileFormatError(InputError):
    """The file is unreadable, not what its extension claims, too large, or unsafe."""


class SecondCardError(FileFormatError):
    """Two card and amount columns beside the ones read (one card per row is ordered): the person says
    whether the other pair is left out on purpose (``[columns] product``; on the web page, one button)."""

    def __init__(self, message: str, *, hint: str, product: str) -> None:
        super().__init__(message, hint=hint)
        self.product = product  # the header the card is read from


class SheetChoiceError(FileFormatError):
    """The workbook holds more than one list of recipients: the person chooses the sheet (``--sheet``, or the
    sheet picker on the web page)."""


class MissingColumnsError(InputError):
    """Required columns are absent and no default fills them (``whole_addresses``: the street column whose
    cells hold whole addresses, city, state and ZIP with it, when that is why; ``whole_on_lines``: their parts
    are lines of the cell)."""

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        whole_addresses: str | None = None,
        whole_on_lines: bool = False,
    ) -> None:
        super().__init__(message, hint=hint)
        self.whole_addresses = whole_addresses
        self.whole_on_lines = whole_on_lines


class ConfigError(InputError):
    """Program settings, flags or credentials are invalid."""


class UnknownBatchError(InputError):
    """A batch name the ledger does not hold (mistyped, or another ledger's): exit 2, nothing done. Exit 1 of
    `reconcile` means differences found, and a script read 'reconcile NOPE' as money that does not match
    (newcomer11's W4)."""

    @classmethod
    def of(cls, batch: str, names: Sequence[str], ledger: str) -> UnknownBatchError:
        """Said with the ledger's batches and the one written alike, if any (case, spacing, a download
        suffix: `anniv-2026q4` for ANNIV-2026Q4), named first in the hint."""
        from .repeats.policy import fold_name

        hint = "run `bulkship status` to list batches, or pass --ledger PATH"
        alike = [n for n in names if n != batch and fold_name(n) == fold_name(batch)]
        if alike:
            hint = f"did you mean {alike[0]!r}? A batch is named exactly as it was run; {hint}"
        return cls(
            f"No batch named {batch!r} in the ledger {ledger} (batches: {', '.join(names) or 'none yet'})",
            hint=hint,
        )


class BatchConflictError(BulkshipError):
    """The file does not match what this batch already ordered, or repeats another batch (``other``: its
    name, so a page can link to it)."""

    exit_code = 2

    def __init__(
        self, message: str, *, hint: str | None = None, other: str | None = None, other_sent: bool = True
    ) -> None:
        super().__init__(message, hint=hint)
        self.other = other
        self.other_sent = other_sent  # False: the other batch planned these cards and sent none of them


class LedgerError(BulkshipError):
    """The ledger cannot be opened, read or written."""


class LedgerLockedError(LedgerError):
    """Another bulkship process is working on the same ledger."""


class NewerLedgerError(LedgerError):
    """A newer bulkship upgraded the ledger's schema: this one reads and changes nothing until upgraded."""


class SpendLimitError(BulkshipError):
    """The planned total exceeds the allowed maximum, or the user declined."""


class DeclinedError(SpendLimitError):
    """The person answered no at 'Send these orders?': their choice, said without 'Error:' (it read 'Error:
    Not confirmed: nothing was sent', found by newcomer25)."""

    label = ""


class ChargedPastLimitError(SpendLimitError):
    """The orders that went out, charged more than planned, took the run past its limit (``counted``: what
    counts against it, in words: '150.88 counts against the 149.38 its Send confirmed'); ``left``: orders
    stay planned, not sent. With none left every card went: the batch is sent, its charges to compare with
    the vendor's (a web Send so ended read 'needs attention' on the Batches page where `bulkship status` read
    'sent': hunter-money29's leftover 3)."""

    def __init__(self, message: str, *, hint: str | None = None, counted: str, left: bool) -> None:
        super().__init__(message, hint=hint)
        self.counted, self.left = counted, left


class ReviewRefusedError(BulkshipError):
    """A person's settlement of rows in review that bulkship refuses: what the vendor shows does not allow
    it (the rows may be there, or the named order cannot be theirs). Nothing was changed."""


class VendorError(BulkshipError):
    """The vendor API answered with an error or did not answer."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        body: Any = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.status_code = status_code
        self.body = body


class TransientVendorError(VendorError):
    """Safe to retry with the same PONumber. ``retry_after``: the seconds the vendor asked to wait before
    asking again (its ``Retry-After``), if it said."""

    transient = True
    retry_after: float | None = None


class RateLimitedError(TransientVendorError):
    """429: slow down for ``retry_after`` seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class VendorUnavailableError(TransientVendorError):
    """5xx, 504, timeout or dropped connection: the outcome of a write is unknown."""


class UnverifiableOrderError(VendorUnavailableError):
    """A re-send was refused after an earlier attempt got no answer, and the vendor cannot show whether that
    attempt created the order: it may exist. Only ever re-sent with the same PONumber; a person reviews it."""


class TerminalVendorError(VendorError):
    """Retrying the same request cannot help."""


class AuthenticationError(TerminalVendorError):
    """401 even with a fresh token."""


class AccessDeniedError(TerminalVendorError):
    """403: API access is disabled for these credentials."""


class OrderRejectedError(TerminalVendorError):
    """400: the vendor rejected the order; ``field_errors`` maps e.g. ``LineItems[3].Value`` to messages."""

    def __init__(
        self, message: str, *, field_errors: dict[str, list[str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.field_errors = field_errors or {}


class InsufficientFundsError(TerminalVendorError):
    """422: the prefunded deposit account cannot cover the order."""


class DuplicateOrderError(TerminalVendorError):
    """409 whose original order could not be identified. ``first_attempt``: it answered the PO number's one
    attempt (none lost, none sent before): whatever holds the PO number, this send made nothing."""

    first_attempt: bool = False


class NotFoundError(TerminalVendorError):
    """404: no such order or resource."""
