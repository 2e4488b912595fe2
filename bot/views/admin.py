"""Screens of the admin: people, their roles, invites and the list of units."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import TIMEZONE, _, day, moment
from bot.keyboards import Buttons, markup
from bot.views.html import html
from bot.views.roles import role_line, role_name
from zi_core.domain.people import InviteDTO, OutstandingInvite, UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.unit import UnitDTO


def user_label(user: UserDTO) -> str:
    """A person in a list: status mark, name, role."""
    mark = "⛔ " if not user.active else ("⏳ " if user.onboarding_step else "")
    name = user.full_name or _("(belum mengisi nama)")
    return f"{mark}{name} · {role_name(user.role)}"[:60]


def users_page(people: list[UserDTO], page: int, buttons: Buttons
               ) -> tuple[str, InlineKeyboardMarkup]:
    """Every user, paginated; ⛔ marks the deactivated, ⏳ those still onboarding."""
    text = "\n".join([_("<b>Pengguna</b> ({count})").format(count=len(people)),
                      _("⛔ nonaktif · ⏳ belum selesai mendaftar")])
    rows = buttons.page(people, page, lambda u: buttons.button(user_label(u), "user", u.id),
                        "users")
    rows.append([buttons.back()])
    return text, markup(rows)


def user_detail(user: UserDTO, unit: UnitDTO | None, buttons: Buttons
                ) -> tuple[str, InlineKeyboardMarkup]:
    """One person, with what an admin can change."""
    status = _("aktif") if user.active else _("nonaktif")
    text = "\n".join([
        html(_("<b>Pengguna</b> › {name}"), name=user.full_name or "—"),
        _("NIP: {nip}").format(nip=user.nip or "—"),
        html(_("Jabatan: {jabatan}"), jabatan=user.jabatan or "—"),
        _("Peran: {role}").format(role=role_line(user, unit)),
        _("Status: {status}").format(status=status),
        _("Terdaftar: {when}").format(when=moment(user.created_at)),
    ])
    toggle = (buttons.button(_("⛔ Nonaktifkan"), "uact", user.id, 0) if user.active
              else buttons.button(_("✅ Aktifkan"), "uact", user.id, 1))
    rows = [[buttons.button(_("🔁 Ganti peran"), "urole", user.id)], [toggle],
            [buttons.back("users", 0)]]
    return text, markup(rows)


def role_choice(user: UserDTO, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """Which role to give a person."""
    text = html(_("Peran baru untuk {name}:"), name=user.full_name or "—")
    rows = [[buttons.button(role_name(role), "uset", user.id, role.value, 0)] for role in Role]
    rows.append([buttons.back("user", user.id)])
    return text, markup(rows)


def unit_choice(title: str, found: list[UnitDTO], page: int, buttons: Buttons,
                choose: tuple[object, ...], turn: tuple[object, ...],
                back: tuple[object, ...]) -> tuple[str, InlineKeyboardMarkup]:
    """Pick a unit: `choose` + unit id picks it, `turn` + page number turns the page."""
    if not found:
        text = "\n".join([title, _("Belum ada unit kerja. Tambahkan dengan perintah "
                                    "<code>zi-bot unit add</code> atau <code>zi-bot import "
                                    "units</code>.")])
        return text, markup([[buttons.back(*back)]])
    action, *args = choose
    rows = buttons.page(found, page, lambda u: buttons.button(
        f"{u.code} — {u.name}"[:60], action, *args, u.id), *turn)
    rows.append([buttons.back(*back)])
    return "\n".join([title, _("Pilih unit kerja:")]), markup(rows)


def role_changed(user: UserDTO, unit: UnitDTO | None) -> str:
    """Told to the person whose role an admin changed."""
    return _("Peran Anda diubah menjadi {role}. Buka /menu untuk melihat menu Anda.").format(
        role=role_line(user, unit))


def deactivated_notice() -> str:
    """Told to a person an admin deactivated."""
    return _("Akses Anda ke ZI Assistant telah dinonaktifkan oleh admin Inspektorat.")


def activated_notice() -> str:
    """Told to a person an admin activated again."""
    return _("Akses Anda ke ZI Assistant telah diaktifkan kembali. Buka /menu.")


def invite_roles(outstanding: int, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """Which role the new invite gives; the invites still waiting to be used, one tap away."""
    rows = [[buttons.button(role_name(role), "invr", role.value, 0)] for role in Role]
    rows.append([buttons.button(_("📋 Undangan aktif ({count})").format(count=outstanding),
                                "invls", 0)])
    rows.append([buttons.back()])
    return _("<b>Buat undangan</b>\nUndangan ini memberi peran:"), markup(rows)


def _invite_for(item: OutstandingInvite) -> str:
    """Whom an invite is for: its role, and its unit's code for a unit role."""
    role = role_name(item.invite.role)
    return f"{role} · {item.unit_code}" if item.unit_code else role


