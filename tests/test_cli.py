from __future__ import annotations

import subprocess
import sys

from bulkship.cli import main


def test_unknown_command_is_a_usage_error_not_a_traceback(capsys):
    assert main(["no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "No such command" in err
    assert "Traceback" not in err


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "bulkship", "version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.strip() == "0.1.0"
