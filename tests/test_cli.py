from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support import write_sheet

from bulkship.cli import main
from bulkship.ledger import Ledger
from bulkship.settings import resolve_settings

HEAVY_MODULES = ("pandas", "pandera", "httpx", "starlette", "uvicorn", "numpy", "xlsxwriter")


def test_unknown_command_is_a_usage_error_not_a_traceback(capsys):
    assert main(["no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "No such command" in err
    assert "Traceback" not in err


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "bulkship", "version"], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.strip() == "0.1.0"


# Ctrl-C while the command line itself loads (typer, then bulkship's commands): the first fraction of a second
# of any command, longer on a busy machine; a sitecustomize module on the child's path sends it.
CTRL_C_WHILE_LOADING = """
import importlib.abc, os, signal, sys

class _CtrlC(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, _CtrlC())
"""


def _signals_as_at_a_terminal() -> None:
    # a suite started in the background by a shell ('pytest &') ignores SIGINT, and under nohup SIGHUP, and
    # its children would too (bulkship rightly keeps a hangup ignored under nohup): the child would run on
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


@pytest.mark.parametrize("started_as", ["bulkship", "python -m bulkship"])
def test_ctrl_c_while_bulkship_is_still_loading_is_one_line_not_a_traceback(
    tmp_path, isolated_data_dir, started_as
):
    """Ctrl-C pressed just after typing a command showed a 25-line traceback of an import; it now says, in
    one line, that nothing was sent, and exits 130 as Ctrl-C does later."""
    (tmp_path / "sitecustomize.py").write_text(CTRL_C_WHILE_LOADING)
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    script = Path(sys.executable).parent / "bulkship"  # the script the README's install makes
    start = [str(script)] if started_as == "bulkship" else [sys.executable, "-m", "bulkship"]
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [*start, "validate", str(sheet)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        timeout=120,
        preexec_fn=_signals_as_at_a_terminal,
    )
    said = done.stderr.strip().splitlines()
    assert done.returncode == 130, done.stderr
    assert len(said) == 1 and said[0].startswith("Interrupted. Nothing was sent"), done.stderr
    assert not (isolated_data_dir / "ledger.sqlite").exists()


def test_interrupt_says_how_to_resume(capsys):
    from bulkship.cli.app import app

    @app.command("interrupt-me", hidden=True)
    def interrupt_me() -> None:
        raise KeyboardInterrupt

    try:
        assert main(["interrupt-me"]) == 130
        assert "re-running the same command resumes" in capsys.readouterr().err
    finally:
        app.registered_commands[:] = [c for c in app.registered_commands if c.name != "interrupt-me"]


def test_an_interrupted_validate_never_says_what_was_sent(tmp_path, isolated_data_dir, monkeypatch, capsys):
    """Ctrl-C on `bulkship validate` said 'What was sent is in the ledger: re-running the same command
    resumes', as if it had sent orders (found by review21). A command that sends nothing says so."""
    import bulkship.load

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(bulkship.load, "load_sheet", interrupted)
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["validate", str(sheet), "--out", str(tmp_path / "out")]) == 130
    err = capsys.readouterr().err
    assert "Nothing was sent" in err and "What was sent" not in err and "Traceback" not in err, err


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_sigterm_during_a_run_stops_with_the_resume_message(tmp_path, stop):
    """A stopped job (SIGTERM) or a closed terminal (SIGHUP, which killed the run where it stood: found by
    hunter-ops1) unwinds like Ctrl-C: one line saying how to resume, no traceback."""
    import signal

    sheet = tmp_path / "slow.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    script = (
        "import time, bulkship.validate as v\n"
        "real = v.validate\n"
        "def slow(*a, **k):\n"
        "    print('validating', flush=True)\n"  # the run is under way: the signal lands mid-run
        "    time.sleep(30)\n"
        "    return real(*a, **k)\n"
        "v.validate = slow\n"
        "import sys\n"
        "from bulkship.cli import main\n"
        f"sys.argv = ['bulkship', 'run', {str(sheet)!r}, '--yes', '--out', {str(tmp_path / 'out')!r}]\n"
        "main()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_signals_as_at_a_terminal,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "validating\n"
    proc.send_signal(getattr(signal, stop))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "re-running the same command resumes" in err
    assert "Traceback" not in err


