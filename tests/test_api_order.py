"""The library's verbs take the settings first, then the file or batch they work on, as the README shows; the
file verbs' older (path, settings) order still works, with a warning that names the new one."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

import bulkship

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "anniversary.xlsx"


def readme_library_example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    return next(block for block in blocks if "bulkship.run(" in block)


def test_the_readmes_library_example_runs_as_written(recwarn: pytest.WarningsRecorder) -> None:
    (Path.cwd() / "samples").symlink_to(REPO / "samples")  # its paths are relative to the checkout
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(readme_library_example(), "README.md", "exec"), {})
    problems, result = printed.getvalue().splitlines()
    assert problems.endswith("problem(s)")
    exit_code, ordered, _total, output = result.split(maxsplit=3)
    assert (exit_code, ordered) == ("0", "25") and Path(output).exists()
    assert not [w for w in recwarn if "bulkship." in str(w.message)]  # no deprecated order in the example


def test_the_readme_names_every_name_the_library_offers() -> None:
    """The README's library paragraph named 13 of the 18 verbs `import bulkship` offers: `settle_found`,
    `release_all`, `sheet_names`, `load_file` and `apply_corrections` were found only by reading the code."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    said = readme[readme.index("From Python, `import bulkship`") :].split("```python", 1)[0]
    offered = set(bulkship.__all__) - {"__version__", "Settings", "resolve_settings"}
    assert sorted(name for name in offered if f"`{name}" not in said) == []


def test_the_file_verbs_still_take_the_path_first_with_a_warning_naming_the_new_order() -> None:
    settings = bulkship.resolve_settings()
    with pytest.warns(DeprecationWarning, match=r"bulkship\.validate_file\(settings, path\)") as said:
        old = bulkship.validate_file(SAMPLE, settings)  # type: ignore[arg-type]
    assert said[0].filename == __file__  # the warning points at the caller's line
    assert old.summary() == bulkship.validate_file(settings, SAMPLE).summary()
    with pytest.warns(DeprecationWarning, match=r"bulkship\.plan_batch\(settings, path\)"):
        view = bulkship.plan_batch(SAMPLE, settings, batch="OLD")  # type: ignore[arg-type]
    assert view is not None and view.summary.overall.rows == 25
    with pytest.warns(DeprecationWarning, match=r"bulkship\.run\(settings, path\)"):
        done = bulkship.run(
            SAMPLE,  # type: ignore[arg-type]
            settings,  # type: ignore[arg-type]
            batch="OLD",
            max_total=view.summary.total,
            wait_s=0,
        )
    assert done.ordered_rows == 25
