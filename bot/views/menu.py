"""The main menu of each role and the user's profile."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _
from bot.keyboards import Buttons, markup
from bot.views.html import html
from bot.views.roles import role_line
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may
from zi_core.domain.unit import UnitDTO


def main_menu(user: UserDTO, unit: UnitDTO | None, buttons: Buttons
              ) -> tuple[str, InlineKeyboardMarkup]:
    """The role's main menu: a heading and one button per thing the role can open."""
    text = "\n".join([_("<b>Menu utama</b>"), html("{name}", name=user.full_name or ""),
                      role_line(user, unit)])
    rows = []
    if may(user.role, Permission.SIGN_PACT):
        rows.append([buttons.button(_("✍️ Pakta integritas"), "pakta"),
                     buttons.button(_("📋 Rencana aksi"), "rencana")])
    if may(user.role, Permission.SIGN_PACT):
        rows.append([buttons.button(_("📊 Status unit"), "myst"),
                     buttons.button(_("💬 Konsultasi"), "kons")])
    if may(user.role, Permission.LEAD_UNIT):
        rows.append([buttons.button(_("👥 Tim kerja"), "tim"),
                     buttons.button(_("🧾 Prasyarat unit"), "pu", user.unit_id)])
    if may(user.role, Permission.SCORE):
        rows.append([buttons.button(_("✏️ Penilaian TPI"), "nilai"),
                     buttons.button(_("💬 Konsultasi"), "kons")])
    if may(user.role, Permission.RECEIVE_SUMMARY):
        rows.append([buttons.button(_("📊 Ringkasan mingguan"), "rsum"),
                     buttons.button(_("🕘 Riwayat unit"), "rwy", 0)])
    if may(user.role, Permission.MANAGE_UNITS):
        rows.append([buttons.button(_("🏛 Prasyarat instansi"), "pi")])
    if may(user.role, Permission.MANAGE_USERS):
        rows.append([buttons.button(_("👥 Pengguna"), "users", 0)])
    if may(user.role, Permission.CREATE_INVITE):
        rows.append([buttons.button(_("🎟 Buat undangan"), "inv")])
    if may(user.role, Permission.DESIGNATE):
        rows.append([buttons.button(_("🏢 Unit kerja"), "units", 0)])
    if may(user.role, Permission.INSTALL_LKE):
        rows.append([buttons.button(_("📘 Pasang LKE baru"), "lkein")])
    rows.append([buttons.button(_("👤 Profil saya"), "profile"),
                 buttons.button(_("🌐 Bahasa"), "lang")])
    rows.append([buttons.button(_("❓ Bantuan"), "help"),
                 buttons.button(_("📖 Penjelasan LKE"), "lke")])
    return text, markup(rows)


def profile(user: UserDTO, unit: UnitDTO | None, buttons: Buttons
            ) -> tuple[str, InlineKeyboardMarkup]:
    """What the bot knows about the user."""
    text = "\n".join([
        _("<b>Profil saya</b>"),
        html(_("Nama: {name}"), name=user.full_name or "—"),
        _("NIP: {nip}").format(nip=user.nip or "—"),
        html(_("Jabatan: {jabatan}"), jabatan=user.jabatan or "—"),
        _("Peran: {role}").format(role=role_line(user, unit)),
    ])
    return text, markup([[buttons.back()]])
