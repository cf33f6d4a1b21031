"""Every file bulkship writes is published in one step, and what a killed run left behind is removed.

A writer builds into a temporary file beside the target (same folder, so the final rename never crosses a file
system) and :func:`atomic_path` moves it over the target only once it is complete: a reader, or a run killed
half-way, sees the previous file or the new one, never half a workbook. The temporary file's name carries
the writer's process id (``.~results.12345.k3j9x.xlsx``), so :func:`remove_stale_temps` (run when any command
starts, and before each write into a folder) deletes exactly the temporaries of processes that no longer
exist: they may hold megabytes of recipient data. A live writer's temporary file is never touched.

    with atomic_path(out / "results.xlsx") as temp:
        build_workbook(temp)          # an exception removes temp and leaves results.xlsx as it was
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import ConfigError
from .private import PRIVATE_FILE_MODE, private_file, private_folder

TEMP_PREFIX = ".~"
TEMP_STEM_CHARS = 60  # the target's stem in a temporary name, cut so the name stays far below NAME_MAX
LEGACY_STALE_AFTER_S = 3600.0  # older temporaries carry no process id: removed once this old
DEFAULT_NAME_MAX = 255  # bytes, when the file system does not say

_TEMP_NAME = re.compile(r"^\.~.*\.(\d+)\.[a-z0-9]{6}(\.[A-Za-z0-9]{1,5})?$")
# Names bulkship's earlier versions used (mkstemp's random tail); LibreOffice's ``.~lock.x#`` is not one.
_TEMP_STARTS = (TEMP_PREFIX, ".splice-")
_LEGACY_NAME = re.compile(r"^(?:\.~(?!lock\.).+\.(?:xlsx|csv)|\.splice-.+\.xlsx)$")


def _umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any thread starts writing.
    mask = os.umask(0)
    os.umask(mask)
    return mask


DEFAULT_FILE_MODE = 0o666 & ~_umask()


def publish(temp: str | Path, path: Path) -> None:
    """Move the finished ``temp`` (its mode set) over ``path`` atomically."""
    os.replace(temp, path)


def temp_path_for(path: Path) -> Path:
    """A fresh temporary name beside ``path``, carrying this process's id (see :func:`remove_stale_temps`)."""
    stem = path.stem[:TEMP_STEM_CHARS]
    return path.with_name(f"{TEMP_PREFIX}{stem}.{os.getpid()}.{_token()}{path.suffix[:6]}")


def _token() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


@contextlib.contextmanager
def atomic_path(path: str | Path, *, keep_mode: bool = False, private: bool = True) -> Iterator[Path]:
    """A temporary path to build ``path`` in; published over ``path`` when the block ends normally, removed
    when it raises. ``keep_mode``: the published file keeps the mode of the file it replaces. ``private``
    (recipients, the audit trail: every file but a blank template): the temporary file is created 0600
    before anything is written into it, the published file is 0600 and a missing folder is created 0700
    (:mod:`bulkship.private`); else the file gets the ordinary mode of the user's files."""
    path = Path(path)
    if private:
        private_folder(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path.parent)
    temp = temp_path_for(path)
    try:
        if private:
            private_file(temp)  # the writers write into it as it is: never readable by others
        yield temp
        if keep_mode and path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
            os.replace(temp, path)
        else:
            os.chmod(temp, PRIVATE_FILE_MODE if private else DEFAULT_FILE_MODE)
            publish(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    except OverflowError:
        return False
    return True


def is_stale_temp(entry: os.DirEntry[str] | Path, *, now: float | None = None) -> bool:
    """A temporary file of bulkship whose writer is gone (or, for names without a process id, old)."""
    name = entry.name
    match = _TEMP_NAME.match(name)
    try:
        if match:
            return entry.is_file() and not _process_alive(int(match.group(1)))
        if _LEGACY_NAME.match(name) and entry.is_file():
            age = (now or time.time()) - entry.stat().st_mtime
            return age > LEGACY_STALE_AFTER_S
    except OSError:
        return False
    return False


def remove_stale_temps(folder: str | Path) -> list[Path]:
    """Delete the temporary files that killed bulkship runs left in ``folder``; returns what was removed.
    Quiet about folders that do not exist or cannot be read: the write itself reports those."""
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            stale = [Path(e.path) for e in entries if e.name.startswith(_TEMP_STARTS) and is_stale_temp(e)]
    except OSError:
        return removed
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def name_max(folder: Path) -> int:
    """The longest file name (in bytes) the file system holding ``folder`` accepts."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return int(os.pathconf(probe, "PC_NAME_MAX"))
    except (OSError, ValueError):
        return DEFAULT_NAME_MAX


def check_file_name(path: Path, *, what: str, hint: str, spare: int = 0) -> Path:
    """Refuse, before any work, a file name the file system would refuse when the time comes to write it
    (``spare``: bytes a companion file adds to the name, such as a lock file's)."""
    limit = name_max(path.parent) - spare
    length = len(os.fsencode(path.name))
    if length > limit:
        raise ConfigError(
            f"The {what} name '{path.name[:40]}…' is {length} bytes long, above the file system's limit of "
            f"{limit}",
            hint=hint,
        )
    return path
