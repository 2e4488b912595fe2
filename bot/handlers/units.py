"""`/unit`: the regency's units for the admin and the TPI, and their penetapan (Pasal 4)."""

from __future__ import annotations

from telegram import Update

from bot import callback, pending
from bot.actions import action, refuse_command
from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import answer, refuse_input, send_text, show
from bot.views import units as view
from bot.views.html import html
from zi_core import queries
from zi_core.domain.roles import Permission, may
from zi_core.services import penetapan


async def _list(context: ZiContext, page: int) -> tuple:
    found = await queries.units.every_unit(context)
    return view.units_page(found, page, context.buttons)


async def units_command(update: Update, context: ZiContext) -> None:
    """`/unit`."""
    if not await refuse_command(update, context, Permission.DESIGNATE):
        assert update.effective_message is not None
        text, keyboard = await _list(context, 0)
        await update.effective_message.reply_text(text, reply_markup=keyboard)


@action("units", Permission.DESIGNATE)
async def units_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """A page of the units list."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _list(context, pressed.int_arg(0)))


async def _unit(context: ZiContext, unit_id: int):
    return await queries.units.existing_unit(context, unit_id)


async def _detail(context: ZiContext, unit_id: int) -> tuple:
    assert context.me is not None
    return view.unit_detail(await _unit(context, unit_id), context.buttons,
                            may(context.me.role, Permission.DESIGNATE))


@action("unitd", Permission.DESIGNATE)
async def unit_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One unit."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _detail(context, pressed.int_arg(0)))


@action("pen", Permission.DESIGNATE)
async def criteria_button(update: Update, context: ZiContext,
                          pressed: callback.Callback) -> None:
    """Toggle a criterion (the choice travels in the buttons until it is saved)."""
    assert update.callback_query is not None
    unit = await _unit(context, pressed.int_arg(0))
    bits = pressed.int_arg(1) & 0b111
    await show(update.callback_query, *view.penetapan(unit, bits, context.buttons))


async def _save(update: Update, context: ZiContext, unit_id: int, bits: int,
                note: str | None) -> bool:
    me = context.me
    assert me is not None
    try:
        async with context.transaction(answered=True) as session:
            await penetapan.record(session, me, unit_id, core_service=view.has(bits, 0),
                                   high_risk=view.has(bits, 1), wide_impact=view.has(bits, 2),
                                   note=note)
    except penetapan.PenetapanRefused as exc:
        await refuse_input(update, view.penetapan_refused(exc.reason))
        return False
    return True


@action("pens", Permission.DESIGNATE)
async def save_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Save the penetapan without a note."""
    query = update.callback_query
    assert query is not None
    unit_id = pressed.int_arg(0)
    if context.already_applied or await _save(update, context, unit_id,
                                               pressed.int_arg(1) & 0b111, None):
        await show(query, *await _detail(context, unit_id), _("Penetapan tersimpan ✅"))


@action("pensn", Permission.DESIGNATE)
async def note_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask for the penetapan's note."""
    assert update.callback_query is not None and context.me is not None
    unit = await _unit(context, pressed.int_arg(0))
    await pending.ask(context, "pennote", unit.id, pressed.int_arg(1) & 0b111)
    await answer(update.callback_query)
    await send_text(context.bot, context.me.telegram_id,
                    html(_("Tulis catatan penetapan untuk {unit}, atau /batal."), unit=unit.name))


@pending.expects("pennote", Permission.DESIGNATE)
async def note_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """The typed note: the penetapan is saved with it."""
    message = update.effective_message
    assert message is not None
    unit_id, bits = int(args[0]), int(args[1])
    if await _save(update, context, unit_id, bits, message.text or ""):
        text, keyboard = await _detail(context, unit_id)
        await message.reply_text(_("Penetapan tersimpan ✅") + "\n\n" + text,
                                 reply_markup=keyboard)
