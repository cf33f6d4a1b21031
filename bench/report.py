"""The bench table: rows/s, seconds, peak memory, and each target as a ratio measured in the same run."""

from __future__ import annotations

from typing import Any

GB = 1024.0


def _rate(fig: dict[str, Any]) -> float:
    seconds = float(fig.get("seconds") or 0)
    return float(fig.get("rows") or 0) / seconds if seconds else 0.0


def _line(label: str, fig: dict[str, Any]) -> str:
    if "error" in fig:
        return f"{label:<22} ERROR {fig['error']}"
    extra = "  ".join(
        f"{k}={v}" for k, v in fig.items() if k not in {"task", "rows", "seconds", "peak_rss_mb"}
    )
    return (
        f"{label:<22} {fig.get('rows', 0):>9} {fig.get('seconds', 0):>9.2f} {_rate(fig):>11,.0f} "
        f"{fig.get('peak_rss_mb', 0):>9.0f}  {extra}"
    )


def _target(text: str, ok: bool | None) -> str:
    mark = "n/a " if ok is None else ("MET " if ok else "MISS")
    return f"  [{mark}] {text}"


def _secs(fig: dict[str, Any] | None) -> float | None:
    return float(fig["seconds"]) if fig and "seconds" in fig and fig["seconds"] else None


def targets(r: dict[str, dict[str, Any]]) -> list[str]:
    out = []
    floor, naive, pipe = _secs(r.get("floor")), _secs(r.get("naive")), _secs(r.get("pipeline_xlsx"))
    if floor and pipe:
        out.append(_target(f"pipeline / floor = {pipe / floor:.2f} (target <= 1.5)", pipe / floor <= 1.5))
    if naive and pipe:
        out.append(_target(f"naive / pipeline = {naive / pipe:.1f}x (target >= 5)", naive / pipe >= 5))
    big = r.get("big_validate_plan")
    if big and "peak_rss_mb" in big:
        peak = float(big["peak_rss_mb"])
        out.append(_target(f"1M CSV validate+plan peak RSS = {peak / GB:.2f} GB (target < 2)", peak < 2 * GB))
    rerun = r.get("rerun")
    if rerun and "rerun_s" in rerun and pipe:
        # the first run's local time is the local pipeline measured above on the same file
        share = float(rerun["rerun_s"]) / pipe
        ok = share < 0.10 and rerun.get("orders_sent") == 0
        out.append(
            _target(
                f"re-run = {share:.1%} of first run, {rerun.get('orders_sent')} orders sent "
                "(target < 10 %, 0 sent)",
                ok,
            )
        )
    one, eight = r.get("submit_1"), r.get("submit_8")
    if one and eight and _rate(one):
        ratio = _rate(eight) / _rate(one)
        out.append(_target(f"8 in flight / 1 in flight = {ratio:.1f}x rows/s (target >= 7)", ratio >= 7))
    echo_one, echo_eight = r.get("echo_1"), r.get("echo_8")
    if echo_one and echo_eight and _rate(echo_one):
        ratio = _rate(echo_eight) / _rate(echo_one)
        text = f"same against the echo vendor (bulkship alone) = {ratio:.1f}x (target >= 7)"
        out.append(_target(text, ratio >= 7))
    limited = r.get("submit_ratelimit")
    if limited and limited.get("rate_limit"):
        share = float(limited["orders_per_s"]) / float(limited["rate_limit"])
        out.append(
            _target(f"orders/s at sandbox rate limit = {share:.0%} of it (target >= 90 %)", share >= 0.9)
        )
    return out


def print_report(results: dict[str, dict[str, Any]], *, rows: int, big: int) -> None:
    print(f"\nbulkship bench: {rows:,} rows (XLSX and CSV), {big:,} rows CSV; figures from this one run\n")
    print(f"{'task':<22} {'rows':>9} {'seconds':>9} {'rows/s':>11} {'peak MB':>9}")
    for label, fig in results.items():
        print(_line(label, fig))
    print("\ntargets (ratios against baselines measured in this run):")
    for line in targets(results):
        print(line)
