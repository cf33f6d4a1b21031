"""What an operator names (flags, BULKSHIP_* variables, the files a person points at) that is odd: each
ends as documented or as one `Error:` line, exit 2, before anything is read or sent; never a traceback."""

from __future__ import annotations

import pytest

from bulkship.cli import main

CSV = (
    "Customer ID,Full Name,Street Address,City,ST,Postal Code,Brand,Denomination,Ship Method\n"
    "C1,Maria Lopez,12 Beacon Street,Boston,MA,02108,CVS,$10.00,Standard\n"
)


def _one_error(err: str) -> str:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "base64", "rot13", "zip", "idna", "punycode"])
def test_an_encoding_the_file_is_not_in_is_one_error(tmp_path, capsys, encoding):
    # found by hunter-ops1: --encoding utf-16 for a UTF-8 file ended in 'UnicodeError: UTF-16 stream does
    # not start with BOM' (a traceback, exit 1); base64/zip/rot13 in an AssertionError or a TypeError
    path = tmp_path / "list.csv"
    path.write_text(CSV, encoding="utf-8")
    code = main(["validate", str(path), "--out", str(tmp_path / "out"), "--encoding", encoding])
    line = _one_error(capsys.readouterr().err)
    assert code == 2
    assert "list.csv" in line and encoding in line


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "holds no email, access_token or api_url"),
        ("# filled in later\n", "holds no email, access_token or api_url"),
        ('email = ""\naccess_token = " "\napi_url = ""\n', "holds no email, access_token or api_url"),
        ('email = "a@b.example"\naccess_token = true\napi_url = "https://v.example"\n', "'access_token'"),
        ('email = "a@b.example"\naccess_token = 12345\napi_url = "https://v.example"\n', "'access_token'"),
    ],
)
def test_a_credentials_file_giving_no_credentials_is_refused(tmp_path, capsys, text, said):
    # found by hunter-ops1: an empty --credentials file (truncated, not filled in yet) ran on the embedded
    # sandbox as if no file had been named; access_token = true was sent as 'True'
    creds = tmp_path / "creds.toml"
    creds.write_text(text, encoding="utf-8")
    code = main(["catalog", "--credentials", str(creds)])
    err = capsys.readouterr().err
    line = _one_error(err)
    assert code == 2
    assert said in line and "SANDBOX" not in err


def test_a_credentials_file_giving_the_api_url_alone_is_read(tmp_path):
    from bulkship.settings import resolve_settings

    creds = tmp_path / "creds.toml"
    creds.write_text('api_url = "https://vendor.example"\n', encoding="utf-8")
    env = {"BULKSHIP_EMAIL": "a@b.example", "BULKSHIP_ACCESS_TOKEN": "k"}
    settings = resolve_settings(credentials_file=creds, env=env)
    assert settings.api_url == "https://vendor.example"
    assert settings.credentials() == ("a@b.example", "k")
