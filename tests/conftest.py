"""Shared fixtures and suite settings.

Every test runs in a folder of its own (its working directory too) with its own data directory, so no test
sees another's ledger, sandbox state or output files, and the suite runs in parallel (pytest-xdist, the
``-n auto`` in pyproject's addopts). Servers bind 127.0.0.1 on port 0. The helpers behind the fixtures are
in the ``support`` package.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from support import SandboxVendor, Waits, onecall, ram_disk
from support.forkserver import ForkServer
from support.system_parts import install_missing
from support.vendor_proxy import VendorProxy

# every TestClient answers a request in one call into the app's loop, not eight (issue 14: support/onecall.py)
if not os.environ.get("LIBRARY_CLIENT"):
    onecall.install()

# postgres_cluster (one throwaway PostgreSQL server per test process) and pg_url (a fresh database per test)
pytest_plugins = ["support.postgres"]

# Cached bytecode, even where the environment turns it off (PYTHONDONTWRITEBYTECODE): without it pytest
# rewrites the assertions of every plugin package (hypothesis alone: ~1.5 s) in every worker, and every
# `python -m bulkship` child process compiles the package again. The caches go to __pycache__ (git-ignored).
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Test folders on a RAM-backed file system where the machine has one and TMPDIR names no other place: the
# ledger and the sandbox commit with fsync, and on a disk shared with other work those waits were half the
# suite's wall time. No test is about surviving a power cut (SIGKILL leaves written pages to the system).
# Only one with room for the suite's biggest files (a 500 MB CSV; three workers at once): else the disk.
RAM_DISK = ram_disk(room=2 * 2**30)
if "TMPDIR" not in os.environ and RAM_DISK is not None:
    os.environ["TMPDIR"] = str(RAM_DISK)  # for the workers and child processes too
    tempfile.tempdir = None  # gettempdir() looks again

# The bulkship of this checkout in every child process a test starts (`python -m bulkship` from a test's own
# folder): else the one the venv's editable install names, which in a helper's worktree is another checkout's,
# so the hostile-file tests' interpreters checked /work/main's code, not the branch's (review47, the twin of
# the fork server's e2bf503f).
CHECKOUT = str(Path(__file__).resolve().parents[1])
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [CHECKOUT, os.environ.get("PYTHONPATH")]))

# Hypothesis keeps its example database under the working directory, which is the test's own folder here:
# no database rather than one per test (under CI Hypothesis's own "ci" profile has none either).
hypothesis_settings.register_profile("bulkship", parent=hypothesis_settings.default, database=None)
hypothesis_settings.load_profile("bulkship")

BULKSHIP_ENVIRONMENT = (
    "BULKSHIP_API_URL",
    "BULKSHIP_EMAIL",
    "BULKSHIP_ACCESS_TOKEN",
    "BULKSHIP_LEDGER",
    "BULKSHIP_CREDENTIALS",
    "BULKSHIP_SANDBOX_STATE",
    "BULKSHIP_OUT",
    "BULKSHIP_WEBHOOK_SECRET",
    "BULKSHIP_SANDBOX_DIALECT",
    "BULKSHIP_ADDRESS_LINE2",
)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's data directory (ledger, embedded sandbox, catalog cache); the working directory is a
    fresh folder too, so a default ``output/`` lands there and not in the checkout."""
    data_dir = tmp_path / "bulkship-data"
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(data_dir))
    for name in BULKSHIP_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return data_dir


@pytest.fixture
def sandbox_vendor(tmp_path: Path) -> Iterator[SandboxVendor]:
    """The embedded sandbox in-process, its state and a ledger in this test's folder."""
    vendor = SandboxVendor(tmp_path)
    try:
        yield vendor
    finally:
        vendor.close()


@pytest.fixture
def vendor(tmp_path: Path) -> Iterator[VendorProxy]:
    """A real HTTP vendor on 127.0.0.1 whose answers a test may rewrite (``support.vendor_proxy``).
    A test file that drives another kind of vendor (scripted, or the sandbox in-process) defines its own."""
    with VendorProxy(tmp_path) as proxy:
        yield proxy


@pytest.fixture
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2's cheapest parameters, for tests about a team's rules, not the cost of guessing a password."""
    from argon2 import PasswordHasher, profiles

    from bulkship.team.accounts import passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))


@pytest.fixture(scope="session")
def bulkship_forks() -> Iterator[ForkServer]:
    """Real ``python -m bulkship`` processes without each importing the package again (support.forkserver);
    one server per test process, started when a test first asks."""
    server = ForkServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def waits() -> Waits:
    """A ``sleep`` that returns at once and records the waits asked of it."""
    return Waits()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long end-to-end tests first, so that parallel workers do not end waiting on one of them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: three workers for every two cores. Many tests wait on a child process, a server thread or
    a browser, so a worker per core leaves a core idle meanwhile: on a 2-core machine the suite took 299 s
    with 2 workers and 255-260 s with 3 (same commit, same session)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + max(1, cores // 2)


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # once, in the process that starts the xdist workers
        install_missing()


def _under_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport() -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Under CI nothing skips silently: a skipped test fails, naming why it would have been skipped."""
    report = yield
    if _under_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {reason}"
    return report
