"""Paths the user names, checked once with words that fit: a folder, a pipe, a device, a dangling link, a
name too long or an extension that does not match are each one clear line, said before any work is done.

bulkship reads an input file more than once (its type is sniffed, it is hashed, then read), so only regular
files are accepted: a FIFO or ``/dev/stdin`` would block or be consumed by the first read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
from pathlib import Path

from .atomicfile import check_file_name
from .errors import ConfigError, InputError

_KINDS = {
    stat.S_IFIFO: "a pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def check_input_file(
    path: str | Path, *, what: str = "File", error: type[InputError] = InputError, hint: str | None = None
) -> Path:
    """``path`` as a regular, readable file, or ``error`` naming what it is instead."""
    path = Path(path)
    try:
        info = path.stat()  # follows links
    except FileNotFoundError:
        if path.is_symlink():
            raise error(
                f"{what} {path} is a link to {os.readlink(path)}, which does not exist", hint=hint
            ) from None
        raise error(f"{what} not found: {path}", hint=hint or _near_misses(path)) from None
    except NotADirectoryError:
        raise error(f"{what} not found: {path} (a part of the path is a file, not a folder)") from None
    except OSError as exc:
        raise error(f"Cannot read {what.lower()} {path}: {exc.strerror or exc}", hint=hint) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{what} {path} is a folder, not a file", hint=hint or "name the file inside it")
    if not stat.S_ISREG(info.st_mode):
        raise error(
            f"{what} {path} is {_kind(info.st_mode)}, not a file bulkship can read",
            hint=hint or "save the data to a file first and pass that file",
        )
    if not os.access(path, os.R_OK):
        raise error(f"Cannot read {what.lower()} {path}: permission denied", hint=hint)
    return path


NEAR_MISSES_SHOWN = 3
_LISTS = frozenset({".csv", ".xlsx", ".ods", ".xls", ".xlsm", ".tsv", ".txt", ".toml"})


def _near_misses(path: Path) -> str | None:
    """Where a file not found was looked for, and the files there named alike: a newcomer typing the README's
    `bulkship validate anniversaries.xlsx` for the 'Anniversaries.xlsx' (or 'anniversaries (1).xlsx', or
    'anniversaries.xlsx.xlsx') downloaded beside it read 'File not found' alone (found by newcomer12)."""
    folder = path.parent
    where = folder.resolve()
    try:
        if not folder.is_dir():
            return f"there is no folder {folder}: check the path"
        stem = path.stem.casefold()
        alike = sorted(
            entry.name
            for entry in folder.iterdir()
            if entry.is_file()
            and not entry.name.startswith((".", "~$"))
            and entry.suffix.casefold() in _LISTS
            and (entry.name.casefold() == path.name.casefold() or entry.name.casefold().startswith(stem))
        )
    except OSError:
        return None
    if not alike:
        return f"looked for in {where}: give the file's full path, or run the command from its folder"
    shown = ", ".join(alike[:NEAR_MISSES_SHOWN]) + (" ..." if len(alike) > NEAR_MISSES_SHOWN else "")
    return f"looked for in {where}, which holds files named alike: {shown}"


def read_settings_text(path: str | Path, *, what: str) -> str:
    """The text of a small settings file (credentials, program settings), or one ConfigError."""
    path = check_input_file(path, what=what, error=ConfigError)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{what} {path} is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read {what.lower()} {path}: {exc.strerror or exc}") from None


def check_output_file(
    path: str | Path, *, suffixes: Collection[str], what: str, format_name: str, default_name: str
) -> Path:
    """A file bulkship is about to write: not a folder or a device, with an extension that matches what is
    written into it, in a folder that is (or can be created) writable, with a name the file system takes."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(
            f"{what} {path} is a folder, not a file", hint=f"pass a file name such as {path / default_name}"
        )
    if path.suffix.lower() not in suffixes:
        wanted = " or ".join(sorted(suffixes))
        raise ConfigError(
            f"{what} {path} must end in {wanted}: bulkship writes {format_name}",
            hint=f"pass a name such as {path.with_suffix(sorted(suffixes)[0]).name}",
        )
    if path.exists() and not path.is_file():
        raise ConfigError(f"{what} {path} is {_kind(path.stat().st_mode)}: bulkship writes only to files")
    existing = path.parent
    while not existing.exists():
        if existing.is_symlink():
            raise ConfigError(f"Cannot write {path}: {existing} is a link to a folder that does not exist")
        existing = existing.parent
    if not existing.is_dir():
        raise ConfigError(f"Cannot write {path}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"Cannot write {path}: the folder {existing} is not writable")
    return check_file_name(path, what=what.lower(), hint="choose a shorter name")
