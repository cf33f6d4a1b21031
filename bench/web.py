"""The web page on a big file: upload to the first review page, vs ``bulkship validate`` on the same file.

    python -m bench.web                 # 100,000 rows, 5 % of them invalid, 3 rounds
    python -m bench.web --rows 2000     # a quick look

Both sides are measured in this run, alternating, each in its own data folder: ``bulkship validate FILE`` in a
fresh process (start-up, read, validate, validation workbook), and, against ``bulkship serve`` started once
(not timed), the upload's POST until the first review page has arrived (upload, private copy, read, validate,
first page rendered). Then review pages of that batch are fetched, the first, a middle and the last page of
every filter, and their serve times reported. Targets (issue 12): upload to first review page within 1.5x of
validate; every review page under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bulkship.web.review import FILTERS

from .generate import recipient_rows, write_xlsx

DATA = Path(__file__).resolve().parent / "data"
BAD_EVERY = 20  # one row in 20 gets a ZIP that is not one
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PAGES = re.compile(r"page 1 of (\d+)")


def bench_file(rows: int) -> Path:
    path = DATA / f"web-recipients-{rows}.xlsx"
    if not path.exists():
        body = recipient_rows(rows)
        for i in range(0, rows, BAD_EVERY):
            body[i][8] = "1234X"
        write_xlsx(path, body)
    return path


def time_validate(path: Path, env: dict[str, str], out: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bulkship", "validate", str(path), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"bulkship validate failed: {done.stderr[-2000:]}")
    return elapsed


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "bulkship", "serve", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    url = server.stdout.readline().strip().rpartition(" ")[2]
    if not url.startswith("http://127.0.0.1:"):
        server.kill()
        raise SystemExit("bulkship serve did not start")
    return server, url


def time_upload(client: httpx.Client, path: Path, name: str) -> tuple[float, str]:
    """Seconds from the upload's first byte to the first review page received; the review page's URL."""
    match = TOKEN.search(client.get("/batches/new").text)
    assert match, "no CSRF token on the upload page"
    data = path.read_bytes()
    started = time.perf_counter()
    response = client.post(
        "/batches",
        data={"csrf_token": match.group(1), "name": name},
        files={"file": (path.name, data, "application/octet-stream")},
    )
    review = str(response.url.path).replace("/columns", "/review")  # the Columns step comes first
    response = client.get(review)
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or "Review:" not in response.text:
        raise SystemExit(f"the upload did not reach the review page: {response.status_code}")
    return elapsed, review


def page_times(client: httpx.Client, review: str) -> list[tuple[str, float]]:
    timed = []
    for key in FILTERS:
        first = client.get(review, params={"filter": key}).text
        found = PAGES.search(first)
        pages = int(found.group(1)) if found else 1
        for page in sorted({1, max(1, pages // 2), pages}):
            started = time.perf_counter()
            response = client.get(review, params={"filter": key, "page": page})
            timed.append((f"{key} p{page}/{pages}", time.perf_counter() - started))
            assert response.status_code == 200
    return timed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    path = bench_file(args.rows)
    print(
        f"{path.name}: {args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB, 1 row in {BAD_EVERY} invalid"
    )
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BULKSHIP_DATA_DIR": f"{tmp}/web", "BULKSHIP_OUT": f"{tmp}/out"}
        cli_env = {**os.environ, "BULKSHIP_DATA_DIR": f"{tmp}/cli"}
        server, url = start_server(env)
        try:
            with httpx.Client(base_url=url, timeout=600, follow_redirects=True) as client:
                client.get("/")  # the server is up; its first catalog read is part of the first upload
                validate_s, upload_s, review = [], [], ""
                for n in range(args.rounds):
                    validate_s.append(time_validate(path, cli_env, Path(tmp) / "out-cli"))
                    seconds, review = time_upload(client, path, f"bench-{n}")
                    upload_s.append(seconds)
                    print(f"round {n + 1}: validate {validate_s[-1]:.2f} s, upload to review {seconds:.2f} s")
                pages = page_times(client, review)
        finally:
            server.terminate()
            server.wait(timeout=30)
    v, u = statistics.median(validate_s), statistics.median(upload_s)
    print(f"\nbulkship validate (median of {args.rounds}):        {v:7.2f} s")
    print(f"upload to first review page (median):   {u:7.2f} s   ratio {u / v:.2f} (target <= 1.5)")
    slowest = max(pages, key=lambda p: p[1])
    print(
        f"review pages: {len(pages)} served, median {statistics.median(s for _, s in pages) * 1000:.0f} ms, "
        f"slowest {slowest[1] * 1000:.0f} ms ({slowest[0]}) (target < 300 ms)"
    )


if __name__ == "__main__":
    main()
