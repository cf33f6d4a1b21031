"""What a mapping is made of: the sheet's columns as read, what each feeds, and the error for two at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..sheetscan import column_letter
from .meaning import HeaderMeaning


class AmbiguousColumnsError(InputError):
    """Two columns mean the same order field and nothing says which one to use."""


class TwoListsError(AmbiguousColumnsError):
    """A sheet holding two lists of recipients side by side: no choice of columns reads both."""


@dataclass(frozen=True)
class ColumnInfo:
    """One header of the sheet and what bulkship does with it (the validation JSON's ``columns``)."""

    header: str
    letter: str
    # the canonical field it feeds; None when unused or ambiguous (a column beside the list that bulkship will
    # not guess about: the field it would give the list, ambiguous until the person chooses)
    field: str | None
    status: str  # "used" | "unused" | "ambiguous"
    hidden: bool = False
    note: str = ""

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "header": self.header,
            "column": self.letter,
            "field": self.field,
            "status": self.status,
        }
        if self.hidden:
            data["hidden"] = True
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class ColumnMapping:
    column_map: dict[str, str]  # header -> canonical field
    preferred: dict[str, str] = field(default_factory=dict)  # canonical field -> header filling in over it
    last_first: set[str] = field(default_factory=set)  # headers whose names read "Last, First"
    suffix: str | None = None  # header of a name suffix column ("Suffix": Jr., III) written after the name
    # address field -> header of the next address group, read on the rows where every column of the shipping
    # group chosen (``fallback_over``) is empty: a "Shipping Address" filled only where it differs
    fallback: dict[str, str] = field(default_factory=dict)
    fallback_over: tuple[str, ...] = ()
    columns: list[ColumnInfo] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass
class _Column:
    header: str
    position: int  # 1-based column number in the sheet
    hidden: bool
    meaning: HeaderMeaning | None

    @property
    def letter(self) -> str:
        return column_letter(self.position)

    def named(self) -> str:
        return f"'{self.header}' ({self.letter})"
