"""The recipient sheet contract, read from ``schemas/recipients.toml`` (data a user can read and change).

It drives three things: header aliases (load), the pandera schema (validate) and the template's instructions.
The packaged copy ``bulkship/data/recipients.toml`` is a link to ``schemas/recipients.toml``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .models import CANONICAL_COLUMNS

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

    def title(self, column: str) -> str:
        spec = self.columns.get(column)
        return spec.title if spec else column

    def alias_index(self, extra: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
        """Header key (see :func:`header_key`) -> canonical column; program aliases win over built-in ones."""
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


_SPEC_KEYS = {
    "title", "aliases", "required", "max_length", "pattern", "pattern_message", "description", "example",
}  # fmt: skip


@functools.cache
def load_contract(path: Path | None = None) -> SheetContract:
    """Read and check a sheet contract TOML file (the packaged one by default)."""
    path = path or default_contract_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Sheet schema file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Sheet schema file {path} is not valid TOML: {exc}") from None
    columns: dict[str, ColumnSpec] = {}
    for name, raw in (data.get("columns") or {}).items():
        if name not in CANONICAL_COLUMNS:
            raise ConfigError(
                f"Sheet schema {path}: unknown column '{name}'",
                hint="known columns: " + ", ".join(CANONICAL_COLUMNS),
            )
        if not isinstance(raw, dict):
            raise ConfigError(f"Sheet schema {path}: [columns.{name}] must be a table of its settings")
        unknown = sorted(set(raw) - _SPEC_KEYS)
        if unknown or not isinstance(raw.get("required", False), bool):
            raise ConfigError(  # a misspelt 'max_lenght' checked nothing; required = "false" was true
                f"Sheet schema {path}: column '{name}' has "
                + (f"{', '.join(map(repr, unknown))}, which bulkship does not read" if unknown else "")
                + ("" if unknown else "required written in quotes: true or false, without them"),
                hint="keys bulkship reads: " + ", ".join(sorted(_SPEC_KEYS)),
            )
        try:
            columns[name] = ColumnSpec(
                name=name,
                title=str(raw.get("title", name)),
                aliases=tuple(str(a) for a in raw.get("aliases", ())),
                required=bool(raw.get("required", False)),
                max_length=int(raw["max_length"]) if "max_length" in raw else None,
                pattern=str(raw["pattern"]) if raw.get("pattern") else None,
                pattern_message=str(raw.get("pattern_message", ColumnSpec.pattern_message)),
                description=str(raw.get("description", "")),
                example=str(raw.get("example", "")),
            )
            if columns[name].pattern:
                re.compile(str(columns[name].pattern))
        except (TypeError, ValueError, re.error) as exc:
            raise ConfigError(f"Sheet schema {path}: column '{name}' is invalid: {exc}") from None
    missing = [c for c in CANONICAL_COLUMNS if c not in columns]
    if missing:
        raise ConfigError(f"Sheet schema {path} lacks columns: {', '.join(missing)}")
    ordered = {c: columns[c] for c in CANONICAL_COLUMNS}
    return SheetContract(columns=ordered, source=str(path))


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


def pandera_schema(contract: SheetContract) -> pa.DataFrameSchema:
    """:func:`structural_checks` as a pandera schema (every failure of every row, lazily)."""
    import pandera.pandas as pa

    checks: dict[str, list[pa.Check]] = {name: [] for name in contract.columns}
    for name, check, test in structural_checks(contract):
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
