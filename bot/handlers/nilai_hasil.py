"""The Hasil component on `/nilai`: the TPI enters the IPAK and IPKP survey scores
(0,00–4,00) and the capaian kinerja (A–E) of a unit for this year."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from telegram import Update

from bot import callback, pending
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.i18n import _, number
from bot.keyboards import markup
from bot.messaging import answer, send_text, show
from bot.screens.nilai import evaluable_unit
from bot.views import nilai as view
from bot.views.common import crumbs
from zi_core.domain.roles import Permission
from zi_core.domain.unit import UnitDTO
from zi_core.services import evaluasi, prasyarat


async def _hasil_screen(context: ZiContext, unit: UnitDTO) -> tuple:
    async with context.reading() as session:
        hasil = await prasyarat.hasil_for(session, unit.id, context.today().year)
        final = await evaluasi.is_final(session, unit.id)
    buttons = context.buttons

    def shown(value: Fraction | None) -> str:
        return number(value) if value is not None else "—"

    lines = [crumbs(unit.name, _("Komponen Hasil"), str(context.today().year)),
             _("IPAK (0,00–4,00): {value}").format(value=shown(hasil.ipak)),
             _("IPKP (0,00–4,00): {value}").format(value=shown(hasil.ipkp)),
             _("Capaian kinerja (A–E): {value}").format(value=hasil.kinerja or "—")]
    rows = []
    if not final:
        rows.append([buttons.button(_("✏️ IPAK"), "nhs", unit.id, "ipak"),
                     buttons.button(_("✏️ IPKP"), "nhs", unit.id, "ipkp")])
        rows.append([buttons.button(("✅ " if hasil.kinerja == k else "") + k, "nhk", unit.id,
                                    k) for k in "ABCDE"])
    rows.append([buttons.back("nu", unit.id)])
    return "\n".join(lines), markup(rows)


@action("nh", Permission.SCORE)
async def hasil_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """The Hasil component of the unit."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await show(update.callback_query, *await _hasil_screen(context, unit))


@action("nhk", Permission.SCORE)
async def kinerja_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Capaian kinerja A–E."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    try:
        async with context.transaction() as session:
            await prasyarat.set_hasil(session, me, unit.id, context.today().year,
                                      kinerja=pressed.arg(1))
    except prasyarat.PrasyaratRefused as exc:
        await answer(query, view.refused(exc.reason), alert=True)
        return
    await show(query, *await _hasil_screen(context, unit), _("Tersimpan ✅"))


@action("nhs", Permission.SCORE)
async def survey_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask for a survey score."""
    query = update.callback_query
    assert query is not None and context.me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    key = pressed.arg(1)
    if key not in ("ipak", "ipkp"):
        raise Stale(key)
    await pending.ask(context, "nhsv", unit.id, key)
    await answer(query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis nilai {name} (0,00 sampai 4,00), misalnya 3,60, atau /batal.")
                    .format(name=key.upper()))


@pending.expects("nhsv", Permission.SCORE)
async def survey_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """The typed survey score (Indonesian comma or point)."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    unit = await evaluable_unit(context, int(args[0]))
    text = (message.text or "").strip().replace(",", ".")
    try:
        value = Decimal(text)
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        await message.reply_text(view.refused("range") + "\n" + _("Coba lagi, atau /batal."))
        return
    try:
        async with context.transaction(answered=True) as session:
            await prasyarat.set_hasil(session, me, unit.id, context.today().year,
                                      **{args[1]: value})
    except prasyarat.PrasyaratRefused as exc:
        await message.reply_text(view.refused(exc.reason) + "\n" + _("Coba lagi, atau /batal."))
        return
    screen, keyboard = await _hasil_screen(context, unit)
    await message.reply_text(_("Tersimpan ✅") + "\n\n" + screen, reply_markup=keyboard)
