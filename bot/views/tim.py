"""Screens of the tim kerja: the teams per area and who coordinates them."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _
from bot.keyboards import Buttons, markup
from bot.views.common import crumbs
from bot.views.html import html
from zi_core.domain.people import UserDTO
from zi_core.domain.tim import TeamMemberDTO
from zi_core.domain.unit import UnitDTO
from zi_core.lke.model import Lke


def areas(unit: UnitDTO, lke: Lke, teams: dict[str, list[TeamMemberDTO]],
          people: dict[int, UserDTO], buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """Each area with its team size and coordinator."""
    lines = [crumbs(_("Tim kerja"), unit.name),
             _("Bentuk tim per area perubahan dan tunjuk koordinatornya (Perbup 49/2022 "
               "Pasal 5).")]
    rows = []
    for area in lke.areas:
        team = teams.get(area.key, [])
        chief = next((people[m.user_id] for m in team if m.coordinator
                      and m.user_id in people), None)
        lines.append(html(_("{number}. {area}: {count} anggota · koordinator: {chief}"),
                          number=area.number, area=area.name, count=len(team),
                          chief=(chief.full_name or "—") if chief else _("belum ada")))
        rows.append([buttons.button(f"{area.number}. {area.name}"[:60], "tma", area.key, 0)])
    rows.append([buttons.back()])
    return "\n".join(lines), markup(rows)


def area(unit: UnitDTO, lke: Lke, area_key: str, team: list[TeamMemberDTO],
         people: list[UserDTO], page: int, buttons: Buttons
         ) -> tuple[str, InlineKeyboardMarkup]:
    """The unit's users as toggles for one area's team."""
    members = {m.user_id: m for m in team}
    area_obj = lke.area(area_key)
    text = "\n".join([crumbs(unit.name, _("Tim kerja"), area_obj.name if area_obj else ""),
                      _("Tekan nama untuk menambah (✅) atau mengeluarkan dari tim; ⭐ "
                        "koordinator.")])

    def label(person: UserDTO) -> str:
        member = members.get(person.id)
        mark = "⭐" if member and member.coordinator else ("✅" if member else "⬜")
        return f"{mark} {person.full_name or '—'}"[:60]

    rows = buttons.page(people, page, lambda p: buttons.button(label(p), "tmt", area_key,
                                                               p.id, page), "tma", area_key)
    if team:
        rows.append([buttons.button(_("⭐ Tunjuk koordinator"), "tmc", area_key)])
    rows.append([buttons.back("tim")])
    return text, markup(rows)


def coordinator_choice(area_key: str, team: list[TeamMemberDTO], people: dict[int, UserDTO],
                       buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """Which member coordinates the area."""
    rows = [[buttons.button(("⭐ " if m.coordinator else "") + (people[m.user_id].full_name
                                                                 or "—")[:55],
                            "tmcs", area_key, m.user_id)]
            for m in team if m.user_id in people]
    rows.append([buttons.back("tma", area_key, 0)])
    return _("Pilih koordinator area ini:"), markup(rows)
