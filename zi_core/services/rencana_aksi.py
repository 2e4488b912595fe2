"""The rencana aksi (Pasal 5(5)-(6), Lampiran I): every unit's checklist of actions.

A unit's plan starts with every Lampiran I item of the LKE in force (created the first time
the plan is opened, and completed when a new LKE version adds items); the leader or the
area's coordinator sets target dates and PICs and may add the unit's own items; the unit's
users move items through belum → proses → selesai, and selesai needs evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import action_items, audit, evidence, tim, units, users
from zi_core.domain.errors import NotFound
from zi_core.domain.people import UserDTO
from zi_core.domain.rencana_aksi import ActionItemDTO
from zi_core.domain.roles import Role
from zi_core.domain.statuses import ActionItemStatus
from zi_core.domain.unit_life import Event, after
from zi_core.lke.model import Lke

MAX_OWN_TEXT = 500


class PlanRefused(ValueError):
    """A change to the plan that cannot be made; `reason` picks the user's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def area_of(indicator_id: str, lke: Lke) -> str:
    """The area key an indicator belongs to ("hasil" for the Hasil component)."""
    indicator = lke.indicator(indicator_id)
    return indicator.area_key if indicator else "hasil"


async def plan(session: AsyncSession, unit_id: int, lke: Lke) -> list[ActionItemDTO]:
    """The unit's plan, with any Lampiran I item it does not have yet created first."""
    rows = await action_items.for_unit(session, unit_id)
    have = {row.ra_item_id for row in rows}
    missing = [(i.id, i.indicator_id, i.text) for i in lke.rencana_aksi if i.id not in have]
    if missing:
        await action_items.ensure(session, unit_id, missing)
        rows = await action_items.for_unit(session, unit_id)
    return rows


async def item_for(session: AsyncSession, actor: UserDTO, item_id: int) -> ActionItemDTO:
    """An item the actor's unit owns; NotFound for anything else (no hint it exists)."""
    item = await action_items.get(session, item_id)
    if item is None or actor.unit_id != item.unit_id:
        raise NotFound("action item", item_id)
    return item


async def can_plan(session: AsyncSession, actor: UserDTO, area_key: str) -> bool:
    """The leader, or the coordinator of the area's team, sets targets and PICs."""
    if actor.role is Role.LEADER:
        return True
    if actor.unit_id is None:
        return False
    return any(m.area_key == area_key and m.user_id == actor.id and m.coordinator
               for m in await tim.members(session, actor.unit_id))


async def set_status(session: AsyncSession, actor: UserDTO, item_id: int,
                     status: ActionItemStatus, version: int | None = None) -> ActionItemDTO:
    """Move an item to `status`; selesai needs at least one piece of evidence."""
    item = await item_for(session, actor, item_id)
    status = ActionItemStatus(status)
    if version is not None and version != item.version:
        raise PlanRefused("stale")
    if item.status is status:
        return item
    if status is ActionItemStatus.SELESAI:
        counts = await evidence.count_by_item(session, item.unit_id)
        if not counts.get(item.id):
            raise PlanRefused("no_evidence")
    changed = await action_items.change(session, item.id, status=status.value)
    await _advance_unit(session, item.unit_id)
    await audit.append(session, action="rencana_aksi.status", entity="action_item",
                       entity_id=item.id, actor=actor,
                       payload={"before": item.status.value, "after": status.value})
    return changed


async def set_target(session: AsyncSession, actor: UserDTO, item_id: int, target: date,
                     today: date, lke: Lke) -> ActionItemDTO:
    """Set an item's TARGET WAKTU PELAKSANAAN (not in the past)."""
    item = await item_for(session, actor, item_id)
    if not await can_plan(session, actor, area_of(item.indicator_id, lke)):
        raise PlanRefused("not_planner")
    if target < today:
        raise PlanRefused("past")
    changed = await action_items.change(session, item.id, target_date=target)
    await audit.append(session, action="rencana_aksi.target", entity="action_item",
                       entity_id=item.id, actor=actor,
                       payload={"before": item.target_date.isoformat() if item.target_date
                                else None, "after": target.isoformat()})
    return changed


async def set_pic(session: AsyncSession, actor: UserDTO, item_id: int, pic_user_id: int,
                  lke: Lke) -> ActionItemDTO:
    """Make a user of the unit the item's PIC."""
    item = await item_for(session, actor, item_id)
    if not await can_plan(session, actor, area_of(item.indicator_id, lke)):
        raise PlanRefused("not_planner")
    pic = await users.get(session, pic_user_id)
    if pic is None or pic.unit_id != item.unit_id or not pic.active:
        raise PlanRefused("pic_outside")
    changed = await action_items.change(session, item.id, pic_user_id=pic.id)
    await audit.append(session, action="rencana_aksi.pic", entity="action_item",
                       entity_id=item.id, actor=actor,
                       payload={"before": item.pic_user_id, "after": pic.id})
    return changed


async def add_own_item(session: AsyncSession, actor: UserDTO, indicator_id: str, text: str,
                       lke: Lke) -> ActionItemDTO:
    """Add one of the unit's own actions under an indicator of the LKE."""
    if actor.unit_id is None or not await can_plan(session, actor,
                                                   area_of(indicator_id, lke)):
        raise PlanRefused("not_planner")
    if lke.indicator(indicator_id) is None and lke.hasil_item_by_id(indicator_id) is None:
        raise NotFound("indicator", indicator_id)
    text = " ".join(text.split())
    if len(text) < 5:
        raise PlanRefused("too_short")
    if len(text) > MAX_OWN_TEXT:
        raise PlanRefused("too_long")
    item = await action_items.add_own(session, actor.unit_id, indicator_id, text)
    await audit.append(session, action="rencana_aksi.added", entity="action_item",
                       entity_id=item.id, actor=actor,
                       payload={"indicator_id": indicator_id, "text": text})
    return item


async def _advance_unit(session: AsyncSession, unit_id: int) -> None:
    unit = await units.get(session, unit_id)
    if unit is not None:
        status = after(Event.PLAN_WORK, unit.status)
        if status is not unit.status:
            await units.set_status(session, unit_id, status)


@dataclass(frozen=True)
class Progress:
    """Items done out of all, as a fraction for bars."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress(items: list[ActionItemDTO], lke: Lke) -> dict[str, Progress]:
    """Progress per area key (and "hasil"), plus "all"."""
    tally: dict[str, list[int]] = {}
    for item in items:
        for key in (area_of(item.indicator_id, lke), "all"):
            counts = tally.setdefault(key, [0, 0])
            counts[0] += item.status is ActionItemStatus.SELESAI
            counts[1] += 1
    return {key: Progress(done, total) for key, (done, total) in tally.items()}
