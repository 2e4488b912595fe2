"""`/status`: a unit's figures, every Lampiran II check, the verdict and the gap analysis —
for the unit's own users, and for the TPI per unit."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import action
from bot.context import ZiContext
from bot.i18n import _
from bot.keyboards import markup
from bot.messaging import answer, send_text
from bot.screens.nilai import evaluable_unit, units_screen
from bot.views.status import status_text
from zi_core import queries
from zi_core.domain.roles import Permission, may
from zi_core.domain.unit import UnitDTO
from zi_core.services import evaluasi, lke_versions


async def _text(context: ZiContext, unit: UnitDTO) -> str:
    async with context.reading() as session:
        lke = await lke_versions.for_evaluation(session, unit.id, context.lke)
        assessment = await evaluasi.unit_assessment(session, lke, unit.id, context.today())
        final = await evaluasi.is_final(session, unit.id)
        rechecks = len(await evaluasi.open_rechecks(session, unit.id))
    return status_text(unit, lke, assessment, final, rechecks)


async def status_command(update: Update, context: ZiContext) -> None:
    """`/status`: the caller's unit, or for the TPI the list of units to choose from."""
    me = context.me
    message = update.effective_message
    assert me is not None and message is not None
    if me.unit_id is not None:
        unit = await queries.units.existing_unit(context, me.unit_id)
        await send_text(context.bot, me.telegram_id, await _text(context, unit))
        return
    if may(me.role, Permission.SCORE):
        text, keyboard = await units_screen(context)
        await message.reply_text(_("Pilih unit untuk melihat statusnya:") + "\n\n" + text,
                                 reply_markup=keyboard)
        return
    await message.reply_text(_("Status tersedia untuk pegawai unit dan TPI; admin melihat "
                               "unit lewat /unit."))


@action("myst", Permission.SIGN_PACT)
async def my_status_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The caller's own unit's status (sent as a new message: it is long)."""
    me = context.me
    assert update.callback_query is not None and me is not None and me.unit_id is not None
    unit = await queries.units.existing_unit(context, me.unit_id)
    await answer(update.callback_query)
    await send_text(context.bot, me.telegram_id, await _text(context, unit))


@action("st", Permission.SCORE)
async def status_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """A unit's status for the TPI (sent as a new message: it is long)."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await answer(query)
    keyboard = markup([[context.buttons.button(_("« Kembali ke penilaian"), "nu",
                                                    unit.id)]])
    await send_text(context.bot, me.telegram_id, await _text(context, unit), keyboard)
