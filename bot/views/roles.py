"""How roles are named and what each may do, in the user's language."""

from __future__ import annotations

from bot.i18n import N_, _
from bot.views.html import Html, html
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.unit import UnitDTO

ROLE_NAMES = {
    Role.ADMIN: N_("Admin Inspektorat"),
    Role.LEADER: N_("Pimpinan Unit"),
    Role.STAFF: N_("Pegawai Unit"),
    Role.TPI_MEMBER: N_("Anggota TPI"),
    Role.TPI_SECRETARY: N_("Sekretaris TPI"),
    Role.TPI_CHAIR: N_("Ketua TPI (Inspektur)"),
}

ROLE_ABILITIES = {
    Role.ADMIN: N_("mengelola unit kerja, pengguna dan peran, serta membuat undangan"),
    Role.LEADER: N_("memimpin pembangunan Zona Integritas unit: pencanangan, tim kerja, "
                    "target rencana aksi, dan semua yang dapat dilakukan pegawai unit"),
    Role.STAFF: N_("menandatangani pakta integritas, mengerjakan rencana aksi, mengunggah "
                   "bukti dukung, dan bertanya kepada TPI"),
    Role.TPI_MEMBER: N_("menilai setiap pertanyaan LKE unit yang ditugaskan, memberi "
                        "rekomendasi, dan menjawab konsultasi"),
    Role.TPI_SECRETARY: N_("semua tugas anggota TPI, ditambah menugaskan penilai ke unit"),
    Role.TPI_CHAIR: N_("semua tugas sekretaris TPI, ditambah memfinalkan evaluasi dan "
                       "menerima ringkasan mingguan"),
}


def role_name(role: Role | str) -> str:
    """The role's name in the current language."""
    return _(ROLE_NAMES[Role(role)])


def role_line(user: UserDTO, unit: UnitDTO | None) -> Html:
    """`Pegawai Unit — Dinas Kesehatan` (HTML-escaped)."""
    name = role_name(user.role)
    return html("{role} — {unit}", role=name, unit=unit.name) if unit else html("{role}",
                                                                                  role=name)


def abilities(role: Role | str) -> str:
    """What the role may do, as one sentence."""
    return _("Sebagai {role}, Anda dapat {abilities}.").format(
        role=role_name(role), abilities=_(ROLE_ABILITIES[Role(role)]))
