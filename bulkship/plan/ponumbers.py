"""PO numbers and references: ``<PREFIX>-<BATCH>-<SEQ>`` in the vendor's alphabet, follow-ups ``<PO>-R<n>``, a
batch's PO pattern, each row's ``ExternalId``."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Iterable

from ..errors import ConfigError
from ..folding import no_reference

PO_MAX_LENGTH = 50
PO_PREFIX_MAX = 12
DEFAULT_PO_PREFIX = "BS"
_SEQ_DIGITS = 4
_RESERVED_TAIL = 1 + 7 + 4  # "-" + room for a 7-digit sequence + "-R99"
_NOT_PO_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_REPLAN_SUFFIX = re.compile(r"-R(\d+)$")


def po_part(text: str) -> str:
    """One part of a PO number: the vendor's alphabet only, upper-case, no leading/trailing separators."""
    cleaned = _NOT_PO_CHARS.sub("-", text.strip()).upper()
    return re.sub(r"-{2,}", "-", cleaned).strip("-._")


def checked_prefix(prefix: str) -> str:
    """``--po-prefix`` as given, or ConfigError when the PO numbers would not carry it: 'ÄÖ' or '-' left
    none, and a prefix cut to its first 12 characters gave 'DEPARTMENT-001' and 'DEPARTMENT-002' one prefix
    (two ledgers ordering on one vendor account then share PO numbers)."""
    part = po_part(prefix)
    if not part or len(part) > PO_PREFIX_MAX:  # blank too: ' ' ordered under no prefix (review20)
        raise ConfigError(
            f"--po-prefix {prefix!r} cannot start a PO number: "
            + (
                f"it is longer than {PO_PREFIX_MAX} characters"
                if part
                else "it has no letter or digit A-Z, 0-9"
            ),
            hint=f"use up to {PO_PREFIX_MAX} letters A-Z, digits, dots, dashes or underscores, e.g. HR-2026; "
            "nothing was sent",
        )
    return prefix


def batch_name_of(text: str) -> str:
    """A batch name made of ``text`` in the vendor's alphabet (a file's name, a name to suggest): safe for
    PO numbers, file names and links."""
    return _NOT_PO_CHARS.sub("-", text).strip("-._") or "batch"


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6].upper()


def _mixed_case(text: str) -> bool:
    return text != text.upper() and text != text.lower()


def po_stem(prefix: str, batch: str) -> str:
    """``PREFIX-BATCH`` within the length that leaves room for a sequence and a re-plan suffix."""
    prefix_part = po_part(prefix)[:PO_PREFIX_MAX].strip("-._")
    batch_part = po_part(batch) or _short_hash(batch)
    budget = PO_MAX_LENGTH - _RESERVED_TAIL - (len(prefix_part) + 1 if prefix_part else 0)
    if _mixed_case(batch) and len(batch_part) <= budget:
        # upper-casing would give "Gifts" the PO numbers of "gifts": a mixed-case name gets its own stem.
        # Names in one case keep theirs, so ledgers planned before this still resume with the same POs.
        batch_part = batch_part[: budget - 7].rstrip("-._") + "-" + _short_hash(batch)
    if len(batch_part) > budget:
        batch_part = batch_part[: budget - 7].rstrip("-._") + "-" + _short_hash(batch)
    return f"{prefix_part}-{batch_part}" if prefix_part else batch_part


def po_number(prefix: str, batch: str, seq: int) -> str:
    return _numbered(po_stem(prefix, batch), seq)


def _numbered(stem: str, seq: int) -> str:
    """The one place a PO number's sequence is formatted."""
    return f"{stem}-{seq:0{_SEQ_DIGITS}d}"


def batch_po_pattern(stem: str) -> re.Pattern[str]:
    """The PO numbers of one stem, exactly (use ``fullmatch``): ``<stem>-<seq>`` and its follow-ups
    ``<stem>-<seq>-R<n>``, in any case. ``BS-GIFTS-0001`` is not one of stem ``BS-GIFTS-1``'s."""
    return re.compile(rf"{re.escape(stem)}-\d+(?:-R\d+)?", re.IGNORECASE)


