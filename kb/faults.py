"""What went wrong with a knowledge base or an output file, said in one line.

A full disk, a read-only file or mount, a damaged database and a missing folder each get their
own message, naming the file and what to do; the command line prints it instead of a traceback
(``kb.cli``). SQLite's primary result codes tell the cases apart; OSError's errno does for files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

# SQLite's primary result codes (https://www.sqlite.org/rescode.html)
SQLITE_PERM, SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


def describe(error: BaseException, db_path: str | Path | None = None) -> str:
    """One line for a SQLite error on ``db_path``, or an OSError on the file it names."""
    if isinstance(error, sqlite3.Error):
        return describe_database(error, db_path)
    if isinstance(error, OSError):
        return describe_file(error, db_path)
    return f"{db_path}: {error}"


def describe_database(error: sqlite3.Error, db_path: str | Path | None) -> str:
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    said = f"SQLite: {error}"
    if code == SQLITE_FULL:
        return (
            f"{db_path}: the disk is full ({said}); what was stored before is intact, the batch in "
            "progress was not stored: free some space and run the command again"
        )
    if code in (SQLITE_READONLY, SQLITE_PERM) or (code == SQLITE_CANTOPEN and not writable(db_path)):
        return (
            f"{db_path}: the knowledge base cannot be written here (a read-only file, folder or mount; "
            f"{said}): kb serve can still serve it; to add to it, copy it somewhere writable"
        )
    if code == SQLITE_CORRUPT:
        return (
            f"{db_path}: the knowledge base is damaged ({said}); nothing was written. Recover what "
            f"it holds with `sqlite3 {db_path} .recover | sqlite3 recovered.db`, or build it again "
            "with kb ingest"
        )
    if code == SQLITE_NOTADB:
        return f"{db_path}: not a SQLite knowledge base ({said}); give --db another file"
    if code == SQLITE_BUSY:
        return (
            f"{db_path}: another program kept the knowledge base locked for too long ({said}); "
            "run the command again when it is done"
        )
    if code == SQLITE_IOERR:
        return f"{db_path}: the disk could not be read or written ({said})"
    return f"{db_path}: {said}"


def describe_file(error: OSError, db_path: str | Path | None = None) -> str:
    name = error.filename or db_path
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{name}: no space left on the device; free some space, or write elsewhere"
    if error.errno == errno.EROFS:
        return f"{name}: on a read-only file system; write elsewhere"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"{name}: permission denied"
    if error.errno == errno.ENOENT and name and not Path(name).parent.is_dir():
        return f"{name}: the folder {Path(name).parent} does not exist"
    if error.errno == errno.EISDIR:
        return f"{name}: is a folder, not a file"
    return f"{name}: {error.strerror or error}"


def writable(db_path: str | Path | None) -> bool:
    """Whether the KB's file and folder can be written (a WAL database writes beside itself)."""
    if db_path is None:
        return True
    path = Path(db_path)
    folder = path.parent if str(path.parent) else Path(".")
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return False
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


@contextlib.contextmanager
def reported(db_path: str | Path | None, out: str | Path | None = None) -> Iterator[None]:
    """Inside a command: a SQLite or file error ends it with its one line, not a traceback.
    A file error that names no file is about ``out`` when the command writes one."""
    import click

    try:
        yield
    except sqlite3.Error as error:
        raise click.ClickException(describe_database(error, db_path)) from None
    except OSError as error:
        raise click.ClickException(describe_file(error, out or db_path)) from None
