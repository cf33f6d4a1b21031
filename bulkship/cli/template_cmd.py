"""``bulkship template``: a blank recipient workbook with the right headers and drop-down lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .app import ApiUrlOption, CredentialsOption, announce_target, app, err_console, settings_from

DEFAULT_TEMPLATE_NAME = "recipients-template.xlsx"


@app.command("template")
def template_command(
    out: Annotated[
        Path | None, typer.Option("--out", help=f"File to write (default output/{DEFAULT_TEMPLATE_NAME}).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Program settings TOML (its defaults are explained).")
    ] = None,
    api_url: ApiUrlOption = None,
    credentials: CredentialsOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file if it exists (default: write under a new name).")
    ] = False,
) -> None:
    """Write a blank XLSX template: canonical headers, instructions, drop-downs filled from the catalog."""
    from ..paths import check_output_file
    from ..program import load_program
    from ..template import write_template
    from .validate_cmd import fetch_catalog

    settings = settings_from(api_url=api_url, credentials=credentials)
    target = check_output_file(  # before the catalog is fetched: a bad --out is one line, said first
        out or settings.out_dir / DEFAULT_TEMPLATE_NAME,
        suffixes={".xlsx"},
        what="Template file",
        format_name="an Excel workbook (XLSX)",
        default_name=DEFAULT_TEMPLATE_NAME,
    )
    announce_target(settings)
    program = load_program(config)
    catalog = fetch_catalog(settings)
    path = write_template(target, catalog, program=program, force=force)
    if path != target:
        err_console.print(
            f"{target} already exists and was left as it is; the new template is {path} "
            "(pass --force to replace it)",
            soft_wrap=True,
        )
    err_console.print("Fill in one row per recipient, then run: bulkship validate " + str(path))
    typer.echo(str(path))
