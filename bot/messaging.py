"""Sending that never surprises: split long texts, tolerate "not modified", note blocked users.

Flood limits (429) are retried by PTB's `AIORateLimiter(max_retries=…)` set in the app
factory; what is left here are the failures that retrying cannot fix.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardMarkup,
    MaybeInaccessibleMessage,
    Message,
    Update,
)
from telegram.constants import MessageLimit
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.i18n import _

log = logging.getLogger(__name__)

LIMIT = MessageLimit.MAX_TEXT_LENGTH


def split_text(text: str, limit: int = LIMIT) -> list[str]:
    """Cut a text into pieces of at most `limit` characters, at line breaks where possible.

    Lines are kept whole unless a single line is longer than the limit (then it is cut
    outside entities and tags, `safe_cut`); HTML tags are never
    opened in one piece and closed in another because views close their tags on each line.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            cut = safe_cut(line, limit)
            pieces.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def lasting_failure(error: TelegramError) -> str | None:
    """Why sending to a chat can never succeed ("blocked", "chat_not_found", Telegram's
    refusal of the message), or None for a failure that may pass (a 500, the network)."""
    if isinstance(error, Forbidden):
        return "blocked"
    if isinstance(error, BadRequest):
        return "chat_not_found" if "chat not found" in error.message.lower() else error.message
    return None


def safe_cut(line: str, limit: int) -> int:
    """Where to cut an over-long line at or before `limit`: never inside an HTML entity
    (`&amp;`) or tag (`<b>`), which Telegram would refuse in both halves."""
    cut = limit
    opening = max(line.rfind("&", 0, cut), line.rfind("<", 0, cut))
    if opening > 0 and not any(end in line[opening:cut] for end in (";", ">")):
        cut = opening
    return cut


async def send_text(bot: Bot, chat_id: int, text: str,
                    keyboard: InlineKeyboardMarkup | None = None,
                    on_blocked: Callable[[int], Awaitable[None]] | None = None) -> Message | None:
    """Send a possibly long text; the keyboard goes with the last piece.

    Returns the last message sent, or None when the user has blocked the bot (then
    `on_blocked(chat_id)` is awaited so the caller can record it).
    """
    pieces = split_text(text)
    last = None
    try:
        for number, piece in enumerate(pieces, start=1):
            markup = keyboard if number == len(pieces) else None
            last = await bot.send_message(chat_id, piece, reply_markup=markup)
    except Forbidden:
        log.info("chat %s has blocked the bot", chat_id)
        if on_blocked is not None:
            await on_blocked(chat_id)
        return None
    return last


async def edit_text(message: MaybeInaccessibleMessage | None, text: str,
                    keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Edit a menu in place; an identical edit is not an error, an over-long text is split.

    A menu too old to be edited (Telegram no longer gives its content) is sent anew.
    """
    if message is None:
        raise ValueError("no message to edit")
    if not isinstance(message, Message):
        await send_text(message.get_bot(), message.chat.id, text, keyboard)
        return
    pieces = split_text(text)
    try:
        if len(pieces) == 1:
            await message.edit_text(pieces[0], reply_markup=keyboard)
            return
        await message.edit_text(pieces[0])
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        raise
    for number, piece in enumerate(pieces[1:], start=2):
        await message.get_bot().send_message(
            message.chat_id, piece, reply_markup=keyboard if number == len(pieces) else None)


async def answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
    """Answer a button press; one too old to answer (a replay, a slow day) is let go.

    Whatever the press changed is committed before this is called, so a late answer loses
    nothing but the toast.
    """
    try:
        await query.answer(text[:200] if text else None, show_alert=alert)
    except BadRequest as exc:
        log.info("callback %s not answered: %s", query.id, exc.message)


async def show(query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None = None,
               toast: str | None = None, *, alert: bool = False) -> None:
    """Answer a press (a toast, or an alert to acknowledge) and show the next screen; the two
    calls are independent, so they go out together."""
    await asyncio.gather(answer(query, toast, alert=alert),
                         edit_text(query.message, text, keyboard))


async def refuse_input(update: Update, text: str) -> None:
    """Say why a step was refused: an alert on a button press, or a reply to typed text
    (which may be typed again, or given up with /batal)."""
    if update.callback_query is not None:
        await answer(update.callback_query, text, alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text + "\n" + _("Coba lagi, atau /batal."))
