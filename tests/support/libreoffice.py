"""LibreOffice, headless, as a second opinion on a workbook: it opens (and converts) what Excel would.

Under CI (``CI=true``; ``.ci/run`` installs ``libreoffice-calc`` when missing) a missing LibreOffice is a
failure; elsewhere the test is skipped with the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("LibreOffice (soffice) is required under CI: .ci/run installs libreoffice-calc")
    pytest.skip("LibreOffice (soffice) is not installed (CI installs it: apt-get install libreoffice-calc)")


def convert(workbook: Path, to: str, work: Path) -> Path:
    """``workbook`` converted by LibreOffice to ``to`` (csv, xlsx...) in ``work``; fails when it cannot."""
    outdir = work / f"lo-{to}"
    done = subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
         "--convert-to", to, "--outdir", str(outdir), str(workbook)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    converted = outdir / f"{workbook.stem}.{to.split(':')[0]}"
    assert done.returncode == 0 and converted.exists(), (done.returncode, done.stdout, done.stderr)
    return converted


Builder = Callable[[Path], Path]  # writes a workbook at the path given; returns where it wrote it


class ConvertedTogether:
    """A test module's workbooks for LibreOffice, built and converted in one soffice call per format the first
    time a test asks for one (a call costs ~1.3 CPU-s, nearly all of it start-up, whether it converts one
    file or ten), then copied into each asking test's folder where :func:`convert` would have left it: no
    test sees another's copy, nor writes beside it.

    ``inputs``: file name -> (builder, format); a test builds its own original with the same builder, and
    :meth:`copy` checks that it is the workbook converted."""

    def __init__(self, folder: Path, inputs: Mapping[str, tuple[Builder, str]]) -> None:
        self.folder, self.inputs = folder, dict(inputs)
        self.done: dict[str, tuple[Path, str]] = {}  # format -> (its folder, what soffice said)

    def copy(self, original: Path, work: Path) -> Path:
        """LibreOffice's copy of ``original`` (a workbook this test built as the module's inputs name it) in
        ``work``, as ``convert(original, format, work)`` returns it."""
        name = original.name
        to = self.inputs[name][1]
        if to not in self.done:
            self.done[to] = self._convert_all(to)
        outdir, said = self.done[to]
        converted = outdir / f"{Path(name).stem}.{to.split(':')[0]}"
        assert converted.exists(), said
        assert _parts(original) == _parts(self.folder / "originals" / name), (
            f"{name}: not the workbook converted"
        )
        target = work / f"lo-{to}" / converted.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(converted, target)
        return target

    def _convert_all(self, to: str) -> tuple[Path, str]:
        originals = self.folder / "originals"
        originals.mkdir(exist_ok=True)
        paths = [str(build(originals / name)) for name, (build, fmt) in self.inputs.items() if fmt == to]
        outdir = self.folder / f"lo-{to}"
        done = subprocess.run(
            [soffice(), "--headless", f"-env:UserInstallation=file://{self.folder}/lo-profile",
             "--convert-to", to, "--outdir", str(outdir), *paths],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        return outdir, f"{done.returncode}\n{done.stdout}\n{done.stderr}"


def _parts(workbook: Path) -> dict[str, bytes]:
    """An XLSX's parts but the one saying when it was written (what two builds of one workbook differ by)."""
    with zipfile.ZipFile(workbook) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}
