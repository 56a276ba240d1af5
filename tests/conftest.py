"""Fixtures shared by the tests, and the `libreoffice` marker (helpers live in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", 'libreoffice: converts documents with LibreOffice (soffice); -m "not libreoffice" runs the rest'
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test is marked `libreoffice` when it, or a fixture it uses, needs LibreOffice."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        definitions = info.name2fixturedefs.values() if info is not None else ()
        if any(getattr(defs[-1].func, "libreoffice", False) for defs in definitions if defs):
            item.add_marker(pytest.mark.libreoffice)


@pytest.fixture(scope="session")
def lo_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("libreoffice")
