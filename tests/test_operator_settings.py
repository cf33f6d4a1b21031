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
