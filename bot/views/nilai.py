"""Screens of the TPI's scoring: units, parts and areas, indicators, one question."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _
from bot.keyboards import Buttons, markup
from bot.views.common import bar, crumbs
from bot.views.html import html
from bot.views.question import answer_text, inputs, options
from zi_core.domain.penilaian import AssessmentDTO
from zi_core.domain.unit import UnitDTO
from zi_core.lke import Question
from zi_core.lke.model import Lke, Part

PARTS = {"p": Part.PEMENUHAN, "r": Part.REFORM}


def units(found: list[tuple[UnitDTO, int, int]], buttons: Buttons
          ) -> tuple[str, InlineKeyboardMarkup]:
    """The units the evaluator may score, with how far their own scoring is."""
    lines = [_("<b>Penilaian TPI</b>"), _("Pilih unit kerja:")]
    if not found:
        lines.append(_("Belum ada unit yang ditugaskan kepada Anda. Sekretaris atau Ketua TPI "
                       "menugaskan penilai."))
    rows = [[buttons.button(f"{u.code} — {u.name} ({done}/{total})"[:60], "nu", u.id)]
            for u, done, total in found]
    rows.append([buttons.back()])
    return "\n".join(lines), markup(rows)


def unit(u: UnitDTO, done: int, total: int, final: bool, disagreements: int, chair: bool,
         may_assign: bool, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """One unit: parts to score and what the chair can do."""
    lines = [crumbs(_("Penilaian TPI"), u.name),
             _("Jawaban Anda: {done} dari {total}").format(done=done, total=total),
             bar(round(100 * done / total) if total else 0)]
    if final:
        lines.append(_("🔒 Evaluasi sudah difinalkan."))
    rows = [[buttons.button(_("Pemenuhan"), "np", u.id, "p"),
             buttons.button(_("Reform"), "np", u.id, "r"),
             buttons.button(_("Hasil"), "nh", u.id)],
            [buttons.button(_("📊 Status dan syarat"), "st", u.id),
             buttons.button(_("🧾 Prasyarat unit"), "pu", u.id)],
            [buttons.button(_("📥 LKE unit (.xlsx)"), "nlke", u.id)]]
    if chair:
        rows.append([buttons.button(_("⚖️ Perbedaan jawaban ({count})").format(
            count=disagreements), "nd", u.id)])
        rows.append([buttons.button(_("🔓 Buka kembali evaluasi"), "nreo", u.id) if final
                     else buttons.button(_("🔒 Finalkan evaluasi"), "nfin", u.id)])
    if may_assign:
        rows.append([buttons.button(_("👥 Penilai unit ini"), "nas", u.id)])
    rows.append([buttons.back("nilai")])
    return "\n".join(lines), markup(rows)


def part(u: UnitDTO, lke: Lke, key: str, mine: dict[str, AssessmentDTO], buttons: Buttons
         ) -> tuple[str, InlineKeyboardMarkup]:
    """The areas of Pemenuhan or Reform with the evaluator's progress."""
    halves = lke.halves(PARTS[key])
    rows = []
    for half in halves:
        ids = [q.id for i in half.indicators for q in i.questions]
        done = sum(q in mine for q in ids)
        rows.append([buttons.button(f"{half.id} {half.name} ({done}/{len(ids)})"[:60], "na",
                                    u.id, half.id)])
    rows.append([buttons.back("nu", u.id)])
    title = _("Pemenuhan") if key == "p" else _("Reform")
    return crumbs(u.name, title), markup(rows)


