"""One timing of ``reconcile --review`` (``api.review_batch``) in a fresh process, for ``bench.review``.

A lost ledger at a vendor speaking the likely-real dialect (no line identity echoed): N rows of one card, all
waiting for review. ``bulkship`` and the test support come from the tree on ``PYTHONPATH`` (the baseline's or
this one), so both sides build the same case with their own code. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(1, str(Path(os.environ["PYTHONPATH"].split(os.pathsep)[0]) / "tests"))

from support import SandboxVendor, write_sheet

from bulkship import api
from bulkship.pipeline import run_batch
from bulkship.sandbox.dialect import parse_dialect
from bulkship.settings import Settings


def main() -> None:
    rows, max_lines = int(sys.argv[1]), int(sys.argv[2])
    work = Path(tempfile.mkdtemp(prefix="bench-review-"))
    vendor = SandboxVendor(work, dialect=parse_dialect("likely-real"))
    try:
        vendor.sandbox.fund("100000000")
        settings = Settings(data_dir=work / "data", out_dir=work / "out")
        sheet = write_sheet(work / "staff.csv", range(1, rows + 1))
        run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(), max_lines=max_lines)
        settings.ledger.unlink()  # the ledger is lost: the next run finds every row at the vendor, unproven
        run_batch(sheet, settings, wait_s=0, client_factory=vendor.factory(), max_lines=max_lines)
        start = time.perf_counter()
        report = api.review_batch(settings, "staff", client_factory=vendor.factory())
        seconds = time.perf_counter() - start
    finally:
        vendor.close()
    print(json.dumps({"rows": rows, "waiting": report.rows_waiting, "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main()