def outstanding_invites(found: list[OutstandingInvite], page: int, buttons: Buttons
                        ) -> tuple[str, InlineKeyboardMarkup]:
    """Every invite not used yet and still valid, soonest to expire first."""
    lines = [_("<b>Undangan aktif</b> ({count})").format(count=len(found))]
    if found:
        lines.append(_("Belum dipakai dan masih berlaku. Pilih satu untuk melihat tautannya "
                       "atau mencabutnya."))
    else:
        lines.append(_("Tidak ada undangan yang menunggu dipakai."))
    rows = buttons.page(found, page, lambda item: buttons.button(
        _("🎟 {whom} · s.d. {day}").format(whom=_invite_for(item),
                                           day=day(item.invite.expires_at.astimezone(TIMEZONE).date()))[:60],
        "invd", item.invite.id), "invls")
    rows.append([buttons.back("inv")])
    return "\n".join(lines), markup(rows)


def outstanding_invite(item: OutstandingInvite, link: str | None, buttons: Buttons
                       ) -> tuple[str, InlineKeyboardMarkup]:
    """One invite waiting to be used: for whom, by whom, until when; its link; revoke."""
    invite = item.invite
    lines = [_("🎟 <b>Undangan aktif</b>"),
             html(_("Peran: {role}"), role=role_name(invite.role)
                  + (f" — {item.unit_name}" if item.unit_name else "")),
             html(_("Dibuat oleh: {name}, {when}"),
                  name=item.created_by or _("baris perintah (zi-bot)"),
                  when=moment(invite.created_at)),
             _("Berlaku sekali, sampai {when}.").format(when=moment(invite.expires_at)), ""]
    if link:
        lines.append(_("Tautan: {link}").format(link=link))
    lines.append(_("Kode: <code>{code}</code>").format(code=invite.code))
    rows = [[buttons.button(_("🚫 Cabut undangan"), "invx", invite.id)],
            [buttons.back("invls", 0)]]
    return "\n".join(lines), markup(rows)


def revoke_confirmation(item: OutstandingInvite, buttons: Buttons
                        ) -> tuple[str, InlineKeyboardMarkup]:
    """Asked before an invite is revoked."""
    text = html(_("Cabut undangan {whom}?\nTautan dan kodenya tidak dapat dipakai lagi oleh "
                  "siapa pun. Undangan baru dapat dibuat kapan saja."), whom=_invite_for(item))
    rows = [[buttons.button(_("🚫 Ya, cabut"), "invxok", item.invite.id)],
            [buttons.button(_("Jangan"), "invd", item.invite.id)]]
    return text, markup(rows)


def invite_gone(reason: str) -> str:
    """Why an invite in the list can no longer be revoked."""
    texts = {
        "used": _("Undangan itu baru saja dipakai, jadi tidak dapat dicabut lagi. Ubah peran "
                  "orangnya lewat /pengguna bila perlu."),
        "expired": _("Undangan itu sudah kedaluwarsa; tidak ada yang perlu dicabut."),
        "revoked": _("Undangan itu sudah dicabut."),
    }
    return texts.get(reason, _("Undangan itu tidak ada lagi."))


def invite_made(invite: InviteDTO, unit: UnitDTO | None, link: str | None,
                buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """The new invite: who it is for, its link and code, until when it is valid."""
    lines = [_("🎟 <b>Undangan dibuat</b>"),
             html(_("Peran: {role}"), role=role_name(invite.role)
                  + (f" — {unit.name}" if unit else "")),
             _("Berlaku sekali, sampai {when}.").format(when=moment(invite.expires_at)), ""]
    if link:
        lines.append(_("Kirim tautan ini kepada orangnya: {link}").format(link=link))
    lines.append(_("Atau minta ia mengirim ke bot: <code>/start {code}</code>").format(
        code=invite.code))
    rows = [[buttons.button(_("🎟 Buat undangan lain"), "inv")], [buttons.back()]]
    return "\n".join(lines), markup(rows)
