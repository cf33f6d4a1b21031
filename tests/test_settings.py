from __future__ import annotations

import os
from pathlib import Path

import pytest

from bulkship.errors import ConfigError
from bulkship.settings import SANDBOX_EMAIL, resolve_settings


def test_no_api_url_means_sandbox_with_its_credentials():
    settings = resolve_settings(env={})
    assert settings.is_sandbox
    assert settings.credentials()[0] == SANDBOX_EMAIL


def test_flag_beats_environment_beats_file(tmp_path: Path):
    creds = tmp_path / "creds.toml"
    creds.write_text('email = "file@x.com"\naccess_token = "file-secret"\n')
    env = {"BULKSHIP_API_URL": "https://env.example", "BULKSHIP_EMAIL": "env@x.com"}
    settings = resolve_settings(api_url="https://flag.example", credentials_file=creds, env=env)
    assert settings.api_url == "https://flag.example"
    assert settings.credentials() == ("env@x.com", "file-secret")


@pytest.mark.parametrize("where", ["flag", "env"])
def test_a_credentials_file_for_one_vendor_url_is_not_sent_to_another(
    tmp_path: Path, capsys, monkeypatch, where
):
    # found by hunter-ops1: a file naming api_url = https://vendor.example, with BULKSHIP_API_URL (or
    # --api-url) set to another server (a test one, a typo), sent that server the file's email and token
    from bulkship.cli import main

    creds = tmp_path / "creds.toml"
    creds.write_text(
        'email = "hr@corp.example"\naccess_token = "file-secret"\napi_url = "https://vendor.example"\n'
    )
    other = "http://127.0.0.1:9"  # nothing listens: were the token sent, the error would be another one
    if where == "env":
        monkeypatch.setenv("BULKSHIP_API_URL", other)
    flag = ["--api-url", other] if where == "flag" else []
    code = main(["catalog", "--credentials", str(creds), *flag])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert "does not send the file's email and token elsewhere" in err and "127.0.0.1:9" in err
    assert "file-secret" not in err


def test_a_credentials_file_is_used_with_its_own_url_however_written(tmp_path: Path):
    creds = tmp_path / "creds.toml"
    creds.write_text(
        'email = "hr@corp.example"\naccess_token = "file-secret"\napi_url = "https://vendor.example"\n'
    )
    settings = resolve_settings(api_url="HTTPS://Vendor.example/", credentials_file=creds, env={})
    assert settings.credentials() == ("hr@corp.example", "file-secret")
    # the person's own email and token for the other URL: the file's are not sent, so nothing to refuse
    env = {"BULKSHIP_EMAIL": "qa@corp.example", "BULKSHIP_ACCESS_TOKEN": "qa-secret"}
    settings = resolve_settings(api_url="https://staging.example", credentials_file=creds, env=env)
    assert settings.credentials() == ("qa@corp.example", "qa-secret")


def test_secrets_stay_out_of_repr(tmp_path: Path):
    settings = resolve_settings(
        api_url="https://x.example", env={"BULKSHIP_ACCESS_TOKEN": "s3cret", "BULKSHIP_EMAIL": "a@b"}
    )
    assert "s3cret" not in repr(settings)


def test_real_api_without_credentials_is_a_clear_config_error():
    settings = resolve_settings(api_url="https://x.example", env={})
    with pytest.raises(ConfigError, match="No vendor credentials"):
        settings.credentials()


@pytest.mark.parametrize(
    "url",
    [
        "https://u:URLSECRET@vendor.example",
        "https://vendor.example/api?key=URLSECRET",
        "https://vendor.example/#URLSECRET",
    ],
)
def test_an_api_url_carrying_a_secret_is_refused_without_showing_it(url, tmp_path, capsys):
    """The API URL is printed ('Vendor API: …') and written on the result workbook's Summary: one carrying a
    password or a key would put it there. It is refused in one line, before anything is sent."""
    from bulkship.cli import main

    env = {"BULKSHIP_API_URL": url}
    with pytest.raises(ConfigError, match="user name, password or query") as refused:
        resolve_settings(env=env)
    assert "URLSECRET" not in str(refused.value)
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["run", str(sheet), "--yes", "--api-url", url, "--out", str(tmp_path / "out")]) == 2
    out, err = capsys.readouterr()
    assert "URLSECRET" not in out + err and "vendor.example" in err
    assert not (tmp_path / "out").exists()


