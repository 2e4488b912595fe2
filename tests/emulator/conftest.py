"""Fixtures: a started Emulator, a real telegram.Bot on it, and real Applications polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from telegram import Bot
from telegram.ext import Application, ApplicationBuilder, BaseHandler, BaseRateLimiter

from emulator import Emulator

TOKEN = "123:ABC"

StartApp = Callable[..., Awaitable[Application]]


def make_bot(emu: Emulator) -> Bot:
    """A real telegram.Bot talking to `emu`."""
    return Bot(token=TOKEN, base_url=f"{emu.api_url}/bot", base_file_url=f"{emu.api_url}/file/bot")


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    """A started emulator with default settings; checks it raised nothing internally."""
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()
    assert not emulator.internal_errors


@pytest.fixture
async def bot(emu: Emulator) -> AsyncIterator[Bot]:
    """An initialized telegram.Bot (getMe done) pointed at the emulator."""
    tg_bot = make_bot(emu)
    await tg_bot.initialize()
    yield tg_bot
    await tg_bot.shutdown()


@pytest.fixture
async def start_app(emu: Emulator) -> AsyncIterator[StartApp]:
    """Start a real Application polling the emulator; errors in handlers are collected."""
    started: list[Application] = []

    async def start(
        *handlers: BaseHandler[Any, Any, Any], rate_limiter: BaseRateLimiter | None = None
    ) -> Application:
        builder = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(f"{emu.api_url}/bot")
            .base_file_url(f"{emu.api_url}/file/bot")
        )
        if rate_limiter is not None:
            builder = builder.rate_limiter(rate_limiter)
        app = builder.build()
        app.bot_data["errors"] = []

        async def on_error(update: object, context: Any) -> None:
            app.bot_data["errors"].append(context.error)

        app.add_handlers(list(handlers))
        app.add_error_handler(on_error)
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        started.append(app)
        return app

    yield start
    for app in started:
        assert app.updater is not None
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
