"""Check boxes drawn over a worksheet (Excel's form controls, Developer › Insert › Check Box) that keep their
tick in no cell: a person ticks the rows to send, and no reader of cell values sees a tick (found by
hunter-sheets5: Bob's unticked box was ordered like every row).

Excel 2010 and later, and LibreOffice, write each box's state in a small ``ctrlProp`` part the worksheet's
relationships name (``objectType="CheckBox"``, ``fmlaLink`` the cell it ticks, if any); Excel 2007 wrote
only the legacy VML drawing (``<x:ClientData ObjectType="Checkbox">``, ``<x:FmlaLink>``), which also says
where each box sits (``<x:Anchor>``: its top row counted from 0 in the third place). A box linked to a cell
of this sheet keeps its tick there (TRUE / FALSE), which the checks of ticked columns read."""

from __future__ import annotations

import posixpath
import re
import zipfile

MAX_PART_BYTES = 16 * 1024 * 1024  # one control's properties or the sheet's VML drawing; a list's are small
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'\b(Type|Target|TargetMode)="([^"]*)"')
_CHECK_BOX = re.compile(rb'\bobjectType="CheckBox"', re.IGNORECASE)
_LINK = re.compile(rb'\bfmlaLink="([^"]*)"')
_VML_BOX = re.compile(
    rb'<x:ClientData\s+ObjectType="Checkbox"\s*>(.*?)</x:ClientData>', re.DOTALL | re.IGNORECASE
)
_VML_LINK = re.compile(rb"<x:FmlaLink>([^<]*)</x:FmlaLink>", re.IGNORECASE)
_VML_ANCHOR = re.compile(rb"<x:Anchor>\s*\d+\s*,\s*-?\d+\s*,\s*(\d+)\s*,", re.IGNORECASE)


def unlinked_check_boxes(archive: zipfile.ZipFile, part: str, sheet: str) -> list[int]:
    """The check boxes over worksheet ``part`` (named ``sheet``) that tick no cell of it: the row each sits
    over (from 1), 0 where the file does not say."""
    folder, name = posixpath.split(part)
    names = set(archive.namelist())
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in names:
        return []
    properties, drawings = [], []
    for element in _RELATIONSHIP.findall(_read(archive, rels)):
        attributes = {k.decode(): v.decode() for k, v in _ATTRIBUTE.findall(element)}
        target, kind = attributes.get("Target", ""), attributes.get("Type", "")
        if attributes.get("TargetMode") == "External":
            continue
        target = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        if target in names and kind.endswith("/ctrlProp"):
            properties.append(target)
        elif target in names and kind.endswith("/vmlDrawing"):
            drawings.append(target)
    boxes = [box for drawing in drawings for box in _VML_BOX.findall(_read(archive, drawing))]
    rows = [int(anchor.group(1)) + 1 if (anchor := _VML_ANCHOR.search(box)) else 0 for box in boxes]
    if properties:  # the state as Excel 2010+ and LibreOffice keep it (LibreOffice's VML names no link)
        links = []
        for target in properties:
            text = _read(archive, target)
            if _CHECK_BOX.search(text):
                link = _LINK.search(text)
                links.append(link.group(1).decode() if link else "")
        unlinked = [link for link in links if not _in_sheet(link, sheet)]
        if len(unlinked) == len(links) and len(rows) == len(links):
            return sorted(rows)
        return [0] * len(unlinked)
    return sorted(
        row
        for row, box in zip(rows, boxes, strict=True)
        if not _in_sheet((m.group(1).decode() if (m := _VML_LINK.search(box)) else ""), sheet)
    )


def _in_sheet(link: str, sheet: str) -> bool:
    """Whether a cell link ('$J$2', 'Gifts!$J$2', "'My list'!J2") names a cell of ``sheet``."""
    link = link.strip().lstrip("=")
    if not link:
        return False
    where, bang, _cell = link.rpartition("!")
    if not bang:
        return True
    return where.strip("'").replace("''", "'") == sheet


def ods_link_in_sheet(link: str, sheet: str) -> bool:
    """Whether an ODS form control's linked cell ('Gifts.J2', '$'My list'.$J$2') names a cell of ``sheet``."""
    where, dot, _cell = link.strip().rpartition(".")
    if not dot:
        return bool(link.strip())
    return not where or where.lstrip("$").strip("'").replace("''", "'") == sheet


def _read(archive: zipfile.ZipFile, part: str) -> bytes:
    from ..zipparts import read_member

    return read_member(archive, part, MAX_PART_BYTES) or b""
