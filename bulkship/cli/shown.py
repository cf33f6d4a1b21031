"""What the command line prints of a file, a vendor or a person: control characters shown, never obeyed.

A cell, a file name, a sheet name or a vendor's message may hold terminal escapes. Printed as written, a
list's cell '=\\x1b]52;c;...\\x1b\\\\' quoted in its row's error wrote the terminal's clipboard, '\\x1b]0;...'
its title, '\\x1b[2J' cleared the screen (found by hunter-hostile6): rich strips a few control characters,
never ESC. Every console the command line prints on (:class:`ShownConsole`) shows each one as its Unicode
symbol, one character for one (ESC as '␛'), so styles spanning the text stay where they were."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

# C0 controls but tab and line feed, DEL, and the C1 controls (0x9b is a CSI on its own to some terminals)
_SHOWN = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_SHOWN |= {0x7F: "\u2421"} | {code: "\ufffd" for code in range(0x80, 0xA0)}
NEWLINE_SHOWN = "\u2424"  # '␤': a line break inside what is said in one line (a file name holding one)


def shown(text: str) -> str:
    """``text`` with its control characters as visible symbols (tab and line feed kept)."""
    return text.translate(_SHOWN)


def one_line(text: str) -> str:
    """``text`` shown on one line, its line breaks too as a symbol (an error naming 'new\\nline.csv')."""
    return shown(text.replace("\r\n", "\n")).replace("\n", NEWLINE_SHOWN)


def _shown_text(text: Text) -> Text:
    safe = shown(text.plain)
    if safe == text.plain:
        return text
    copy = text.copy()
    copy.plain = safe  # one character for one: its styles' spans unchanged
    return copy


class ShownConsole(Console):
    """A rich console printing text with its control characters shown (:func:`shown`): strings, tables'
    cells (rendered as strings) and styled :class:`Text`."""

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(shown(text), **options)

    def print(self, *objects: Any, **options: Any) -> None:
        super().print(*(_shown_text(o) if isinstance(o, Text) else o for o in objects), **options)


def echo(text: str = "") -> None:
    """A line on stdout, its control characters shown (click's echo strips some colour codes off a pipe,
    and keeps every escape on a terminal)."""
    import typer

    typer.echo(shown(text))
