"""Column profiles: a mapping of a sheet's headers to fields, saved under a name for the next file like it.

A profile is a saved program file, ``<data folder>/programs/NAME.toml``: its ``[columns]`` table is the
mapping (as in any program file, it wins over every guess; ``field = ""`` means no column feeds the field),
and ``[profile] headers`` lists the headers of the sheet it was made for. So the command line uses it as it is
(``bulkship run FILE --config NAME``), and the web page offers it for an upload whose headers match::

    [profile]
    headers = ["Employee Name", "Home Address Line 1", "Ship Via"]

    [columns]
    shipping_method = "Ship Via"
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .atomicfile import atomic_path
from .errors import ConfigError, InputError
from .private import private_folder
from .program import ProgramSettings, load_program
from .schema import header_key

PROGRAMS_FOLDER = "programs"
# a list of one card, or one amount for everyone (a thank-you form), or every card in one carrier (a sleeve
# printed for the occasion: marketing's THANKYOU, newcomer6's L5)
EVERY_ROW_FIELDS = ("product", "value", "carrier_id")
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}")


@dataclass(frozen=True)
class Profile:
    name: str
    path: Path
    columns: dict[str, str]  # field -> header ("" for no column)
    headers: tuple[str, ...]  # the headers of the sheet it was saved for
    # settings written in it by hand beside its [columns] ('[defaults] value', '[program] sheet'), which the
    # command line reads with --config NAME and the web page does not
    beyond_columns: tuple[str, ...] = ()
    # one value for every row of a field no column gives (the Columns page's): its [defaults]
    every_row: dict[str, str] = field(default_factory=dict)
    # who saved it on a team's web page: a maker of every batch read with it; "" saved elsewhere (by hand,
    # from the command line, or on a page of no team): anyone may have, every approver counts as its maker
    saved_by: str = ""

    def fits(self, headers: Sequence[str]) -> bool:
        """Whether a sheet with ``headers`` has every header this profile maps (case and spacing aside); a
        profile that maps none fits only the headers it was saved for."""
        keys = {header_key(h) for h in headers}
        wanted = {header_key(h) for h in self.columns.values() if h.strip()}
        return wanted <= keys if wanted else self.same_headers(headers)

    def same_headers(self, headers: Sequence[str]) -> bool:
        return {header_key(h) for h in headers} == {header_key(h) for h in self.headers}


def programs_dir(data_dir: Path) -> Path:
    return Path(data_dir) / PROGRAMS_FOLDER


def _file_name(name: str) -> str:
    if not NAME_PATTERN.fullmatch(name.strip()):
        raise InputError(
            f"'{name}' cannot name a profile: use letters, digits, spaces, dots, dashes or underscores "
            "(up to 60, starting with a letter or digit)"
        )
    return name.strip() + ".toml"


def _toml_text(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def save_profile(
    data_dir: Path,
    name: str,
    columns: Mapping[str, str],
    headers: Sequence[str],
    *,
    replace: bool = False,
    every_row: Mapping[str, str] | None = None,
    saved_by: str = "",
) -> Profile:
    """Write the profile ``name`` (a program file the command line reads with ``--config NAME``). An existing
    profile of that name is replaced only when ``replace``. ``every_row``: one value for every row of a field
    no column gives (:data:`EVERY_ROW_FIELDS`), kept as its ``[defaults]`` with that field read from no
    column (``field = ""``), so that a column of the next file never has its empty cells filled with it.
    ``saved_by``: the team's person saving it (``[profile] saved_by``), a maker of each batch read with it."""
    every_row = {k: v for k, v in (every_row or {}).items() if k in EVERY_ROW_FIELDS and v}
    columns = {**columns, **dict.fromkeys(every_row, "")}
    folder = programs_dir(data_dir)
    path = folder / _file_name(name)
    if path.exists() and not replace:
        raise InputError(f"A profile named '{name.strip()}' exists already", hint="choose another name")
    private_folder(folder)
    lines = [
        "# A column profile saved from bulkship's web page: the [columns] mapping wins over every guess.",
        f"# Use it from the command line with: bulkship run FILE --config {_toml_text(name.strip())}",
        "",
        "[program]",
        f"name = {_toml_text(name.strip())}",
        "",
        "[profile]",
        "headers = [" + ", ".join(_toml_text(h) for h in headers) + "]",
        *([f"saved_by = {_toml_text(saved_by)}"] if saved_by else []),
        "",
        "[columns]",
        *(f"{field} = {_toml_text(header)}" for field, header in sorted(columns.items())),
        "",
    ]
    if every_row:  # the Columns page's values for every row
        lines += ["[defaults]", *(f"{k} = {_toml_text(v)}" for k, v in sorted(every_row.items())), ""]
    with atomic_path(path) as temporary:
        temporary.write_text("\n".join(lines), encoding="utf-8")
    return read_profile(path)


