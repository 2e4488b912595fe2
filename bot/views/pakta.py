"""Screens of the pakta integritas, its coverage and the pencanangan."""

from __future__ import annotations

from datetime import date, datetime

from telegram import InlineKeyboardMarkup

from bot.i18n import _, day, moment
from bot.keyboards import Buttons, markup
from bot.views.common import bar
from bot.views.html import html
from zi_core.domain.statuses import UnitStatus
from zi_core.domain.unit import UnitDTO
from zi_core.services.pakta import Coverage

MAX_NAMES = 30


def pact(text: str, signed_at: datetime | None, leader: bool, buttons: Buttons
         ) -> tuple[str, InlineKeyboardMarkup]:
    """The pact as this user signs it, and the button to sign (or when they signed)."""
    body = html("<pre>{text}</pre>", text=text)
    rows = []
    if signed_at is None:
        body += "\n" + _("Dengan menekan tombol di bawah, Anda menyatakan setuju dan "
                         "menandatangani pakta integritas ini secara elektronik.")
        rows.append([buttons.button(_("✍️ Saya setuju dan menandatangani"), "psign")])
    else:
        body += "\n" + _("✅ Anda telah menandatangani pada {when}.").format(
            when=moment(signed_at))
    if leader:
        rows.append([buttons.button(_("📊 Cakupan pakta unit"), "pcov")])
    rows.append([buttons.back()])
    return body, markup(rows)


def coverage(unit: UnitDTO, cover: Coverage, buttons: Buttons
             ) -> tuple[str, InlineKeyboardMarkup]:
    """Who of the unit signed, against the headcount, and what the leader can do next."""
    percent = round(100 * cover.share)
    lines = [html(_("<b>Cakupan pakta integritas</b> › {unit}"), unit=unit.name),
             (_("Pimpinan: ✅ sudah menandatangani") if cover.leader_signed
              else _("Pimpinan: ⬜ belum menandatangani")),
             _("Pegawai: {signed} dari {total} telah menandatangani").format(
                 signed=len(cover.signed), total=cover.headcount),
             bar(percent)]
    if not cover.headcount_entered:
        lines.append(_("Jumlah pegawai belum diisi; sementara dihitung dari pengguna "
                       "terdaftar."))
    if cover.unsigned:
        lines += ["", _("Belum menandatangani:")]
        lines += [html("• {name}", name=u.full_name or "—") for u in cover.unsigned[:MAX_NAMES]]
        if len(cover.unsigned) > MAX_NAMES:
            lines.append(_("… dan {count} lainnya").format(
                count=len(cover.unsigned) - MAX_NAMES))
    if unit.pencanangan_date:
        lines += ["", _("📣 Pencanangan: {date}").format(date=day(unit.pencanangan_date))]
    rows = []
    if cover.unsigned:
        rows.append([buttons.button(_("🔔 Ingatkan yang belum ({count})").format(
            count=len(cover.unsigned)), "premind")])
    rows.append([buttons.button(_("🔢 Isi jumlah pegawai"), "phead")])
    if unit.status is UnitStatus.TERDAFTAR:
        rows.append([buttons.button(_("📣 Canangkan Zona Integritas"), "pcan")])
    if cover.signed:
        rows.append([buttons.button(_("📄 Daftar penandatangan (.docx)"), "pdoc")])
    rows.append([buttons.back("pakta")])
    return "\n".join(lines), markup(rows)


def pencanangan_date(today: date, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """When the pencanangan took (or takes) place."""
    text = "\n".join([_("<b>Pencanangan</b>"),
                      _("Tanggal pencanangan dihitung sebagai awal pembangunan Zona "
                        "Integritas (syarat “sudah 1 tahun”). Pilih tanggalnya:")])
    rows = [[buttons.button(_("📅 Hari ini, {date}").format(date=day(today)), "pcand",
                            today.strftime("%Y%m%d"))],
            [buttons.button(_("✏️ Tanggal lain"), "pcanx")],
            [buttons.back("pcov")]]
    return text, markup(rows)


def refused(reason: str, min_share_percent: int) -> str:
    """Why the pencanangan (or headcount) was not taken."""
    texts = {
        "future": _("Tanggal pencanangan tidak boleh di masa depan."),
        "already_declared": _("Unit ini sudah dicanangkan."),
        "leader_unsigned": _("Pimpinan unit harus menandatangani pakta integritas lebih dulu."),
        "too_few": _("Pencanangan memerlukan lebih dari {percent}% pegawai yang sudah "
                     "menandatangani pakta integritas.").format(percent=min_share_percent),
        "headcount": _("Jumlah pegawai harus bilangan bulat 1 sampai 100.000."),
        "not_member": _("Anda bukan pegawai unit ini."),
    }
    return texts.get(reason, _("Permintaan itu tidak dapat diproses."))


def declared(unit: UnitDTO) -> str:
    """After the pencanangan was recorded."""
    assert unit.pencanangan_date is not None
    return html(_("📣 Pencanangan {unit} tercatat pada {date}. Daftar penandatangan pakta "
                  "terlampir untuk berita acara."), unit=unit.name,
                date=day(unit.pencanangan_date))


def reminder() -> str:
    """Sent to a unit user who has not signed the pakta yet."""
    return _("🔔 Pimpinan unit mengingatkan: Anda belum menandatangani pakta integritas. "
             "Kirim /pakta untuk membaca dan menandatanganinya.")
