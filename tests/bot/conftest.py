"""Fixtures for end-to-end tests: the emulator, a database (SQLite and PostgreSQL), the bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from emulator import Emulator
from tests.bot.harness import BotUnderTest, running_bot
from tests.db.fixtures import db_url  # noqa: F401, F811
from tests.emulator.conftest import emu  # noqa: F401, F811


@pytest.fixture
async def zi(emu: Emulator, db_url: str, tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """The bot running against the emulator on a fresh database."""
    async with running_bot(emu, db_url, tmp_path) as harness:
        yield harness
