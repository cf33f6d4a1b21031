"""The fork server the process tests start `bulkship` with (support.forkserver): a child is a process of its
own that does what `python -m bulkship` does with the same environment, folder and arguments (same output,
same exit code), and dies of the signal sent to it."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import psutil
from support import write_sheet
from support.forkserver import Completed, ForkServer


def test_a_child_says_and_ends_as_python_m_bulkship_does(bulkship_forks: ForkServer, tmp_path: Path) -> None:
    write_sheet(Path("list.csv"), range(3), bad={1})  # in this test's working folder
    args = ["validate", "list.csv", "--out", "out"]
    runs: list[Completed | subprocess.CompletedProcess[str]] = []
    for data in ("interpreter", "forked"):  # each its own data folder, named alike from where it runs
        env = {**os.environ, "BULKSHIP_DATA_DIR": data}
        if data == "forked":
            runs.append(bulkship_forks.run(args, env=env, timeout=120))
        else:
            command = [sys.executable, "-m", "bulkship", *args]
            runs.append(subprocess.run(command, env=env, capture_output=True, text=True, timeout=120))
        assert Path(data).is_dir()  # its catalog, fetched from its own embedded sandbox
    interpreter, forked = runs
    assert (forked.returncode, forked.stdout, forked.stderr) == (
        interpreter.returncode, interpreter.stdout, interpreter.stderr,
    )  # fmt: skip
    assert forked.returncode == 1 and "Row 3, column 'Address'" in forked.stdout
    refused = bulkship_forks.run(["validate", "missing.csv"])
    assert refused.returncode == 2 and "missing.csv" in refused.stderr


def test_a_child_is_a_process_of_its_own_and_dies_of_sigkill(bulkship_forks: ForkServer) -> None:
    child = bulkship_forks.popen(["sandbox", "--port", "0"])  # serves until stopped
    assert child.poll() is None
    process = psutil.Process(child.pid)
    assert child.pid not in (os.getpid(), bulkship_forks.process.pid)
    assert process.ppid() == bulkship_forks.process.pid
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=60) == -signal.SIGKILL


def test_a_child_asked_an_address_space_is_capped_and_its_growth_is_seen(bulkship_forks: ForkServer) -> None:
    """The hostile-file tests run `validate` as children capped as their fresh interpreters were (RLIMIT_AS)
    and bound their peak RSS: the cap is the child's alone, and what it maps past the server's pages shows."""
    grow = "x = bytearray(600 * 2**20); print('grown')"
    capped = bulkship_forks.run([], code=grow, timeout=60, address_space=512 * 2**20)
    assert capped.returncode == 1 and "MemoryError" in capped.stderr, capped
    child = bulkship_forks.popen([], code=grow + "; import time; time.sleep(30)", capture=True)
    assert child.printed(1, timeout=60) == ["grown\n"]
    assert psutil.Process(child.pid).memory_info().rss > 600 * 2**20
    child.kill()
    child.wait(timeout=60)
    said = bulkship_forks.run([], code="import resource; print(resource.getrlimit(resource.RLIMIT_AS))")
    assert said.stdout.strip() == str((resource.RLIM_INFINITY,) * 2)  # none asked: none set, nor kept


def test_a_child_runs_the_bulkship_of_the_checkout_its_tests_are_in(bulkship_forks: ForkServer) -> None:
    """A worktree's tests fork children running that worktree's bulkship, not the one the venv installs."""
    said = bulkship_forks.run([], code="import bulkship; print(bulkship.__file__)", timeout=60)
    assert said.returncode == 0, said.stderr
    assert Path(said.stdout.strip()).parent == Path(__file__).resolve().parents[1] / "bulkship", said.stdout


def test_an_interpreter_a_test_starts_runs_the_bulkship_of_the_checkout_its_tests_are_in() -> None:
    """`python -m bulkship` started from a test's own folder (the hostile-file tests) runs this checkout's
    bulkship: in a worktree it ran the one the venv's editable install names (review47, e2bf503f's twin)."""
    code = "import bulkship; print(bulkship.__file__)"
    said = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert said.returncode == 0, said.stderr
    assert Path(said.stdout.strip()).parent == Path(__file__).resolve().parents[1] / "bulkship", said.stdout
