"""`zi-bot run`: start the Application, the durable inbox and the notice sender; stop cleanly
on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal

from telegram.ext import Application

from bot import outbox
from bot.app import build_application
from bot.inbox import DurableInbox
from bot.settings import Settings
from bot.webhook import WebhookServer

log = logging.getLogger(__name__)


async def serve(application: Application, stop: asyncio.Event,
                webhook: WebhookServer | None = None) -> None:
    """Run until `stop` is set: initialize, replay and poll (or serve the webhook), then shut
    down in order."""
    inbox = DurableInbox(application)
    sender: asyncio.Task | None = None
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        if webhook is not None:
            await application.start()
            sender = asyncio.create_task(outbox.run(application), name="notice-outbox")
            webhook.inbox = inbox
            await webhook.start()
            try:
                await stop.wait()
            finally:
                await webhook.stop()
            return
        await application.bot.delete_webhook(drop_pending_updates=False)
        await application.start()
        sender = asyncio.create_task(outbox.run(application), name="notice-outbox")
        # Everything loaded at start (the LKE, the handlers) lives for the whole run: keep
        # it out of the collector's way, which would otherwise pause a press now and then.
        gc.freeze()
        polling = asyncio.create_task(inbox.run(), name="inbox")
        stopping = asyncio.create_task(stop.wait(), name="stop")
        done, _pending = await asyncio.wait({polling, stopping},
                                            return_when=asyncio.FIRST_COMPLETED)
        inbox.stop()
        if polling in done:
            polling.result()  # a crash of the loop ends the bot with its error
        else:
            polling.cancel()
            await asyncio.gather(polling, return_exceptions=True)
        stopping.cancel()
    finally:
        if sender is not None:
            sender.cancel()
            await asyncio.gather(sender, return_exceptions=True)
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def run(settings: Settings, webhook: bool = False) -> None:
    """Serve until SIGINT or SIGTERM (polling, or the webhook endpoint)."""
    application = build_application(settings)
    server = None
    if webhook:
        assert settings.webhook_url and settings.webhook_secret
        server = WebhookServer(application, DurableInbox(application),
                               url=settings.webhook_url,
                               secret=settings.webhook_secret.get_secret_value(),
                               host=settings.webhook_listen, port=settings.webhook_port)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve(application, stop, server)

    asyncio.run(main())
    log.info("stopped")
