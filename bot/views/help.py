"""`/bantuan`: what this user can do here, and how."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _
from bot.keyboards import Buttons, markup
from bot.views.roles import abilities
from zi_core.db.dto import UserDTO
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
    if may(user.role, Permission.MANAGE_USERS):
        lines.append(_("/pengguna — daftar pengguna: ganti peran, nonaktifkan, aktifkan."))
    if may(user.role, Permission.CREATE_INVITE):
        lines.append(_("/undangan — buat undangan sekali pakai untuk peran dan unit tertentu."))
    if may(user.role, Permission.MANAGE_UNITS):
        lines.append(_("/unit — daftar unit kerja dan statusnya."))
    lines += ["", _("Tombol « Kembali selalu membawa Anda ke layar sebelumnya.")]
    return "\n".join(lines)


def help_keyboard(buttons: Buttons) -> InlineKeyboardMarkup:
    """From help to the LKE explanations or back to the menu."""
    return markup([[buttons.button(_("📖 Penjelasan LKE"), "lke")], [buttons.back()]])
