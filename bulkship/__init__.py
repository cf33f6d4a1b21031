"""bulkship: turn a recipient spreadsheet into physical gift-card orders, exactly once."""

from __future__ import annotations

__version__ = "0.1.0"
