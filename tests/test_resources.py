"""The project's data files are found in a checkout and where a wheel installs them."""

from __future__ import annotations

import sys

import pytest

from extract import resources


def test_a_checkout_reads_its_own_files():
    assert resources.project_file("data/actors") == resources.PROJECT_ROOT / "data" / "actors"
    assert (resources.project_file("data/actors") / "states.jsonl").is_file()
    assert resources.project_file("metadata.yml").is_file()


def test_an_installed_wheel_reads_the_shared_copy(tmp_path, monkeypatch):
    # no source tree beside the code; the wheel's data files under <prefix>/share/cyber-claims-kb
    monkeypatch.setattr(resources, "PROJECT_ROOT", tmp_path / "site-packages")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    shared = tmp_path / "venv" / "share" / "cyber-claims-kb" / "data" / "actors"
    shared.mkdir(parents=True)
    assert resources.project_file("data/actors") == shared
    # neither: the checkout's path, for the error message to name
    assert resources.project_file("nothing.yml") == tmp_path / "site-packages" / "nothing.yml"


def test_pyproject_ships_every_file_the_code_reads():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    config = tomllib.loads((resources.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["data-files"]
    patterns = {pattern for files in shipped.values() for pattern in files}
    assert {"metadata.yml", "data/actors/*", "data/articles/*"} <= patterns
    for target, files in shipped.items():
        for pattern in files:
            folder = pattern.rsplit("/", 1)[0] if "/" in pattern else ""
            assert target == f"share/{resources.SHARE_NAME}" + (f"/{folder}" if folder else "")
