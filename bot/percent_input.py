"""Typing a percentage question's named numbers, one message each (the unit's penilaian
mandiri and the TPI's scoring both take them so): ask for the first, then check each typed
number, ask for the next, and hand back all of them after the last.

The numbers typed so far wait with the step in `app_user.pending_input` (`bot.pending`), after
the step's own arguments, so nothing is lost between messages.
"""

from __future__ import annotations

from telegram import CallbackQuery, Message

from bot import pending
from bot.actions import Stale
from bot.context import ZiContext
from bot.messaging import answer, send_text
from bot.parsing import ParseError, whole_number
from bot.views.question import ask_number, number_refused
from zi_core.lke import Question

MAX_INPUT = 999_999_999
"""No count of a percentage question (employees, complaints, services) comes near this."""


async def ask_first(query: CallbackQuery, context: ZiContext, question: Question, step: str,
                    *args: object) -> None:
    """Start: `step` (with `args`) will receive the typed numbers; the first is asked for."""
    me = context.me
    assert me is not None
    if not question.inputs:
        raise Stale(question.id)
    await pending.ask(context, step, *args)
    await answer(query)
    await send_text(context.bot, me.telegram_id, ask_number(question, 0))


async def take_typed(message: Message, context: ZiContext, question: Question, step: str,
                     args: tuple[object, ...], typed: list[int]) -> dict[str, int] | None:
    """One typed number after `typed`: refused with the reason (asked again), or kept and the
    next asked for (None either way); after the last, every number by its input's key."""
    try:
        values = [*typed, whole_number(message.text or "", 0, MAX_INPUT)]
    except ParseError as exc:
        await message.reply_text(number_refused(str(exc), question, len(typed)))
        return None
    if len(values) < len(question.inputs):
        await pending.ask(context, step, *args, *values)
        await message.reply_text(ask_number(question, len(values)))
        return None
    return {item.key: value for item, value in zip(question.inputs, values, strict=True)}
