"""An Employee ID or other reference as compared, and one that is only a placeholder ('TBD', 'N/A', '0')."""

from __future__ import annotations

import re

# An Employee ID cell saying there is none yet: new hires' "TBD", "N/A", "NEW", "0", "-" on several rows
# named one person: all but the first were duplicates in the file, and held as cards another batch ordered
# (found by hunter-sheets)
_NO_REFERENCE = re.compile(
    r"(?i)\s*(?:n\.?\s*/?\s*a\.?|tb[dac]|none|null|nil|new(?:\s+hire)?|pending|unknown|unk|[-–—_.?x]+|0+|"
    # ... or an Excel pivot table's '(blank)' (found by hunter-sheets9)
    r"[(\[<{]\s*(?:blank|empty|none|null|nil|n/?a|nothing)\s*[)\]>}])\s*"
)


_PLACEHOLDER_STARTS = frozenset("nNtTpPuU-–—_.?xX0 ([<{")  # what a placeholder opens with: a quick test first


def no_reference(reference: str) -> bool:
    """Whether an Employee ID or other reference is only a placeholder ('TBD', 'N/A', 'NEW', '0', '-')."""
    return (
        bool(reference)
        and reference[0] in _PLACEHOLDER_STARTS
        and _NO_REFERENCE.fullmatch(reference) is not None
    )


def fold_reference(reference: object) -> str:
    """An Employee ID or other reference as compared: case folded, and a number without the zeros in front
    that Excel drops in one export and keeps in another ('000123' = '123': found by newcomer9); "" for a
    placeholder (:data:`_NO_REFERENCE`), which identifies no one."""
    text = str(reference or "").strip().casefold()
    if _NO_REFERENCE.fullmatch(text):
        return ""
    return text.lstrip("0") or "0" if text.isdigit() else text
