"""Reports for the Inspektur: `/ringkasan` (the weekly summary on demand, with the report to
the Bupati and the monitoring list), `/riwayat` (a unit's recent history), and a unit's LKE
workbook for transcription into PMPZI."""

from __future__ import annotations

import asyncio
import io

from telegram import Update

from bot import callback
from bot.actions import action, refuse_command
from bot.context import ZiContext
from bot.i18n import _
from bot.keyboards import markup
from bot.messaging import answer, send_text, show
from bot.screens.nilai import evaluable_unit
from bot.summary import build, deliver
from bot.views.common import crumbs
from bot.views.riwayat import event_line
from zi_core import queries
from zi_core.domain.roles import Permission
from zi_core.reports.bupati_docx import render_bupati_report, render_monitoring_list
from zi_core.reports.summary import eligible_checks
from zi_core.reports.workbook import lke_rows, render_lke_workbook
from zi_core.scorecard import as_json
from zi_core.services import evaluasi, lke_versions, riwayat

MONITORED = ("predikat_wbk", "predikat_wbbm")


def _menu(context: ZiContext):
    buttons = context.buttons
    return markup([[buttons.button(_("📄 Laporan ke Bupati (.docx)"), "rbup")],
                   [buttons.button(_("📋 Daftar pemantauan (.xlsx)"), "rmon")],
                   [buttons.button(_("🕘 Riwayat unit"), "rwy", 0)],
                   [buttons.back()]])


async def ringkasan_command(update: Update, context: ZiContext) -> None:
    """`/ringkasan`: this week's summary now, to the caller only."""
    if await refuse_command(update, context, Permission.RECEIVE_SUMMARY):
        return
    assert update.effective_message is not None
    await update.effective_message.reply_text(_("Menyusun ringkasan…"))
    await _send_summary(context)


async def _send_summary(context: ZiContext) -> None:
    """This week's summary, to the caller only, then the other documents to choose."""
    me = context.me
    assert me is not None
    parts = await build(context.application, context.today())
    await deliver(context.bot, me.telegram_id, parts, me.locale)
    await send_text(context.bot, me.telegram_id, _("Dokumen lain:"), _menu(context))


@action("rsum", Permission.RECEIVE_SUMMARY)
async def ringkasan_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The summary from the main menu."""
    assert update.callback_query is not None
    await answer(update.callback_query, _("Menyusun ringkasan…"))
    await _send_summary(context)


@action("rbup", Permission.RECEIVE_SUMMARY)
async def bupati_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The report to the Bupati (Pasal 7(2)c) with each eligible unit's checks."""
    me = context.me
    assert update.callback_query is not None and me is not None
    await answer(update.callback_query, _("Menyusun laporan…"))
    lke = context.lke
    parts = await build(context.application, context.today())
    async with context.reading() as session:
        checks = await eligible_checks(session, lke, parts.summary, context.today())
    data = await asyncio.to_thread(render_bupati_report, parts.summary, lke, checks,
                                   context.today(), me.full_name, me.nip)
    await context.bot.send_document(me.telegram_id, io.BytesIO(data),
                                    filename=f"laporan-bupati-{context.today()}.docx")


@action("rmon", Permission.RECEIVE_SUMMARY)
async def monitoring_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Units holding a predicate, for periodic monitoring (Pasal 7(2)d)."""
    me = context.me
    assert update.callback_query is not None and me is not None
    await answer(update.callback_query)
    parts = await build(context.application, context.today())
    held = [row for row in parts.summary.units if row.status in MONITORED]
    data = await asyncio.to_thread(render_monitoring_list, held)
    await context.bot.send_document(me.telegram_id, io.BytesIO(data),
                                    filename=f"pemantauan-zi-{context.today()}.xlsx",
                                    caption=_("{count} unit berpredikat").format(
                                        count=len(held)))


async def riwayat_command(update: Update, context: ZiContext) -> None:
    """`/riwayat`: choose a unit, see its recent history."""
    if await refuse_command(update, context, Permission.RECEIVE_SUMMARY):
        return
    assert update.effective_message is not None
    text, keyboard = await _units(context, 0)
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def _units(context: ZiContext, page: int) -> tuple:
    found = await queries.units.every_unit(context)
    buttons = context.buttons
    rows = buttons.page(found, page, lambda u: buttons.button(f"{u.code} — {u.name}"[:60],
                                                             "rwyu", u.id), "rwy")
    rows.append([buttons.back()])
    return _("<b>Riwayat</b> — pilih unit:"), markup(rows)


@action("rwy", Permission.RECEIVE_SUMMARY)
async def riwayat_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await _units(context, pressed.int_arg(0)))


@action("rwyu", Permission.RECEIVE_SUMMARY)
async def riwayat_unit(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """The unit's last 20 events: who did what, when."""
    assert update.callback_query is not None
    unit = await queries.units.existing_unit(context, pressed.int_arg(0))
    async with context.reading() as session:
        events = await riwayat.recent_history(session, unit.id)
    people = {u.id: u.full_name or "—"
              for u in await queries.people.people(context, active_only=False)}
    lines = [crumbs(_("Riwayat"), unit.name)]
    if not events:
        lines.append(_("Belum ada kegiatan tercatat."))
    lines += [event_line(event, people.get(event.actor_user_id or -1, _("sistem")))
              for event in events]
    buttons = context.buttons
    await show(update.callback_query, "\n".join(lines),
               markup([[buttons.back("rwy", 0)]]))


@action("nlke", Permission.SCORE)
async def lke_workbook_button(update: Update, context: ZiContext,
                              pressed: callback.Callback) -> None:
    """The unit's LKE workbook in the official order, for transcription into PMPZI."""
    me = context.me
    assert update.callback_query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await answer(update.callback_query, _("Menyusun buku kerja…"))
    async with context.reading() as session:
        lke = await lke_versions.for_evaluation(session, unit.id, context.lke)
        rows = await lke_rows(session, lke, unit.id)
        figures = as_json(await evaluasi.unit_assessment(session, lke, unit.id,
                                                         context.today()))
    data = await asyncio.to_thread(render_lke_workbook, unit.name, rows, figures)
    await context.bot.send_document(me.telegram_id, io.BytesIO(data),
                                    filename=f"lke-{unit.code}-{context.today()}.xlsx")

