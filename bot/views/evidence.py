"""Screens of evidence: what to send, what was stored, the list of a target's files."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _, moment, number
from bot.keyboards import Buttons, markup
from bot.views.html import html
from zi_core.domain.bukti import EvidenceDTO


def size_text(size: int) -> str:
    """`1,5 MB`, `820 KB`."""
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=number(size / (1024 * 1024), 1))
    return _("{size} KB").format(size=number(max(1, round(size / 1024)), 0))


def ask(target: str, max_mb: int) -> str:
    """What to send, for which item or question."""
    return "\n".join([
        html(_("📎 Kirim berkas bukti dukung untuk: <b>{target}</b>"), target=target),
        _("Jenis yang diterima: PDF, foto (JPG/PNG), dokumen Word, Excel, PowerPoint atau "
          "OpenDocument, maksimal {mb} MB. Keterangan boleh ditulis sebagai caption.").format(
            mb=max_mb),
        _("Kirim beberapa berkas satu per satu bila perlu; /batal bila selesai."),
    ])


def stored(row: EvidenceDTO, duplicate: bool) -> str:
    """The answer to an accepted file."""
    if duplicate:
        return html(_("Berkas yang sama sudah tersimpan sebagai bukti ini: {name}."),
                    name=row.file_name)
    return html(_("✅ Bukti tersimpan: {name} ({size}). Kirim berkas lain, atau tekan Selesai."),
                name=row.file_name, size=size_text(row.size))


def refused(reason: str, max_mb: int) -> str:
    """Why a file was not taken."""
    texts = {
        "too_large": _("Berkas itu lebih dari {mb} MB. Perkecil atau bagi berkasnya, lalu "
                       "kirim lagi.").format(mb=max_mb),
        "empty": _("Berkas itu kosong."),
        "type": _("Jenis berkas itu tidak diterima sebagai bukti (hanya PDF, gambar dan "
                  "dokumen Office/OpenDocument; program dan arsip ditolak)."),
        "unsafe": _("Berkas itu memuat makro atau program tersembunyi, atau isinya tidak wajar, "
                    "jadi tidak diterima; simpan ulang sebagai PDF lalu kirim lagi."),
        "damaged": _("Berkas itu rusak atau tidak lengkap; periksa dan kirim lagi."),
        "not_member": _("Anda bukan pegawai aktif unit ini."),
        "not_owner": _("Hanya pengunggah atau pimpinan unit yang dapat mengubah bukti ini."),
        "locked": _("Evaluasi unit sudah difinalkan; bukti tidak dapat diubah."),
        "target": _("Butir atau pertanyaan itu tidak ditemukan di unit Anda."),
        "gone": _("Bukti ini sudah diganti; ubah revisi terbarunya."),
        "download": _("Berkas tidak dapat diambil dari Telegram; coba kirim lagi."),
    }
    return texts.get(reason, _("Berkas itu tidak dapat disimpan."))


def listing(target: str, rows: list[EvidenceDTO], names: dict[int, str], buttons: Buttons,
            back: tuple[object, ...], may_change: set[int]) -> tuple[str, InlineKeyboardMarkup]:
    """The current files of an item or question, each to open, replace or delete."""
    lines = [html(_("📂 <b>Bukti dukung</b> — {target}"), target=target)]
    rows_kb = []
    for n, row in enumerate(rows, start=1):
        lines.append(html("{n}. {name} · {size} · {who} · {when}", n=n, name=row.file_name,
                          size=size_text(row.size),
                          who=names.get(row.uploaded_by_user_id, "—"),
                          when=moment(row.uploaded_at)))
        if row.caption:
            lines.append(html("   <i>{caption}</i>", caption=row.caption))
        buttons_row = [buttons.button(f"📄 {n}", "evget", row.id)]
        if row.id in may_change:
            buttons_row += [buttons.button(f"🔁 {n}", "evrep", row.id),
                            buttons.button(f"🗑 {n}", "evdel", row.id)]
        rows_kb.append(buttons_row)
    if not rows:
        lines.append(_("Belum ada bukti."))
    else:
        lines.append(_("📄 buka · 🔁 ganti (yang lama disimpan sebagai riwayat) · 🗑 hapus"))
    rows_kb.append([buttons.back(*back)])
    return "\n".join(lines), markup(rows_kb)


def confirm_delete(row: EvidenceDTO, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """Are you sure?"""
    text = html(_("Hapus bukti {name}? Penghapusan dicatat."), name=row.file_name)
    return text, markup([[buttons.button(_("🗑 Ya, hapus"), "evdelok", row.id),
                          buttons.button(_("Batal"), "evls", *_target_args(row))]])


def _target_args(row: EvidenceDTO) -> tuple[object, ...]:
    return ("i", str(row.action_item_id)) if row.action_item_id else ("q", str(row.question_id))


def target_args(row: EvidenceDTO) -> tuple[object, ...]:
    """The (kind, id) callback arguments of the row's item or question."""
    return _target_args(row)
