"""`zi-bot run`: start the Application and the durable inbox; stop cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal

from telegram.ext import Application

from bot.app import build_application
from bot.inbox import DurableInbox
from bot.settings import Settings

log = logging.getLogger(__name__)


async def serve(application: Application, stop: asyncio.Event) -> None:
    """Run until `stop` is set: initialize, replay and poll, then shut down in order."""
    inbox = DurableInbox(application)
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.bot.delete_webhook(drop_pending_updates=False)
        await application.start()
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
        if application.running:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def run(settings: Settings) -> None:
    """Serve until SIGINT or SIGTERM."""
    application = build_application(settings)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve(application, stop)

    asyncio.run(main())
    log.info("stopped")
