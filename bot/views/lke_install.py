"""The texts of installing an LKE version in the chat: the request for the file, the preview
of what it changes (compact enough for a phone), the outcome and every refusal."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import _, number
from bot.views.html import Html, html
from zi_core.lke.diff import Change, Kind
from zi_core.services.lke_versions import Proposal

MAX_IDS = 15
"""Question ids listed per kind of change before "… dan N lainnya"."""
MAX_LINES = 10
"""Value changes listed per kind before "… dan N lainnya"."""


def ask(version: str, max_kb: int) -> str:
    """What the admin sees after "📘 Pasang LKE baru"."""
    return "\n".join([
        _("📘 <b>Pasang LKE baru</b>"),
        html(_("LKE yang berlaku: versi {version}."), version=version),
        "",
        _("Kirim berkas LKE (YAML, paling besar {kb} KB) sebagai dokumen. Bot memeriksanya "
          "dan menampilkan perubahannya; LKE baru berlaku setelah Anda menekan ✅ Pasang. "
          "/batal untuk membatalkan.").format(kb=max_kb)])


def _more(count: int) -> str:
    return _("… dan {count} lainnya").format(count=count)


def _ids(title: str, found: Sequence[Change]) -> list[str]:
    if not found:
        return []
    ids = [c.item_id for c in found[:MAX_IDS]]
    tail = [_more(len(found) - MAX_IDS)] if len(found) > MAX_IDS else []
    return [html("{title} ({count}): {ids}", title=Html(title), count=len(found),
                 ids=", ".join([*ids, *tail]))]


def _values(title: str, found: Sequence[Change]) -> list[str]:
    if not found:
        return []
    lines = [f"{title} ({len(found)}):"]
    for change in found[:MAX_LINES]:
        if change.kind is Kind.OPTION_VALUE:
            lines.append(html(_("• {id} opsi {option}: {before} → {after}"),
                              id=change.item_id, option=change.option or "",
                              before=number(change.before), after=number(change.after)))
        elif change.kind is Kind.ANSWER_TYPE:
            lines.append(html("• {id}: {before} → {after}", id=change.item_id,
                              before=change.before, after=change.after))
        else:
            lines.append(html("• {id}: {before} → {after}", id=change.item_id,
                              before=number(change.before), after=number(change.after)))
    if len(found) > MAX_LINES:
        lines.append(_more(len(found) - MAX_LINES))
    return lines


def preview(proposal: Proposal) -> str:
    """What the file changes against the version in force, grouped by kind of change."""
    def of(kind: Kind) -> list[Change]:
        return [c for c in proposal.changes if c.kind is kind]

    new = proposal.new
    lines = [html(_("📘 <b>Pratinjau LKE {old} → {new}</b>"),
                  old=proposal.current.version, new=new.version),
             _("Berkas sah: {questions} pertanyaan, {indicators} indikator.").format(
                 questions=len(new.questions()), indicators=len(new.indicators())), ""]
    body = [*_ids(_("➕ Pertanyaan baru"), of(Kind.ADDED)),
            *_ids(_("➖ Pertanyaan dihapus"), of(Kind.REMOVED)),
            *_ids(_("✏️ Teks pertanyaan diubah"), of(Kind.TEXT)),
            *_values(_("🔀 Jenis jawaban diubah"), of(Kind.ANSWER_TYPE)),
            *_values(_("🔢 Nilai opsi diubah"), of(Kind.OPTION_VALUE)),
            *_values(_("⚖️ Bobot diubah"), of(Kind.WEIGHT))]
    lines += body or [_("Tidak ada perubahan pertanyaan, nilai opsi, atau bobot.")]
    lines += ["", html(_("Evaluasi yang sedang berjalan tetap memakai versinya sendiri; "
                         "evaluasi baru memakai versi {new}. Pasang sekarang?"),
                       new=new.version)]
    return "\n".join(lines)


def installed(version: str) -> str:
    """The outcome of ✅ Pasang."""
    return html(_("✅ LKE versi {version} dipasang dan kini berlaku. Evaluasi yang sudah "
                  "berjalan tetap memakai versinya sendiri."), version=version)


def cancelled(version: str) -> str:
    """The outcome of Batal."""
    return html(_("Dibatalkan. LKE yang berlaku tetap versi {version}."), version=version)


def invalid(problem: str) -> str:
    """An LKE file the validator refuses: its first problem, in one sentence."""
    return html(_("LKE tidak sah: {problem}. Perbaiki berkasnya lalu kirim lagi, atau /batal."),
                problem=problem[:300])


def not_yaml() -> str:
    """A photo, or a document that is not a YAML text file."""
    return _("Berkas itu bukan berkas LKE: kirim berkas YAML (.yaml atau .yml) sebagai "
             "dokumen, atau /batal.")


def too_big(max_kb: int) -> str:
    """A file above the size limit."""
    return _("Berkas itu terlalu besar: berkas LKE paling besar {kb} KB. Kirim berkas lain, "
             "atau /batal.").format(kb=max_kb)


def refused(reason: str, version: str | None) -> str:
    """Why an install did not go on."""
    texts = {
        "duplicate": _("Versi {version} sudah terpasang: beri label versi baru pada berkas "
                       "lalu kirim lagi, atau /batal."),
        "gone": _("Berkas LKE ini tidak lagi menunggu: sudah dipasang, dibatalkan, atau "
                  "diganti berkas lain."),
        "moved": _("LKE versi {version} sudah berlaku sejak pratinjau ini dibuat: kirim "
                   "berkasnya lagi untuk pratinjau yang baru."),
        "not_allowed": _("Hanya admin yang dapat memasang LKE."),
    }
    return html(texts.get(reason, texts["gone"]), version=version or "")
