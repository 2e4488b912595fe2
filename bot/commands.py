"""The command menus: a public one per language, and one per user for their role and language.

Telegram shows a chat's own command list before the default one, so after onboarding, a role
change or a language switch the user's chat gets the commands of their role in their
language; a deactivated user's list is removed.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import Forbidden, TelegramError

from bot.i18n import LOCALES, N_, _, pick_locale, use_locale
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may

log = logging.getLogger(__name__)

PUBLIC = (("start", N_("Mulai, atau pakai kode undangan")),
          ("bantuan", N_("Bantuan")))

REGISTERED = (("menu", N_("Menu utama")),
              ("bantuan", N_("Bantuan dan penjelasan LKE")),
              ("bahasa", N_("Ganti bahasa")),
              ("batal", N_("Batalkan isian yang sedang ditunggu")))

BY_PERMISSION = ((Permission.SIGN_PACT, "pakta", N_("Pakta integritas")),
                 (Permission.WORK_ACTION_PLAN, "rencana", N_("Rencana aksi unit")),
                 (Permission.UPLOAD_EVIDENCE, "bukti", N_("Unggah bukti dukung")),
                 (Permission.LEAD_UNIT, "tim", N_("Tim kerja per area")),
                 (Permission.SCORE, "nilai", N_("Nilai unit kerja")),
                 (Permission.SCORE, "status", N_("Status dan syarat unit")),
                 (Permission.SIGN_PACT, "status", N_("Status dan syarat unit")),
                 (Permission.ASK_TPI, "konsultasi", N_("Konsultasi dengan TPI")),
                 (Permission.ANSWER_CONSULTATION, "konsultasi", N_("Konsultasi dari unit")),
                 (Permission.RECEIVE_SUMMARY, "ringkasan", N_("Ringkasan mingguan")),
                 (Permission.RECEIVE_SUMMARY, "riwayat", N_("Riwayat kegiatan unit")),
                 (Permission.MANAGE_USERS, "pengguna", N_("Kelola pengguna")),
                 (Permission.CREATE_INVITE, "undangan", N_("Buat undangan")),
                 (Permission.DESIGNATE, "unit", N_("Daftar unit kerja")))


def _commands(pairs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> list[BotCommand]:
    return [BotCommand(name, _(description)) for name, description in pairs]


def role_commands(user: UserDTO) -> list[BotCommand]:
    """The commands of a user's role, in the current language."""
    pairs = list(REGISTERED[:1])
    for permission, name, text in BY_PERMISSION:
        if may(user.role, permission) and name not in {n for n, _t in pairs}:
            pairs.append((name, text))
    pairs += list(REGISTERED[1:])
    return _commands(pairs)


async def set_public_commands(bot: Bot) -> None:
    """The default menu (Indonesian) and its English version."""
    for locale in LOCALES:
        with use_locale(locale):
            language = "" if locale == "id" else locale
            await bot.set_my_commands(_commands(PUBLIC), scope=BotCommandScopeDefault(),
                                      language_code=language or None)


async def set_user_commands(bot: Bot, user: UserDTO) -> None:
    """The user's own menu: their role's commands in their language (removed if inactive)."""
    scope = BotCommandScopeChat(user.telegram_id)
    try:
        if not user.active:
            await bot.delete_my_commands(scope=scope)
            return
        with use_locale(pick_locale(user.locale, None)):
            await bot.set_my_commands(role_commands(user), scope=scope)
    except Forbidden:
        log.info("user %s has blocked the bot; commands not set", user.telegram_id)
    except TelegramError:
        log.warning("could not set the commands of user %s", user.telegram_id, exc_info=True)
