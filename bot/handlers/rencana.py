"""`/rencana`: the unit's action plan as a checklist — areas, indicators, items, planning,
and the Lampiran I export."""

from __future__ import annotations

import io

from telegram import Update

from bot import callback, pending
from bot.actions import Stale, action, refuse_command
from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import answer, send_text, show
from bot.parsing import ParseError, day
from bot.screens.rencana import item_screen
from bot.screens.unit import my_unit
from bot.views import rencana as view
from bot.views.html import html
from zi_core import queries
from zi_core.domain.errors import NotFound
from zi_core.domain.roles import Permission, Role, may
from zi_core.domain.statuses import ActionItemStatus
from zi_core.reports.rencana_aksi_docx import PlanRow, RencanaAksiDocument, render_rencana_aksi
from zi_core.services import rencana_aksi


async def _items(context: ZiContext):
    unit = await my_unit(context)
    async with context.transaction() as session:  # may create the Lampiran I rows
        items = await rencana_aksi.plan(session, unit.id, context.lke)
    return unit, items


async def root_screen(context: ZiContext, hint: str | None = None) -> tuple:
    """The plan's first screen."""
    unit, items = await _items(context)
    lke = context.lke
    return view.root(unit, lke, rencana_aksi.progress(items, lke), context.buttons, hint)


async def rencana_command(update: Update, context: ZiContext) -> None:
    """`/rencana` (and `/bukti`, which starts at the same place)."""
    message = update.effective_message
    assert message is not None
    if await refuse_command(update, context, Permission.WORK_ACTION_PLAN,
                            why=_("Rencana aksi dikerjakan oleh pegawai unit kerja.")):
        return
    hint = None
    if message.text and message.text.startswith("/bukti"):
        hint = _("Untuk mengunggah bukti dukung: pilih area, indikator dan butir, lalu tekan "
                 "📎 Unggah bukti.")
    text, keyboard = await root_screen(context, hint)
    await message.reply_text(text, reply_markup=keyboard)


@action("rencana", Permission.WORK_ACTION_PLAN)
async def root_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await root_screen(context))


def _area_key(context: ZiContext, key: str) -> str:
    if key != view.HASIL and context.lke.area(key) is None:
        raise Stale(key)
    return key


@action("ra", Permission.WORK_ACTION_PLAN)
async def area_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """An area's indicators."""
    assert update.callback_query is not None
    key = _area_key(context, pressed.arg(0))
    unit, items = await _items(context)
    await show(update.callback_query, *view.area(unit, context.lke, key, items,
                                                 pressed.int_arg(1), context.buttons))


async def _indicator_screen(context: ZiContext, indicator_id: str) -> tuple:
    lke = context.lke
    if lke.indicator(indicator_id) is None and lke.hasil_item_by_id(indicator_id) is None:
        raise Stale(indicator_id)
    me = context.me
    assert me is not None
    unit, items = await _items(context)
    area_key = rencana_aksi.area_of(indicator_id, lke)
    async with context.reading() as session:
        planner = await rencana_aksi.can_plan(session, me, area_key)
    return view.indicator(unit, lke, area_key, indicator_id, items, planner,
                          may(me.role, Permission.SELF_ASSESS), context.buttons)


@action("rai", Permission.WORK_ACTION_PLAN)
async def indicator_button(update: Update, context: ZiContext,
                           pressed: callback.Callback) -> None:
    """An indicator's items."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _indicator_screen(context, pressed.arg(0)))


@action("rit", Permission.WORK_ACTION_PLAN)
async def item_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One item."""
    assert update.callback_query is not None
    await show(update.callback_query, *await item_screen(context, pressed.int_arg(0)))


@action("rst", Permission.WORK_ACTION_PLAN)
async def status_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Move an item to belum / proses / selesai (selesai needs evidence)."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    item_id = pressed.int_arg(0)
    try:
        status = ActionItemStatus(pressed.arg(1))
    except ValueError as exc:
        raise Stale(pressed.arg(1)) from exc
    toast = _("Tersimpan ✅")
    if not context.already_applied:
        try:
            async with context.transaction() as session:
                await rencana_aksi.set_status(session, me, item_id, status,
                                              version=pressed.int_arg(2))
        except rencana_aksi.PlanRefused as exc:
            await show(query, *await item_screen(context, item_id), view.refused(exc.reason),
                       alert=True)
            return
    await show(query, *await item_screen(context, item_id), toast)


@action("rtgt", Permission.WORK_ACTION_PLAN)
async def target_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask for the item's target date."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    async with context.reading() as session:
        entry = await rencana_aksi.item_for(session, me, pressed.int_arg(0))
        allowed = await rencana_aksi.can_plan(
            session, me, rencana_aksi.area_of(entry.indicator_id, context.lke))
    if not allowed:
        await answer(query, view.refused("not_planner"), alert=True)
        return
    await pending.ask(context, "target", entry.id)
    await answer(query)
    await send_text(context.bot, me.telegram_id,
                    html(_("Tulis target waktu pelaksanaan untuk “{text}”, misalnya 31-12-2026, "
                           "atau /batal."), text=entry.text[:200]))


