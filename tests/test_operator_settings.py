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


def _schema_with(tmp_path, old: str, new: str):
    from bulkship.schema import default_contract_path

    text = default_contract_path().read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "mine.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    program = tmp_path / "program.toml"
    program.write_text('[program]\nschema = "mine.toml"\n', encoding="utf-8")
    sheet = tmp_path / "list.csv"
    sheet.write_text(CSV, encoding="utf-8")
    return sheet, program


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "[columns.external_id]\n",
            "[columns.external_id]\nrequried = true\n",
            "'requried', which bulkship does not read",
        ),
        ("max_length = 50\n", "max_lenght = 3\n", "'max_lenght', which bulkship does not read"),
        ("max_length = 50\n", 'max_length = "3"\n', "max_length that must be a whole number"),
        ("max_length = 50\n", "max_length = 0\n", "max_length that must be a whole number above 0"),
        (
            "[columns.external_id]\n",
            '[columns.external_id]\nrequired = "true"\n',
            "required written in quotes",
        ),
        (
            'aliases = ["external id"',
            'aliases = "external id" # ["external id"',
            "aliases that must be a list",
        ),
        (
            "[columns.external_id]\n",
            "[column.zip]\npattern = '[0-9]{5}'\n[columns.external_id]\n",
            "'column'",
        ),
    ],
)
def test_a_sheet_schema_with_a_key_bulkship_does_not_read_is_refused(tmp_path, capsys, old, new, said):
    # found by hunter-ops1: a [program] schema file whose 'requried', 'max_lenght' or [column.zip] was
    # misspelt dropped that check in silence (rows it meant to refuse were valid and sent); aliases = "text"
    # made each of its letters a header alias; required = "false" read as true
    sheet, program = _schema_with(tmp_path, old, new)
    code = main(["validate", str(sheet), "--config", str(program), "--out", str(tmp_path / "out")])
    line = _one_error(capsys.readouterr().err)
    assert code == 2
    assert "mine.toml" in line and said in line


def test_a_sheet_schema_naming_a_folder_says_which_file(tmp_path, capsys):
    # 'Error: Is a directory: <folder>' said nothing of the schema
    program = tmp_path / "program.toml"
    program.write_text('[program]\nschema = "."\n', encoding="utf-8")
    sheet = tmp_path / "list.csv"
    sheet.write_text(CSV, encoding="utf-8")
    code = main(["validate", str(sheet), "--config", str(program), "--out", str(tmp_path / "out")])
    line = _one_error(capsys.readouterr().err)
    assert code == 2 and "Sheet schema file" in line and "is a folder" in line


def test_a_tilde_the_shell_left_is_the_home_folder(tmp_path, monkeypatch):
    # found by hunter-ops1: 'run list.csv --out=~/results' (bash expands no ~ after --out=) and an env
    # file's BULKSHIP_LEDGER=~/ledger.sqlite made a folder named '~' in the current one: the results, or
    # a new empty ledger, wherever the command was run from
    from bulkship.settings import resolve_settings

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    env = {
        "BULKSHIP_LEDGER": "~/ledger.sqlite",
        "BULKSHIP_DATA_DIR": "~/data",
        "BULKSHIP_SANDBOX_STATE": "~/sandbox.sqlite",
    }
    settings = resolve_settings(out_dir="~/results", env=env)
    home = tmp_path / "home"
    assert settings.out_dir == home / "results"
    assert settings.ledger == home / "ledger.sqlite"
    assert settings.data_dir == home / "data"
    assert settings.sandbox_state_file == home / "sandbox.sqlite"


def test_a_blank_setting_is_unset_as_an_empty_one_is(tmp_path):
    # BULKSHIP_LEDGER=" " made a ledger file named ' ' in the current folder (a new, empty ledger)
    from bulkship.settings import resolve_settings

    env = {"BULKSHIP_LEDGER": " ", "BULKSHIP_OUT": "  ", "BULKSHIP_DATA_DIR": str(tmp_path)}
    settings = resolve_settings(env=env)
    assert settings.ledger == tmp_path / "ledger.sqlite"
    assert str(settings.out_dir) == "output"


