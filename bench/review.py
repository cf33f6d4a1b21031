"""``python -m bench.review``: how long ``bulkship reconcile BATCH --review`` takes when every row of a lost
ledger waits for review (issue 11: it used to grow with rows waiting × vendor lines), this tree against a
baseline, in the same run.

Options: ``--rows N [N ...]`` (default 300 600), ``--max-lines N`` (line items per order, default 4: many
orders), ``--baseline REF`` (a git ref; default ``HEAD``). Each size runs in a fresh process per tree.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .memory import TREE, baseline_tree, run_probe

PROBE = Path(__file__).resolve().parent / "review_probe.py"


def probe(tree: Path, rows: int, max_lines: int) -> dict[str, Any]:
    return run_probe(PROBE, tree, str(rows), str(max_lines))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[300, 600])
    parser.add_argument("--max-lines", type=int, default=4)
    parser.add_argument("--baseline", default="HEAD")
    args = parser.parse_args()
    base = baseline_tree(args.baseline)
    for rows in args.rows:
        before = probe(base, rows, args.max_lines)
        after = probe(TREE, rows, args.max_lines)
        ratio = (
            f"{before['seconds'] / after['seconds']:.1f}x faster"
            if "seconds" in before and "seconds" in after and after["seconds"]
            else "n/a"
        )
        was, now = before.get("seconds", before.get("error")), after.get("seconds", after.get("error"))
        print(f"{rows:,} rows waiting: baseline {args.baseline} {was} s, this tree {now} s ({ratio})")


if __name__ == "__main__":
    main()
