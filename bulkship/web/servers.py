"""Which bulkship server holds a batch's upload (its machine and data folder), and whether that is another
server sharing the ledger: only that server reviews, sends or resumes the batch. And which server process
sends a batch (:func:`this_process`), and whether that process is gone (:func:`process_gone`)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
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


def this_process() -> dict[str, str]:
    """This server process as a Send or a run records it: its machine, the machine's boot, its pid and when
    the process started (a pid taken again by another process since is told apart by it)."""
    return {
        "host": socket.gethostname(),
        "boot": _boot_id(),
        "pid": str(os.getpid()),
        "start": _started(os.getpid()),
    }


def process_gone(process: dict[str, str]) -> bool:
    """Whether the server process a Send or a run recorded (:func:`this_process`) is known to be gone: on
    this machine, since restarted, or its pid no longer running (or running a process started since). False
    when it cannot be told: another machine, or a Send recorded by an older bulkship. Only the words of the
    pages rest on it: a run taken up while the other still sends waits for the ledger's lock on the batch,
    and a resumed run never sends an order twice."""
    if not process or process.get("host") != socket.gethostname():
        return False
    boot = _boot_id()
    if boot and process.get("boot") and process["boot"] != boot:
        return True  # the machine restarted since
    pid = process.get("pid", "")
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process (PermissionError): alive
        pass
    started = _started(int(pid))
    return bool(started and process.get("start")) and started != process["start"]


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks since the boot, /proc/PID/stat's 22nd field); "" unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()  # after the program's name, which may hold spaces
    return fields[19] if len(fields) > 19 else ""
