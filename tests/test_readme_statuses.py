"""Every row status the result workbook, `bulkship status` and the web page show is explained in the README.

Found by newcomer15: the first run of the README ends "25 rows (25 pending); 25 ordered ... charged",
every Results row reads 'pending', and the README never said what 'pending' is (read as: not ordered)."""

from __future__ import annotations

from pathlib import Path

from bulkship.statuses import STATUS_NAMES

README = Path(__file__).parent.parent / "README.md"


def test_every_row_status_a_user_sees_is_named_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [name for name in STATUS_NAMES if f"`{name}`" not in text]
    assert missing == []
