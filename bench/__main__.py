"""``python -m bench``: make the files, time each stage and the baselines in fresh processes, print a table.

Options: ``--rows N`` (default 100,000 XLSX/CSV rows), ``--big N`` (default 1,000,000 CSV rows; 0 skips),
``--no-submit`` (skip the sandbox submission bench), ``--json FILE`` (also write the figures).
Every ratio compares figures measured in this same run: noise between runs on these machines is ~20 %.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from .generate import ensure
from .report import print_report

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"
RESULTS_DIR = BENCH_DIR / "results"


def run_task(name: str, src: Path, out: Path, *extra: str) -> dict[str, object]:
    """One task in a fresh interpreter; its JSON line back."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.tasks", name, str(src), str(out), *extra],
        capture_output=True,
        text=True,
        cwd=BENCH_DIR.parent,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
        return {
            "task": name,
            "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed",
        }
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    sys.stderr.write(f"  {name}: {figures.get('seconds')} s\n")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--no-submit", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)

    sys.stderr.write(f"generating files in {DATA_DIR} (cached)...\n")
    xlsx = ensure("xlsx", args.rows, DATA_DIR)
    csv_file = ensure("csv", args.rows, DATA_DIR)
    results: dict[str, dict[str, object]] = {}

    def task(label: str, name: str, src: Path, *extra: str) -> None:
        results[label] = run_task(name, src, RESULTS_DIR / f"{label}.xlsx", *extra)

    sys.stderr.write("timing...\n")
    task("floor", "floor", xlsx)
    task("naive", "naive", xlsx)
    task("load_xlsx", "load", xlsx)
    task("load_csv", "load", csv_file)
    task("validate", "validate", xlsx)
    task("plan", "plan", xlsx)
    task("pipeline_xlsx", "pipeline", xlsx)
    task("pipeline_csv", "pipeline", csv_file)
    task("rerun", "rerun", xlsx)
    if args.big:
        big = ensure("csv", args.big, DATA_DIR)
        task("big_validate_plan", "validate_plan", big)
        task("big_pipeline", "pipeline", big)
    if not args.no_submit:
        for inflight in (1, 4, 8, 16):
            task(f"submit_{inflight}", "submit", csv_file, str(inflight))
        task("submit_ratelimit", "submit_ratelimit", csv_file)
        # the same submission against a minimal echo vendor: what bulkship itself sustains, sandbox CPU aside
        for inflight in (1, 8):
            task(f"echo_{inflight}", "submit_echo", csv_file, str(inflight))
    print_report(results, rows=args.rows, big=args.big)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
