"""The process does not die when the database is away: it backs off without confirming the
offset, logs once per outage, and goes on when the database is back; the health endpoint and
`zi-bot doctor` say it is down meanwhile."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.app import build_application
from bot.cli.doctor import _database
from bot.inbox import DurableInbox
from bot.runner import serve
from bot.webhook import SECRET_HEADER, WebhookServer
from tests.bot.harness import BotUnderTest, settings_for
from tests.bot.test_webhook import _start_update
from tests.db.fixtures import postgres_url, sqlite_url_in  # noqa: F401
from zi_core.db import migrate
from zi_core.db.models import InboxUpdate

LOCKED_FOR = 7.0
"""Longer than SQLite's 5 s busy timeout: a write in the meantime fails."""
SECRET = "s3cret-token_for-the-webhook"


@asynccontextmanager
async def exclusive_lock(folder: Path):
    """Another process's connection holding SQLite's write lock."""
    other = sqlite3.connect(folder / "t.db", isolation_level=None, timeout=0)
    # The bot's own short transactions come often (SQLite's busy handler, sleeping ever
    # longer, would be starved by them): try again soon until one gap lets the lock in. The
    # wait yields to the event loop, where the bot's open transaction has to end (a blocking
    # sleep here would hold it open for good).
    deadline = time.monotonic() + 30
    while True:
        try:
            other.execute("BEGIN EXCLUSIVE")
            break
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.001)
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _outages(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("database away")]


async def test_a_locked_sqlite_database_is_waited_out_and_each_update_handled_once(
        emu, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    url = sqlite_url_in(tmp_path)
    harness = BotUnderTest(emu, url, settings_for(emu, url, tmp_path))
    await harness.start()
    people = [emu.user(9501, "A"), emu.user(9502, "B")]
    try:
        async with exclusive_lock(tmp_path):
            for person in people:
                await person.send("/start")
            await asyncio.sleep(LOCKED_FOR)
            assert not harness._task.done(), harness._task
        for person in people:
            assert "memerlukan undangan" in (await person.wait_reply(timeout=15))[-1].text
        await people[0].send("/start")  # and the bot goes on as before
        await people[0].wait_reply()
        await asyncio.sleep(0.3)
        assert [len(p.messages("bot")) for p in people] == [2, 1]
        async with harness.sessions() as session:
            rows = list(await session.execute(select(InboxUpdate.handled_at,
                                                     InboxUpdate.last_error)))
        assert len(rows) == 3 and all(h is not None and e is None for h, e in rows)
        assert len(_outages(caplog)) == 1
    finally:
        await harness.close()


async def test_health_and_doctor_report_the_database_down_while_it_is_locked(
        emu, tmp_path):
    url = sqlite_url_in(tmp_path)
    await migrate.upgrade(url)
    settings = settings_for(emu, url, tmp_path, webhook_url="https://zi.example/tg/hook",
                            webhook_secret=SECRET)
    application = build_application(settings)
    server = WebhookServer(application, DurableInbox(application), url=settings.webhook_url,
                           secret=SECRET, host="127.0.0.1", port=0)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(application, stop, server))
    web = emu.user(9503, "Web")
    headers = {SECRET_HEADER: SECRET}
    try:
        for _ in range(200):
            if emu.webhook.get("url"):
                break
            await asyncio.sleep(0.02)
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as client:
            async with exclusive_lock(tmp_path):
                async with client.get(f"{base}/healthz") as r:
                    assert r.status == 503
                    assert (await r.json())["database"] == "down"
                async with client.post(f"{base}/tg/hook", json=_start_update(7001, web.id),
                                       headers=headers) as r:
                    assert r.status == 503  # not stored: Telegram posts it again
                finding = await _database(settings)
                assert not finding.ok and "locked" in finding.detail
            async with client.get(f"{base}/healthz") as r:
                assert r.status == 200 and (await r.json())["database"] == "up"
            async with client.post(f"{base}/tg/hook", json=_start_update(7001, web.id),
                                   headers=headers) as r:
                assert r.status == 200
            assert "memerlukan undangan" in (await web.wait_reply())[-1].text
        assert (await _database(settings)).ok
        assert not task.done()
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)


class CuttableLink:
    """A TCP relay to the PostgreSQL server that a test can cut and restore: the server is
    unreachable for the bot (connections refused, open ones broken) while the shared server
    itself keeps running for everyone else."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()
        self._cut = False

    async def up(self) -> None:
        self._cut = False
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self._server is not None
        self._cut = True
        self._server.close()
        for writer in list(self._open):
            writer.transport.abort()
        await self._server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        if self._cut:  # accepted just before the cut: it must not get through either
            writer.transport.abort()
            up_writer.transport.abort()
            return
        self._open.update((writer, up_writer))

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while chunk := await source.read(65536):
                    sink.write(chunk)
                    await sink.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                sink.transport.abort()
                self._open.discard(sink)

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


async def test_an_unreachable_postgresql_is_waited_out_and_each_update_handled_once(
        emu, postgres_url, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    real = make_url(postgres_url)
    link = CuttableLink(real.host or "127.0.0.1", real.port or 5432)
    await link.up()
    url = real.set(host="127.0.0.1", port=link.port).render_as_string(hide_password=False)
    harness = BotUnderTest(emu, url, settings_for(emu, url, tmp_path))
    await harness.start()
    people = [emu.user(9511, "A"), emu.user(9512, "B")]
    try:
        await link.cut()
        for person in people:
            await person.send("/start")
        await asyncio.sleep(4)
        assert not harness._task.done(), harness._task
        assert not any(p.messages("bot") for p in people)
        await link.up()
        for person in people:
            assert "memerlukan undangan" in (await person.wait_reply(timeout=20))[-1].text
        await asyncio.sleep(0.3)
        assert [len(p.messages("bot")) for p in people] == [1, 1]
        async with harness.sessions() as session:
            rows = list(await session.execute(select(InboxUpdate.handled_at,
                                                     InboxUpdate.last_error)))
        assert len(rows) == 2 and all(h is not None and e is None for h, e in rows)
        assert len(_outages(caplog)) == 1
    finally:
        await harness.close()
