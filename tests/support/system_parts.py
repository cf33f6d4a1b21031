"""The system programs some tests drive (LibreOffice opens our workbooks, Chromium the web page, PostgreSQL
holds a team's ledger), installed from Debian's packages when missing and the test run may do so (root, or
sudo without a password). Without them those tests skip with a reason outside CI and fail under CI=true
(conftest). PostgreSQL is installed without its "main" cluster: the tests start throwaway clusters of their
own (support.postgres) and nothing else runs."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys

# program on PATH -> the Debian package that provides it (no recommends: a browser without 90 extras)
PARTS = {"soffice": "libreoffice-calc-nogui", "chromium": "chromium"}
POSTGRES_SERVER = "/usr/lib/postgresql/*/bin/initdb"  # Debian keeps the server programs off PATH
# Debian's package would create and start a cluster on port 5432: told not to (its own config file)
NO_MAIN_CLUSTER = ("/etc/postgresql-common/createcluster.conf", "create_main_cluster = false\n")


def _as_root() -> list[str] | None:
    """The command prefix that runs apt-get as root here, or None when the run may not install."""
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def missing_packages() -> list[str]:
    missing = {package for program, package in PARTS.items() if shutil.which(program) is None}
    if not glob.glob(POSTGRES_SERVER):
        missing.add("postgresql")
    return sorted(missing)


def install_missing() -> None:
    missing = missing_packages()
    prefix = _as_root() if missing and shutil.which("apt-get") else None
    if not missing or prefix is None:
        return
    print(f"tests: installing {', '.join(missing)} (apt-get)", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # keep our createcluster.conf over the package's (it would otherwise ask, or start a server)
    keep = ["-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold"]
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *keep, *missing]
    steps = [["apt-get", "update", "-qq"], install]
    if "postgresql" in missing and not os.path.exists(NO_MAIN_CLUSTER[0]):
        path, text = NO_MAIN_CLUSTER
        steps.insert(0, ["sh", "-c", f"mkdir -p {os.path.dirname(path)} && printf '%s' '{text}' > {path}"])
    for step in steps:
        if subprocess.run([*prefix, *step], env=env, stdout=subprocess.DEVNULL).returncode != 0:
            print(f"tests: could not install {', '.join(missing)}; their tests will say so", file=sys.stderr)
            return
