"""Shared fixtures. Every test gets its own data directory, so no test sees another's ledger or sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "bulkship-data"
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(data_dir))
    for name in (
        "BULKSHIP_API_URL",
        "BULKSHIP_EMAIL",
        "BULKSHIP_ACCESS_TOKEN",
        "BULKSHIP_LEDGER",
        "BULKSHIP_CREDENTIALS",
        "BULKSHIP_SANDBOX_STATE",
        "BULKSHIP_OUT",
    ):
        monkeypatch.delenv(name, raising=False)
    return data_dir
