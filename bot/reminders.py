"""The daily action-plan reminder (Asia/Pontianak): each PIC hears of their items due within
7 days or overdue, each leader gets a digest of the unit's overdue items. A (person, kind,
day) is claimed in the database before sending, so nobody gets the same reminder twice a
day, also when the bot restarts and catches up."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, timedelta

from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import SESSIONS
from bot.i18n import _, day, pick_locale, use_locale
from bot.messaging import send_text
from bot.views.html import html
from zi_core.db.repositories import action_items, reminders, users
from zi_core.domain.people import UserDTO
from zi_core.domain.rencana_aksi import ActionItemDTO
from zi_core.domain.roles import Role

log = logging.getLogger(__name__)

HORIZON = timedelta(days=7)
OVERDUE_FROM = date(2000, 1, 1)
MAX_LINES = 25


def _line(item: ActionItemDTO, today: date) -> str:
    assert item.target_date is not None
    late = item.target_date < today
    mark = "🔴" if late else "🟡"
    return html("{mark} {day} — {text}", mark=mark, day=day(item.target_date),
                text=item.text[:120])


def pic_message(items: list[ActionItemDTO], today: date) -> str:
    """What a PIC is told."""
    lines = [_("⏰ <b>Pengingat rencana aksi</b>"),
             _("Butir yang menjadi tanggung jawab Anda (🔴 lewat target, 🟡 jatuh tempo dalam "
               "7 hari):")]
    lines += [_line(i, today) for i in items[:MAX_LINES]]
    lines.append(_("Buka /rencana untuk memperbarui status dan mengunggah bukti."))
    return "\n".join(lines)


def leader_message(items: list[ActionItemDTO], today: date) -> str:
    """What a leader is told about the unit's overdue items."""
    lines = [_("📋 <b>Ringkasan butir lewat target</b> ({count})").format(count=len(items))]
    lines += [_line(i, today) for i in items[:MAX_LINES]]
    if len(items) > MAX_LINES:
        lines.append(_("… dan {count} lainnya").format(count=len(items) - MAX_LINES))
    lines.append(_("Buka /rencana untuk melihat rinciannya."))
    return "\n".join(lines)


async def send_plan_reminders(application: Application, today: date) -> int:
    """Send today's reminders that were not sent yet; how many people were reached."""
    sessions = application.bot_data[SESSIONS]
    async with sessions() as session:
        due = await action_items.due_between(session, OVERDUE_FROM, today + HORIZON)
    by_pic: dict[int, list[ActionItemDTO]] = defaultdict(list)
    overdue_by_unit: dict[int, list[ActionItemDTO]] = defaultdict(list)
    for item in due:
        if item.pic_user_id is not None:
            by_pic[item.pic_user_id].append(item)
        if item.target_date is not None and item.target_date < today:
            overdue_by_unit[item.unit_id].append(item)
    plans: list[tuple[UserDTO, str, list[ActionItemDTO]]] = []
    async with sessions() as session:
        for user_id, items in by_pic.items():
            person = await users.get(session, user_id)
            if person is not None and person.active:
                plans.append((person, "plan_pic", items))
        for unit_id, items in overdue_by_unit.items():
            for person in await users.list_all(session, role=Role.LEADER, unit_id=unit_id):
                plans.append((person, "plan_leader", items))
    reached = 0
    for person, kind, items in plans:
        async with sessions() as session, session.begin():
            if not await reminders.claim(session, person.id, kind, today):
                continue
        with use_locale(pick_locale(person.locale, None)):
            text = pic_message(items, today) if kind == "plan_pic" else leader_message(
                items, today)
            try:
                reached += await send_text(application.bot, person.telegram_id,
                                           text) is not None
            except TelegramError:
                log.warning("plan reminder to %s failed", person.telegram_id, exc_info=True)
    return reached
