"""What every verb shares: the order of its arguments (settings first) and the corrections a person made."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..settings import Settings

Corrections = Mapping[tuple[int, str], str]


def settings_first(settings: Any, path: Any, verb: str) -> tuple[Settings, str | Path]:
    """``(settings, path)`` as the verb was called: the order of before, ``(path, settings)``, still works
    (a Settings is never a file name, so the two cannot be mistaken), with a DeprecationWarning."""
    if not isinstance(settings, Settings) and isinstance(path, Settings):
        warnings.warn(
            f"bulkship.{verb}(path, settings) is deprecated: pass the settings first, "
            f"bulkship.{verb}(settings, path)",
            DeprecationWarning,
            stacklevel=3,
        )
        return path, settings
    return settings, path
