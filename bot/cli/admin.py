"""`zi-bot unit …`, `zi-bot import units` and `zi-bot invite create|list|revoke`: setting up
a regency."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.database import in_transaction, settings
from bot.cli.errors import CliError, read_text
from bot.i18n import TIMEZONE
from zi_core.db.repositories import units as unit_repo
from zi_core.domain.errors import DuplicateUnitCode, InviteInvalid
from zi_core.services import invites, units


def unit_add(code: str, name: str, headcount: int | None) -> str:
    """Register one unit."""
    try:
        row = units.make_row(code, name, headcount)
    except units.UnitInputError as exc:
        raise CliError(str(exc)) from exc

    async def step(session: AsyncSession) -> str:
        try:
            unit = await units.register(session, row)
        except DuplicateUnitCode as exc:
            raise CliError(f"kode unit {exc.code} sudah terdaftar") from exc
        return f"unit {unit.code} — {unit.name} terdaftar"

    return in_transaction(step)


def unit_list() -> str:
    """Every unit, one per line: code, status, name."""

    async def step(session: AsyncSession) -> str:
        found = await unit_repo.list_all(session)
        if not found:
            return "belum ada unit; tambahkan dengan `zi-bot unit add` atau `zi-bot import units`"
        width = max(len(unit.code) for unit in found)
        return "\n".join(f"{unit.code:<{width}}  {unit.status.value:<12}  {unit.name}"
                         for unit in found)

    return in_transaction(step)


def import_units(path: str) -> str:
    """Register every unit of a CSV file, all or nothing."""
    text = read_text(path)
    try:
        rows = units.parse_csv(text)
    except units.UnitInputError as exc:
        raise CliError(f"{path}: {exc}") from exc

    async def step(session: AsyncSession) -> str:
        try:
            added = await units.import_rows(session, rows)
        except units.UnitInputError as exc:
            raise CliError(f"{path}: {exc}; tidak ada unit yang diimpor") from exc
        return f"{len(added)} unit diimpor dari {path}"

    return in_transaction(step)


def invite_create(role: str, unit_code: str | None, days: int) -> str:
    """Make an invite and print its code and deep link."""

    async def step(session: AsyncSession) -> str:
        try:
            invite = await invites.create(session, role=role, unit_code=unit_code, days=days)
        except invites.InviteInputError as exc:
            raise CliError(str(exc)) from exc
        return invite.code

    code = in_transaction(step)
    username = _bot_username()
    lines = [f"kode undangan: {code}", f"berlaku {days} hari, sekali pakai"]
    if username:
        lines.insert(1, f"tautan: {invites.start_link(username, code)}")
    else:
        lines.insert(1, f"kirim ke bot: /start {code} (atur BOT_USERNAME untuk tautan t.me)")
    return "\n".join(lines)


def invite_list() -> str:
    """Every invite still usable, one per line: code, role, unit, valid until, made by."""

    async def step(session: AsyncSession) -> str:
        found = await invites.outstanding(session)
        if not found:
            return "tidak ada undangan aktif (semua sudah dipakai, dicabut atau kedaluwarsa)"
        lines = []
        for item in found:
            invite = item.invite
            until = invite.expires_at.astimezone(TIMEZONE).strftime("%Y-%m-%d %H:%M WIB")
            lines.append(f"{invite.code}  {invite.role.value:<13}  {item.unit_code or '-':<10}  "
                         f"s.d. {until}  oleh {item.created_by or 'baris perintah'}")
        return "\n".join(lines)

    return in_transaction(step)


REVOKE_REFUSED = {
    "unknown": "kode undangan {code} tidak dikenal",
    "used": "undangan {code} sudah dipakai; ubah peran orangnya lewat /pengguna",
    "expired": "undangan {code} sudah kedaluwarsa; tidak ada yang perlu dicabut",
    "revoked": "undangan {code} sudah dicabut",
}


def invite_revoke(code: str) -> str:
    """Revoke an invite nobody has used yet (audited)."""

    async def step(session: AsyncSession) -> str:
        try:
            await invites.revoke(session, code, None)
        except InviteInvalid as exc:
            raise CliError(REVOKE_REFUSED.get(exc.reason, "undangan {code} tidak dapat "
                                              "dicabut").format(code=code.strip())) from exc
        return f"undangan {code.strip()} dicabut; tautannya tidak dapat dipakai lagi"

    return in_transaction(step)


def _bot_username() -> str | None:
    """BOT_USERNAME, else the bot's own answer to getMe when a token is set and reachable."""
    config = settings()
    if config.bot_username:
        return config.bot_username
    if config.telegram_bot_token is None:
        return None
    from telegram import Bot
    from telegram.error import TelegramError

    async def ask() -> str | None:
        bot = Bot(config.token(), base_url=config.base_url, base_file_url=config.base_file_url)
        try:
            async with bot:
                return bot.username
        except (TelegramError, OSError):
            return None

    return asyncio.run(ask())