def test_importing_the_cli_does_not_load_pandas():
    """Every command, even --help, used to wait ~0.5 s for pandas to load."""
    code = "import bulkship.cli, sys; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("argv", [["--help"], ["version"], ["status"], ["webhook", "serve", "--help"]])
def test_quick_commands_load_no_heavy_library(argv):
    # a ledger with a batch in it, so that status reads it rather than saying there is none
    with Ledger.open(resolve_settings().ledger) as ledger:
        ledger.upsert_batch(
            "staff", file_name="staff.csv", file_hash="x", po_prefix="BS", rows=0, valid=0, invalid=0
        )
    code = (
        "import sys\n"
        "from bulkship.cli import main\n"
        f"code = main({argv!r})\n"
        f"print(code, sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == "0 []", done.stderr
    if argv == ["status"]:
        assert "staff" in done.stdout


def test_a_list_with_nothing_wrong_is_checked_without_loading_pandera(tmp_path: Path) -> None:
    """pandera words what fails; importing it cost each run ~0.2 s of CPU, even for a list with no fault."""
    header = "Name,Address,City,State,ZIP,Product,Value\n"
    (tmp_path / "clean.csv").write_text(header + "Ann Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    (tmp_path / "bad.csv").write_text(header + "Ann Lee,,Boston,MA,02134,CVS,25\n")
    code = (
        "import sys\n"
        "from bulkship.cli import main\n"
        "for name in ('clean', 'bad'):\n"
        "    code = main(['validate', f'{name}.csv'])\n"
        "    print(name, code, 'pandera' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    said = [line for line in done.stderr.splitlines() if line.startswith(("clean ", "bad "))]
    assert said == ["clean 0 False", "bad 1 True"], done.stderr


@pytest.mark.parametrize("name", ["Q4/2026", "   ", "..\\\\etc", "Q4#2026", "Dec?", "50%"])
def test_a_new_batch_named_so_no_web_link_reaches_it_is_refused(name, tmp_path, isolated_data_dir, capsys):
    """Found by newcomer7: "Q4/2026", a blank name or "../../etc" from the command line made batches the web
    page could not open, nor an approver approve; so did "Q4#2026" (its links ended at /batches/Q4, found by
    review10)."""
    sheet = tmp_path / "gifts.csv"
    sheet.write_text("Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["run", str(sheet), "--batch", name, "--yes", "--wait", "0", "--out", str(tmp_path)]) == 2
    assert "cannot name a batch" in capsys.readouterr().err
    with Ledger.open(resolve_settings().ledger, lock=False) as ledger:
        assert ledger.batches() == []


def test_help_shows_no_value_type_beside_a_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """typer 0.29 wrote `--yes <bool>`, which reads as if `--yes true` were wanted (refused: "unexpected
    extra argument"). A flag shows none; an option taking a value still shows its type."""
    assert main(["run", "--help"]) == 0
    lines = capsys.readouterr().out.splitlines()
    yes = next(line for line in lines if "--yes" in line)
    batch = next(line for line in lines if "--batch" in line)
    assert "<bool>" not in "\n".join(lines) and "<" not in yes, yes
    assert "<str>" in batch, batch


def test_a_ledger_path_too_long_for_the_system_gets_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found by fuzzing the commands' options: an OSError (here 'File name too long') ended in a traceback."""
    assert main(["status", "--ledger", "x" * 5000]) == 2
    err = capsys.readouterr().err
    assert "File name too long" in err and "Traceback" not in err and len(err) < 400, err


def test_run_with_a_ledger_that_is_no_database_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by fuzzing: `run --ledger results.xlsx` (a workbook named where the ledger goes) ended in a
    sqlite traceback from the team check; `status` already said it in one line."""
    not_a_ledger = tmp_path / "results.xlsx"
    not_a_ledger.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    sheet = write_sheet(tmp_path / "staff.csv", range(1, 3))
    assert main(["run", str(sheet), "--ledger", str(not_a_ledger), "--yes", "--wait", "0"]) == 1
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(said) == 1 and "the ledger" in said[0] and "not a database" in said[0], err
    assert str(not_a_ledger) in said[0] and "Traceback" not in err, err


def test_the_webhook_receiver_on_the_embedded_sandbox_says_no_call_will_come(
    isolated_data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by newcomer14: `bulkship webhook serve` with no vendor settings said 'Register it with: bulkship
    run FILE --webhook-url ...' and waited; the runs it was registered with (the embedded sandbox) never call
    a webhook (the README says so, and `run --webhook-url` does): the receiver says it too, and what to do."""
    import bulkship.webhook

    monkeypatch.setattr(
        bulkship.webhook, "serve", lambda settings, **kw: kw["on_ready"]("http://127.0.0.1:9/w")
    )
    assert main(["webhook", "serve", "--port", "0"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "no call will come from the embedded sandbox" in said and "bulkship sandbox --port" in said, said


UNREACHABLE_LEDGER = "postgresql://bob:SECRETPW@127.0.0.1:1/db"  # port 1: refused at once, nothing sent


@pytest.mark.parametrize(
    "argv",
    [["status"], ["track"], ["users", "list"], ["run", "SHEET", "--yes"], ["webhook", "serve", "--port=0"]],
)
def test_an_unreachable_postgresql_ledger_is_one_error_that_never_shows_its_password(argv, tmp_path, capsys):
    """A team's ledger URL carries its password: a command that cannot reach the server says which ledger in
    one error, the password hidden, and what to check (the team's tables once printed the URL whole, and
    the webhook receiver a server traceback)."""
    sheet = write_sheet(tmp_path / "list.csv", [1, 2])
    args = [str(sheet) if a == "SHEET" else a for a in argv]
    assert main([*args, "--ledger", UNREACHABLE_LEDGER]) == 1
    out, err = capsys.readouterr()
    assert "SECRETPW" not in out + err
    assert "postgresql://bob:***@127.0.0.1:1/db" in err
    assert "credentials in the URL" in err and "permissions" not in err
    assert "~/.pgpass" in err  # where the README's team section keeps the password (newcomer11)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--ledger", "postgresql://bob@127.0.0.1:1/db?password=SECRETPW&sslmode=disable"],
        ["users", "list", "--ledger", "postgresql://bob@127.0.0.1:1/db?sslmode=disable&Password=SECRETPW"],
        ["ledger", "copy", "--to", "postgresql://bob@127.0.0.1:1/db?password=SECRETPW"],
    ],
)
def test_a_ledger_password_given_in_the_url_s_query_is_never_shown(argv, tmp_path, isolated_data_dir, capsys):
    """libpq reads a password from the URL's query too (postgresql://bob@host/db?password=...): every error
    naming the ledger printed it in full (found by review21); it is hidden as one before the host is."""
    with Ledger.open(isolated_data_dir / "ledger.sqlite", lock=False):
        pass  # the SQLite ledger `ledger copy` copies from
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert "SECRETPW" not in out + err, err
    assert "password=***" in err.lower() and "Traceback" not in err, err


@pytest.mark.parametrize(
    ("ledger", "shown"),
    [
        ("postgresql://bob@127.0.0.1:1/db?sslmode=disable&pass%77ord=SECRETPW", "pass%77ord=***"),
        ("postgresql://bob@127.0.0.1:1/db?%70assword=SECRETPW", "?%70assword=***"),
        ("postgresql://bob@127.0.0.1:1/db?ssl%70assword=SECRETPW&sslmode=require", "ssl%70assword=***&"),
    ],
)
def test_a_ledger_password_whose_name_is_percent_encoded_in_the_query_is_never_shown(
    ledger, shown, isolated_data_dir, capsys
):
    """Found by hunter-hostile8: libpq decodes a URL query's keys as its values ('?pass%77ord=' is the
    password, as a URL-encoding tool or a copied link may write it), and the error naming the ledger printed
    it whole: hidden as '?password=' is."""
    assert main(["status", "--ledger", ledger]) == 1
    out, err = capsys.readouterr()
    assert "SECRETPW" not in out + err and shown in err and "Traceback" not in err, err


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bob:Pw@SECRETPW@127.0.0.1:1/db",  # a password holding '@', not written %40
        "postgres://bob@corp:Pw@SECRETPW@127.0.0.1:1/db",  # an Azure-style user 'bob@corp' too
        "postgresql://bob:Pw@SECRETPW:x@127.0.0.1:1/db",
    ],
)
def test_a_ledger_password_holding_an_at_sign_is_never_shown(url, tmp_path, capsys):
    """found by hunter-hostile4: `status --ledger postgresql://bob:Pw@SECRETPW@127.0.0.1:1/db` said 'Cannot
    reach the ledger postgresql://bob:***@127.0.0.1:1/db: failed to resolve host 'SECRETPW@127.0.0.1'': the
    URL shown hid the password up to the last '@', the connection had ended it at the first and printed the
    rest as the host. The server asked is the one after the last '@'."""
    assert main(["status", "--ledger", url]) == 1
    out, err = capsys.readouterr()
    assert "SECRETPW" not in out + err, err
    assert ":***@127.0.0.1:1/db" in err and 'server at "127.0.0.1", port 1 failed' in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bob:Ab/SECRETPW@127.0.0.1:1/db",  # a generated (base64) password holding '/'
        "postgresql://bob:SECRETPW/+x9=@127.0.0.1:1/db",
        "postgres://bob:Ab/SECRET@PW@127.0.0.1:1/db",  # '/' and '@'
        "postgresql://bob:Pw#x/SECRETPW@127.0.0.1:1/db?sslmode=disable",
        "postgresql://bob:Ab@SECRET/PW@127.0.0.1:1/db",  # '@' then '/': host 'SECRET' asked (hunter-hostile6)
        "postgresql://bob:Ab@SE/CR@ETPW@127.0.0.1:1/db?sslmode=disable",
    ],
)
def test_a_ledger_password_holding_a_slash_is_never_shown(url, capsys):
    """found by hunter-hostile5: a password holding '/' (a third of 24-character base64 passwords do), written
    as is, connected (the driver reads it so) but every message naming the ledger showed it whole: 'Ledger
    postgresql://bob:Ab/Cd9x+Zq@127.0.0.1:8901/bobdb' atop each `bulkship status`, 'Cannot reach the ledger
    postgresql://bob:Ab/SECRETPW@...' here; with '@' in it too, the host asked was the password's tail."""
    assert main(["status", "--ledger", url]) == 1
    out, err = capsys.readouterr()
    assert "SECRET" not in out + err, err
    assert ":***@127.0.0.1:1/db" in err and 'server at "127.0.0.1", port 1 failed' in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "url",
    [
        "postgresql:/bob:SECRETPW@127.0.0.1:1/gifts",  # a slash short
        "postgresql:bob:SECRETPW@127.0.0.1:1/gifts",
        "postgres//bob:SECRETPW@127.0.0.1:1/gifts",  # the colon left out
    ],
)
def test_a_ledger_url_written_without_its_colon_slash_slash_is_refused(url, tmp_path, monkeypatch, capsys):
    """found by hunter-hostile7: a team's ledger URL typed a character short ('postgresql:/bob:pw@db/gifts')
    was read as a path: `bulkship run` sent the card and kept it in a SQLite ledger in folders named after
    the URL ('postgresql:/bob:SECRETPW@127.0.0.1:1/gifts'), the team's ledger never told, and every message
    naming the ledger showed the password. Refused in one line, exit 2, the password hidden, nothing
    written; a folder 'postgresql' holding a ledger file is still one."""
    monkeypatch.chdir(tmp_path)
    listed = tmp_path / "list.csv"
    listed.write_text("Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02108,CVS,25\n")
    for argv in (["status", "--ledger", url], ["run", str(listed), "--ledger", url, "--yes"]):
        assert main(argv) == 2, argv
        out, err = capsys.readouterr()
        said = [line for line in err.splitlines() if line.startswith("Error:")]
        assert len(said) == 1 and "is a PostgreSQL URL written without its '://'" in said[0], err
        assert ":***@127.0.0.1:1/gifts" in said[0] and "SECRET" not in out + err, err
    assert not list(tmp_path.rglob("*SECRET*")) and not list(tmp_path.glob("postgres*"))
    assert main(["status", "--ledger", "postgresql/ledger.sqlite"]) == 0  # a folder of that name: a file


