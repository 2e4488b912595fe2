"""Fixtures of the core tests: the bundled worksheet, parsed once."""

from __future__ import annotations

import pytest

from zi_core.lke import Lke, load_lke


@pytest.fixture(scope="session")
def lke() -> Lke:
    """The bundled LKE 2021.1."""
    return load_lke()
