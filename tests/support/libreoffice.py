"""LibreOffice, headless, as a second opinion on a workbook: it opens (and converts) what Excel would.

Under CI (``CI=true``; ``.ci/run`` installs ``libreoffice-calc`` when missing) a missing LibreOffice is a
failure; elsewhere the test is skipped with the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("LibreOffice (soffice) is required under CI: .ci/run installs libreoffice-calc")
    pytest.skip("LibreOffice (soffice) is not installed (CI installs it: apt-get install libreoffice-calc)")


def convert(workbook: Path, to: str, work: Path) -> Path:
    """``workbook`` converted by LibreOffice to ``to`` (csv, xlsx...) in ``work``; fails when it cannot."""
    outdir = work / f"lo-{to}"
    done = subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
         "--convert-to", to, "--outdir", str(outdir), str(workbook)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    converted = outdir / f"{workbook.stem}.{to.split(':')[0]}"
    assert done.returncode == 0 and converted.exists(), (done.returncode, done.stdout, done.stderr)
    return converted
