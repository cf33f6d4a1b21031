"""A cost page's plan kept past cost_pages.PLAN_FRESH_S was worked out again in full on its next look
(85950d06: the vendor's prices may have changed), prices changed or not: a 100k-row list's page cost seconds
of CPU every 10 minutes for the same figures (hunter-money25's leftover 7, fixed by hunter-money26). The
vendor's catalog is read and compared with the one the plan was priced with: unchanged, the plan kept is
shown (and kept fresh); changed, it is worked out again, as before."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from test_plan_kept_prices import raise_cvs_fee
from test_web import client, found, settings, upload

from bulkship.web import cost_pages

__all__ = ["client", "settings"]  # fixtures


def _total(client: TestClient) -> str:
    return found(r'name="total" value="([^"]+)"', client.get("/batches/gifts/cost").text)


def _later(monkeypatch: pytest.MonkeyPatch, looks: int) -> None:
    """The page's clock ``looks`` times PLAN_FRESH_S (and a second) on."""
    later = time.monotonic() + looks * (cost_pages.PLAN_FRESH_S + 1)
    monkeypatch.setattr(cost_pages, "_clock", lambda: later)


def test_a_plan_kept_past_its_freshness_at_unchanged_prices_is_not_worked_out_again(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    plan_of = cost_pages.plan_of

    def counted(web: Any, batch: Any, **options: Any) -> Any:
        made.append(batch.name)
        return plan_of(web, batch, **options)

    monkeypatch.setattr(cost_pages, "plan_of", counted)
    sheet = tmp_path / "gifts.csv"
    rows = "".join(f"P{i} Lee,{i} Main St,Boston,MA,02134,CVS,25\n" for i in range(1, 6))
    sheet.write_text("Name,Address,City,State,ZIP,Product,Amount\n" + rows)
    upload(client, sheet)
    assert _total(client) == "125.00"
    first = len(made)
    _later(monkeypatch, 1)
    assert _total(client) == "125.00"
    assert len(made) == first  # the vendor's prices are those of the plan: kept
    _later(monkeypatch, 2)  # (kept fresh by that look: one more freshness on)
    raise_cvs_fee(tmp_path, monkeypatch, 2.0)
    assert _total(client) == "135.00"  # a price changed: worked out again at the vendor's prices of now
    assert len(made) == first + 1
