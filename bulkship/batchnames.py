"""What a batch is called: the name a file runs under when no ``--batch`` is given, and a new name checked
before anything is written under it."""

from __future__ import annotations

import re
import shlex
import unicodedata
from pathlib import Path

from .errors import InputError
from .plan import batch_name_of


def default_batch_name(path: Path) -> str:
    """The file's name without extension, made safe for PO numbers and file names. A name whose letters are
    all of another script ('подарки декабрь', '賞品 2026') keeps them, its spaces and what a link cannot hold
    made dashes: in the vendor's alphabet it was 'batch' (or '2026') whatever the file, and next month's list
    ran as this one's batch, its repeats never held (found by hunter-sheets8). Its PO numbers carry a hash of
    it (:func:`bulkship.plan.ponumbers.po_stem`)."""
    name = batch_name_of(path.stem)
    if _ASCII_LETTER.search(path.stem) or not any(c.isalpha() for c in path.stem):
        return name
    return "".join(c if _in_name(c) else "-" for c in path.stem).strip("-._") or name


_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _in_name(char: str) -> bool:
    """A letter, digit or mark of any script, or '.', '-', '_'."""
    return char.isalnum() or char in "._-" or unicodedata.category(char).startswith("M")


def default_batch_for(path: Path, sheet: str | None = None) -> str:
    """The batch a file is run or checked as when no --batch is given: a result workbook of bulkship's, run
    for its *Fix these* sheet, finishes the batch it was written for (found by newcomer8: as a batch of its
    own it held the rows the workbook itself shows ordered, offering --allow-repeat); any other file: its
    name (:func:`default_batch_name`)."""
    from .reconcile.fixsheet import is_result_workbook_file
    from .reconcile.sheets import FIX_SHEET
    from .reconcile.sheets.read import written_for

    if sheet in (None, FIX_SHEET) and is_result_workbook_file(path):
        return written_for(path) or default_batch_name(path)
    return default_batch_name(path)


_UNSAFE_NAME = re.compile(r"[/\\#?%\x00-\x1f\x7f]")  # "#", "?" and "%" end or bend a link's path too


def check_new_batch_name(batch: str) -> None:
    """A new batch's name: one the web page can open too (found by newcomer7: "Q4/2026", a blank name and
    "../../etc" from the command line made batches no link on the page could reach, nor an approver
    approve; "Q4#2026" linked to /batches/Q4, found by review10). Batches named so before keep their names."""
    if not batch.strip() or _UNSAFE_NAME.search(batch):
        suggested = batch_name_of(batch)
        raise InputError(
            f"{batch!r} cannot name a batch: it is blank or holds a slash, '#', '?', '%' or a control "
            "character",
            hint=f"choose another name, e.g. --batch {shlex.quote(suggested)}",
        )
