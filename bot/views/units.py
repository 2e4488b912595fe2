"""Screens of the regency's units: the list, one unit, and its penetapan."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import N_, _, day, moment
from bot.keyboards import Buttons, markup
from bot.views.common import crumbs
from bot.views.html import html
from zi_core.domain.unit import UnitDTO

STATUS_NAMES = {
    "terdaftar": N_("terdaftar"), "dicanangkan": N_("dicanangkan"),
    "ditetapkan": N_("ditetapkan"), "pembangunan": N_("pembangunan"),
    "evaluasi": N_("evaluasi"), "belum_layak": N_("belum layak"),
    "layak_wbk": N_("layak WBK"), "layak_wbbm": N_("layak WBBM"),
    "predikat_wbk": N_("predikat WBK"), "predikat_wbbm": N_("predikat WBBM"),
}
STATUS_MARKS = {
    "terdaftar": "⬜", "dicanangkan": "🟨", "ditetapkan": "🟧", "pembangunan": "🔨",
    "evaluasi": "⏳", "belum_layak": "❌", "layak_wbk": "✅", "layak_wbbm": "✅",
    "predikat_wbk": "🏅", "predikat_wbbm": "🏆",
}
CRITERIA = (("core_service", N_("Layanan inti (core service)")),
            ("high_risk", N_("Risiko tinggi (pengelola keuangan/pelayanan)")),
            ("wide_impact", N_("Berdampak luas kepada masyarakat")))


def status_label(unit: UnitDTO) -> str:
    """`🟨 dicanangkan` in the current language."""
    return f"{STATUS_MARKS[unit.status.value]} {_(STATUS_NAMES[unit.status.value])}"


def units_page(found: list[UnitDTO], page: int, buttons: Buttons
               ) -> tuple[str, InlineKeyboardMarkup]:
    """The regency's units with their status, paginated; each opens its screen."""
    lines = [_("<b>Unit kerja</b> ({count})").format(count=len(found))]
    if not found:
        lines.append(_("Belum ada unit kerja. Tambahkan dengan perintah "
                       "<code>zi-bot unit add</code> atau <code>zi-bot import units</code>."))
    rows = buttons.page(found, page, lambda u: buttons.button(
        f"{STATUS_MARKS[u.status.value]} {u.code} — {u.name}"[:60], "unitd", u.id), "units")
    rows.append([buttons.back()])
    return "\n".join(lines), markup(rows)


def unit_detail(unit: UnitDTO, buttons: Buttons, may_designate: bool
                ) -> tuple[str, InlineKeyboardMarkup]:
    """One unit: status, pencanangan, penetapan."""
    lines = [crumbs(_("Unit kerja"), unit.name),
             html(_("Kode: {code}"), code=unit.code),
             _("Status: {status}").format(status=status_label(unit)),
             _("Jumlah pegawai: {count}").format(count=unit.headcount or "—"),
             _("Pencanangan: {date}").format(
                 date=day(unit.pencanangan_date) if unit.pencanangan_date else "—")]
    if unit.penetapan_at:
        chosen = [_(label) for key, label in CRITERIA if getattr(unit, key)]
        lines += [_("Penetapan: {when}").format(when=moment(unit.penetapan_at)),
                  html(_("Kriteria: {criteria}"), criteria="; ".join(chosen))]
        if unit.penetapan_note:
            lines.append(html(_("Catatan: {note}"), note=unit.penetapan_note))
    rows = []
    if may_designate:
        rows.append([buttons.button(_("🏷 Penetapan"), "pen", unit.id, _bits(unit))])
    rows.append([buttons.back("units", 0)])
    return "\n".join(lines), markup(rows)


def _bits(unit: UnitDTO) -> int:
    return sum(1 << n for n, (key, _label) in enumerate(CRITERIA) if getattr(unit, key))


def has(bits: int, index: int) -> bool:
    """Whether criterion `index` is chosen in `bits`."""
    return bool(bits >> index & 1)


def penetapan(unit: UnitDTO, bits: int, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """Choose the designation criteria (Pasal 4), then save with or without a note."""
    text = "\n".join([crumbs(_("Penetapan"), unit.name),
                      _("Tandai kriteria yang dipenuhi unit ini, lalu simpan.")])
    rows = [[buttons.button(("☑ " if has(bits, n) else "☐ ") + _(label), "pen", unit.id,
                            bits ^ (1 << n))]
            for n, (_key, label) in enumerate(CRITERIA)]
    if bits:
        rows.append([buttons.button(_("💾 Simpan"), "pens", unit.id, bits),
                     buttons.button(_("📝 Simpan dengan catatan"), "pensn", unit.id, bits)])
    rows.append([buttons.back("unitd", unit.id)])
    return text, markup(rows)


def penetapan_refused(reason: str) -> str:
    """Why the penetapan was not recorded."""
    texts = {
        "not_declared": _("Unit ini belum dicanangkan; penetapan dilakukan setelah "
                          "pencanangan."),
        "no_criterion": _("Pilih minimal satu kriteria."),
        "too_long": _("Catatan terlalu panjang (maksimal 1.000 karakter)."),
    }
    return texts.get(reason, _("Penetapan tidak dapat disimpan."))
