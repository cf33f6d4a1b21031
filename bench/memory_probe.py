"""One whole ``run`` of a file, its memory measured stage by stage; prints one JSON line.

``python bench/memory_probe.py SRC WORK VENDOR_URL [--tracemalloc]`` (run as a script, not ``-m``: the
driver, :mod:`bench.memory`, sets ``PYTHONPATH`` to the source tree to measure, so that the same probe
measures this tree and a baseline checkout alike; it imports only bulkship and psutil).

The run is :func:`bulkship.pipeline.run_batch`, what ``bulkship run FILE --yes`` does, against the vendor at
VENDOR_URL (the driver starts one in its own process, so the vendor's memory is not counted as ours). The
functions that make up its stages are wrapped where ``run`` looks them up, and for each stage the probe
reports its seconds, the highest RSS seen while it ran (a thread samples every 5 ms, and the kernel's
high-water mark ``VmHWM`` catches what sampling misses) and the RSS when it ended.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import psutil

MB = 1024 * 1024
SAMPLE_S = 0.005

# stage -> where run_batch looks its function up, first found wins (modules move between versions)
STAGES: dict[str, list[tuple[str, str]]] = {
    "load": [("bulkship.load", "load_sheet")],
    "validate": [("bulkship.validate", "validate")],
    "plan": [("bulkship.pipeline", "sync_ledger"), ("bulkship.pipeline", "_sync_ledger")],
    "confirm": [("bulkship.pipeline", "plan_view")],
    "submit": [("bulkship.pipeline", "submit_batch")],
    "workbook": [("bulkship.pipeline", "write_results")],
    # the rest of a run, so that no second goes unaccounted
    "hash": [("bulkship.pipeline", "file_sha256")],
    "repeat_check": [("bulkship.pipeline", "check_new_run")],
    "fix_sheet": [("bulkship.reconcile.fixsheet", "load_fix_sheet")],
    "rebuild": [("bulkship.rebuild", "rebuild_from_vendor")],
    "result": [("bulkship.pipeline", "result_from_ledger"), ("bulkship.pipeline", "_result_from_ledger")],
}
OPTIONAL = {"confirm", "hash", "repeat_check", "fix_sheet", "rebuild", "result"}


def _high_water_mb() -> float:
    """The kernel's peak RSS of this process so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Probe:
    """Samples RSS on a thread; each stage records its own highest figure."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.label = "start"
        self.peaks: dict[str, float] = {}
        self.stages: list[dict[str, Any]] = []
        self.snapshots: dict[str, list[str]] = {}
        self.tracemalloc = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def rss_mb(self) -> float:
        return float(self.process.memory_info().rss) / MB

    def _sample(self) -> None:
        while not self._stop.is_set():
            rss = self.rss_mb()
            if rss > self.peaks.get(self.label, 0.0):
                self.peaks[self.label] = rss
            time.sleep(SAMPLE_S)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def wrap(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def enter() -> tuple[str, float, float]:
            outer = self.label
            self.label = stage
            if self.tracemalloc:
                import tracemalloc

                tracemalloc.reset_peak()
            self.peaks[stage] = max(self.peaks.get(stage, 0.0), self.rss_mb())
            return outer, time.perf_counter(), _high_water_mb()

        def leave(outer: str, started: float, hwm_before: float) -> None:
            seconds = time.perf_counter() - started
            hwm = _high_water_mb()
            peak = max(self.peaks.get(stage, 0.0), hwm if hwm > hwm_before else 0.0)
            figures = {
                "stage": stage,
                "s": round(seconds, 2),
                "peak_mb": round(peak),
                "end_mb": round(self.rss_mb()),
            }
            if (
                self.tracemalloc
            ):  # Python's own allocations: live at the end, and the most live during the stage
                import tracemalloc

                current, traced_peak = tracemalloc.get_traced_memory()
                figures |= {
                    "traced_end_mb": round(current / MB, 1),
                    "traced_peak_mb": round(traced_peak / MB, 1),
                }
            self.stages.append(figures)
            self.peaks[stage] = 0.0
            print(json.dumps(self.stages[-1]), file=sys.stderr, flush=True)  # progress of a long run
            if self.tracemalloc:
                self._snapshot(stage)
            self.label = (
                f"after {stage}" if outer in ("start", "between") or outer.startswith("after ") else outer
            )

        if _is_coroutine(func):

            @wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                state = enter()
                try:
                    return await func(*args, **kwargs)
                finally:
                    leave(*state)

            return run_async

        @wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            state = enter()
            try:
                return func(*args, **kwargs)
            finally:
                leave(*state)

        return run

    def _snapshot(self, stage: str) -> None:
        import tracemalloc

        top = tracemalloc.take_snapshot().statistics("lineno")[:8]
        self.snapshots[stage] = [f"{s.size / MB:.0f} MB {s.traceback[0]}" for s in top]


def _is_coroutine(func: Callable[..., Any]) -> bool:
    import inspect

    return inspect.iscoroutinefunction(func)


def install(probe: Probe) -> list[str]:
    """Wrap each stage's function where run_batch finds it; the stages not found."""
    missing = []
    for stage, places in STAGES.items():
        for module_name, attr in places:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            func = getattr(module, attr, None)
            if func is not None:
                setattr(module, attr, probe.wrap(stage, func))
                break
        else:
            if stage not in OPTIONAL:
                missing.append(stage)
    return missing


def main(argv: list[str]) -> None:
    src, work, url = Path(argv[0]), Path(argv[1]), argv[2]
    probe = Probe()
    if "--tracemalloc" in argv:
        import tracemalloc

        tracemalloc.start()
        probe.tracemalloc = True
    import bulkship
    from bulkship.pipeline import run_batch
    from bulkship.settings import SANDBOX_ACCESS_TOKEN, SANDBOX_EMAIL, Settings

    missing = install(probe)
    work.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="data-", dir=work))
    settings = Settings(
        api_url=url,
        email=SANDBOX_EMAIL,
        access_token=SANDBOX_ACCESS_TOKEN,
        data_dir=data,
        ledger_path=data / "ledger.sqlite",
        out_dir=data / "out",
        concurrency=8,
    )
    baseline_mb = probe.rss_mb()
    probe.start()
    started = time.perf_counter()
    result = run_batch(src, settings, batch="bench", wait_s=0)
    seconds = time.perf_counter() - started
    probe.stop()
    figures = {
        "tree": str(Path(bulkship.__file__).resolve().parent.parent),
        "rows": result.rows,
        "ordered_rows": result.ordered_rows,
        "exit": result.exit_code,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(_high_water_mb()),
        "start_rss_mb": round(baseline_mb),
        "stages": probe.stages,
        "missing_stages": missing,
        "output_bytes": result.output.stat().st_size if result.output else None,
    }
    figures["between_peaks_mb"] = {k: round(v) for k, v in probe.peaks.items() if v and k not in STAGES}
    if probe.snapshots:
        figures["tracemalloc"] = probe.snapshots
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