def read_profile(path: Path) -> Profile:
    """A saved profile (its [columns] checked as any program file's). Raises ConfigError."""
    program = load_program(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the profile {path}: {exc}") from None
    table = data.get("profile") or {}
    headers = table.get("headers") if isinstance(table, dict) else None
    saved_by = table.get("saved_by") if isinstance(table, dict) else None
    beyond = [f"[program] {key}" for key in (data.get("program") or {}) if key != "name"]
    read = ("program", "profile", "columns", *(("defaults",) if _page_defaults(program) else ()))
    beyond += [f"[{section}]" for section in data if section not in read]
    return Profile(
        name=path.stem,
        path=path,
        columns=dict(program.columns),
        headers=tuple(str(h) for h in headers) if isinstance(headers, list) else (),
        beyond_columns=tuple(beyond),
        every_row=dict(program.defaults) if _page_defaults(program) else {},
        saved_by=saved_by if isinstance(saved_by, str) else "",
    )


def _page_defaults(program: ProgramSettings) -> bool:
    """Whether the [defaults] are values for every row as the Columns page sets them: of its fields only,
    each read from no column (else one would fill a column's empty cells, which the page never does)."""
    found = program.defaults
    return bool(found) and all(k in EVERY_ROW_FIELDS and program.columns.get(k) == "" for k in found)


def profiles(data_dir: Path) -> list[Profile]:
    """Every profile saved from the page (programs with a [profile] table), by name; unreadable ones are
    left out (the command line says what is wrong with them when one is used)."""
    found = []
    folder = programs_dir(data_dir)
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            profile = read_profile(path)
        except ConfigError:
            continue
        if profile.headers:
            found.append(profile)
    return found


def profile_at(source: str | Path) -> Profile | None:
    """The profile a program file read with ``--config`` is (one saved on the web page: a [profile] table
    with its headers), or None (a program file of its own, or none)."""
    if not source:
        return None
    try:
        found = read_profile(Path(source))
    except ConfigError:
        return None
    return found if found.headers else None


def profile(data_dir: Path, name: str) -> Profile:
    """The profile the web page reads a file with: its [columns] only, so one that says more (edited by
    hand) is refused rather than read without its sheet, defaults or repeat window."""
    for found in profiles(data_dir):
        if found.name == name:
            if found.beyond_columns:
                raise InputError(
                    f"The profile '{name}' also sets {', '.join(found.beyond_columns)}, which the web page "
                    "does not read: used here, its columns would be read without them",
                    hint=f'use it from the command line (bulkship run FILE --config "{name}"), or take '
                    f"those settings out of {found.path}",
                )
            return found
    raise InputError(f"No profile named '{name}'")


def matching_profiles(data_dir: Path, headers: Sequence[str]) -> list[Profile]:
    """The profiles that fit a sheet with ``headers``: those saved for the same headers first."""
    fitting = [p for p in profiles(data_dir) if p.fits(headers)]
    return sorted(fitting, key=lambda p: (not p.same_headers(headers), p.name.casefold()))
