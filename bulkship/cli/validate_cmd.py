"""``bulkship validate FILE``: check a recipient sheet, write a validation workbook, spend nothing.

Exit codes: 0 every row valid; 1 some rows invalid or duplicate; 2 the file cannot be used at all.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import BulkshipError
from ..models import Catalog, ValidationResult
from ..settings import Settings
from .app import (
    ApiUrlOption,
    CredentialsOption,
    JsonOption,
    OutOption,
    announce_target,
    app,
    err_console,
    print_json,
    settings_from,
)

MAX_PRINTED_ERRORS = 40  # the workbook has the rest

ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Program settings TOML (aliases, column mapping, defaults).")
]
SheetOption = Annotated[str | None, typer.Option("--sheet", help="Which sheet of a workbook to read.")]


async def _catalog(settings: Settings) -> Catalog:
    from ..client import connect

    async with connect(settings) as client:
        return await client.catalog()


def fetch_catalog(settings: Settings) -> Catalog:
    """The vendor catalog (the embedded sandbox's without --api-url); cached by the client."""
    return asyncio.run(_catalog(settings))


def result_json(result: ValidationResult, output: Path) -> dict[str, Any]:
    summary = result.summary()
    return {
        "file": result.sheet.path,
        "rows": summary.rows,
        "valid": summary.valid,
        "invalid": summary.invalid,
        "problems": [
            {"row": p.row, "column": p.column, "value": p.value, "severity": p.severity, "message": p.message}
            for p in result.problems
        ],
        "output": str(output),
    }


def _print_summary(result: ValidationResult, output: Path) -> None:
    from ..validate import summary_lines

    errors = [p for p in result.problems if p.severity == "error"]
    for problem in errors[:MAX_PRINTED_ERRORS]:
        typer.echo(problem.message)
    if len(errors) > MAX_PRINTED_ERRORS:
        typer.echo(f"... and {len(errors) - MAX_PRINTED_ERRORS} more problems: see the workbook.")
    if errors:
        typer.echo("")
    for line in summary_lines(result):
        typer.echo(line)
    typer.echo(f"Validation workbook: {output}")
    if errors:
        typer.echo("Fix the rows marked invalid (highlighted in the workbook), then run validate again.")


@app.command("validate")
def validate_command(
    file: Annotated[Path, typer.Argument(help="Recipient sheet: .csv, .xlsx or .ods.")],
    config: ConfigOption = None,
    sheet: SheetOption = None,
    out: OutOption = None,
    json_output: JsonOption = False,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
) -> None:
    """Check every row of a recipient sheet (nothing is ordered) and write a validation workbook."""
    from ..load import load_sheet, require_recipient_rows
    from ..pipeline import prepare_output_folder
    from ..program import load_program
    from ..validate import validate
    from ..validate.report import write_validation_workbook

    settings = settings_from(api_url=api_url, credentials=credentials, out=out)
    announce_target(settings)
    program = load_program(config)
    prepare_output_folder(settings.out_dir)  # a bad --out is said before the file is read
    loaded = require_recipient_rows(load_sheet(file, sheet=sheet, program=program))
    err_console.print(f"Read {len(loaded.frame)} rows from {file} (header on row {loaded.header_row}).")
    catalog = fetch_catalog(settings)
    result = validate(loaded, catalog, program=program)
    try:
        output = write_validation_workbook(result, settings.out_dir)
    except OSError as exc:
        raise BulkshipError(
            f"Cannot write the validation workbook in {settings.out_dir}: {exc.strerror or exc}",
            hint="pass --out with a folder you can write to, then run validate again",
        ) from None
    if json_output:
        print_json(result_json(result, output))
    else:
        _print_summary(result, output)
    if result.summary().invalid:
        raise typer.Exit(code=1)
