"""Screens of the rencana aksi: areas with progress, indicators, items, planning."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _, day
from bot.keyboards import Buttons, markup
from bot.views.common import STATUS_MARKS, bar, crumbs, status_name
from bot.views.html import html
from zi_core.domain.people import UserDTO
from zi_core.domain.rencana_aksi import ActionItemDTO
from zi_core.domain.statuses import ActionItemStatus
from zi_core.domain.unit import UnitDTO
from zi_core.lke.model import Lke
from zi_core.services.rencana_aksi import Progress

HASIL = "hasil"


def indicator_name(lke: Lke, indicator_id: str) -> str:
    """An indicator's name (a Hasil item's text for the Hasil component)."""
    indicator = lke.indicator(indicator_id)
    if indicator is not None:
        return indicator.name
    item = lke.hasil_item_by_id(indicator_id)
    return item.text if item else indicator_id


def area_name(lke: Lke, area_key: str) -> str:
    """An area's name, or "Komponen Hasil"."""
    area = lke.area(area_key)
    return area.name if area else _("Komponen Hasil")


def area_indicators(lke: Lke, area_key: str) -> list[str]:
    """The indicator ids of an area (Pemenuhan then Reform), or the Hasil items."""
    area = lke.area(area_key)
    if area is None:
        return [item.id for group in lke.hasil for item in group.items]
    return [i.id for half in area.halves for i in half.indicators]


def root(unit: UnitDTO, lke: Lke, progress: dict[str, Progress], buttons: Buttons,
         hint: str | None = None) -> tuple[str, InlineKeyboardMarkup]:
    """The plan's areas with their progress."""
    overall = progress.get("all", Progress(0, 0))
    lines = [crumbs(_("Rencana aksi"), unit.name),
             _("Selesai {done} dari {total} butir").format(done=overall.done,
                                                          total=overall.total),
             bar(overall.percent), ""]
    rows = []
    keys = [area.key for area in lke.areas] + [HASIL]
    for number, key in enumerate(keys, start=1):
        part = progress.get(key, Progress(0, 0))
        name = area_name(lke, key)
        lines.append(html("{number}. {name} — {bar}", number=number, name=name,
                          bar=bar(part.percent)))
        rows.append([buttons.button(f"{number}. {name}"[:60], "ra", key, 0)])
    if hint:
        lines += ["", hint]
    rows.append([buttons.button(_("📄 Unduh rencana aksi (.docx)"), "raexp")])
    rows.append([buttons.back()])
    return "\n".join(lines), markup(rows)


