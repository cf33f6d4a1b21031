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

FIGURES: dict[str, object] = {}  # extra figures a task reports beside its rows and seconds

TASKS: dict[str, Callable[..., int]] = {
    "floor": baselines.floor,
    "naive": baselines.naive,
}


def register(name: str) -> Callable[[Callable[..., int]], Callable[..., int]]:
    def wrap(func: Callable[..., int]) -> Callable[..., int]:
        TASKS[name] = func
        return func

    return wrap


_CLOCK: dict[str, float] = {}


def start_clock() -> None:
    """Called by a task after its untimed set-up (such as fetching the catalog from the sandbox)."""
    _CLOCK["start"] = time.perf_counter()


def measure(name: str, src: Path, out: Path, *extra: str) -> dict[str, object]:
    _CLOCK["start"] = time.perf_counter()
    rows = TASKS[name](src, out, *extra)
    seconds = time.perf_counter() - _CLOCK["start"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "task": name,
        "rows": rows,
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(peak_mb, 1),
        **FIGURES,
    }


def main(argv: list[str]) -> None:
    # Run as __main__, this file is not the module ``bench.tasks`` that the stage modules register with.
    from bench import stages, submit  # noqa: F401  (each registers its tasks)
    from bench.tasks import measure as registered_measure

    name, src, out, *extra = argv
    print(json.dumps(registered_measure(name, Path(src), Path(out), *extra)))


if __name__ == "__main__":
    main(sys.argv[1:])
