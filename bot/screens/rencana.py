"""The rencana aksi screens shown after other steps too: one item of the caller's unit."""

from __future__ import annotations

from bot.context import ZiContext
from bot.screens.unit import my_unit
from bot.views import rencana as view
from zi_core.db.repositories import evidence, users
from zi_core.services import rencana_aksi


async def item_screen(context: ZiContext, item_id: int) -> tuple:
    """One item of the caller's unit (NotFound for another unit's)."""
    me = context.me
    assert me is not None
    lke = context.lke
    unit = await my_unit(context)
    async with context.reading() as session:
        entry = await rencana_aksi.item_for(session, me, item_id)
        area_key = rencana_aksi.area_of(entry.indicator_id, lke)
        planner = await rencana_aksi.can_plan(session, me, area_key)
        pic = await users.get(session, entry.pic_user_id) if entry.pic_user_id else None
        count = (await evidence.count_by_item(session, unit.id)).get(entry.id, 0)
    return view.item(unit, lke, area_key, entry, pic, count, planner, context.buttons)
