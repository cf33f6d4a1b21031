"""Program settings: a TOML file that adapts bulkship to one program's sheets (``--config PROGRAM.toml``).

[program]
name = "Work anniversaries"
sheet = "Recipients"        # which sheet of a workbook to read
reject_po_boxes = true      # policy: PO boxes are errors instead of warnings
repeat_window_days = 60     # a card another batch ordered this recently is held, not sent again
include_hidden = false      # order hidden and filtered-out rows too (as --include-hidden)
paper = "letter"            # the result workbook prints on: letter (default), a4 or legal
schema = "my-recipients.toml"   # optional: another sheet contract (relative to this file)

[columns]                   # fix a mapping, over every guess: canonical column = "Header text" or "C"
external_id = "Personnel No."
address1 = "D"              # a column letter

[limits]                    # refuse workbooks past these before loading them (defaults shown)
rows = 2000000
columns = 256
cells = 30000000            # highest row x highest column
xml_mb = 1536               # decompressed XML of a workbook
cell_kb = 256               # one cell's text
text_mb = 1024              # a sheet's text, a text kept once for many cells counted in each

[aliases]                   # extra header spellings, added to schemas/recipients.toml
zip = ["PLZ"]

[defaults]                  # values for columns the sheet lacks or leaves empty
product = "VISA-PREPAID"
value = "50"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import defaults
from .errors import ConfigError
from .models import CANONICAL_COLUMNS
from .paths import read_settings_text
from .sheetscan import Limits

PROGRAM_SUFFIX = ".bulkship.toml"  # a program file next to a sheet: <sheet name>.bulkship.toml
FOLDER_PROGRAM = "bulkship.toml"  # or one for every sheet of a folder

# Defaults every program gets unless its settings say otherwise (issue 3).
BUILTIN_DEFAULTS: dict[str, str] = {
    "quantity": "1",
    "shipping_method": "STANDARD",
    "carrier_id": "DEFAULT",
    "country": "US",
}


def known_time_zone(name: str) -> str:
    """``name`` when it is a time zone this machine knows ("Europe/Paris"), else "" (the machine's own)."""
    from zoneinfo import ZoneInfo

    if not name or len(name) > 64:
        return ""
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # an unknown name, a path, no zone database
        return ""
    return name


def local_day(time_zone: str = "") -> date:
    """Today in ``time_zone`` (an IANA name), or on this machine's clock when it is "" or unknown."""
    from zoneinfo import ZoneInfo

    known = known_time_zone(time_zone)
    return datetime.now(ZoneInfo(known)).date() if known else date.today()


@dataclass(frozen=True)
class ProgramSettings:
    name: str = ""
    sheet: str | None = None
    reject_po_boxes: bool = False
    repeat_window_days: int | None = None  # None: bulkship.repeats.DEFAULT_WINDOW_DAYS
    paper: str = "letter"  # the result workbook's paper size (bulkship.reconcile.sheets.book.PAPER_SIZES)
    schema_path: Path | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical -> header text
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> extra aliases
    defaults: dict[str, str] = field(default_factory=dict)  # canonical -> default (program only)
    source: str = ""
    include_hidden: bool = False  # order hidden and filtered-out rows too
    limits: Limits = field(default_factory=Limits)
    encoding: str | None = None  # a CSV's text encoding; None: decided from the file (UTF-8 or Windows-1252)
    # the time zone whose day the sheet's dates are judged by ('Do Not Send Before', 'Termination Date'): the
    # web page's, where the person works; "" the machine's own (the command line is run where its user is)
    time_zone: str = ""

    def today(self) -> date:
        """The day it is where the sheet's person works: the dates the list holds are theirs (found by
        hunter-sheets9: a server keeping UTC sent a 'Do Not Send Before' = tomorrow row from 4pm in
        California, UTC's next day already)."""
        return local_day(self.time_zone)

    @property
    def effective_defaults(self) -> dict[str, str]:
        return {**BUILTIN_DEFAULTS, **self.defaults}

    def column_line(self, field: str, header: str) -> str:
        """The line that says ``field`` is read from column ``header`` ("": from none), as a person types it
        in this program file (under its [columns]), or, with none yet, as the one line of a new bulkship.toml
        (the hints said `[columns] quantity = "Units"`, no valid TOML on one line: typed so into a new file,
        the next run said 'not valid TOML': newcomer23's N4)."""
        pair = f"{field} = {_toml_string(header)}"
        return f"`{pair}`" if self.source else f"`columns = {{ {pair} }}`"

    @property
    def where_column_lines_go(self) -> str:
        """Where the lines of :meth:`column_line` are written."""
        if self.source:
            return f"under [columns] in {self.source}"
        return (
            "in a file named bulkship.toml beside the list (read by itself), then run the same command again"
        )


def _check_columns(table: dict[str, object], section: str, path: Path) -> None:
    unknown = [key for key in table if key not in CANONICAL_COLUMNS]
    if unknown:
        raise ConfigError(
            f"Program settings {path}: [{section}] names unknown column(s) {', '.join(unknown)}",
            hint="known columns: " + ", ".join(CANONICAL_COLUMNS),
        )


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _window_days(value: object, path: Path) -> int | None:
    if value is None:
        return None
    most = defaults.MAX_REPEAT_WINDOW_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise ConfigError(
            f"Program settings {path}: repeat_window_days must be a whole number of days (0 to "
            f"{most:,}), "
            f"not {value!r}",
            hint="for example: repeat_window_days = 60",
        )
    return value


PAPERS = ("letter", "a4", "legal")


def _paper(value: object, path: Path) -> str:
    if value is None:
        return "letter"
    if not isinstance(value, str) or value.strip().lower() not in PAPERS:
        raise ConfigError(
            f"Program settings {path}: paper must be one of {', '.join(PAPERS)}, not {value!r}",
            hint='for example: paper = "a4"',
        )
    return value.strip().lower()


def load_program(path: Path | str | None) -> ProgramSettings:
    """Read a program settings file; ``None`` gives the built-in defaults."""
    if path is None:
        return ProgramSettings()
    path = Path(path)
    text = read_settings_text(path, what="Program settings file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Program settings file {path} is not valid TOML: {exc}") from None
    _check_known(data, SECTIONS, "", path)
    program = data.get("program") or {}
    if not isinstance(program, dict):
        raise ConfigError(f"Program settings {path}: [program] must be a table")
    _check_known(program, PROGRAM_KEYS, "[program] ", path)
    columns = data.get("columns") or {}
    aliases = data.get("aliases") or {}
    defaults = data.get("defaults") or {}
    for section, table in (("columns", columns), ("aliases", aliases), ("defaults", defaults)):
        if not isinstance(table, dict):
            raise ConfigError(f"Program settings {path}: [{section}] must be a table")
        _check_columns(table, section, path)
    limits = _limits(data.get("limits") or {}, path)
    schema = program.get("schema")
    return ProgramSettings(
        name=str(program.get("name", "")),
        sheet=str(program["sheet"]) if program.get("sheet") else None,
        reject_po_boxes=_yes_no(program, "reject_po_boxes", path),
        repeat_window_days=_window_days(program.get("repeat_window_days"), path),
        paper=_paper(program.get("paper"), path),
        schema_path=(path.parent / str(schema)) if schema else None,
        columns={k: str(v) for k, v in columns.items()},
        aliases={k: tuple(str(a) for a in (v if isinstance(v, list) else [v])) for k, v in aliases.items()},
        defaults={k: _as_text(v) for k, v in defaults.items()},
        source=str(path),
        include_hidden=_yes_no(program, "include_hidden", path),
        limits=limits,
        encoding=str(program["encoding"]) if program.get("encoding") else None,
    )


SECTIONS = ("program", "columns", "aliases", "defaults", "limits", "profile")  # [profile]: the web's
PROGRAM_KEYS = (
    "name", "sheet", "reject_po_boxes", "repeat_window_days", "paper", "schema", "include_hidden", "encoding",
)  # fmt: skip


def _check_known(table: dict[str, Any], known: tuple[str, ...], where: str, path: Path) -> None:
    """A misspelt key is never dropped in silence: 'shet' read another sheet, '[default]' no default."""
    unknown = [key for key in table if key not in known]
    if unknown:
        raise ConfigError(
            f"Program settings {path}: {where}{', '.join(map(repr, unknown))} is no setting bulkship reads",
            hint=f"{where or 'sections '}bulkship reads: {', '.join(known)}",
        )


def _yes_no(program: dict[str, Any], key: str, path: Path) -> bool:
    """A TOML true or false: text "false" is true to Python, and include_hidden = "no" sent hidden rows."""
    value = program.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(
            f"Program settings {path}: {key} must be true or false (without quotes), not {value!r}",
            hint=f"for example: {key} = false",
        )
    return value


_LIMIT_KEYS = {
    "rows": 1, "columns": 1, "cells": 1, "xml_mb": 2**20, "cell_kb": 1024, "text_mb": 2**20, "problems": 1,
}  # fmt: skip
_LIMIT_FIELDS = {
    "rows": "rows",
    "columns": "columns",
    "cells": "cells",
    "xml_mb": "xml_bytes",
    "cell_kb": "cell_bytes",
    "text_mb": "text_bytes",
    "problems": "problems",
}


def _limits(table: object, path: Path) -> Limits:
    """``[limits]``: positive whole numbers; the keys not given keep their defaults."""
    if not isinstance(table, dict):
        raise ConfigError(f"Program settings {path}: [limits] must be a table")
    unknown = [key for key in table if key not in _LIMIT_KEYS]
    if unknown:
        raise ConfigError(
            f"Program settings {path}: [limits] names unknown limit(s) {', '.join(unknown)}",
            hint="known limits: " + ", ".join(_LIMIT_KEYS),
        )
    values: dict[str, int] = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"Program settings {path}: [limits] {key} must be a whole number above 0")
        values[_LIMIT_FIELDS[key]] = value * _LIMIT_KEYS[key]
    return Limits(**values)


