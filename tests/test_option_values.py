"""Values given by flag or environment variable that bulkship cannot use are one error before anything is sent
or served: never a traceback, never every order refused by the vendor for a setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import write_sheet

from bulkship.cli import main
from bulkship.sandbox import Sandbox, SandboxConfig


@pytest.mark.parametrize("url", ["notaurl", "127.0.0.1:8766/webhook/x", "ftp://host/x", "http:///x"])
def test_a_webhook_url_that_is_no_http_address_is_refused_before_any_order(
    url, tmp_path: Path, isolated_data_dir: Path, capsys
):
    """'run --webhook-url notaurl' sent every order with it: the vendor refused them all and each row was told
    to 'correct them and run it'; the ledger kept the payloads, so a re-run sent the same URL again."""
    sheet = write_sheet(tmp_path / "list.csv", [1, 2, 3])
    assert main(["run", str(sheet), "--yes", "--webhook-url", url, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "is no http(s) address" in err and "correct them" not in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    with Sandbox(SandboxConfig(state_file=isolated_data_dir / "sandbox.sqlite")) as vendor:
        assert vendor.orders() == []


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("BULKSHIP_MAX_UPLOAD_MB", "abc", "--max-upload-mb"),
        ("BULKSHIP_MAX_UPLOAD_MB", "-1", "--max-upload-mb"),
        ("BULKSHIP_TRACK_EVERY_MIN", "-3", "--track-every"),
        ("BULKSHIP_TRACK_EVERY_MIN", "inf", "--track-every"),
        ("BULKSHIP_WEBHOOK_URL", "notaurl", "is no http(s) address"),
        ("BULKSHIP_ACCESS_TOKEN", "their-token", "no vendor API URL"),  # each user's cost page said it
    ],
)
def test_a_web_server_setting_it_cannot_use_is_one_error_before_it_serves(
    name, value, said, monkeypatch: pytest.MonkeyPatch, capsys
):
    """BULKSHIP_MAX_UPLOAD_MB=abc ended 'serve' in a traceback; -1, a negative tracking period or a webhook
    URL that is no address were taken as given."""
    monkeypatch.setenv(name, value)
    # --host 0.0.0.0 with no account is refused next: a value taken as given fails the test, never serves
    assert main(["serve", "--port", "0", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err


@pytest.mark.parametrize("wait", ["-1", "nan", "-inf"])
def test_a_wait_of_no_seconds_is_refused_before_any_order(
    wait, tmp_path: Path, isolated_data_dir: Path, capsys
):
    """'run --wait -1' or '--wait nan' sent the batch and waited no time at all, as 0 does, nothing said (a
    leftover of session 18, checked by review21): -1 may as well have meant 'wait for ever'."""
    sheet = write_sheet(tmp_path / "list.csv", [1, 2, 3])
    assert main(["run", str(sheet), "--yes", f"--wait={wait}", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "--wait" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    with Sandbox(SandboxConfig(state_file=isolated_data_dir / "sandbox.sqlite")) as vendor:
        assert vendor.orders() == []


def test_serve_on_a_port_in_use_says_which_and_what_to_do(capsys) -> None:
    """'bulkship serve' on a port another program holds said 'Error: Address already in use', naming neither
    the address nor what to do, where the webhook receiver and the sandbox say both (found by review21)."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"Cannot listen on 127.0.0.1:{port}" in err and "--port" in err and "Traceback" not in err, err


def test_serve_refuses_a_webhook_url_naming_the_web_server_itself(capsys) -> None:
    """Found by hunter-web7: 'serve --port 8000 --webhook-url http://127.0.0.1:8000/webhook' was taken: every
    order carried a URL the web page refuses (403), so no vendor delivery was ever recorded, nothing said.
    (The port is taken so that a server that did start would stop at once.)"""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        for url in (f"http://127.0.0.1:{port}/webhook", f"http://localhost:{port}/webhook/abc"):
            assert main(["serve", "--port", str(port), "--webhook-url", url]) == 2
            err = " ".join(capsys.readouterr().err.split())
            assert "names this web server" in err and "bulkship webhook serve" in err, err
