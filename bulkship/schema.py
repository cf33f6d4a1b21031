"""The recipient sheet contract, read from ``schemas/recipients.toml`` (data a user can read and change).

It drives three things: header aliases (load), the pandera schema (validate) and the template's instructions.
The packaged copy ``bulkship/data/recipients.toml`` is a link to ``schemas/recipients.toml``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .models import CANONICAL_COLUMNS
from .paths import read_settings_text

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa


@dataclass(frozen=True)
class ColumnSpec:
    name: str  # canonical column name
    title: str  # header text in the template and in messages when the sheet lacks the column
    aliases: tuple[str, ...] = ()
    required: bool = False
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str = "is not in the expected format"
    description: str = ""
    example: str = ""


@dataclass(frozen=True)
class SheetContract:
    columns: dict[str, ColumnSpec]  # canonical name -> spec, in template order
    source: str
    # alias_index's answers by program aliases: a sheet read asks for it about six times, each ~0.3 ms
    _indexes: dict[tuple[tuple[str, tuple[str, ...]], ...], dict[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def title(self, column: str) -> str:
        spec = self.columns.get(column)
        return spec.title if spec else column

    def alias_index(self, extra: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
        """Header key (see :func:`header_key`) -> canonical column; program aliases win over built-in ones."""
        key = tuple((column, tuple(aliases)) for column, aliases in (extra or {}).items())
        if key not in self._indexes:
            self._indexes[key] = self._alias_index(extra)
        return dict(self._indexes[key])  # the caller's own copy

    def _alias_index(self, extra: dict[str, tuple[str, ...]] | None) -> dict[str, str]:
        index: dict[str, str] = {}
        for spec in self.columns.values():
            for alias in (spec.name, spec.title, *spec.aliases):
                index.setdefault(header_key(alias), spec.name)
        for column, aliases in (extra or {}).items():
            for alias in aliases:
                index[header_key(alias)] = column
        return index


_NOT_ALNUM = re.compile(r"[^0-9a-z#]+")


def header_key(text: str) -> str:
    """'Zip Code', 'ZIP', 'zip_code ' -> 'zipcode': headers compare without case, spaces or punctuation."""
    return _NOT_ALNUM.sub("", text.casefold())


def default_contract_path() -> Path:
    return Path(str(resources.files("bulkship") / "data" / "recipients.toml"))


_SPEC_TYPES: dict[str, type] = {
    "title": str,
    "aliases": list,
    "required": bool,
    "max_length": int,
    "pattern": str,
    "pattern_message": str,
    "description": str,
    "example": str,
}


@functools.cache
def load_contract(path: Path | None = None) -> SheetContract:
    """Read and check a sheet contract TOML file (the packaged one by default). A key it does not know, or a
    value of another type, is an error: a misspelt 'requried' or 'max_lenght' dropped a check in silence, and
    required = "false" (text) read as true."""
    path = path or default_contract_path()
    text = read_settings_text(path, what="Sheet schema file")  # a folder, a device: one line
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Sheet schema file {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"columns"})
    if unknown or not isinstance(data.get("columns", {}), dict):
        raise ConfigError(
            f"Sheet schema {path}: {', '.join(map(repr, unknown)) or 'columns'} is not what bulkship reads",
            hint="each column is a table [columns.NAME] (see schemas/recipients.toml)",
        )
    columns: dict[str, ColumnSpec] = {}
    for name, raw in (data.get("columns") or {}).items():
        if name not in CANONICAL_COLUMNS:
            raise ConfigError(
                f"Sheet schema {path}: unknown column '{name}'",
                hint="known columns: " + ", ".join(CANONICAL_COLUMNS),
            )
        columns[name] = _column_spec(name, raw, path)
    missing = [c for c in CANONICAL_COLUMNS if c not in columns]
    if missing:
        raise ConfigError(f"Sheet schema {path} lacks columns: {', '.join(missing)}")
    ordered = {c: columns[c] for c in CANONICAL_COLUMNS}
    return SheetContract(columns=ordered, source=str(path))


def _column_spec(name: str, raw: object, path: Path) -> ColumnSpec:
    if not isinstance(raw, dict):
        raise ConfigError(f"Sheet schema {path}: columns.{name} must be a table [columns.{name}]")
    unknown = sorted(set(raw) - set(_SPEC_TYPES))
    if unknown:  # a misspelt 'max_lenght' checked nothing
        raise ConfigError(
            f"Sheet schema {path}: column '{name}' has {', '.join(map(repr, unknown))}, which bulkship does "
            "not read",
            hint="keys bulkship reads: " + ", ".join(sorted(_SPEC_TYPES)),
        )
    if isinstance(raw.get("required"), str):  # required = "false" was true
        raise ConfigError(
            f"Sheet schema {path}: column '{name}' has required written in quotes: true or false, "
            "without them"
        )
    for key, value in raw.items():
        kind = _SPEC_TYPES[key]
        wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
        wrong = wrong or (key == "aliases" and not all(isinstance(a, str) for a in value))
        wrong = wrong or (key == "max_length" and value < 1)
        if wrong:
            said = {str: "text in quotes", list: "a list of texts", bool: "true or false (without quotes)"}
            raise ConfigError(
                f"Sheet schema {path}: column '{name}' has {key} that must be "
                f"{said.get(kind, 'a whole number above 0')}, not {value!r}"
            )
    if raw.get("pattern"):
        try:
            re.compile(str(raw["pattern"]))
        except re.error as exc:
            raise ConfigError(
                f"Sheet schema {path}: column '{name}' has a pattern that is invalid: {exc}"
            ) from None
    return ColumnSpec(
        name=name,
        title=str(raw.get("title", name)),
        aliases=tuple(raw.get("aliases", ())),
        required=bool(raw.get("required", False)),
        max_length=raw.get("max_length"),
        pattern=str(raw["pattern"]) if raw.get("pattern") else None,
        pattern_message=str(raw.get("pattern_message", ColumnSpec.pattern_message)),
        description=str(raw.get("description", "")),
        example=str(raw.get("example", "")),
    )


# Check names double as problem kinds: validate turns pandera's failure cases into messages through them.
CHECK_REQUIRED = "required"
CHECK_MAX_LENGTH = "max_length"
CHECK_PATTERN = "pattern"


StructuralCheck = tuple[str, str, Callable[["pd.Series"], "pd.Series"]]  # column, check name, cells passing


def structural_checks(contract: SheetContract) -> list[StructuralCheck]:
    """The contract's checks over normalised text columns ('' = empty): required, max length, format."""
    checks: list[StructuralCheck] = []
    for spec in contract.columns.values():
        if spec.required:
            checks.append((spec.name, CHECK_REQUIRED, _filled))
        if spec.max_length:
            checks.append(
                (spec.name, CHECK_MAX_LENGTH, functools.partial(_within_length, limit=spec.max_length))
            )
        if spec.pattern:
            pattern = re.compile(spec.pattern)
            checks.append((spec.name, CHECK_PATTERN, functools.partial(_empty_or_matching, pattern=pattern)))
    return checks


