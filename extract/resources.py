"""Where the project's data files are: beside the code in a checkout, or where a wheel put them.

A checkout (``pip install -e .``) reads ``data/`` and ``metadata.yml`` from the project folder.
A wheel installs the same files under ``<prefix>/share/cyber-claims-kb/`` (see
``[tool.setuptools.data-files]`` in pyproject.toml), so that Dask workers and other machines can
install the project without its source tree.
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARE_NAME = "cyber-claims-kb"


def installed_roots() -> list[Path]:
    """Where a wheel's data files may be: the environment's prefix, then the user scheme's."""
    roots = [Path(sys.prefix) / "share" / SHARE_NAME]
    user_data = sysconfig.get_path("data", sysconfig.get_preferred_scheme("user"))
    if user_data:
        roots.append(Path(user_data) / "share" / SHARE_NAME)
    return roots


def project_file(relative: str) -> Path:
    """The project file ``relative`` (``data/actors``, ``metadata.yml``, ...): from the checkout
    when there is one, else from the installed data files; the checkout's path when neither exists
    (so that an error message names the place to look)."""
    in_checkout = PROJECT_ROOT / relative
    if in_checkout.exists():
        return in_checkout
    for root in installed_roots():
        if (root / relative).exists():
            return root / relative
    return in_checkout
