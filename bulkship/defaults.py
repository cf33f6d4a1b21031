"""The defaults a user can see: shown by ``--help`` and used by the library, written once here.

This module imports nothing, so the command line reads them without loading pandas, httpx or starlette (every
``bulkship --help`` would wait for them); the modules that own each behaviour take their default from here.
"""

from __future__ import annotations

WAIT_S = 10.0  # how long `run` waits for new orders to leave Pending; `bulkship track` takes over after
MAX_LINES = 100  # line items per order: the vendor's assumed limit
REPEAT_WINDOW_DAYS = 60  # rows ordered this recently by another batch are held when they come again
MAX_REPEAT_WINDOW_DAYS = 36500  # a century: further back than any ledger goes (more overflows dates)
MAX_FILE_BYTES = 512 * 1024 * 1024  # the largest input file read (on disk), also the web upload limit
WEBHOOK_PORT = 8787
WEBHOOK_QUIET_S = 5.0  # the webhook receiver rewrites a workbook once deliveries pause this long
