"""One measured task per process: ``python -m bench.tasks NAME SRC OUT`` prints one JSON line.

A fresh process per task keeps peak memory honest (ru_maxrss is per process) and keeps one task's caches
from flattering the next.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import baselines

TASKS: dict[str, Callable[[Path, Path], int]] = {
    "floor": baselines.floor,
    "naive": baselines.naive,
}


def register(name: str) -> Callable[[Callable[[Path, Path], int]], Callable[[Path, Path], int]]:
    def wrap(func: Callable[[Path, Path], int]) -> Callable[[Path, Path], int]:
        TASKS[name] = func
        return func

    return wrap


def measure(name: str, src: Path, out: Path) -> dict[str, object]:
    start = time.perf_counter()
    rows = TASKS[name](src, out)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"task": name, "rows": rows, "seconds": round(seconds, 3), "peak_rss_mb": round(peak_mb, 1)}


def main(argv: list[str]) -> None:
    from . import stages  # noqa: F401  (registers the bulkship stage tasks)

    name, src, out = argv
    print(json.dumps(measure(name, Path(src), Path(out))))


if __name__ == "__main__":
    main(sys.argv[1:])
