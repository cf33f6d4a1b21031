"""Finished files replace their earlier version in one step, with the permissions a plain new file gets.

Writers build into a temporary file beside the target (``tempfile.mkstemp``, which is private: mode 0600) so a
reader never sees half a workbook; :func:`publish` gives it the usual permissions and moves it into place.
"""

from __future__ import annotations

import os
from pathlib import Path


def _umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any thread starts writing.
    mask = os.umask(0)
    os.umask(mask)
    return mask


DEFAULT_FILE_MODE = 0o666 & ~_umask()


def publish(temp: str | Path, path: Path) -> None:
    """Move the finished ``temp`` over ``path`` atomically, readable as any file the user creates."""
    os.chmod(temp, DEFAULT_FILE_MODE)
    os.replace(temp, path)
