"""A unit's history (`/riwayat`) in words: what each recorded action was, and the one detail
that tells it apart (the question, the file, the new status), never the audit trail's codes."""

from __future__ import annotations

import json

from bot.i18n import N_, _, moment
from bot.views.html import html
from bot.views.roles import role_name
from zi_core.domain.audit import AuditEventDTO
from zi_core.domain.roles import Role

ROLE_CODES = {role.value for role in Role}
ACTION_NAMES = {
    "unit.added": N_("mendaftarkan unit"),
    "lke.installed": N_("memasang versi LKE baru"),
    "unit.headcount_set": N_("mengisi jumlah pegawai"),
    "unit.pencanangan": N_("mencatat pencanangan"),
    "unit.penetapan": N_("menetapkan unit sebagai calon"),
    "invite.created": N_("membuat undangan"),
    "invite.redeemed": N_("bergabung lewat undangan"),
    "invite.revoked": N_("mencabut undangan"),
    "user.onboarded": N_("melengkapi data diri"),
    "user.role_changed": N_("mengubah peran pengguna"),
    "user.activated": N_("mengaktifkan pengguna"),
    "user.deactivated": N_("menonaktifkan pengguna"),
    "user.locale_changed": N_("mengganti bahasa"),
    "user.blocked_bot": N_("memblokir bot"),
    "pakta.signed": N_("menandatangani pakta integritas"),
    "tim.member": N_("menambah anggota tim"),
    "tim.removed": N_("mengeluarkan anggota tim"),
    "tim.coordinator": N_("menunjuk koordinator area"),
    "rencana_aksi.added": N_("menambah rencana aksi"),
    "rencana_aksi.status": N_("mengubah status rencana aksi"),
    "rencana_aksi.target": N_("mengisi target waktu"),
    "rencana_aksi.pic": N_("menunjuk penanggung jawab"),
    "evidence.added": N_("mengunggah bukti"),
    "evidence.replaced": N_("mengganti bukti"),
    "evidence.deleted": N_("menghapus bukti"),
    "penilaian.mandiri": N_("mengisi penilaian mandiri"),
    "penilaian.tpi": N_("menilai (TPI)"),
    "penilaian.final": N_("menetapkan jawaban akhir"),
    "rekomendasi.added": N_("menulis rekomendasi"),
    "recheck.flagged": N_("meminta dicek ulang"),
    "recheck.cleared": N_("selesai mengecek ulang"),
    "tpi.assigned": N_("menugaskan evaluator"),
    "tpi.unassigned": N_("membatalkan tugas evaluator"),
    "evaluation.finalised": N_("memfinalkan evaluasi"),
    "evaluation.reopened": N_("membuka kembali evaluasi"),
    "hasil.set": N_("mengisi komponen hasil"),
    "prasyarat.unit": N_("mengisi prasyarat unit"),
    "prasyarat.instansi": N_("mengisi prasyarat instansi"),
    "konsultasi.asked": N_("bertanya kepada TPI"),
    "konsultasi.replied": N_("menjawab konsultasi"),
    "konsultasi.closed": N_("menutup konsultasi"),
    "access.denied": N_("mencoba tindakan yang tidak diizinkan"),
}


def action_name(action: str) -> str:
    """The action in words (an action this list does not know yet shows as recorded)."""
    name = ACTION_NAMES.get(action)
    return _(name) if name else action


def event_line(event: AuditEventDTO, who: str) -> str:
    """One line of the history: when, who, what, and the detail that tells it apart."""
    detail = _detail(event.payload)
    line = html("• {at} — {who}: {action}", at=moment(event.at), who=who,
                action=action_name(event.action))
    return line + html(" · <i>{detail}</i>", detail=detail) if detail else line


def _detail(payload: str) -> str:
    try:
        found = json.loads(payload or "{}")
    except ValueError:
        return ""
    if not isinstance(found, dict):
        return ""
    after = found.get("after")
    if isinstance(after, dict) and after.get("role") in ROLE_CODES:
        return role_name(after["role"])
    for key in ("question_id", "file_name", "after", "year"):
        value = found.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            return str(value)
    return ""
