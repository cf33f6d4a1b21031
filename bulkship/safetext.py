"""Text that a spreadsheet could take for a formula, and how every writer of bulkship keeps it inert.

In XLSX such text is a string cell with Excel's quote prefix (so editing the cell cannot turn it into a
formula either); CSV has no cell types, so it gets a leading apostrophe (the OWASP CSV-injection defence).
"""

from __future__ import annotations

# Full-width forms too: spreadsheets in East Asian locales take a leading ＝ for the start of a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def needs_quote(text: str) -> bool:
    """True when a spreadsheet could read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(text: str) -> str:
    """CSV has no cell types: prefix formula-like text with an apostrophe so it stays text."""
    return "'" + text if needs_quote(text) else text
