"""A malformed update never blocks the inbox: the webhook refuses it with 400 before storing,
and one that arrives by getUpdates (or was stored earlier) is marked failed with its reason
while every later update is handled."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from sqlalchemy import select

from bot.app import build_application
from bot.inbox import DurableInbox
from bot.runner import serve
from bot.webhook import SECRET_HEADER, WebhookServer
from tests.bot.harness import BotUnderTest, settings_for
from tests.bot.test_webhook import _start_update
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.models import InboxUpdate
from zi_core.db.repositories import inbox

SECRET = "s3cret-token_for-the-webhook"
USER = {"id": 9911, "is_bot": False, "first_name": "Web"}
MALFORMED = [
    {"update_id": 101, "message": "not-an-object"},
    {"update_id": 102, "callback_query": {"id": "1", "chat_instance": "c", "data": "x"}},
    {"update_id": 103, "callback_query": {"id": "1", "chat_instance": "c", "from": "Web"}},
    {"update_id": 104, "callback_query": {"id": "1", "chat_instance": "c",
                                          "from": {"id": "satu", "first_name": "W"}}},
    {"update_id": 105, "message": {"message_id": 1, "date": 1, "text": "/start",
                                   "chat": {"id": 9911, "type": "private"},
                                   "from": {"is_bot": False, "first_name": "Tanpa id"}}},
    {"update_id": "106x", "message": {}},
    {"update_id": True, "message": {}},
    [1, 2, 3],
]


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth):
        value = {"a": value}
    return {"update_id": 107, "message": {**_start_update(107, 9911)["message"], "x": value}}


async def _rows(db_url: str) -> dict[int, tuple[bool, str | None]]:
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session:
            rows = await session.execute(select(InboxUpdate.update_id, InboxUpdate.handled_at,
                                                InboxUpdate.last_error))
            return {u: (h is not None, e) for u, h, e in rows}
    finally:
        await engine.dispose()


async def test_the_webhook_answers_400_to_a_malformed_update_and_stores_nothing(
        emu, db_url, tmp_path):
    await migrate.upgrade(db_url)
    settings = settings_for(emu, db_url, tmp_path, webhook_url="https://zi.example/tg/hook",
                            webhook_secret=SECRET)
    application = build_application(settings)
    server = WebhookServer(application, DurableInbox(application), url=settings.webhook_url,
                           secret=SECRET, host="127.0.0.1", port=0)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(application, stop, server))
    web = emu.user(9911, "Web")
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    try:
        for _ in range(200):
            if emu.webhook.get("url"):
                break
            await asyncio.sleep(0.02)
        hook = f"http://127.0.0.1:{server.port}/tg/hook"
        async with aiohttp.ClientSession() as client:
            for body in MALFORMED + [_nested(200)]:
                async with client.post(hook, json=body, headers=headers) as r:
                    assert r.status == 400, body
            deep = '{"update_id":108,"message":' + '{"a":' * 100_000 + "1" + "}" * 100_001
            async with client.post(hook, data=deep, headers=headers) as r:
                assert r.status == 400
            async with client.post(hook, json=_start_update(109, web.id), headers=headers) as r:
                assert r.status == 200
            assert "memerlukan undangan" in (await web.wait_reply())[-1].text
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert list(await _rows(db_url)) == [109]


async def test_a_malformed_update_from_get_updates_is_marked_failed_and_the_rest_handled(
        zi, emu):
    web = emu.user(9911, "Web")
    for body in MALFORMED[:5]:
        emu.push_update(body)
    await web.send("/start")
    assert "memerlukan undangan" in (await web.wait_reply())[-1].text
    rows = await _rows(zi.db_url)
    for body in MALFORMED[:5]:
        handled, error = rows[body["update_id"]]
        assert handled and error and "MalformedUpdate" in error, (body, error)
    assert not zi.emu.internal_errors


@pytest.mark.parametrize("payload", ['{"update_id":110,"message":"not-an-object"}',
                                     '{"update_id":110,"callback_query":{"id":"1"}}',
                                     "not json at all"])
async def test_a_malformed_update_already_stored_does_not_stop_the_start(
        emu, db_url, tmp_path, payload):
    await migrate.upgrade(db_url)
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            await inbox.store(session, 110, payload)
    finally:
        await engine.dispose()
    harness = BotUnderTest(emu, db_url, settings_for(emu, db_url, tmp_path))
    await harness.start()
    try:
        web = emu.user(9911, "Web")
        await web.send("/start")
        assert "memerlukan undangan" in (await web.wait_reply())[-1].text
    finally:
        await harness.close()
    handled, error = (await _rows(db_url))[110]
    assert handled and "MalformedUpdate" in error