def pandera_schema(contract: SheetContract, *, only: str | None = None) -> pa.DataFrameSchema:
    """:func:`structural_checks` as a pandera schema (every failure of every row, lazily); of column ``only``
    when given."""
    import pandera.pandas as pa

    checks: dict[str, list[pa.Check]] = {name: [] for name in contract.columns if only in (None, name)}
    for name, check, test in structural_checks(contract):
        if name in checks:
            checks[name].append(pa.Check(test, name=check))
    columns = {name: pa.Column(None, checks=c, nullable=False, coerce=False) for name, c in checks.items()}
    return pa.DataFrameSchema(columns, strict=False, name="recipients")


def _filled(column: pd.Series) -> pd.Series:
    return column.ne("")


def _empty_or_matching(column: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    from .validate.normalize import by_unique, fullmatch_mask

    return column.eq("") | by_unique(column, lambda u: fullmatch_mask(u, pattern, na=False))


def _within_length(column: pd.Series, limit: int) -> pd.Series:
    """Cells of at most ``limit`` characters, lengths taken at C speed (NA the pandas way: it fails)."""
    import numpy as np
    import pandas as pd

    values = column.tolist()
    try:
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    except TypeError:
        return column.str.len().le(limit)
    return pd.Series(lengths <= limit, index=column.index)
