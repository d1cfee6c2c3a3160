"""A cache on disk for what every process builds the same way from the project's data files.

Building the gazetteer from its files, the MISP galaxy, pycountry and CLDR costs about a quarter
of a second and the imports of the last two, in every ``kb ingest``, worker and test process;
reading it back costs a fiftieth. An entry is named by a hash of everything it is built from
(the files' bytes, the code that builds it, the versions of the libraries it reads), so that a
change to any of them builds it anew; a missing, unreadable or broken entry is built again, and
a cache folder that cannot be written is no error.

Where: ``$KB_CACHE_DIR``, else ``$XDG_CACHE_HOME/cyber-claims-kb``, else
``~/.cache/cyber-claims-kb``. ``KB_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
CACHE_ENV = "KB_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.lower() in ("off", "0", "no", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cyber-claims-kb"


def fingerprint(files: Iterable[Path], packages: Iterable[str] = ()) -> str:
    """A hash of the files' names and bytes, the packages' versions and the Python version."""
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    for path in sorted(Path(p) for p in files):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    for package in sorted(packages):
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "<none>"
        digest.update(f"{package}=={version}".encode())
    return digest.hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The object stored under ``name`` and ``key``, else ``build()``, stored for next time."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except OSError:
        pass  # no entry yet (or no folder)
    except Exception:  # noqa: BLE001  (a broken entry: build it again)
        with contextlib.suppress(OSError):
            path.unlink()
    value = build()
    _store(folder, name, path, value)
    return value


def _store(folder: Path, name: str, path: Path, value) -> None:
    """Write the entry whole or not at all (another process may read it at the same moment); a
    folder that cannot be written (a read-only home) keeps no cache."""
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{name}-*.pickle"):  # entries of older data or code
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
