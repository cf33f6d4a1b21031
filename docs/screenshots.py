"""Take the README's screenshots of the web page (docs/review.png, docs/results.png) with Playwright.

    .venv/bin/python docs/screenshots.py

Starts `bulkship serve` on a free port with a throwaway data folder (the embedded sandbox), uploads
samples/messy.xlsx, and photographs the review page and, after sending the valid rows, the results page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/lib/chromium/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BULKSHIP_DATA_DIR": tmp, "BULKSHIP_OUT": f"{tmp}/out"}
        server = subprocess.Popen(
            [sys.executable, "-m", "bulkship", "serve", "--port", "0"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert server.stdout is not None
        url = server.stdout.readline().strip().rpartition(" ")[2]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.goto(url + "/batches/new")
                page.set_input_files("input[name=file]", str(ROOT / "samples" / "messy.xlsx"))
                page.fill("input[name=name]", "Q4-anniversaries")
                page.click("button[type=submit]")
                page.wait_for_url("**/columns")
                page.click("#to-review")
                page.wait_for_url("**/review")
                page.click("text=Errors (not sent unless fixed)")
                page.screenshot(path=str(ROOT / "docs" / "review.png"))
                page.click("#continue")
                page.check("input[name=leave_out]")
                page.click("#send")
                page.wait_for_selector("#finished", timeout=120_000)
                page.click("text=See the results")
                page.wait_for_url("**/results")
                page.screenshot(path=str(ROOT / "docs" / "results.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
