"""What the unit's screens share: the caller's unit and the LKE in force."""

from __future__ import annotations

from bot.actions import Stale
from bot.context import ZiContext
from zi_core import queries
from zi_core.domain.unit import UnitDTO


async def my_unit(context: ZiContext) -> UnitDTO:
    """The caller's unit (unit roles only; the action's permission ensures that)."""
    me = context.me
    if me is None or me.unit_id is None:
        raise Stale("no unit")
    unit = await queries.units.unit(context, me.unit_id)
    if unit is None:
        raise Stale(me.unit_id)
    return unit