@pytest.mark.parametrize("value", ["abc", "1.5", "nan"])
def test_a_concurrency_that_is_no_number_names_the_setting(tmp_path, capsys, monkeypatch, value):
    # 'Error: Invalid number in settings: invalid literal for int() with base 10: 'abc'' named no setting
    path = tmp_path / "list.csv"
    path.write_text(CSV, encoding="utf-8")
    monkeypatch.setenv("BULKSHIP_CONCURRENCY", value)
    code = main(["run", str(path), "--out", str(tmp_path / "out"), "--yes", "--wait", "0"])
    line = _one_error(capsys.readouterr().err)
    assert code == 2
    assert "Concurrency" in line or "BULKSHIP_CONCURRENCY" in line


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("ÄÖ", "no letter or digit"),
        ("-", "no letter or digit"),
        (" ", "no letter or digit"),
        ("DEPARTMENT-001", "12"),
    ],
)
def test_a_po_prefix_the_po_numbers_would_not_carry_is_refused(tmp_path, capsys, prefix, said):
    # found by hunter-ops1: --po-prefix ÄÖ (or '-') ordered under PO numbers with no prefix at all, and
    # DEPARTMENT-001 and DEPARTMENT-002 were both cut to 'DEPARTMENT-0': two ledgers on one vendor account
    # then shared PO numbers. Nothing is sent, nothing recorded
    from bulkship.ledger import ledger_exists

    path = tmp_path / "list.csv"
    path.write_text(CSV, encoding="utf-8")
    args = ["run", str(path), "--out", str(tmp_path / "out"), "--yes", "--wait", "0", "--po-prefix", prefix]
    code = main([*args, "--ledger", str(tmp_path / "ledger.sqlite")])
    line = _one_error(capsys.readouterr().err)
    assert code == 2 and said in line and "--po-prefix" in line
    if ledger_exists(tmp_path / "ledger.sqlite"):
        assert main(["status", "--json", "--ledger", str(tmp_path / "ledger.sqlite")]) == 0
        assert '"batches": []' in capsys.readouterr().out


@pytest.mark.parametrize(
    "added", ['[defaults]\nvalue = "50"\n', '[program]\nname = "HR"\nrepeat_window_days = 365\n']
)
def test_a_profile_edited_by_hand_beyond_its_columns_is_not_used_without_those_settings(tmp_path, added):
    # found by hunter-ops1: a profile saved from the web page, then given '[defaults] value' or '[program]
    # repeat_window_days = 365' by hand, was read with --config NAME whole, but the web page's 'Use this
    # profile' read its [columns] alone: the same profile held a card on the command line and sent it on
    # the page. The page now says so; the command line reads it as before
    from bulkship.errors import InputError
    from bulkship.profiles import profile, save_profile

    saved = save_profile(tmp_path, "HR", {"address1": "Street"}, ["Name", "Street"])
    assert profile(tmp_path, "HR").name == "HR"  # as saved: used
    text = saved.path.read_text(encoding="utf-8")
    text = text.replace('[program]\nname = "HR"\n', "") + added if "[program]" in added else text + added
    saved.path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        profile(tmp_path, "HR")
    assert "does not read" in str(refused.value) and "--config" in (refused.value.hint or "")


@pytest.mark.parametrize("value", ["1e-300", "0.0001", "-0.5", "abc"])
def test_a_rate_limit_that_would_stall_the_run_is_refused(value):
    # found by hunter-ops1: BULKSHIP_RATE_LIMIT=1e-300 left 'bulkship run' waiting for ever after its
    # first call to the vendor, nothing said
    from bulkship.errors import ConfigError
    from bulkship.settings import resolve_settings

    with pytest.raises(ConfigError, match="BULKSHIP_RATE_LIMIT must be"):
        resolve_settings(env={"BULKSHIP_RATE_LIMIT": value})
    assert resolve_settings(env={"BULKSHIP_RATE_LIMIT": "0"}).rate_limit == 0
    assert resolve_settings(env={"BULKSHIP_RATE_LIMIT": "0.5"}).rate_limit == 0.5
