"""Files that hold recipients or secrets are the user's alone: 0600, in folders 0700, whatever the umask.

Only what bulkship creates: a folder or file that already exists (``--out .``, an older ledger) keeps its
mode. A SQLite database created empty here is one SQLite fills; SQLite gives its ``-wal``, ``-shm`` and
``-journal`` files the database file's mode, so they are private too.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def private_folder(path: str | os.PathLike[str]) -> Path:
    """``path`` as a folder: created 0700 when missing, as are its missing parents (the XDG rule for a data
    folder); an existing folder is left as it is."""
    path = Path(path)
    if path.is_dir():
        return path
    if path.parent != path and not path.parent.is_dir():
        private_folder(path.parent)
    try:
        path.mkdir(mode=PRIVATE_FOLDER_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise
        return path
    os.chmod(path, PRIVATE_FOLDER_MODE)  # mkdir's mode went through the umask
    return path


def private_file(path: str | os.PathLike[str]) -> Path:
    """``path`` created empty, 0600, in a private folder when missing; an existing file is left as it is."""
    path = Path(path)
    private_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return path
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path
