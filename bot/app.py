"""The composition root: settings → database → the PTB Application with every handler."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import actions, context, errors, evidence_files, gate, jobs, pending
from bot.commands import set_public_commands
from bot.handlers import (  # noqa: F401 (importing registers their buttons)
    admin,
    evidence,
    final,
    help,
    konsultasi,
    language,
    laporan,
    lke,
    mandiri,
    menu,
    nilai,
    nilai_hasil,
    nilai_jawab,
    onboarding,
    pakta,
    prasyarat,
    rencana,
    status,
    tim,
    units,
)
from bot.settings import Settings
from bot.telegram_http import AiohttpRequest
from zi_core.db import create_engine, migrate, session_factory
from zi_core.evidence.store import BlobStore
from zi_core.lke import load_lke

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3


def build_application(settings: Settings) -> Application:
    """The Application for `settings`: HTML by default, rate-limited, no Updater of its own."""
    application = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.zone))
        .rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .request(AiohttpRequest(connection_pool_size=16, media_write_timeout=60))
        .get_updates_request(AiohttpRequest())
        .context_types(context.context_types())
        .updater(None)
        .post_init(_open)
        .post_shutdown(_close)
        .build()
    )
    application.bot_data[context.SETTINGS] = settings
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:
    """The gate first, then commands, button presses, and the error handler."""
    application.add_handler(TypeHandler(Update, gate.gate), group=-1)
    application.add_handlers([
        CommandHandler("start", onboarding.start),
        CommandHandler("menu", menu.menu_command),
        CommandHandler(["bantuan", "help"], help.help_command),
        CommandHandler(["bahasa", "language"], language.language_command),
        CommandHandler("pengguna", admin.users_command),
        CommandHandler("undangan", admin.invite_command),
        CommandHandler("unit", units.units_command),
        CommandHandler("pakta", pakta.pakta_command),
        CommandHandler(["rencana", "bukti"], rencana.rencana_command),
        CommandHandler("tim", tim.tim_command),
        CommandHandler("nilai", nilai.nilai_command),
        CommandHandler("status", status.status_command),
        CommandHandler("konsultasi", konsultasi.konsultasi_command),
        CommandHandler("ringkasan", laporan.ringkasan_command),
        CommandHandler("riwayat", laporan.riwayat_command),
        CommandHandler("batal", pending.cancel_command),
        MessageHandler(filters.Document.ALL | filters.PHOTO, evidence.unsolicited_file),
        MessageHandler(filters.TEXT & ~filters.COMMAND, pending.unexpected_text),
        MessageHandler(filters.COMMAND, pending.unknown_command),
        CallbackQueryHandler(actions.route),
    ])
    application.add_error_handler(errors.on_error)


async def _open(application: Application) -> None:
    settings: Settings = application.bot_data[context.SETTINGS]
    await migrate.upgrade(settings.database_url)
    engine = create_engine(settings.database_url)
    application.bot_data["engine"] = engine
    application.bot_data[context.SESSIONS] = session_factory(engine, settings.chain_key())
    application.bot_data[context.LKE] = load_lke()
    await _open_evidence_store(application, settings)
    await set_public_commands(application.bot)
    jobs.schedule(application)
    log.info("bot @%s ready; database %s", application.bot.username,
             engine.url.render_as_string(hide_password=True))


async def _open_evidence_store(application: Application, settings: Settings) -> None:
    """Open the evidence store and sweep what a kill left there, before any upload runs."""
    blobs = application.bot_data[evidence_files.STORE] = BlobStore(settings.evidence_dir)
    removed = await asyncio.to_thread(blobs.sweep_temp)
    if removed:
        log.warning("removed %d temporary file(s) left in the evidence store", removed)


async def _close(application: Application) -> None:
    engine = application.bot_data.pop("engine", None)
    if engine is not None:
        await engine.dispose()
