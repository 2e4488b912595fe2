"""`/tim`: the leader forms a team per area of change, with a coordinator."""

from __future__ import annotations

from telegram import Update

from bot import callback
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import answer, show
from bot.screens.unit import my_unit
from bot.views import tim as view
from zi_core import queries
from zi_core.domain.roles import Permission, may
from zi_core.services import tim


async def _people(context: ZiContext, unit_id: int):
    people = await queries.people.people(context, unit_id=unit_id, registered=True)
    async with context.reading() as session:
        teams = await tim.teams(session, unit_id)
    return people, teams


async def _areas_screen(context: ZiContext) -> tuple:
    unit = await my_unit(context)
    people, teams = await _people(context, unit.id)
    return view.areas(unit, context.lke, teams, {p.id: p for p in people},
                      context.buttons)


async def tim_command(update: Update, context: ZiContext) -> None:
    """`/tim`."""
    assert update.effective_message is not None
    if context.me is None or not may(context.me.role, Permission.LEAD_UNIT):
        await update.effective_message.reply_text(
            _("Tim kerja dibentuk oleh pimpinan unit kerja."))
        return
    text, keyboard = await _areas_screen(context)
    await update.effective_message.reply_text(text, reply_markup=keyboard)


@action("tim", Permission.LEAD_UNIT)
async def tim_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await _areas_screen(context))


def _area(context: ZiContext, key: str) -> str:
    if context.lke.area(key) is None:
        raise Stale(key)
    return key


async def _area_screen(context: ZiContext, area_key: str, page: int) -> tuple:
    unit = await my_unit(context)
    people, teams = await _people(context, unit.id)
    return view.area(unit, context.lke, area_key, teams.get(area_key, []), people,
                     page, context.buttons)


@action("tma", Permission.LEAD_UNIT)
async def area_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One area's team."""
    assert update.callback_query is not None
    await show(update.callback_query,
               *await _area_screen(context, _area(context, pressed.arg(0)), pressed.int_arg(1)))


@action("tmt", Permission.LEAD_UNIT)
async def toggle_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Add a user to the area's team or take them off."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    area_key = _area(context, pressed.arg(0))
    if not context.already_applied:
        try:
            async with context.transaction() as session:
                await tim.toggle_member(session, me, area_key, pressed.int_arg(1))
        except tim.TeamRefused:
            raise Stale(pressed.arg(1)) from None
    await show(query, *await _area_screen(context, area_key, pressed.int_arg(2)),
               _("Tersimpan ✅"))


@action("tmc", Permission.LEAD_UNIT)
async def coordinator_button(update: Update, context: ZiContext,
                             pressed: callback.Callback) -> None:
    """Choose the area's coordinator among its members."""
    assert update.callback_query is not None
    area_key = _area(context, pressed.arg(0))
    unit = await my_unit(context)
    people, teams = await _people(context, unit.id)
    await show(update.callback_query, *view.coordinator_choice(
        area_key, teams.get(area_key, []), {p.id: p for p in people}, context.buttons))


@action("tmcs", Permission.LEAD_UNIT)
async def coordinator_chosen(update: Update, context: ZiContext,
                             pressed: callback.Callback) -> None:
    """Make the chosen member the coordinator."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    area_key = _area(context, pressed.arg(0))
    try:
        async with context.transaction() as session:
            await tim.make_coordinator(session, me, area_key, pressed.int_arg(1))
    except tim.TeamRefused:
        await answer(query, _("Orang itu bukan anggota tim area ini."), alert=True)
        return
    await show(query, *await _area_screen(context, area_key, 0), _("Tersimpan ✅"))