@pending.expects("target", Permission.WORK_ACTION_PLAN)
async def target_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """The typed target date."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    try:
        target = day(message.text or "")
    except ParseError:
        await message.reply_text(_("Tanggal tidak dikenali. Tulis seperti 31-12-2026, "
                                   "atau /batal."))
        return
    item_id = int(args[0])
    try:
        async with context.transaction(answered=True) as session:
            await rencana_aksi.set_target(session, me, item_id, target, context.today(),
                                          context.lke)
    except rencana_aksi.PlanRefused as exc:
        await message.reply_text(view.refused(exc.reason) + "\n" + _("Coba lagi, atau /batal."))
        return
    text, keyboard = await item_screen(context, item_id)
    await message.reply_text(text, reply_markup=keyboard)


@action("rpic", Permission.WORK_ACTION_PLAN)
async def pic_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Choose the item's PIC among the unit's users."""
    me = context.me
    assert update.callback_query is not None and me is not None
    async with context.reading() as session:
        entry = await rencana_aksi.item_for(session, me, pressed.int_arg(0))
    people = await queries.people.people(context, unit_id=me.unit_id, registered=True)
    await show(update.callback_query, *view.pic_choice(entry, people, pressed.int_arg(1),
                                                       context.buttons))


@action("rpics", Permission.WORK_ACTION_PLAN)
async def pic_chosen(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Make the chosen user the PIC."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    item_id = pressed.int_arg(0)
    try:
        async with context.transaction() as session:
            await rencana_aksi.set_pic(session, me, item_id, pressed.int_arg(1),
                                       context.lke)
    except rencana_aksi.PlanRefused as exc:
        await answer(query, view.refused(exc.reason), alert=True)
        return
    await show(query, *await item_screen(context, item_id), _("Tersimpan ✅"))


@action("raadd", Permission.WORK_ACTION_PLAN)
async def add_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask for the text of the unit's own item."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    indicator_id = pressed.arg(0)
    lke = context.lke
    async with context.reading() as session:
        allowed = await rencana_aksi.can_plan(session, me,
                                              rencana_aksi.area_of(indicator_id, lke))
    if not allowed:
        await answer(query, view.refused("not_planner"), alert=True)
        return
    await pending.ask(context, "raown", indicator_id)
    await answer(query)
    await send_text(context.bot, me.telegram_id,
                    _("Tulis uraian butir rencana aksi tambahan untuk indikator {name}, "
                      "atau /batal.").format(name=view.indicator_name(lke, indicator_id)))


@pending.expects("raown", Permission.WORK_ACTION_PLAN)
async def own_item_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """The typed text of the unit's own item."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    try:
        async with context.transaction(answered=True) as session:
            entry = await rencana_aksi.add_own_item(session, me, args[0], message.text or "",
                                                    context.lke)
    except rencana_aksi.PlanRefused as exc:
        await message.reply_text(view.refused(exc.reason) + "\n" + _("Coba lagi, atau /batal."))
        return
    except NotFound:
        await message.reply_text(_("Indikator itu tidak dikenal. Buka /rencana lagi."))
        return
    text, keyboard = await item_screen(context, entry.id)
    await message.reply_text(_("Butir ditambahkan ✅") + "\n\n" + text, reply_markup=keyboard)


@action("raexp", Permission.WORK_ACTION_PLAN)
async def export_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The unit's action plan as a .docx in the Lampiran I layout."""
    me = context.me
    assert update.callback_query is not None and me is not None
    await answer(update.callback_query, _("Menyiapkan dokumen…"))
    unit, items = await _items(context)
    people = {u.id: u for u in await queries.people.people(context, unit_id=unit.id,
                                                           active_only=False)}
    leaders = [u for u in people.values() if u.role is Role.LEADER and u.active]
    head = leaders[0] if leaders else None
    rows = [PlanRow(i.indicator_id, i.text, i.target_date,
                    people[i.pic_user_id].full_name if i.pic_user_id in people else None,
                    i.status.value, own=i.ra_item_id is None) for i in items]
    document = RencanaAksiDocument(unit_name=unit.name, rows=rows, lke=context.lke,
                                   head_name=head.full_name if head else None,
                                   head_nip=head.nip if head else None,
                                   signed_on=context.today())
    data = render_rencana_aksi(document)
    await context.bot.send_document(me.telegram_id, io.BytesIO(data),
                                    filename=f"rencana-aksi-{unit.code}.docx",
                                    caption=html(_("Rencana aksi {unit} (format Lampiran I)"),
                                                 unit=unit.name))
