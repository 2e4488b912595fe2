"""Texts of onboarding: the invite's welcome, the three questions, refusals, the finish."""

from __future__ import annotations

from bot.i18n import N_, _
from bot.views.html import html
from bot.views.roles import abilities, role_line
from zi_core.domain.people import UserDTO
from zi_core.domain.unit import UnitDTO
from zi_core.services.onboarding import JABATAN_MAX, NAME_MAX, AnswerRefused, Step

PROMPTS = {
    Step.FULL_NAME: N_("Langkah 1 dari 3 — tulis <b>nama lengkap</b> Anda beserta gelar, "
                       "misalnya: Siti Aminah, S.E."),
    Step.NIP: N_("Langkah 2 dari 3 — tulis <b>NIP</b> Anda (18 angka), misalnya: "
                 "19800512 200501 2 003"),
    Step.JABATAN: N_("Langkah 3 dari 3 — tulis <b>jabatan</b> Anda, misalnya: "
                     "Kepala Subbagian Umum"),
}

REFUSALS = {
    "too_short": N_("Jawaban itu terlalu pendek."),
    "no_letters": N_("Nama harus berisi huruf."),
    "command": N_("Itu perintah, bukan jawaban."),
    "not_digits": N_("NIP hanya berisi angka (spasi boleh)."),
    "length": N_("NIP harus tepat 18 angka."),
    "birth_date": N_("8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH)."),
    "appointment": N_("Angka ke-9 sampai ke-14 NIP harus tahun dan bulan pengangkatan yang sah."),
    "sex": N_("Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)."),
}


def prompt(step: str) -> str:
    """The question of an onboarding step."""
    return _(PROMPTS[Step(step)])


def welcome(user: UserDTO, unit: UnitDTO | None) -> str:
    """The answer to a redeemed invite, with the first question."""
    return "\n\n".join([
        _("Selamat datang di ZI Assistant! Undangan diterima: {role}.").format(
            role=role_line(user, unit)),
        _("Sebelum mulai, kami perlu tiga data Anda."),
        prompt(user.onboarding_step or Step.FULL_NAME),
    ])


def refused(error: AnswerRefused) -> str:
    """Why an answer was not taken, and the question again."""
    if error.reason == "too_long":
        limit = NAME_MAX if error.step is Step.FULL_NAME else JABATAN_MAX
        reason = _("Jawaban itu lebih dari {limit} karakter.").format(limit=limit)
    else:
        reason = _(REFUSALS[error.reason])
    return f"{reason}\n\n{prompt(error.step)}"


def text_needed(step: str) -> str:
    """The answer to a photo, file or sticker where a typed answer was asked."""
    return _("Mohon jawab dengan teks.") + "\n\n" + prompt(step)


def finished(user: UserDTO, unit: UnitDTO | None) -> str:
    """The end of onboarding: who the user is now, and what the role can do."""
    return "\n".join([
        html(_("✅ Pendaftaran selesai. Terima kasih, {name}."), name=user.full_name or ""),
        html(_("NIP: {nip} · Jabatan: {jabatan}"), nip=user.nip, jabatan=user.jabatan or ""),
        _("Peran: {role}").format(role=role_line(user, unit)),
        "",
        abilities(user.role),
    ])


def invite_refused(reason: str) -> str:
    """Why `/start <code>` did not give a role."""
    texts = {
        "unknown": _("Kode undangan itu tidak dikenal. Periksa tautannya, atau minta "
                     "undangan baru kepada admin Inspektorat."),
        "used": _("Kode undangan itu sudah dipakai. Setiap undangan hanya berlaku sekali; "
                  "minta undangan baru kepada admin Inspektorat."),
        "expired": _("Kode undangan itu sudah kedaluwarsa. Minta undangan baru kepada admin "
                     "Inspektorat."),
        "revoked": _("Undangan itu sudah dicabut oleh admin Inspektorat. Minta undangan baru "
                     "bila Anda memang perlu bergabung."),
        "registered": _("Anda sudah terdaftar, jadi undangan ini tidak dipakai dan tetap "
                        "berlaku untuk orang lain. Perubahan peran dilakukan admin lewat "
                        "/pengguna."),
        "deactivated": _("Akses Anda telah dinonaktifkan. Hubungi admin Inspektorat bila ini "
                         "keliru."),
    }
    return texts[reason]


def no_invite() -> str:
    """`/start` from someone without a role and without a code."""
    return _("Selamat datang di ZI Assistant, asisten pembangunan Zona Integritas menuju "
             "WBK/WBBM. Untuk memakai bot ini Anda memerlukan undangan: minta tautan undangan "
             "kepada admin Inspektorat, lalu buka tautan itu.")