def find_program(config: str | Path | None, sheet: Path | None, data_dir: Path | None = None) -> Path | None:
    """The program file to use: ``--config`` as a path; else ``--config NAME`` as a saved program
    (``NAME.toml`` next to the sheet, then in the data folder's ``programs/``); without ``--config``, a
    ``<sheet name>.bulkship.toml`` or ``bulkship.toml`` next to the sheet. None: the built-in settings."""
    folders = [sheet.parent] if sheet is not None else []
    if data_dir is not None:
        folders.append(Path(data_dir) / "programs")
    if config is not None:
        given = Path(config)
        if given.exists() or given.suffix or len(given.parts) > 1:
            return given  # load_program says what is wrong with it
        for folder in folders:
            for candidate in (folder / f"{config}.toml", folder / f"{config}{PROGRAM_SUFFIX}"):
                if candidate.is_file():
                    return candidate
        saved = sorted(
            {
                p.name.removesuffix(PROGRAM_SUFFIX).removesuffix(".toml")
                for f in folders
                if f.is_dir()
                for p in f.glob("*.toml")
            }
        )
        raise ConfigError(
            f"No program file named '{config}': looked for {config}.toml in "
            + " and ".join(str(f) for f in folders),
            hint=("saved programs: " + ", ".join(saved)) if saved else "pass the path of a program TOML file",
        )
    if sheet is None:
        return None
    for candidate in (sheet.parent / f"{sheet.stem}{PROGRAM_SUFFIX}", sheet.parent / FOLDER_PROGRAM):
        if candidate.is_file():
            return candidate
    return None
