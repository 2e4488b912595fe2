"""`/pakta`: read and sign the pakta integritas; the leader's coverage, reminders and the
pencanangan with its list of signatories."""

from __future__ import annotations

import io
from datetime import date, datetime
from fractions import Fraction

from telegram import Update

from bot import callback, outbox, pending
from bot.actions import Stale, action, refuse_command
from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import answer, refuse_input, send_text, show
from bot.parsing import ParseError, day, whole_number
from bot.screens.unit import my_unit
from bot.views import pakta as view
from bot.views.html import html
from zi_core import queries
from zi_core.domain.roles import Permission, Role
from zi_core.domain.unit import UnitDTO
from zi_core.reports.pakta_docx import Signatory, SignatoryList, render_signatories
from zi_core.services import pakta


def _template(context: ZiContext) -> str:
    return pakta.load_template(context.settings.pakta_template)


async def _pact_screen(context: ZiContext) -> tuple:
    me = context.me
    assert me is not None
    unit = await my_unit(context)
    signed_at = await queries.pakta.signed_at(context, me.id)
    text = pakta.render(_template(context), me, unit)
    return view.pact(text, signed_at, me.role is Role.LEADER, context.buttons)


async def pakta_command(update: Update, context: ZiContext) -> None:
    """`/pakta`."""
    assert update.effective_message is not None
    if await refuse_command(update, context, Permission.SIGN_PACT,
                            why=_("Pakta integritas ditandatangani oleh pegawai unit kerja.")):
        return
    text, keyboard = await _pact_screen(context)
    await update.effective_message.reply_text(text, reply_markup=keyboard)


@action("pakta", Permission.SIGN_PACT)
async def pakta_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The pact, from the menu."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _pact_screen(context))


@action("psign", Permission.SIGN_PACT)
async def sign_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Sign the pact as shown (signing twice is one signature)."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await my_unit(context)
    text = pakta.render(_template(context), me, unit)
    async with context.transaction() as session:
        created = await pakta.sign(session, me, unit, text, query.message.chat.id
                                   if query.message else me.telegram_id)
    toast = _("Pakta integritas ditandatangani ✅") if created else _("Sudah ditandatangani.")
    text, keyboard = await _pact_screen(context)
    await show(query, text, keyboard, toast)


async def _coverage_screen(context: ZiContext) -> tuple:
    unit = await my_unit(context)
    async with context.reading() as session:
        cover = await pakta.coverage(session, unit)
    return view.coverage(unit, cover, context.buttons)


@action("pcov", Permission.LEAD_UNIT)
async def coverage_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The unit's pact coverage."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _coverage_screen(context))


@action("premind", Permission.LEAD_UNIT)
async def remind_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Remind every unit user who has not signed (once a day each)."""
    query = update.callback_query
    assert query is not None
    unit = await my_unit(context)
    async with context.transaction() as session:
        due = await pakta.claim_reminders(session, unit, context.today())
        await outbox.owe(session, context, due, view.reminder, "premind")
    await answer(query, _("Pengingat dikirim ke {count} orang.").format(count=len(due))
                 if due else _("Semua sudah diingatkan hari ini."), alert=True)


@action("phead", Permission.LEAD_UNIT)
async def headcount_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Ask for the unit's number of employees."""
    assert update.callback_query is not None
    await pending.ask(context, "headcount")
    await answer(update.callback_query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis jumlah seluruh pegawai unit (angka), atau /batal."))


@pending.expects("headcount", Permission.LEAD_UNIT)
async def headcount_typed(update: Update, context: ZiContext, _args: tuple[str, ...]) -> None:
    """The typed headcount."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    try:
        number = whole_number(message.text or "", 1, 100_000)
    except ParseError:
        await message.reply_text(view.refused("headcount", 50))
        return
    unit = await my_unit(context)
    async with context.transaction(answered=True) as session:
        await pakta.set_headcount(session, me, unit, number)
    text, keyboard = await _coverage_screen(context)
    await message.reply_text(text, reply_markup=keyboard)


@action("pcan", Permission.LEAD_UNIT)
async def pencanangan_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Choose the pencanangan date."""
    assert update.callback_query is not None
    await show(update.callback_query, *view.pencanangan_date(context.today(),
                                                             context.buttons))


@action("pcanx", Permission.LEAD_UNIT)
async def other_date_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Ask for the pencanangan date as text."""
    assert update.callback_query is not None and context.me is not None
    await pending.ask(context, "pcandate")
    await answer(update.callback_query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis tanggal pencanangan, misalnya 17-08-2026, atau /batal."))


@action("pcand", Permission.LEAD_UNIT)
async def date_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """The pencanangan on the date of the button."""
    try:
        chosen = datetime.strptime(pressed.arg(0), "%Y%m%d").date()
    except ValueError as exc:
        raise Stale(pressed.arg(0)) from exc
    await _declare(update, context, chosen)


@pending.expects("pcandate", Permission.LEAD_UNIT)
async def date_typed(update: Update, context: ZiContext, _args: tuple[str, ...]) -> None:
    """The pencanangan on a typed date."""
    message = update.effective_message
    assert message is not None
    try:
        chosen = day(message.text or "")
    except ParseError:
        await message.reply_text(_("Tanggal tidak dikenali. Tulis seperti 17-08-2026, "
                                   "atau /batal."))
        return
    await _declare(update, context, chosen)


def _min_share(context: ZiContext) -> Fraction:
    return Fraction(context.settings.pakta_min_share)


async def _declare(update: Update, context: ZiContext, on: date) -> None:
    me = context.me
    assert me is not None
    unit = await my_unit(context)
    share = _min_share(context)
    try:
        if context.already_applied:
            declared = unit
        else:
            async with context.transaction(answered=True) as session:
                declared = await pakta.declare_pencanangan(session, me, unit, on,
                                                           context.today(), share)
    except pakta.PaktaRefused as exc:
        await refuse_input(update, view.refused(exc.reason, round(100 * share)))
        return
    if update.callback_query is not None:
        await answer(update.callback_query, _("Tersimpan ✅"))
    await send_text(context.bot, me.telegram_id, view.declared(declared))
    await _send_signatories(context, declared)


@action("pdoc", Permission.LEAD_UNIT)
async def signatories_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The list of signatories as a .docx."""
    assert update.callback_query is not None
    await answer(update.callback_query)
    await _send_signatories(context, await my_unit(context))


async def _send_signatories(context: ZiContext, unit: UnitDTO) -> None:
    me = context.me
    assert me is not None
    async with context.reading() as session:
        cover = await pakta.coverage(session, unit)
    leaders = [u for u, _at in cover.signed if u.role is Role.LEADER]
    head = leaders[0] if leaders else (me if me.role is Role.LEADER else None)
    document = SignatoryList(
        unit_name=unit.name, pencanangan_date=unit.pencanangan_date,
        signatories=[Signatory(u.full_name or "", u.nip, u.jabatan, at)
                     for u, at in sorted(cover.signed, key=lambda pair: pair[1])],
        headcount=cover.headcount, head_name=head.full_name if head else None,
        head_nip=head.nip if head else None)
    data = render_signatories(document)
    await context.bot.send_document(
        me.telegram_id, io.BytesIO(data), filename=f"penandatangan-pakta-{unit.code}.docx",
        caption=html(_("Daftar penandatangan pakta integritas — {unit}"), unit=unit.name))
