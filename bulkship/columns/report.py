"""The mapping as a person sees it and changes it (the Columns page, :func:`bulkship.api.detect_columns`):
where each field comes from, and the ``[columns]`` that makes a person's choices."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..models import CANONICAL_COLUMNS
from ..schema import SheetContract
from .records import ColumnInfo


@dataclass(frozen=True)
class FieldChoice:
    """One order field as a person sees it in a mapping: where it comes from."""

    field: str
    title: str
    header: str | None  # the column feeding it; None when none does
    required: bool
    default: str  # what a row gets when no column feeds it ("" when nothing)
    built_from: tuple[str, ...] = ()  # the columns it is made of when none feeds it (Name: first + last)
    # the column read before it where filled in ('Preferred First Name' over 'Legal First Name'): the page
    # said First Name came from the legal one, beside a column note saying the preferred is used (found
    # by newcomer31)
    preferred: str | None = None


@dataclass(frozen=True)
class ColumnsReport:
    """What :func:`bulkship.api.detect_columns` shows: every header with what it feeds and a few of its
    values, every field with where it comes from, and whether the mapping can be used as it is."""

    header_row: int
    sheet_name: str | None
    columns: tuple[ColumnInfo, ...]
    samples: dict[str, tuple[str, ...]]  # header -> a few of its filled-in values
    fields: tuple[FieldChoice, ...]
    notices: tuple[str, ...]
    headers: tuple[str, ...]

    @property
    def ambiguous(self) -> list[ColumnInfo]:
        return [c for c in self.columns if c.status == "ambiguous"]

    @property
    def missing(self) -> list[FieldChoice]:
        """Required fields no column feeds and nothing fills in."""
        return [f for f in self.fields if f.required and f.header is None and not (f.default or f.built_from)]


def describe_fields(
    column_map: dict[str, str],
    contract: SheetContract,
    defaults: dict[str, str],
    preferred: dict[str, str] | None = None,
) -> tuple[FieldChoice, ...]:
    fed = {canonical: header for header, canonical in column_map.items()}
    over = preferred or {}
    # the loader builds a missing Name from First Name + Last Name
    parts = tuple(fed[part] for part in ("first_name", "last_name") if part in fed)
    return tuple(
        FieldChoice(
            name,
            spec.title,
            fed.get(name),
            spec.required,
            defaults.get(name, "") if name != "name" else "",
            parts if name == "name" else (),
            over.get(name),
        )
        for name, spec in contract.columns.items()
    )


UNDECIDED = "?"  # the Columns page's "— choose —" for a column beside the list: no choice made yet


def remap(report: ColumnsReport, chosen: dict[str, str], before: dict[str, str]) -> dict[str, str]:
    """The ``[columns]`` mapping that makes each header feed the field a person chose for it ("" for none),
    starting from ``before`` (the mapping ``report`` was made with). Only changed choices count: every other
    column keeps its guess, and a column whose field another column now feeds is left unused. Raises
    InputError for an unknown field, or for two columns newly chosen for one field."""
    shown = {c.header: (c.field or "") if c.status == "used" else "" for c in report.columns}
    # a column beside the list that would give it a field (bulkship.load.besides): "not used" is a choice too
    undecided = {c.header: c.field for c in report.columns if c.status == "ambiguous" and c.field}
    changed = {
        h: name
        for h, name in chosen.items()
        if h in shown and name != UNDECIDED and (shown[h] != name or h in undecided)
    }
    taken: dict[str, str] = {}
    for header, name in changed.items():
        if not name:
            continue
        if name not in CANONICAL_COLUMNS:
            raise InputError(f"'{name}' is not a field bulkship knows")
        if name in taken:
            raise InputError(
                f"Columns '{taken[name]}' and '{header}' were both chosen for {name}: one field reads one "
                "column",
                hint="choose one of them, and leave the other not used",
            )
        taken[name] = header
    result = dict(before)
    for header, name in changed.items():
        old = shown[header] or undecided.get(header) or ""
        if name:
            result[name] = header
        elif old and old not in taken and result.get(old) in (None, header):
            result[old] = ""  # this column must not feed its field, and no other column was chosen for it
    return result
