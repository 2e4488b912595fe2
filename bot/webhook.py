"""Webhook mode (`zi-bot run --webhook`): Telegram posts updates to this bot's own endpoint.

A request must carry Telegram's `X-Telegram-Bot-Api-Secret-Token` header with WEBHOOK_SECRET
(anything else is refused with 403), and a body that is not an update this bot can parse is
refused with 400 before anything is stored; its update is stored in the durable inbox and committed
before the 200 answer, then handled in order by one worker. `GET /healthz` is for the reverse
proxy and the container's health check: 503 while the database is away, and then an update
posted is answered 503 too (not stored), so Telegram posts it again later.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram.ext import Application

from bot.inbox import ALLOWED_UPDATES, DurableInbox
from bot.update_check import parse
from zi_core.db.health import database_away

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024


class WebhookServer:
    """The HTTP endpoint, the queue of stored updates and its worker."""

    def __init__(self, application: Application, inbox: DurableInbox, *, url: str,
                 secret: str, host: str = "0.0.0.0", port: int = 8080) -> None:
        self.application = application
        self.inbox = inbox
        self.url = url
        self.secret = secret
        self.host = host
        self.port = port
        self.path = urlsplit(url).path or "/"
        self._queue: asyncio.Queue[tuple[int, dict]] = asyncio.Queue()
        self._runner: web.AppRunner | None = None
        self._worker: asyncio.Task | None = None
        self.app = web.Application(client_max_size=MAX_BODY)
        self.app.router.add_post(self.path, self._receive)
        self.app.router.add_get("/healthz", self._health)

    async def start(self) -> None:
        """Replay what was left, serve, and tell Telegram where to post."""
        await self.inbox.replay()
        self._worker = asyncio.create_task(self._work(), name="webhook-worker")
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        await self.application.bot.set_webhook(self.url, secret_token=self.secret,
                                               allowed_updates=ALLOWED_UPDATES)
        log.info("webhook serving on %s:%s%s", self.host, self.port, self.path)

    async def stop(self) -> None:
        """Stop taking requests; finish the update in hand. The webhook stays registered so
        Telegram keeps what arrives meanwhile."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request without the right secret from %s", request.remote)
            return web.json_response({"ok": False}, status=403)
        try:
            payload = json.loads(await request.text())
            parse(payload, self.application.bot)  # checked before it is stored
        except (ValueError, RecursionError) as exc:  # MalformedUpdate is a ValueError
            log.warning("webhook body refused: %s", str(exc)[:200])
            return web.json_response({"ok": False}, status=400)
        try:
            fresh = await self.inbox.store([payload])  # committed before Telegram hears "200"
        except Exception as exc:
            if not database_away(exc):
                raise
            self.inbox.watch.went_away(exc)  # logged once per outage; Telegram posts it again
            return web.json_response({"ok": False}, status=503)
        self.inbox.watch.came_back()
        for item in fresh:
            self._queue.put_nowait(item)
        return web.json_response({"ok": True})

    async def _health(self, _request: web.Request) -> web.Response:
        """200 when the database takes a write, 503 (database "down") while it is away."""
        up = await self.inbox.watch.is_up()
        return web.json_response({"ok": up, "database": "up" if up else "down",
                                  "queued": self._queue.qsize()}, status=200 if up else 503)

    async def _work(self) -> None:
        while True:
            update_id, payload = await self._queue.get()
            try:
                await self.inbox.handle(update_id, payload, applied=False)
            except Exception:  # the inbox keeps it unhandled for the next start
                log.exception("update %s could not be handled", update_id)
