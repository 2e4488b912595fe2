"""The real bot (build_application + the durable inbox) against the emulator, for e2e tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_application
from bot.runner import serve
from bot.settings import Settings
from emulator import EmulatedUser, Emulator
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.models import AuditEvent
from zi_core.db.repositories import units, users
from zi_core.services import invites
from zi_core.services.units import UnitRow, register

TOKEN = "123456:TEST-token_for-the-emulator"
NIPS = iter(f"19800512200501{2 if n % 2 else 1}{n:03d}" for n in range(1, 1000))


def settings_for(emu: Emulator, db_url: str, tmp: Path, **overrides: Any) -> Settings:
    """Settings pointing the bot at the emulator and a test database."""
    values: dict[str, Any] = dict(telegram_bot_token=TOKEN, telegram_api_url=emu.api_url,
                                  database_url=db_url, evidence_dir=tmp / "evidence",
                                  callback_secret="test-secret", _env_file=None,
                                  # Late on Sunday: the start-up catch-up of the weekly
                                  # summary stays out of tests that are not about it.
                                  weekly_summary_cron="59 23 * * sun")
    values.update(overrides)
    return Settings(**values)


class BotUnderTest:
    """A running bot plus direct database access for arranging and checking."""

    def __init__(self, emu: Emulator, db_url: str, settings: Settings) -> None:
        self.emu = emu
        self.db_url = db_url
        self.settings = settings
        self.engine: AsyncEngine | None = None
        self._stop: asyncio.Event | None = None
        self._task: asyncio.Task | None = None
        self.application = None

    async def start(self) -> BotUnderTest:
        """Start serving; returns once the bot polls."""
        await migrate.upgrade(self.db_url)
        self.engine = self.engine or create_engine(self.db_url)
        self.application = build_application(self.settings)
        self._stop = asyncio.Event()
        ready = len(self.emu.calls("deleteWebhook"))
        self._task = asyncio.create_task(serve(self.application, self._stop))
        for _ in range(500):
            if len(self.emu.calls("deleteWebhook")) > ready or self._task.done():
                break
            await asyncio.sleep(0.02)
        if self._task.done():
            self._task.result()
        return self

    async def stop(self) -> None:
        """Stop serving (as on SIGTERM)."""
        if self._task is not None and self._stop is not None:
            self._stop.set()
            await asyncio.wait_for(self._task, 10)
            self._task = None

    async def close(self) -> None:
        await self.stop()
        if self.engine is not None:
            await self.engine.dispose()

    @property
    def sessions(self):
        assert self.engine is not None
        return session_factory(self.engine)

    def today(self):
        """Today in the bot's time zone."""
        from datetime import datetime

        return datetime.now(self.settings.zone).date()

    async def add_unit(self, code: str = "DINKES", name: str = "Dinas Kesehatan",
                       headcount: int | None = None) -> int:
        async with self.sessions() as session, session.begin():
            return (await register(session, UnitRow(code, name, headcount))).id

    async def invite(self, role: str, unit_code: str | None = None) -> str:
        async with self.sessions() as session, session.begin():
            return (await invites.create(session, role=role, unit_code=unit_code)).code

    async def user(self, telegram_id: int):
        async with self.sessions() as session:
            return await users.get_by_telegram_id(session, telegram_id)

    async def unit(self, unit_id: int):
        async with self.sessions() as session:
            return await units.get(session, unit_id)

    async def audit_actions(self) -> list[str]:
        async with self.sessions() as session:
            rows = await session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq))
            return list(rows)

    async def onboard(self, person: EmulatedUser, role: str, unit_code: str | None = None,
                      name: str = "Siti Aminah, S.E.") -> None:
        """Take an invite and answer the three questions; ends at the main menu."""
        code = await self.invite(role, unit_code)
        await person.send(f"/start {code}")
        await person.wait_reply()
        await person.send(name)
        await person.wait_reply()
        await person.send(next(NIPS))
        await person.wait_reply()
        await person.send("Analis Kebijakan")
        await person.wait_reply()


@contextlib.asynccontextmanager
async def running_bot(emu: Emulator, db_url: str, tmp: Path,
                      **overrides: Any) -> AsyncIterator[BotUnderTest]:
    """A started bot that is stopped and closed afterwards."""
    harness = BotUnderTest(emu, db_url, settings_for(emu, db_url, tmp, **overrides))
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()
