"""The system programs some tests drive (LibreOffice opens our workbooks, Chromium the web page), installed
from Debian's packages when missing and the test run may do so (root, or sudo without a password). Without
them those tests skip with a reason outside CI and fail under CI=true (conftest)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

# program on PATH -> the Debian package that provides it (no recommends: a browser without 90 extras)
PARTS = {"soffice": "libreoffice-calc-nogui", "chromium": "chromium"}


def _as_root() -> list[str] | None:
    """The command prefix that runs apt-get as root here, or None when the run may not install."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def install_missing() -> None:
    missing = sorted({package for program, package in PARTS.items() if shutil.which(program) is None})
    prefix = _as_root() if missing and shutil.which("apt-get") else None
    if not missing or prefix is None:
        return
    print(f"tests: installing {', '.join(missing)} (apt-get)", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
    steps = [["apt-get", "update", "-qq"], install]
    for step in steps:
        if subprocess.run([*prefix, *step], env=env, stdout=subprocess.DEVNULL).returncode != 0:
            print(f"tests: could not install {', '.join(missing)}; their tests will say so", file=sys.stderr)
            return
