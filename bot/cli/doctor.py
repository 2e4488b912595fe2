"""`zi-bot doctor`: check the settings, the database, the evidence folder, the catalogues and
the Bot API, and say what is wrong in one line each."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.cli.errors import CliError
from bot.settings import Settings, SettingsError, load_settings

MIN_FREE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    """One check: its name, whether it passed, and what to say."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.name}: {self.detail}"


async def _database(settings: Settings) -> Finding:
    from sqlalchemy.engine import make_url

    from zi_core.db import migrate

    shown = make_url(settings.database_url).render_as_string(hide_password=True)
    try:
        current = await migrate.current_revision(settings.database_url)
    except Exception as exc:  # any failure to connect is the finding itself
        return Finding("basis data", False, f"{shown} tidak dapat dibuka: "
                       f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    head = migrate.head_revision()
    if current != head:
        return Finding("basis data", False, f"{shown} pada revisi {current or 'kosong'}, "
                       f"terbaru {head}: jalankan `zi-bot db upgrade`")
    if reason := await _write_refused(settings.database_url):
        return Finding("basis data", False, f"{shown} tidak dapat ditulisi saat ini "
                       f"(terkunci atau tidak terjangkau): {reason}")
    return Finding("basis data", True, f"{shown} pada revisi {head}")


async def _write_refused(url: str) -> str | None:
    """Why the database takes no write now (locked by another process, server away), or
    None: a database that only reads cannot store an update."""
    from zi_core.db import create_engine, session_factory
    from zi_core.db.health import probe

    engine = create_engine(url)
    try:
        await probe(session_factory(engine))
    except Exception as exc:  # the failure is the finding
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    finally:
        await engine.dispose()
    return None


def _evidence(settings: Settings) -> Finding:
    folder = settings.evidence_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return Finding("folder bukti", False, f"{folder} tidak dapat ditulisi ({exc.strerror})")
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        return Finding("folder bukti", False, f"{folder}: sisa ruang {free // 2**20} MB, "
                       f"kurang dari {MIN_FREE_BYTES // 2**20} MB")
    return Finding("folder bukti", True, f"{folder} dapat ditulisi, sisa {free // 2**30} GB")


def _catalogues() -> Finding:
    from bot.i18n import LOCALES, locales_dir, translations

    missing = [loc for loc in LOCALES
               if not (locales_dir() / loc / "LC_MESSAGES" / "messages.po").exists()]
    if missing:
        return Finding("terjemahan", False, f"katalog tidak ada: {', '.join(missing)}")
    empty = [loc for loc in LOCALES
             if loc != "id" and translations(loc).gettext("Menu utama") == "Menu utama"]
    if empty:
        return Finding("terjemahan", False, f"katalog {', '.join(empty)} tidak terbaca")
    return Finding("terjemahan", True, f"{', '.join(LOCALES)} dari {locales_dir()}")


async def _bot_api(settings: Settings) -> Finding:
    from telegram import Bot
    from telegram.error import InvalidToken, TelegramError

    try:
        bot = Bot(settings.token(), base_url=settings.base_url,
                  base_file_url=settings.base_file_url)
        async with bot:
            return Finding("Bot API", True, f"@{bot.username} di {settings.telegram_api_url}")
    except SettingsError as exc:
        return Finding("Bot API", False, str(exc))
    except InvalidToken:
        return Finding("Bot API", False, "token ditolak oleh Bot API (periksa "
                       "TELEGRAM_BOT_TOKEN)")
    except (TelegramError, OSError) as exc:
        return Finding("Bot API", False, f"{settings.telegram_api_url} tidak menjawab ({exc})")


async def _all(settings: Settings) -> list[Finding]:
    checks: list[Callable[[], Awaitable[Finding]]] = [
        lambda: _database(settings), lambda: _bot_api(settings)]
    found = [Finding("pengaturan", True, f"zona waktu {settings.tz}, bahasa "
                     f"{settings.default_locale}"), _evidence(settings), _catalogues()]
    for check in checks:
        found.append(await check())
    return found


def doctor() -> str:
    """Every check as one line; exit 1 when any failed."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        raise CliError(str(exc), code=1) from exc
    findings = asyncio.run(_all(settings))
    report = "\n".join(f.line() for f in findings)
    if not all(f.ok for f in findings):
        raise CliError("ada yang perlu dibetulkan:\n" + report, code=1)
    return report + "\nsemua baik"

