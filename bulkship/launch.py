"""The ``bulkship`` script's first step: the command line is loaded only here, so that Ctrl-C while it loads
(a fraction of a second, longer on a busy machine) ends with one line, as it does later, not a traceback."""

from __future__ import annotations

import sys

INTERRUPTED_LOADING = "Interrupted. Nothing was sent: bulkship had not started."
INTERRUPTED_EXIT_CODE = 130  # Ctrl-C's, at any moment (bulkship.cli says it with this code too)


def main() -> int:
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED_LOADING + "\n")
        sys.exit(INTERRUPTED_EXIT_CODE)
    return cli_main()