def test_an_api_url_with_a_path_and_port_is_kept_as_given():
    assert resolve_settings(env={"BULKSHIP_API_URL": "https://vendor.example:8443/b2b"}).api_url == (
        "https://vendor.example:8443/b2b"
    )


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"BULKSHIP_RATE_LIMIT": "-5"}, "BULKSHIP_RATE_LIMIT must be"),
        ({"BULKSHIP_RATE_LIMIT": "nan"}, "BULKSHIP_RATE_LIMIT must be"),
        ({"BULKSHIP_RATE_LIMIT": "inf"}, "BULKSHIP_RATE_LIMIT must be"),
        ({"BULKSHIP_CONCURRENCY": "100000"}, "must be 1 to 64"),
        ({"BULKSHIP_CONCURRENCY": "0"}, "must be 1 to 64"),
    ],
)
def test_a_rate_limit_or_concurrency_out_of_range_is_one_error_before_anything_is_sent(
    env, said, tmp_path, capsys, monkeypatch
):
    """A negative rate limit ended the run in a traceback ('ValueError: rate must be positive') after the
    plan; 'nan' was taken as a limit; 100,000 orders in flight at a real vendor were allowed."""
    from bulkship.cli import main

    with pytest.raises(ConfigError, match=said):
        resolve_settings(env=env)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["run", str(sheet), "--yes", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_rate_limit_of_0_is_no_limit():
    assert resolve_settings(env={"BULKSHIP_RATE_LIMIT": "0"}).rate_limit == 0


def test_vendor_credentials_without_the_vendor_url_say_so_instead_of_the_sandbox_refusing_them(
    tmp_path, capsys, monkeypatch
):
    """A person who set their vendor's email and token but not its URL ran on the embedded sandbox, which
    answered "did not accept these credentials (401)": as if their own credentials were wrong."""
    from bulkship.cli import main

    monkeypatch.setenv("BULKSHIP_EMAIL", "finance@example.com")
    monkeypatch.setenv("BULKSHIP_ACCESS_TOKEN", "their-real-token")
    sheet = tmp_path / "list.csv"
    sheet.write_text("Name,Address,City,State,Zip,Product,Value\nAnn Lee,1 Main St,Boston,MA,02134,CVS,25\n")
    assert main(["run", str(sheet), "--yes", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "no vendor API URL" in err and "BULKSHIP_API_URL" in err
    assert "did not accept" not in err and "their-real-token" not in err
    assert resolve_settings(env={"BULKSHIP_EMAIL": SANDBOX_EMAIL}).credentials()[0] == SANDBOX_EMAIL


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('email = "a@b.example"\ntoken = "SECRET-1"\napi_url = "https://vendor.example"\n', "'token'"),
        (
            '[vendor]\nemail = "a@b.example"\naccess_token = "SECRET-1"\napi_url = "https://vendor.example"\n',
            "'vendor'",
        ),
    ],
)
def test_a_credentials_file_with_keys_bulkship_does_not_read_is_refused(text, named, tmp_path: Path, capsys):
    """'token' for 'access_token' was dropped: "No vendor credentials ... pass --credentials FILE" to a person
    who had; the same under a [vendor] table left no API URL, and the run went to the embedded sandbox."""
    from bulkship.cli import main

    creds = tmp_path / "creds.toml"
    creds.write_text(text)
    assert main(["catalog", "--credentials", str(creds)]) == 2
    err = capsys.readouterr().err
    assert named in err and "does not read" in err and "SECRET-1" not in err and "SANDBOX" not in err


@pytest.mark.parametrize("under", [False, True], ids=["the file itself", "a folder under a file"])
def test_a_data_folder_that_is_a_file_is_one_error_naming_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], under: bool
) -> None:
    """BULKSHIP_DATA_DIR naming a file (or a folder under one) had every command say 'Cannot open the sandbox
    state file ...: [Errno 17] File exists' or the same of the ledger, with a hint about --state or --ledger,
    and `status` 'No ledger ... yet' (found by review21)."""
    from bulkship.cli import main

    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(afile / "data" if under else afile))
    for argv in (["status"], ["catalog"]):
        assert main(argv) == 2, argv
        err = " ".join(capsys.readouterr().err.split())
        assert f"{afile} is a file" in err or f"{afile}/data cannot be made: {afile} is a file" in err, err
        assert "BULKSHIP_DATA_DIR" in err and "Errno" not in err, err


@pytest.mark.parametrize(
    "where, name, value",
    [
        ("file", "access_token", "Kq7vXw2-token\u2019"),  # pasted from a mail with its closing curly quote
        ("env", "access_token", "Kq7vXw2\u2013token"),  # a dash a document made typographic
        ("env", "access_token", "Kq7vXw2-token\x01"),
        ("file", "email", "jos\u00e9@example.com"),
    ],
)
def test_credentials_no_request_can_carry_are_one_line_naming_no_secret(
    tmp_path: Path, capsys, monkeypatch, where, name, value
):
    # found by hunter-hostile4: a token copied with a curly quote (BULKSHIP_CREDENTIALS=creds.toml, `bulkship
    # run staff.csv --yes`) ended in a traceback, UnicodeEncodeError from httpx, exit 1, at the first request
    from bulkship.cli import main

    sheet = tmp_path / "staff.csv"
    sheet.write_text(
        "Employee ID,Name,Address,City,State,ZIP,Card,Amount\nE1,Ann Lee,1 Main St,Boston,MA,02108,CVS,25\n"
    )
    good = {"email": "ops@example.com", "access_token": "Kq7vXw2-token"}
    for key in list(os.environ):
        if key.startswith("BULKSHIP_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("BULKSHIP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BULKSHIP_API_URL", "http://127.0.0.1:9")
    creds = tmp_path / "creds.toml"
    file_values = dict(good, **({name: value} if where == "file" else {}))
    creds.write_text("".join(f'{k} = "{v}"\n' for k, v in file_values.items()), encoding="utf-8")
    monkeypatch.setenv("BULKSHIP_CREDENTIALS", str(creds))
    if where == "env":
        monkeypatch.setenv("BULKSHIP_" + name.upper(), value)
    code = main(["run", str(sheet), "--yes", "--wait", "0", "--out", str(tmp_path / "out")])
    out = capsys.readouterr()
    said = out.out + out.err
    assert code == 2
    assert "Traceback" not in said
    assert "no request to the vendor can carry" in said and "nothing was sent" in said
    assert ("BULKSHIP_" + name.upper() if where == "env" else str(creds)) in said
    assert value not in said and value[:-1] not in said and "Kq7vXw2" not in said