@pytest.mark.parametrize(
    "dsn",
    [
        "host=127.0.0.1 port=1 user=bob password=SECRETPW dbname=gifts",
        "host=db.example dbname=gifts password='SECRET PW' sslmode=require",
        "dbname = gifts user=bob password=SECRETPW",
        # an SSL key's passphrase (found by hunter-hostile8: printed whole, 'password=' alone was hidden)
        "host=db.example dbname=gifts user=bob sslkey=/home/bob/k.pem sslpassword=SECRETPW",
        "host=db.example dbname=gifts user=bob sslpassword='SECRET PW' sslmode=verify-full",
    ],
)
def test_a_ledger_named_in_libpq_keyword_form_is_refused_without_its_password(
    dsn, tmp_path, monkeypatch, capsys
):
    """found by hunter-hostile7: a team's ledger written as libpq's keyword=value connection string (as psql
    and libpq's documentation write it) was read as a SQLite file's name: `bulkship status` said 'No ledger
    at host=127.0.0.1 ... password=SECRETPW dbname=gifts yet', and `run` opened a ledger of its own in the
    current folder (the team's batches split over two ledgers, each blind to the other's cards). Refused in
    one line, exit 2, the password hidden, nothing written."""
    monkeypatch.chdir(tmp_path)
    listed = tmp_path / "list.csv"
    listed.write_text("Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,02108,CVS,25\n")
    for argv in (["status", "--ledger", dsn], ["run", str(listed), "--ledger", dsn, "--yes"]):
        assert main(argv) == 2, argv
        out, err = capsys.readouterr()
        said = [line for line in err.splitlines() if line.startswith("Error:")]
        assert len(said) == 1 and "is a PostgreSQL connection string in keyword form" in said[0], err
        assert "password=***" in said[0] and "SECRET" not in out + err and "Traceback" not in err, err
    assert [p.name for p in tmp_path.rglob("*") if "=" in p.name] == []  # no ledger named after it


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bob:Ab@SE/CRET@127.0.0.1:1",  # no database named: the user's own
        "postgres://bob:Pw@x/SECRETPW@127.0.0.1:1?sslmode=disable",
        "postgresql://bob:Ab@SE/CR@ET@127.0.0.1:1",
    ],
)
def test_a_ledger_password_holding_an_at_sign_then_a_slash_in_a_url_naming_no_database(url, capsys):
    """found by hunter-hostile7 (hunter-hostile6's LO2): a password holding '@' then '/' ('Ab@SE/CRET'), in a
    URL naming no database, made the connection look up the password's middle as a host name ('SE': over
    the network's DNS) and the error name it, 'failed to resolve host "SE"'; the password's last piece was
    read as the database. The user info ends at the last '@': the server asked is 127.0.0.1."""
    assert main(["status", "--ledger", url]) == 1
    out, err = capsys.readouterr()
    assert "resolve host" not in err and "CRET" not in out + err and "SECRETPW" not in out + err, err
    assert ":***@127.0.0.1:1" in err and 'server at "127.0.0.1", port 1 failed' in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--ledger", "postgresql://bob:SECRETPW@127.0.0.1:54x32/db"],
        ["users", "list", "--ledger", "postgresql://bob:SECRETPW@127.0.0.1:5432:5433/db"],
        ["ledger", "copy", "--to", "postgresql://bob:SECRETPW@db.example:port/db"],
    ],
)
def test_a_ledger_url_whose_port_is_no_number_is_one_line(argv, isolated_data_dir, capsys):
    """found by hunter-hostile4: a ledger URL with a port mistyped ('54x32', two ports) ended in SQLAlchemy's
    traceback, ValueError: invalid literal for int(), exit 1."""
    with Ledger.open(isolated_data_dir / "ledger.sqlite", lock=False):
        pass  # the SQLite ledger `ledger copy` copies from
    assert main(argv) == 2
    out, err = capsys.readouterr()
    said = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(said) == 1 and "cannot be read: its port" in said[0] and ":***@" in said[0], err
    assert "SECRETPW" not in out + err and "Traceback" not in err, err