def half(u: UnitDTO, lke: Lke, half_id: str, mine: dict[str, AssessmentDTO],
         buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """A half-area's indicators."""
    found = next(h for h in lke.halves() if h.id == half_id)
    rows = []
    for indicator in found.indicators:
        done = sum(q.id in mine for q in indicator.questions)
        mark = "✅" if done == len(indicator.questions) else ("⏳" if done else "⬜")
        rows.append([buttons.button(f"{mark} {indicator.id} {indicator.name}"[:60], "ni", u.id,
                                    indicator.id)])
    key = "p" if found.part is Part.PEMENUHAN else "r"
    rows.append([buttons.back("np", u.id, key)])
    return crumbs(u.name, found.name), markup(rows)


def question(u: UnitDTO, lke: Lke, q: Question, claim: AssessmentDTO | None,
             mine: AssessmentDTO | None, others: list[tuple[str, AssessmentDTO]],
             evidence_count: int, recheck: bool, notes: list[str], final: bool,
             buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """A question as the evaluator scores it: criteria, the unit's claim, the answers."""
    indicator = lke.indicator(q.indicator_id)
    area = lke.area(indicator.area_key) if indicator else None
    lines = [crumbs(u.name, area.name if area else "", indicator.name if indicator else ""),
             html("<b>{id}</b> {text}", id=q.id, text=q.text), ""]
    if q.answer_type.has_options:
        lines += options(q)
    else:
        lines.append(_("Diisi dengan angka:"))
        lines += inputs(q)
    lines += ["", html(_("Klaim unit: {answer}"), answer=answer_text(q, claim)),
              _("Bukti dukung: {count} berkas").format(count=evidence_count),
              html(_("Jawaban Anda: {answer}"), answer=answer_text(q, mine))]
    for name, answer in others:
        lines.append(html(_("Penilai {name}: {answer}"), name=name,
                          answer=answer_text(q, answer)))
    if recheck:
        lines.append(_("🔁 Unit mengunggah bukti baru: menunggu dicek ulang."))
    if notes:
        lines.append(_("💬 Rekomendasi: {count}").format(count=len(notes)))
        lines += [html("   – {note}", note=n) for n in notes[-3:]]
    if final:
        lines.append(_("🔒 Evaluasi sudah difinalkan; jawaban tidak dapat diubah."))
    version = mine.version if mine else 0
    rows = []
    if not final:
        if q.answer_type.has_options:
            rows.append([buttons.button(o.key, "nqa", u.id, q.id, o.key, version)
                         for o in q.options])
        else:
            rows.append([buttons.button(_("✏️ Isi angka"), "nqn", u.id, q.id, version)])
    files = []
    if evidence_count:
        files.append(buttons.button(_("📂 Kirim bukti ({count})").format(count=evidence_count),
                                    "nev", u.id, q.id))
    files.append(buttons.button(_("💬 Rekomendasi"), "nrec", u.id, q.id))
    rows += [files, [buttons.button(_("❓ Penjelasan"), "lkeq", q.id),
                     buttons.back("ni", u.id, q.indicator_id)]]
    return "\n".join(lines), markup(rows)


def refused(reason: str) -> str:
    """Why a scoring step was not taken."""
    texts = {
        "not_evaluator": _("Anda tidak ditugaskan menilai unit ini."),
        "final": _("Evaluasi unit ini sudah difinalkan; minta Ketua TPI membukanya kembali."),
        "stale": _("Jawaban ini sudah berubah sejak layar dibuka; layar sudah diperbarui."),
        "option": _("Pilihan jawaban itu tidak ada pada pertanyaan ini."),
        "inputs": _("Angka itu tidak dapat dipakai untuk pertanyaan ini."),
        "disagreements": _("Masih ada perbedaan jawaban antarpenilai; tetapkan jawaban akhirnya "
                           "lebih dulu."),
        "not_final": _("Evaluasi unit ini belum difinalkan."),
        "not_designated": _("Unit ini belum dicanangkan dan ditetapkan sebagai unit Zona "
                            "Integritas; evaluasi baru dapat difinalkan sesudahnya."),
        "not_allowed": _("Anda tidak berwenang melakukan tindakan ini."),
        "too_long": _("Teks terlalu panjang."),
        "empty": _("Teks kosong."),
        "range": _("Nilai survei harus 0,00 sampai 4,00 (paling banyak dua angka desimal)."),
        "kinerja": _("Capaian kinerja harus A, B, C, D atau E."),
        "scale": _("Nilai itu tidak ada dalam skala."),
        "independence": _("Penilai ini tercatat sebagai pegawai unit tersebut; demi "
                          "independensi ia tidak boleh menilainya."),
        "not_tpi": _("Hanya anggota TPI yang aktif dapat ditugaskan."),
    }
    return texts.get(reason, _("Permintaan itu tidak dapat diproses."))
