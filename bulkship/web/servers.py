"""Which bulkship server holds a batch's upload (its machine and data folder), and whether that is another
server sharing the ledger: only that server reviews, sends or resumes the batch. And which server process
sends a batch (:func:`this_process`), and whether that process is gone (:func:`run_gone`): on a team's
PostgreSQL ledger by the lock each server process holds while it serves (:func:`serving`), from any machine;
on a SQLite ledger by the lock file it holds beside it (:mod:`.servinglock`), from any container sharing the
folder; else (a Send recorded by an older bulkship) by its pid, on this machine only."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import Settings
from . import servinglock

if TYPE_CHECKING:
    from ..db.locks import ProcessLock
    from .state import WebBatch

# this process's lock on each PostgreSQL ledger it serves, and how many apps of the process serve it
_serving: dict[str, tuple[ProcessLock, int]] = {}
# ... and its lock file beside each SQLite ledger it serves (servinglock), by the ledger's path
_serving_files: dict[str, tuple[servinglock.ServingFile, int]] = {}
_serving_guard = threading.Lock()


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


def serving(settings: Settings) -> Callable[[], None]:
    """This server process marked as serving a team's PostgreSQL ledger (an advisory lock of its own, held
    until the returned function is called: the app's end, or the process's): a run it starts records the
    lock, and every server sharing the ledger reads the run as interrupted once the lock is free. Nothing
    on a SQLite ledger but its lock file beside it (:mod:`.servinglock`): another container on the same volume
    cannot read its pid (hunter-web24's LO1)."""
    url = settings.ledger_url
    if not url:
        return _serving_file(settings)
    from sqlalchemy.pool import NullPool

    from ..db.engine import engine_for
    from ..db.locks import ProcessLock

    with _serving_guard:
        lock, users = _serving.get(url) or (ProcessLock(engine_for(url, poolclass=NullPool)), 0)
        _serving[url] = (lock, users + 1)
    lock.held()  # taken now, not at the first Send

    def done() -> None:
        with _serving_guard:
            users = _serving[url][1] - 1
            if users:
                _serving[url] = (lock, users)
                return
            del _serving[url]
        lock.release()

    return done


def _serving_file(settings: Settings) -> Callable[[], None]:
    """:func:`serving` on a SQLite ledger: this process's lock file beside it, until the returned function."""
    key = str(settings.ledger.resolve())
    with _serving_guard:
        held, users = _serving_files.get(key) or (servinglock.ServingFile(Path(key)), 0)
        _serving_files[key] = (held, users + 1)

    def done() -> None:
        with _serving_guard:
            users = _serving_files[key][1] - 1
            if users:
                _serving_files[key] = (held, users)
                return
            del _serving_files[key]
        held.release()

    return done


KEEP_EVERY_S = 15.0  # how often a server on a PostgreSQL ledger takes its lock again if it was lost


def keep_serving(settings: Settings) -> None:
    """This process's lock on a team's PostgreSQL ledger taken again if its session was lost (the database
    restarted or failed over): else only this server's next run start took it again, and a run of it queued
    meanwhile read 'Interrupted' on the servers of other machines (hunter-web22's LO1, hunter-web23)."""
    with _serving_guard:
        found = _serving.get(settings.ledger_url) if settings.ledger_url else None
    if found is not None:
        found[0].held()


def this_process(settings: Settings) -> dict[str, str]:
    """This server process as a Send or a run records it: its machine, the machine's boot, its pid and when
    the process started (a pid taken again by another process since is told apart by it), its pid
    namespace (a container's pids are its own), and the token of its lock on a team's PostgreSQL ledger, or of
    its lock file beside a SQLite ledger."""
    found = {
        "host": socket.gethostname(),
        "boot": _boot_id(),
        "pid": str(os.getpid()),
        "start": _started(os.getpid()),
        "pidns": _pid_namespace(),
    }
    with _serving_guard:
        lock = _serving[settings.ledger_url][0] if settings.ledger_url in _serving else None
        held = None if settings.ledger_url else _serving_files.get(str(settings.ledger.resolve()))
    if lock is not None and lock.held():
        found["lock"] = lock.token
    if held is not None and held[0].token:
        found["lockfile"] = held[0].token
    return found


def run_gone(settings: Settings, batch: WebBatch) -> bool:
    """Due, and the server process that was to send it is known to be gone (killed, or stopped and not
    started again): its run reads 'Sending…' no longer (found by hunter-web19, LO2). On a team's PostgreSQL
    ledger, a process that recorded its lock is gone once neither that lock nor the batch's is held, on
    whichever machine it ran (hunter-web21's LO1: one on another machine, killed, read 'Sending…' for good
    there; its LO2: a container's pid read on another container of the same host name). On a SQLite
    ledger, one that recorded its lock file is gone once that file is free, whichever container it ran in
    (hunter-web24's LO1: two containers on one volume; a killed one's run read 'Sending…' on the other until
    it started again), unless its pid tells it alive here. Only the words
    of the pages rest on it: a run taken up while the other still sends waits for the ledger's lock on the
    batch, and a resumed run never sends an order twice."""
    if not batch.due:
        return False
    token = batch.runner.get("lock", "")
    if token and settings.ledger_url:
        from ..db.locks import batch_lock_key, process_lock_key
        from ..ledger import Ledger

        with Ledger.open(settings.ledger_location, lock=False) as ledger:
            held = ledger.advisory_locks_held()
        if process_lock_key(token) in held or batch_lock_key(batch.name) in held:
            return False
        # both free: gone, unless its pid tells it alive here (its lock lost with its session when the
        # database restarted, taken again at its next run: its own machine's page read 'Interrupted: the
        # server process (pid 26984 on vm) stopped' of a live process, found by hunter-web23)
        return not process_alive(batch.runner)
    if not settings.ledger_url:  # its lock file, read from any process reaching the ledger's folder
        told = servinglock.gone(settings.ledger, batch.runner.get("lockfile", ""))
        if told is not None:
            return told and not process_alive(batch.runner)
    return process_gone(batch.runner)


def process_alive(process: dict[str, str]) -> bool:
    """Whether the server process a Send or a run recorded (:func:`this_process`) is known to run still:
    on this machine, since its boot, in this pid namespace, its pid running the process started then. False
    when it cannot be told."""
    if not process or process.get("host") != socket.gethostname():
        return False
    if process.get("pidns") != _pid_namespace() or not process.get("start"):
        return False
    pid = process.get("pid", "")
    return pid.isdigit() and not process_gone(process) and _started(int(pid)) == process["start"]


def process_gone(process: dict[str, str]) -> bool:
    """Whether the server process a Send or a run recorded (:func:`this_process`) is known to be gone by its
    pid: on this machine, since restarted, or its pid no longer running (or running a process started
    since). False when it cannot be told: another machine, another pid namespace of this host name (a
    container), or a Send recorded by an older bulkship."""
    if not process or process.get("host") != socket.gethostname():
        return False
    if process.get("pidns", _pid_namespace()) != _pid_namespace():
        return False  # another container's pid 7 is not ours
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


def _pid_namespace() -> str:
    """This process's pid namespace ("pid:[4026531836]"), "" unknown."""
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""


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
