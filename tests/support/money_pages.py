"""The web pages' money, read as a person reads them, against what the result workbook adds up to
(:func:`.money_invariants.check_money` with ``web=True``): the batch's Results page (its counts by status, and
its charged, in doubt and to send figures) and its line on the Batches page. A batch run from the command
line is shown by the web pages of the same ledger too, and finance reads them there."""

from __future__ import annotations

import dataclasses
import html
import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from starlette.testclient import TestClient

from bulkship.settings import resolve_settings
from bulkship.web import create_app

_TAGS = re.compile(r"<[^>]+>")


def _figure(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _results_page(page: str) -> tuple[Counter[str], list[Decimal]]:
    """Its counts by status, and its charged, in doubt and to send figures (0.00 where it says none)."""
    counts: Counter[str] = Counter()
    for status, n in re.findall(r'<li class="status-([^"]+)"><strong>(\d+)</strong>', page):
        counts[html.unescape(status)] = int(n)
    charged = re.search(r"<li><strong>([\d,.-]+)</strong> charged", page)
    assert charged is not None, "the Results page says no money charged"
    figures = [_figure(charged.group(1))]
    for key in ("in-doubt-cost", "to-send-cost"):
        found = re.search(rf'id="{key}"><strong>([\d,.-]+)</strong>', page)
        figures.append(_figure(found.group(1)) if found else Decimal(0))
    return counts, figures


def _batches_line(page: str, batch: str) -> str:
    """The batch's line on the Batches page, as text."""
    for line in re.findall(r"<tr.*?</tr>", page, flags=re.S):
        if f'href="/batches/{batch}/' in line or f">{batch}<" in line:
            return " ".join(html.unescape(_TAGS.sub(" ", line)).split())
    raise AssertionError(f"the Batches page lists no batch {batch}")


def check_pages(
    ledger_path: Path | str, batch: str, statuses: Counter[str], totals: Sequence[Decimal]
) -> None:
    """The Results page counts ``statuses`` (the workbook's rows by status) and says ``totals`` (charged, in
    doubt, to send: the Summary's), and the Batches page's line says the same money."""
    settings = resolve_settings()
    if isinstance(ledger_path, str) and "://" in ledger_path:  # a team's PostgreSQL ledger
        settings = dataclasses.replace(settings, ledger_url=ledger_path)
    elif Path(ledger_path) != Path(str(settings.ledger_location)):
        settings = dataclasses.replace(settings, data_dir=Path(ledger_path).parent, ledger_path=None)
    assert str(settings.ledger_location) == str(ledger_path), settings.ledger_location
    with TestClient(create_app(settings, run_wait_s=0), follow_redirects=True) as client:
        counts, figures = _results_page(client.get(f"/batches/{batch}/results").text)
        listed = _batches_line(client.get("/").text, batch)
    assert counts == +statuses, f"the Results page counts {dict(counts)}, the workbook {dict(statuses)}"
    charged, in_doubt, to_send = totals
    assert figures == [charged, in_doubt, to_send], f"the Results page says {figures}, the workbook {totals}"
    said = [f"{charged:,.2f} charged"]
    said += [f"+ {in_doubt:,.2f} in doubt"] if in_doubt else []
    said += [f"+ {to_send:,.2f} to send"] if to_send else []
    for words in said:
        assert words in listed, f"the Batches page's line says no {words!r}: {listed}"