def area(unit: UnitDTO, lke: Lke, area_key: str, items: list[ActionItemDTO], page: int,
         buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """An area's indicators with how many of their items are done."""
    by_indicator: dict[str, list[ActionItemDTO]] = {}
    for item in items:
        by_indicator.setdefault(item.indicator_id, []).append(item)

    def label(indicator_id: str) -> str:
        mine = by_indicator.get(indicator_id, [])
        done = sum(i.status is ActionItemStatus.SELESAI for i in mine)
        mark = "✅" if mine and done == len(mine) else ("⏳" if done else "⬜")
        return f"{mark} {indicator_id} {indicator_name(lke, indicator_id)}"[:60]

    ids = area_indicators(lke, area_key)
    text = "\n".join([crumbs(unit.name, area_name(lke, area_key)), _("Pilih indikator:")])
    rows = buttons.page(ids, page, lambda i: buttons.button(label(i), "rai", i), "ra",
                        area_key)
    rows.append([buttons.back("rencana")])
    return text, markup(rows)


def indicator(unit: UnitDTO, lke: Lke, area_key: str, indicator_id: str,
              items: list[ActionItemDTO], planner: bool, self_assess: bool,
              buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """An indicator's items with their status."""
    mine = [i for i in items if i.indicator_id == indicator_id]
    lines = [crumbs(unit.name, area_name(lke, area_key), indicator_name(lke, indicator_id)),
             _("⬜ belum · ⏳ proses · ✅ selesai")]
    if not mine:
        lines.append(_("Belum ada butir rencana aksi untuk indikator ini."))
    rows = [[buttons.button(f"{STATUS_MARKS[i.status]} {i.text}"[:60], "rit", i.id)]
            for i in mine]
    if planner:
        rows.append([buttons.button(_("➕ Tambah butir sendiri"), "raadd", indicator_id)])
    if self_assess and lke.indicator(indicator_id) is not None:
        rows.append([buttons.button(_("📝 Penilaian mandiri"), "sa", indicator_id)])
    rows.append([buttons.back("ra", area_key, 0)])
    return "\n".join(lines), markup(rows)


def item(unit: UnitDTO, lke: Lke, area_key: str, entry: ActionItemDTO, pic: UserDTO | None,
         evidence_count: int, planner: bool, buttons: Buttons
         ) -> tuple[str, InlineKeyboardMarkup]:
    """One item: what, until when, who, its status and evidence; what can be done."""
    lines = [crumbs(unit.name, area_name(lke, area_key),
                    indicator_name(lke, entry.indicator_id)),
             html("<b>{text}</b>", text=entry.text),
             _("Status: {mark} {status}").format(mark=STATUS_MARKS[entry.status],
                                                 status=status_name(entry.status)),
             _("Target waktu: {date}").format(
                 date=day(entry.target_date) if entry.target_date else _("belum ditetapkan")),
             html(_("PIC: {name}"), name=(pic.full_name or "—") if pic
                  else _("belum ditunjuk")),
             _("Bukti dukung: {count} berkas").format(count=evidence_count)]
    if entry.ra_item_id is None:
        lines.append(_("(butir tambahan unit)"))
    status_row = [buttons.button(f"{STATUS_MARKS[s]} {status_name(s)}", "rst", entry.id,
                                 s.value, entry.version)
                  for s in ActionItemStatus if s is not entry.status]
    rows = [status_row,
            [buttons.button(_("📎 Unggah bukti"), "evup", "i", entry.id)]]
    if evidence_count:
        rows[-1].append(buttons.button(_("📂 Lihat bukti ({count})").format(
            count=evidence_count), "evls", "i", entry.id))
    if planner:
        rows.append([buttons.button(_("📅 Target waktu"), "rtgt", entry.id),
                     buttons.button(_("👤 PIC"), "rpic", entry.id, 0)])
    rows.append([buttons.back("rai", entry.indicator_id)])
    return "\n".join(lines), markup(rows)


def pic_choice(entry: ActionItemDTO, people: list[UserDTO], page: int, buttons: Buttons
               ) -> tuple[str, InlineKeyboardMarkup]:
    """Whom to make the item's PIC."""
    text = "\n".join([html("<b>{text}</b>", text=entry.text), _("Pilih PIC butir ini:")])
    rows = buttons.page(people, page, lambda u: buttons.button(
        (u.full_name or "—")[:60], "rpics", entry.id, u.id), "rpic", entry.id)
    rows.append([buttons.back("rit", entry.id)])
    return text, markup(rows)


def refused(reason: str) -> str:
    """Why a change to the plan was not made."""
    texts = {
        "no_evidence": _("Butir hanya dapat ditandai selesai setelah ada minimal satu bukti "
                         "dukung. Tekan 📎 Unggah bukti lebih dulu."),
        "stale": _("Butir ini baru saja diubah orang lain; layar sudah diperbarui."),
        "not_planner": _("Hanya pimpinan unit atau koordinator area yang dapat mengatur "
                         "target dan PIC."),
        "past": _("Target waktu tidak boleh sebelum hari ini."),
        "pic_outside": _("PIC harus pegawai aktif unit ini."),
        "too_short": _("Uraian butir terlalu pendek (minimal 5 karakter)."),
        "too_long": _("Uraian butir terlalu panjang (maksimal 500 karakter)."),
    }
    return texts.get(reason, _("Perubahan itu tidak dapat dilakukan."))
