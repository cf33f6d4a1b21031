"""The ZIP prefix/state pairs validate reads from bulkship/data match the zipcodes database they came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulkship.validate import usps


def test_stored_zip_prefixes_are_the_zipcodes_database() -> None:
    stored = usps._stored_zip_prefix_pairs()
    assert stored is not None, (
        "bulkship/data/zip-prefix-states.txt is missing or from another zipcodes release; regenerate it: "
        'python -c "from bulkship.validate.usps import write_zip_prefix_data; write_zip_prefix_data()"'
    )
    assert stored == usps.zip_prefix_pairs()
    assert {"021MA", "100NY", "090AE"} <= stored  # Boston, New York, military mail in Europe


def test_a_copy_from_another_zipcodes_release_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "zip-prefix-states.txt"
    copy.write_text("# zipcodes 0.0.1\n021MA\n", encoding="utf-8")
    monkeypatch.setattr(usps, "_zip_prefix_data_path", lambda: copy)
    assert usps._stored_zip_prefix_pairs() is None
    usps.write_zip_prefix_data(copy)
    assert usps._stored_zip_prefix_pairs() == usps.zip_prefix_pairs()