@pytest.mark.parametrize(
    "url", ["postgresql:///bob:SECRETPW@127.0.0.1/db", "postgres:///bob:SECRETPW@db.example"]
)
def test_a_ledger_url_with_a_slash_too_many_never_shows_its_password(url, capsys, monkeypatch):
    """found by hunter-hostile4: `status --ledger postgresql:///bob:SECRETPW@127.0.0.1/db` (three slashes, as
    in sqlite:///) said 'Cannot reach the ledger postgresql:///bob:SECRETPW@127.0.0.1/db: ...': the user
    info, read as the database's name, was shown whole."""
    monkeypatch.setenv("PGHOST", "127.0.0.1")  # no host in the URL: libpq's own default, refused at once
    monkeypatch.setenv("PGPORT", "1")
    assert main(["status", "--ledger", url]) == 1
    out, err = capsys.readouterr()
    assert "Cannot reach the ledger" in err and ":///bob:***@" in err, err
    assert "SECRETPW" not in out + err and "Traceback" not in err, err


def test_help_says_where_serve_writes_and_what_reconcile_review_exits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Read by review20 as a newcomer: `serve --help` said '--out Output folder (default output/)' while the
    server writes into the data folder's results/ (the README says so); `bulkship --help` and `reconcile
    --help` said 'Exit 0 when everything matches, 1 otherwise. With --review or --resolve: the rows waiting
    for review (see the README)', a README an installed bulkship does not come with; --review exits 3."""
    assert main(["serve", "--help"]) == 0
    said = " ".join(capsys.readouterr().out.replace("│", " ").split())
    assert "default: results/ in the data folder" in said and "default output/" not in said, said
    for argv in (["--help"], ["reconcile", "--help"]):
        assert main(argv) == 0
        said = " ".join(capsys.readouterr().out.replace("│", " ").split())
        assert "see the README" not in said, said
    assert "--review lists the rows waiting for review" in said and "exit 3 while any wait" in said, said


def test_reconcile_help_says_not_ours_goes_with_one_po_s_release(capsys: pytest.CaptureFixture[str]) -> None:
    """hunter-vendor20's L7: `reconcile --help` read '--not-ours PO,PO With --release: these vendor orders
    are another batch's', while `reconcile staff --release --not-ours PO` (every row at once) is refused
    'add --resolve PO': the help sent a person to a command that cannot work."""
    assert main(["reconcile", "--help"]) == 0
    said = " ".join(capsys.readouterr().out.replace("│", " ").split())
    assert "With --resolve PO --release: these vendor orders are another batch's" in said, said


def test_validate_says_to_fix_the_rows_in_the_person_s_own_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read by review20 as a newcomer: 'Fix the rows marked invalid (highlighted in the workbook), then run
    validate again' read as fix them in the validation workbook, a report nothing reads back; the person's
    own file is what validate and run read again."""
    sheet = tmp_path / "gifts.csv"
    sheet.write_text("Name,Address,City,State,ZIP,Product,Value\nAnn Lee,1 Main St,Boston,MA,0213X,CVS,25\n")
    assert main(["validate", str(sheet), "--out", str(tmp_path / "out")]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "Fix the rows marked invalid in gifts.csv (the validation workbook highlights them)" in said, said


@pytest.mark.parametrize("argv", [["status"], ["track", "gifts"], ["reconcile", "gifts"]])
def test_a_login_with_no_ledger_is_told_to_name_the_workbook_s_ledger_not_to_run_a_file(
    argv: list[str], isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by newcomer18 (N5): a finance person given a result workbook, on a login of their own, ran
    `status`, `track` or `reconcile` and was told "run `bulkship run FILE` first": the one command that
    orders cards. They are told where the ledger is named (the workbook's Summary, 'Ledger') and how to pass
    it; `bulkship run` is said for what it does."""
    code = main(argv)
    said = " ".join(capsys.readouterr().err.split())
    assert code == (0 if argv == ["status"] else 2) and "No ledger at" in said, said  # 2: a batch named (N12)
    assert "--ledger PATH" in said and "Summary sheet names ('Ledger')" in said, said
    assert "run `bulkship run FILE` first" not in said and "to start one" not in said, said
    assert not (isolated_data_dir / "ledger.sqlite").exists()
