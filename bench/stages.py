"""bulkship's own stages as bench tasks (filled in as the stages land)."""

from __future__ import annotations
