"""`/bantuan`: what this user can do here, and how."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _
from bot.keyboards import Buttons, markup
from bot.views.roles import abilities
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may


def help_text(user: UserDTO | None) -> str:
    """Help for the user's role (or for someone not yet registered)."""
    if user is None or not user.active or user.onboarding_step is not None:
        return "\n".join([
            _("<b>Bantuan ZI Assistant</b>"),
            _("Bot ini membantu unit kerja membangun Zona Integritas menuju WBK/WBBM dan "
              "membantu TPI Inspektorat menilainya (Perbup Ketapang 49/2022)."),
            _("Untuk memakainya Anda memerlukan undangan dari admin Inspektorat: buka tautan "
              "undangan, lalu jawab tiga pertanyaan (nama, NIP, jabatan)."),
        ])
    lines = [_("<b>Bantuan</b>"), abilities(user.role), "",
             _("/menu — menu utama; semua langkah dapat dilakukan dengan tombol."),
             _("/bahasa — ganti bahasa (Indonesia/English)."),
             _("📖 Penjelasan LKE — setiap pertanyaan LKE dengan kriteria jawabannya.")]
    if may(user.role, Permission.SIGN_PACT):
        lines += [_("/pakta — baca dan tandatangani pakta integritas."),
                  _("/rencana — rencana aksi unit: tandai butir belum/proses/selesai, unggah "
                    "bukti, isi penilaian mandiri, unduh dokumen Lampiran I."),
                  _("/bukti — unggah bukti dukung untuk butir rencana aksi atau pertanyaan LKE."),
                  _("/status — nilai, syarat WBK/WBBM dan jawaban yang perlu dinaikkan."),
                  _("/konsultasi — bertanya kepada TPI dan melihat jawabannya.")]
    if may(user.role, Permission.LEAD_UNIT):
        lines += [_("/tim — bentuk tim kerja per area dan tunjuk koordinatornya."),
                  _("Di /pakta pimpinan melihat cakupan tanda tangan, mengingatkan pegawai, "
                    "dan mencatat pencanangan.")]
    if may(user.role, Permission.SCORE):
        lines += [_("/nilai — nilai unit yang ditugaskan, satu ketukan per pertanyaan; "
                    "tulis rekomendasi dan lihat bukti."),
                  _("/status — status dan syarat unit yang Anda nilai."),
                  _("/konsultasi — antrean pertanyaan dari unit.")]
    if may(user.role, Permission.FINALISE):
        lines.append(_("Ketua TPI menetapkan jawaban akhir bila penilai berbeda, memfinalkan "
                       "evaluasi dan membukanya kembali."))
    if may(user.role, Permission.RECEIVE_SUMMARY):
        lines += [_("/ringkasan — ringkasan mingguan dengan grafik dan Excel, laporan ke "
                    "Bupati, daftar pemantauan."),
                  _("/riwayat — kegiatan terbaru sebuah unit.")]
    lines.append(_("/batal — batalkan isian yang sedang ditunggu bot."))
    if may(user.role, Permission.MANAGE_USERS):
        lines.append(_("/pengguna — daftar pengguna: ganti peran, nonaktifkan, aktifkan."))
    if may(user.role, Permission.CREATE_INVITE):
        lines.append(_("/undangan — buat undangan sekali pakai untuk peran dan unit tertentu."))
    if may(user.role, Permission.DESIGNATE):
        lines.append(_("/unit — daftar unit kerja, statusnya, dan penetapannya."))
    lines += ["", _("Tombol « Kembali selalu membawa Anda ke layar sebelumnya.")]
    return "\n".join(lines)


def help_keyboard(buttons: Buttons) -> InlineKeyboardMarkup:
    """From help to the LKE explanations or back to the menu."""
    return markup([[buttons.button(_("📖 Penjelasan LKE"), "lke")], [buttons.back()]])
