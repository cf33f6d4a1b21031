"""Program settings: a TOML file that adapts bulkship to one program's sheets (``--config PROGRAM.toml``).

[program]
name = "Work anniversaries"
sheet = "Recipients"        # which sheet of a workbook to read
reject_po_boxes = true      # policy: PO boxes are errors instead of warnings
repeat_window_days = 60     # a card another batch ordered this recently is held, not sent again
schema = "my-recipients.toml"   # optional: another sheet contract (relative to this file)

[columns]                   # fix a mapping: canonical column = "Header text in the sheet"
external_id = "Personnel No."

[aliases]                   # extra header spellings, added to schemas/recipients.toml
zip = ["PLZ"]

[defaults]                  # values for columns the sheet lacks or leaves empty
product = "VISA-PREPAID"
value = "50"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .models import CANONICAL_COLUMNS

# Defaults every program gets unless its settings say otherwise (issue 3).
BUILTIN_DEFAULTS: dict[str, str] = {
    "quantity": "1",
    "shipping_method": "STANDARD",
    "carrier_id": "DEFAULT",
    "country": "US",
}


@dataclass(frozen=True)
class ProgramSettings:
    name: str = ""
    sheet: str | None = None
    reject_po_boxes: bool = False
    repeat_window_days: int | None = None  # None: bulkship.repeats.DEFAULT_WINDOW_DAYS
    schema_path: Path | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical -> header text
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> extra aliases
    defaults: dict[str, str] = field(default_factory=dict)  # canonical -> default (program only)
    source: str = ""

    @property
    def effective_defaults(self) -> dict[str, str]:
        return {**BUILTIN_DEFAULTS, **self.defaults}


def _check_columns(table: dict[str, object], section: str, path: Path) -> None:
    unknown = [key for key in table if key not in CANONICAL_COLUMNS]
    if unknown:
        raise ConfigError(
            f"Program settings {path}: [{section}] names unknown column(s) {', '.join(unknown)}",
            hint="known columns: " + ", ".join(CANONICAL_COLUMNS),
        )


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _window_days(value: object, path: Path) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(
            f"Program settings {path}: repeat_window_days must be a whole number of days (0 or more), "
            f"not {value!r}",
            hint="for example: repeat_window_days = 60",
        )
    return value


def load_program(path: Path | str | None) -> ProgramSettings:
    """Read a program settings file; ``None`` gives the built-in defaults."""
    if path is None:
        return ProgramSettings()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Program settings file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Program settings file {path} is not valid TOML: {exc}") from None
    program = data.get("program") or {}
    columns = data.get("columns") or {}
    aliases = data.get("aliases") or {}
    defaults = data.get("defaults") or {}
    for section, table in (("columns", columns), ("aliases", aliases), ("defaults", defaults)):
        if not isinstance(table, dict):
            raise ConfigError(f"Program settings {path}: [{section}] must be a table")
        _check_columns(table, section, path)
    schema = program.get("schema")
    return ProgramSettings(
        name=str(program.get("name", "")),
        sheet=str(program["sheet"]) if program.get("sheet") else None,
        reject_po_boxes=bool(program.get("reject_po_boxes", False)),
        repeat_window_days=_window_days(program.get("repeat_window_days"), path),
        schema_path=(path.parent / str(schema)) if schema else None,
        columns={k: str(v) for k, v in columns.items()},
        aliases={k: tuple(str(a) for a in (v if isinstance(v, list) else [v])) for k, v in aliases.items()},
        defaults={k: _as_text(v) for k, v in defaults.items()},
        source=str(path),
    )
