"""Webhook mode: only requests with Telegram's secret header are taken; an update is stored
before the 200 and then handled; the health endpoint answers."""

from __future__ import annotations

import asyncio

import aiohttp
from sqlalchemy import select

from bot.app import build_application
from bot.inbox import DurableInbox
from bot.runner import serve
from bot.webhook import SECRET_HEADER, WebhookServer
from tests.bot.harness import settings_for
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.models import InboxUpdate

SECRET = "s3cret-token_for-the-webhook"


def _start_update(update_id: int, user_id: int) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Web"}
    return {"update_id": update_id,
            "message": {"message_id": 1, "date": 1_764_000_000, "text": "/start",
                        "chat": {"id": user_id, "type": "private", "first_name": "Web"},
                        "from": user,
                        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}


async def test_webhook_refuses_requests_without_the_secret_and_handles_the_rest(
        emu, db_url, tmp_path):
    await migrate.upgrade(db_url)
    settings = settings_for(emu, db_url, tmp_path, webhook_url="https://zi.example/tg/hook",
                            webhook_secret=SECRET)
    application = build_application(settings)
    server = WebhookServer(application, DurableInbox(application), url=settings.webhook_url,
                           secret=SECRET, host="127.0.0.1", port=0)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(application, stop, server))
    web = emu.user(9900, "Web")
    try:
        for _ in range(200):
            if emu.webhook.get("url"):
                break
            await asyncio.sleep(0.02)
        assert emu.webhook["url"] == "https://zi.example/tg/hook"
        assert emu.webhook["secret_token"] == SECRET
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as client:
            async with client.post(f"{base}/tg/hook", json=_start_update(5001, web.id)) as r:
                assert r.status == 403
            async with client.post(f"{base}/tg/hook", json=_start_update(5002, web.id),
                                   headers={SECRET_HEADER: "wrong"}) as r:
                assert r.status == 403
            async with client.post(f"{base}/tg/hook", data="not json",
                                   headers={SECRET_HEADER: SECRET}) as r:
                assert r.status == 400
            async with client.post(f"{base}/tg/hook", json=_start_update(5003, web.id),
                                   headers={SECRET_HEADER: SECRET}) as r:
                assert r.status == 200
            reply = await web.wait_reply()
            assert "memerlukan undangan" in reply[-1].text
            async with client.get(f"{base}/healthz") as r:
                assert r.status == 200 and (await r.json())["ok"] is True
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session:
            rows = list(await session.execute(select(InboxUpdate.update_id,
                                                     InboxUpdate.handled_at)))
    finally:
        await engine.dispose()
    assert [(u, h is not None) for u, h in rows] == [(5003, True)]
