"""Which bulkship server holds a batch's upload (its machine and data folder), and whether that is another
server sharing the ledger: only that server reviews, sends or resumes the batch."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from ..settings import Settings

if TYPE_CHECKING:
    from .state import WebBatch


def this_server(settings: Settings) -> str:
    """Which server holds an upload: its machine and data folder (where the upload is kept)."""
    return f"{socket.gethostname()}:{settings.data_dir.resolve()}"


def elsewhere(settings: Settings, batch: WebBatch) -> bool:
    """Whether the batch's file is on another server sharing the ledger (another machine) and not here: only
    that server can review, send or resume it (found by hunter-web4: a second server restarted while the
    first sent a batch resumed it, failed on 'File not found', and every page said the batch had ended)."""
    return (
        bool(batch.server)
        and batch.server != this_server(settings)
        and batch.upload is not None
        and not batch.upload.exists()
    )
