"""The files people upload on the web page, and the batches they start: each upload copied into a private
folder of the data folder, and recorded as a new batch under a name no other batch has (the ledger's event
journal, :mod:`.state`, is what holds the batch)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..settings import Settings
from .ledgerreads import reading
from .state import WebBatch, record, web_batch, web_batches

UPLOAD_EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".ods")


def upload_of(batch: WebBatch) -> Path:
    """The batch's uploaded file, to be read. One no longer in the data folder (cleaned up, a server started
    without its uploads) read 'File not found: <its path>' on the Columns, review and cost pages, the
    server's private folder shown to anyone signed in (found by hunter-web18): said without it."""
    path = batch.upload
    if path is None or not path.exists():
        raise InputError(
            f"The file uploaded for batch {batch.name} ({batch.file_name or 'its list'}) is no longer in the "
            "data folder of this server (removed since it was uploaded): its rows cannot be read here. "
            "Nothing was sent or changed",
            hint="delete this batch and upload the list again (anyone it ordered already is held, not sent "
            "twice)",
        )
    return path


def uploads_dir(settings: Settings) -> Path:
    return settings.data_dir / "uploads"


def safe_name(text: str, fallback: str = "batch") -> str:
    """Letters, digits, dot, dash and underscore only: safe in a file name, a PO number and a URL."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")[:60] or fallback


_FILE_NAME_UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f]+")  # a path's separators, control characters


def _own_stem(original_name: str) -> str:
    """The uploaded file's name without its folders (a browser may send them, either way round) and
    extension, what no file name may hold a dash; 60 characters at most (240 bytes of UTF-8)."""
    stem = Path(original_name.replace("\\", "/")).stem
    return _FILE_NAME_UNSAFE.sub("-", stem).strip(" .-")[:60].strip(" .") or "upload"


def store_upload(settings: Settings, original_name: str, source: Any) -> Path:
    """Copy an uploaded file (a binary file object) into a private folder of the data folder: the folder
    0700, the file 0600, named as the original (what no file name may hold made a dash): the Batches page
    and the result workbook name the file the person has ("January Anniversaries.csv", not
    "January-Anniversaries.csv": found by newcomer7)."""
    suffix = Path(original_name).suffix.lower()
    stem = _own_stem(original_name)
    root = uploads_dir(settings)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(root, 0o700)
    folder = root / secrets.token_hex(8)
    folder.mkdir(mode=0o700)
    path = folder / f"{stem}{suffix}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
    return path


def remove_upload(settings: Settings, path: Path | None) -> None:
    """Delete an upload's private folder (only ever one under the uploads folder)."""
    if path is None:
        return
    folder = path.parent
    root = uploads_dir(settings).resolve()
    if folder.resolve().parent == root:
        shutil.rmtree(folder, ignore_errors=True)


NAME_TRIES = 20
PRESSED_AGAIN_S = 60  # the same file uploaded again this soon by the same person, untouched: one upload


def uploaded_just_now(settings: Settings, wanted: str, file_hash: str, by: str) -> str | None:
    """The batch ``by`` made of this very file (``file_hash``) under ``wanted`` (or ``wanted-2``...) within
    :data:`PRESSED_AGAIN_S`, nothing done to it since: 'Upload' pressed twice (a double click) made two
    batches of one list, the person taken to the second, the first left in the Batches list (found by
    hunter-web16 in Chromium). None when there is none."""
    from datetime import UTC, datetime, timedelta

    since = (datetime.now(UTC) - timedelta(seconds=PRESSED_AGAIN_S)).isoformat(timespec="seconds")
    same = re.compile(rf"{re.escape(wanted)}(-\d+)?")
    for name, batch in web_batches(settings).items():
        if (
            batch.file_hash == file_hash
            and batch.by == by
            and same.fullmatch(name)
            and batch.created >= since
            and batch.change_id == batch.first_id
            and not batch.confirmed_id
            # ... nor one its cost page refused: uploaded again as the refusal says (under the name of the
            # batch that sent its cards), it was the refused batch again, 'volunteers-2026-1' for
            # 'volunteers-2026' (hunter-vendor35)
            and not batch.refused_now
        ):
            return name
    return None


def new_batch(settings: Settings, wanted: str, path: Path, **detail: Any) -> str:
    """Record the upload at ``path`` as a new batch named ``wanted`` or :func:`unique_name`'s next free name,
    and return the name. Two uploads of one file name at the same moment (two people's "recipients.xlsx")
    both found the name free: each was recorded under it, every person was sent to one batch showing the
    last file, and the other lists were never sent (found by hunter-web4). The first upload recorded under
    a name keeps it (:func:`.webbatch.fold`); a later one sees it lost and takes the next name."""
    for _ in range(NAME_TRIES):
        name = unique_name(settings, wanted)
        record(settings, name, "web_upload", path=str(path), **detail)
        found = web_batch(settings, name)
        if found is not None and found.upload == path:
            return name
    raise RuntimeError(f"no free batch name after {wanted!r}")  # twenty uploads lost it at once: not seen


# a batch's address /batches/NAME that is a page of its own: the batch 'new' could never be opened at it
# (the New batch page; found by hunter-web26)
PAGE_NAMES = frozenset({"new"})


def unique_name(settings: Settings, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3``...: a name no batch (in the ledger or on the page) has, as the
    ledger compares names (case, spacing, punctuation: "Gifts" is "gifts"'s name; found by hunter-web, W9:
    the new batch "Gifts" was refused on its cost page as another spelling of "gifts"), nor a page
    (:data:`PAGE_NAMES`)."""
    from ..repeats.policy import fold_name

    taken = set(web_batches(settings))
    with reading(settings) as ledger:
        if ledger is not None:
            taken |= {b.name for b in ledger.batches()}
    taken |= {fold_name(name) for name in taken}
    name, n = wanted, 1
    while name in taken or fold_name(name) in taken or name in PAGE_NAMES:
        n += 1
        name = f"{wanted}-{n}"
    return name
