"""``bulkship validate FILE``: check a recipient sheet, write a validation workbook, spend nothing.

Exit codes: 0 every row valid; 1 some rows invalid or duplicate; 2 the file cannot be used at all.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..defaults import MAX_LINES as DEFAULT_MAX_LINES
from ..errors import BulkshipError
from ..ledger.linewords import is_cancelled_hold
from ..models import Catalog, ValidationResult
from ..settings import Settings
from ..statuses import counted
from .app import (
    ApiUrlOption,
    CredentialsOption,
    EncodingOption,
    JsonOption,
    OutOption,
    announce_target,
    app,
    err_console,
    print_json,
    settings_from,
    with_encoding,
)
from .shown import echo
from .validate_ledger import ELSEWHERE_SAID, _said_apart, ordered_in, planned_in, with_elsewhere_warnings

if TYPE_CHECKING:
    pass

MAX_PRINTED_ERRORS = 40  # the workbook has the rest

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Program settings TOML (aliases, column mapping, defaults), or the NAME of a saved one "
        "(NAME.toml next to the sheet or in the data folder's programs/). Default: <sheet>.bulkship.toml or "
        "bulkship.toml next to the sheet, if there is one.",
    ),
]
SheetOption = Annotated[str | None, typer.Option("--sheet", help="Which sheet of a workbook to read.")]
IncludeHiddenOption = Annotated[
    bool,
    typer.Option(
        "--include-hidden",
        help="Also order rows that are hidden, filtered out or in a collapsed group (skipped by default).",
    ),
]


def resolve_program(config: Path | None, file: Path, settings: Settings, *, include_hidden: bool) -> Any:
    """The program settings for ``file``: --config (a path or a saved name), else a program file next to
    the sheet; --include-hidden on top."""
    import dataclasses

    from ..program import find_program, load_program

    path = find_program(config, file, settings.data_dir)
    if path is not None and config is None:
        err_console.print(f"Program settings: {path} (found next to the sheet)", markup=False, soft_wrap=True)
    program = load_program(path)
    return dataclasses.replace(program, include_hidden=True) if include_hidden else program


async def _catalog(settings: Settings, refresh: bool) -> Catalog:
    from ..client import connect

    async with connect(settings) as client:
        return await client.catalog(refresh=refresh)


def fetch_catalog(settings: Settings, *, refresh: bool = False) -> Catalog:
    """The vendor catalog (the embedded sandbox's without --api-url); cached by the client unless
    ``refresh`` (today's prices, as `run` plans with)."""
    return asyncio.run(_catalog(settings, refresh))


ValidateBatchOption = Annotated[
    str | None,
    typer.Option(
        "--batch",
        help="The batch `bulkship run` would use (default: the file's name): rows it would hold as repeats "
        "of an earlier batch are shown as warnings. Nothing is recorded.",
    ),
]
MAX_PRINTED_REPEATS = 8
CostOption = Annotated[
    bool,
    typer.Option(
        "--cost",
        help="Also show what `bulkship run` would send and what it costs, at the vendor's prices of today. "
        "Nothing is recorded: no batch, no PO number.",
    ),
]

CostMaxLinesOption = Annotated[
    int,
    typer.Option(
        "--max-lines",
        min=1,
        max=100,
        help="With --cost: line items per order, as `bulkship run --max-lines` cuts the plan (the order "
        "count depends on it).",
    ),
]


def result_json(result: ValidationResult, output: Path, repeats: Any = None) -> dict[str, Any]:
    from ..repeats import preview_note

    summary = result.summary()
    sheet = result.sheet
    read = read_only(result)  # columns no field reads, read all the same: said in their note
    return {
        "file": sheet.path,
        "rows": summary.rows,
        "valid": summary.valid,
        "invalid": summary.invalid,  # rows with an error: the ones to correct
        "duplicate": summary.duplicate,  # rows repeating an earlier row of the file: not sent
        "problems": [
            {"row": p.row, "column": p.column, "value": p.value, "severity": p.severity, "message": p.message}
            for p in result.problems
        ],
        "skipped": [
            {
                "row": s.row,
                "kind": s.kind,
                "reason": s.reason,
                **({"until": s.until} if s.until else {}),
                **({"ordered_before": s.ordered} if s.ordered else {}),  # its card's PO (and batch)
            }
            for s in sheet.skipped
        ],
        "columns": [
            info.as_json() | ({"note": read[info.header]} if info.header in read and not info.note else {})
            for info in sheet.columns
        ],
        "notices": [*sheet.notices, *(repeats.refusals if repeats else ())],
        "repeats": [
            {"row": row, "message": preview_note(note)}
            for row, note in sorted((repeats.rows if repeats else {}).items())
        ],
        "sent_elsewhere": [  # rows run leaves out: their cards are in another batch's order already
            {"row": row, "message": note}
            for row, note in sorted((repeats.elsewhere if repeats else {}).items())
        ],
        "output": str(output),
    }


def print_notices(notices: tuple[str, ...] | list[str]) -> None:
    """What the user should know about the file before its rows (stderr, printed literally)."""
    for notice in notices:
        err_console.print(f"Note: {notice}", markup=False, highlight=False, soft_wrap=True)


def _print_repeats(found: Any) -> None:
    from ..repeats.cancelled import held_words

    if found is None:
        return
    for refusal in found.refusals:
        echo(f"Warning: {refusal}")
    if found.rows:
        why = held_words(found.rows.values())
        if why == held_words(()):  # none cancelled at the vendor: repeats, as before
            echo(f"{len(found.rows)} row(s) repeat a card already ordered; `bulkship run` would hold them:")
        else:
            echo(f"{len(found.rows)} row(s) `bulkship run` would hold, not send: {why}:")
        for row, note in sorted(found.rows.items())[:MAX_PRINTED_REPEATS]:
            echo(f"  row {row}: {note.removeprefix('Held, not sent: ')}")
        if len(found.rows) > MAX_PRINTED_REPEATS:
            echo(f"  ... and {len(found.rows) - MAX_PRINTED_REPEATS} more: see the workbook.")
    if found.elsewhere:
        echo(
            f"{len(found.elsewhere)} row(s) sent elsewhere, their cards in another batch's order already; "
            "`bulkship run` would leave them out (never sent from this batch):"
        )
        for row, note in sorted(found.elsewhere.items())[:MAX_PRINTED_REPEATS]:
            echo(f"  row {row}: {note.removeprefix(ELSEWHERE_SAID)}")
        if len(found.elsewhere) > MAX_PRINTED_REPEATS:
            echo(f"  ... and {len(found.elsewhere) - MAX_PRINTED_REPEATS} more: see the workbook.")
    if found.refusals or found.rows or found.elsewhere:
        echo("")


LEAVES_OUT = (
    "read to leave rows out"  # --json's note of a column no field reads (README: Exit codes and --json)
)
ASKS_ABOUT = "read to ask about rows"


def read_only(result: ValidationResult) -> dict[str, str]:
    """The columns no field reads that are read all the same, in the sheet's order: -> :data:`LEAVES_OUT` (a
    'Card Sent', a note, one whose cells left rows out: 'Campaign Member Status' = Opted Out) or
    :data:`ASKS_ABOUT` ('NCOA Match' = Y asks whether the address moved). Listed as 'Columns not used'
    (--json: 'unused', no note) while they left rows out or raised errors, they read as safe to delete
    (hunter-sheets12, newcomer27's N5b, newcomer28's N4)."""
    from ..load.problems.corrections import asks_of_rows
    from ..load.skipped.columnkeys import left_out_by, picks_rows

    frame = result.sheet.frame
    out_by = left_out_by(s.reason for s in result.sheet.skipped)
    found: dict[str, str] = {}
    for info in result.sheet.columns:
        header = info.header
        if info.status == "used":
            continue
        if header in out_by or picks_rows(header, frame[header] if header in frame.columns else None):
            found[header] = LEAVES_OUT
        elif asks_of_rows(header):
            found[header] = ASKS_ABOUT
    return found


def _print_summary(result: ValidationResult, output: Path) -> None:
    from ..validate import error_lines, summary_lines

    errors = error_lines(result, MAX_PRINTED_ERRORS, "see the workbook")
    for line in errors:
        echo(line)
    if errors:
        echo("")
    for line in summary_lines(result):
        echo(line)
    read = read_only(result)
    unused = [
        info.header for info in result.sheet.columns if info.status != "used" and info.header not in read
    ]
    picking = [h for h, said in read.items() if said == LEAVES_OUT]
    if picking:
        echo("Columns read only to leave rows out: " + ", ".join(f"'{h}'" for h in picking))
    asking = [h for h, said in read.items() if said == ASKS_ABOUT]
    if asking:
        echo("Columns read only to ask about rows (an address marked moved, a person leaving): "
             + ", ".join(f"'{h}'" for h in asking))  # fmt: skip
    if unused:
        echo("Columns not used: " + ", ".join(f"'{h}'" for h in unused))
    echo(f"Validation workbook: {output}")
    counts = result.summary()
    if counts.invalid:
        # "highlighted in the workbook" read as fix them there: the validation workbook is a report, the
        # person's own file is what is read again (read by review20)
        name = Path(result.sheet.path).name if result.sheet.path else "your file"
        echo(
            f"Fix the rows marked invalid in {name} (the validation workbook highlights them), then run "
            "validate again."
        )
    elif counts.duplicate:
        echo("Nothing to fix: the duplicate rows are not sent (marked in the workbook).")


def _priced(
    result: ValidationResult, catalog: Catalog, settings: Settings, name: str, repeats: Any, max_lines: int
) -> Any:
    """What `run` would send of this file under batch ``name`` and its cost (``--cost``)."""
    import dataclasses
    from datetime import date

    # pandas: not for every command's start (--help, status)
    from .validate_cost import price_what_run_sends, with_order_charge

    held = set(repeats.rows) if repeats is not None else set()
    ordered = ordered_in(settings, name, cards_made=True)  # a row whose order failed is sent again
    today = date.today()
    refused = repeats is not None and bool(repeats.refusals)
    elsewhere = set(repeats.elsewhere) if repeats is not None else set()  # never sent from this batch
    priced = price_what_run_sends(
        result, catalog, batch=name, held_rows=held, ordered=ordered, today=today, refused=refused,
        elsewhere_rows=elsewhere, max_lines=max_lines, planned=planned_in(settings, name),
    )  # fmt: skip
    if repeats is not None and repeats.rows:  # why they are held: said with 'Not priced'
        cancelled = sum(1 for note in repeats.rows.values() if is_cancelled_hold(note))
        priced = dataclasses.replace(priced, held_cancelled=cancelled)
    return with_order_charge(settings, name, priced)  # beside each order's lines, as `run` counts it


@app.command("validate")
def validate_command(
    file: Annotated[Path, typer.Argument(help="Recipient sheet: .csv, .xlsx or .ods.")],
    config: ConfigOption = None,
    sheet: SheetOption = None,
    encoding: EncodingOption = None,
    out: OutOption = None,
    json_output: JsonOption = False,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    include_hidden: IncludeHiddenOption = False,
    batch: ValidateBatchOption = None,
    cost: CostOption = False,
    max_lines: CostMaxLinesOption = DEFAULT_MAX_LINES,
) -> None:
    """Check every row of a recipient sheet (nothing is ordered) and write a validation workbook."""
    from .. import api
    from ..batchnames import default_batch_for
    from ..load import load_sheet, require_recipient_rows
    from ..reconcile.fixsheet import load_fix_sheet
    from ..reconcile.sheets import FIX_SHEET
    from ..repeats import as_typed
    from ..resultfile import prepare_output_folder
    from ..validate import validate
    from ..validate.report import write_validation_workbook

    settings = settings_from(api_url=api_url, credentials=credentials, out=out)
    announce_target(settings)
    program = with_encoding(resolve_program(config, file, settings, include_hidden=include_hidden), encoding)
    prepare_output_folder(settings.out_dir)  # a bad --out is said before the file is read
    fixed = load_fix_sheet(file, sheet=sheet, program=program)  # a result workbook: read as `run` reads it
    loaded = require_recipient_rows(fixed or load_sheet(file, sheet=sheet, program=program))
    where = (
        f"its '{FIX_SHEET}' sheet with the batch's other rows"
        if fixed is not None
        else f"header on row {loaded.header_row}"
    )
    # which tab was read, for a workbook: a person may have meant another
    read_from = f"sheet '{loaded.sheet_name}' of {file}" if fixed is None and loaded.sheet_name else file
    err_console.print(
        f"Read {counted(len(loaded.frame), 'row')} from {read_from} ({where}).",
        markup=False,
        soft_wrap=True,
    )
    catalog = fetch_catalog(settings, refresh=cost)
    default = default_batch_for(file, sheet or program.sheet)  # the batch `run` would continue
    name = batch or default
    try:
        result = validate(loaded, catalog, program=program, ordered=ordered_in(settings, name))
    except BulkshipError:  # (said before the refusal, as read)
        print_notices(loaded.notices)
        raise
    result = _said_apart(settings, name, result, program)  # rows it leaves out whose card went, as run says
    print_notices(result.sheet.notices)  # (the catalog may read a column: bulkship.validate.cardcolumn)
    repeats = api.preview_repeats(
        result, settings, name, program, file_name=as_typed(file, settings.data_dir), named=name != default
    )
    result = with_elsewhere_warnings(api.with_repeat_warnings(result, repeats), repeats)
    priced = _priced(result, catalog, settings, name, repeats, max_lines) if cost else None
    try:
        output = write_validation_workbook(result, settings.out_dir, sheet=sheet)
    except OSError as exc:
        raise BulkshipError(
            f"Cannot write the validation workbook in {settings.out_dir}: {exc.strerror or exc}",
            hint="pass --out with a folder you can write to, then run validate again",
        ) from None
    if json_output:
        said = result_json(result, output, repeats)
        print_json(said | {"cost": priced.as_json()} if priced is not None else said)
    else:
        _print_repeats(repeats)
        _print_summary(result, output)
        if priced is not None:
            from .validate_cost import approval_said, show_cost

            show_cost(priced, name, approval_said(settings, name, priced))
    if result.summary().not_valid:
        raise typer.Exit(code=1)
