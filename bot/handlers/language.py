"""`/bahasa`: each user chooses Indonesian or English; the choice is stored and applied at once."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import Stale, action
from bot.commands import set_user_commands
from bot.context import ZiContext
from bot.i18n import LOCALES, _, set_locale
from bot.keyboards import markup
from bot.messaging import show
from bot.screens.menu import send_main_menu
from zi_core.services import people

NAMES = {"id": "🇮🇩 Bahasa Indonesia", "en": "🇬🇧 English"}


def _choices(context: ZiContext):
    buttons = context.buttons
    rows = [[buttons.button(NAMES[locale], "setlang", locale)] for locale in LOCALES]
    rows.append([buttons.back()])
    return _("Pilih bahasa:"), markup(rows)


async def language_command(update: Update, context: ZiContext) -> None:
    """`/bahasa`."""
    text, keyboard = _choices(context)
    assert update.effective_message is not None
    await update.effective_message.reply_text(text, reply_markup=keyboard)


@action("lang")
async def language_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The language choices, from the main menu."""
    assert update.callback_query is not None
    await show(update.callback_query, *_choices(context))


@action("setlang")
async def set_language(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Store the chosen language, then answer and redraw everything in it."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    locale = pressed.arg(0)
    if locale not in LOCALES:
        raise Stale(locale)
    if not context.already_applied:
        context.me = await people.change_locale(context, me, locale)
    set_locale(locale)
    await show(query, _("Bahasa: {name}").format(name=NAMES[locale]), toast=_("Bahasa diganti ✅"))
    await set_user_commands(context.bot, context.me)
    await send_main_menu(context, me.telegram_id)