def next_seq(po_numbers: Iterable[str], stem: str) -> int:
    """The sequence of a batch's next new order (PO numbers ``<stem>-<seq>``), after those of its PO numbers
    (``po_numbers``) that such a PO number has room for. A sequence with more digits (an order taken from the
    vendor's list under a PO number the vendor made: 'SHOP-20261204153012') made the next PO number too long
    for the vendor with a long batch name, refused at every run, its rows never sent (hunter-vendor12's L5).
    Such an order may be one of the batch's the vendor re-keyed, its own number unknown: each moves the next
    on by one instead."""
    room = 10 ** (PO_MAX_LENGTH - len(stem) - len("-") - len("-R99"))
    last, skipped = 0, 0
    for po in po_numbers:
        seq = order_seq(po)
        if seq < room:
            last = max(last, seq)
        else:
            skipped += 1
    return last + skipped + 1


def skipped_number(po_numbers: Iterable[str]) -> tuple[str, str] | None:
    """The first sequence a batch's PO numbers skip between two of them (under any prefix), as a PO number of
    the stem of the one after it, and that one (as given); None when they skip none. An order another run
    has not made yet (in flight, retried) may hold rows found on none of the others."""
    by_seq: dict[int, str] = {}
    for po in po_numbers:
        by_seq.setdefault(order_seq(po), po)
    for before, after in itertools.pairwise(sorted(by_seq)):
        numbered = re.fullmatch(r"(.*-)(\d+)", _REPLAN_SUFFIX.sub("", by_seq[after]))
        if after - before > 1 and numbered is not None:
            stem, digits = numbered.groups()
            return f"{stem}{before + 1:0{len(digits)}d}", by_seq[after]
    return None


def replan_po(base_po: str, attempt: int) -> str:
    """The follow-up order for rows of ``base_po`` that still have to go out: ``<base>-R<attempt>``."""
    return f"{_REPLAN_SUFFIX.sub('', base_po)}-R{attempt}"


def reference_prefix(batch: str) -> str:
    """The batch's part of the ExternalIds made up for its rows: its name's first 24 characters in the
    vendor's alphabet, so two names agreeing in them (or only in case) share it."""
    return (po_part(batch) or "BATCH")[:24]


def external_reference(batch: str, fingerprint: str, external_id: str = "") -> str:
    """The line item's ExternalId: the user's own reference, or one derived from batch and row content (also
    for a reference that is only a placeholder, 'TBD': several rows would share it at the vendor)."""
    if external_id.strip() and not no_reference(external_id.strip()):
        return external_id.strip()
    return f"{reference_prefix(batch)}-{fingerprint[:16]}"


def other_batch_po(batch: str) -> Callable[[str], bool]:
    """Whether a PO number, not one of the batch's own, is bulkship's PO number of another batch whose
    made-up ExternalIds this batch's rows share: names agreeing in their first 24 characters
    ('peakline-employees-2026-12-04' and '...-12-05', lists named by their export day) or only in case.
    The batch's own name cut to fit another prefix ends in its name's hash: not another batch's. Built once
    per batch: it is asked of every order the vendor lists."""
    own = re.compile(rf"-{_short_hash(batch)}-\d+(?:-R\d+)?$", re.IGNORECASE)
    # under any prefix ('HR-2026-'); a name cut to fit keeps at least its first 17 characters and ends in
    # its hash; a name with no letter A-Z is its hash alone (its references all start 'BATCH-')
    ref = reference_prefix(batch)
    stems = [rf"{re.escape(ref)}[A-Z0-9._-]*", rf"{re.escape(ref[:17].rstrip('-._'))}[A-Z0-9._-]*-{_HASH}"]
    if not po_part(batch):
        stems.append(rf"{_HASH}(?:-{_HASH})?")
    shape = re.compile(rf"(?:[A-Z0-9._-]+-)?(?:{'|'.join(stems)})-\d{{4,7}}(?:-R\d+)?", re.IGNORECASE)
    return lambda po: own.search(po) is None and shape.fullmatch(po) is not None


_HASH = "[0-9A-F]{6}"


_DERIVED = re.compile(r"-[0-9a-f]{16}$", re.IGNORECASE)


def is_derived_reference(external_id: str) -> bool:
    """Whether an ExternalId is one :func:`external_reference` made up for a row without its own."""
    return _DERIVED.search(external_id) is not None


def order_seq(po: str) -> int:
    """The sequence number in a PO made by :func:`po_number` (follow-ups share their original's)."""
    match = re.search(r"-(\d+)(?:-R\d+)?$", po)
    return int(match.group(1)) if match else 0
