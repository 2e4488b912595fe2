"""`/status`: a unit's figures, every Lampiran II check, the verdict and the gap analysis."""

from __future__ import annotations

from decimal import Decimal

from bot.i18n import N_, _, number
from bot.views.common import bar, crumbs
from bot.views.html import html
from zi_core.domain.statuses import Kelayakan
from zi_core.domain.unit import UnitDTO
from zi_core.figures import shown
from zi_core.lke.model import Lke
from zi_core.scorecard import Assessment
from zi_core.thresholds import Check, Group, Status

CHECK_NAMES = {
    "opini_bpk": N_("Opini BPK"), "sakip": N_("Nilai SAKIP instansi"),
    "indeks_rb": N_("Indeks RB"), "spip": N_("Level maturitas SPIP"),
    "core_service": N_("Unit pelaksana layanan inti"),
    "dampak_signifikan": N_("Berdampak signifikan pada masyarakat"),
    "tindak_lanjut": N_("Tindak lanjut hasil pemeriksaan (%)"),
    "lhkpn": N_("Penyampaian LHKPN (%)"), "lhkasn": N_("Penyampaian LHKASN (%)"),
    "lama_pembangunan": N_("Lama membangun ZI (tahun)"),
    "sakip_internal": N_("Nilai SAKIP unit"), "predikat_wbk": N_("Sudah berpredikat WBK"),
    "total": N_("Nilai total"), "pengungkit": N_("Komponen pengungkit"),
    "birokrasi_bersih": N_("Birokrasi bersih dan akuntabel"), "ipak": N_("Nilai IPAK"),
    "kinerja": N_("Capaian kinerja"), "pelayanan_prima": N_("Pelayanan publik prima (IPKP)"),
}
VERDICTS = {Kelayakan.BELUM_LAYAK: N_("❌ Belum layak diusulkan"),
            Kelayakan.LAYAK_WBK: N_("✅ Layak diusulkan menuju WBK"),
            Kelayakan.LAYAK_WBBM: N_("🏆 Layak diusulkan menuju WBBM")}
MARKS = {Status.LULUS: "✅", Status.GAGAL: "❌", Status.BELUM_DIISI: "⬜"}
MAX_STEPS = 8


def _figure(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def check_name(lke: Lke, check: Check) -> str:
    """A check's name in the current language (an area's name for area checks)."""
    if check.id.startswith("area."):
        area = lke.area(check.id.removeprefix("area."))
        return _("Area {area} (%)").format(area=area.name if area else check.id)
    return _(CHECK_NAMES.get(check.id, check.id))


def check_line(lke: Lke, check: Check) -> str:
    """`✅ Nilai total: 76,10 (syarat 75,00)` and the gap when failing."""
    line = html(_("{mark} {name}: {actual} (syarat {required})"), mark=MARKS[check.status],
                name=check_name(lke, check), actual=_figure(check.actual),
                required=_figure(check.required))
    if check.status is Status.GAGAL and check.gap is not None:
        line += " " + html(_("— kurang {gap}"), gap=_figure(check.gap))
    return line


def status_text(unit: UnitDTO, lke: Lke, assessment: Assessment, final: bool,
                rechecks: int = 0) -> str:
    """The whole status of a unit, for the chat (split by the sender when long)."""
    score, verdict = assessment.score, assessment.verdict
    lines = [crumbs(_("Status"), unit.name),
             _("🔒 Evaluasi sudah difinalkan.") if final else _("⏳ Evaluasi masih berjalan."),
             "",
             _("<b>Nilai total: {total}</b> (pengungkit {pengungkit} + hasil {hasil})").format(
                 total=number(shown(score.total)), pengungkit=number(shown(score.pengungkit)),
                 hasil=number(shown(score.hasil.total))),
             _("Pertanyaan belum dijawab: {count}").format(count=len(score.unanswered))]
    if rechecks:
        lines.append(_("🔁 Menunggu dicek ulang: {count} pertanyaan").format(count=rechecks))
    lines += ["", _("<b>Area perubahan</b> (syarat WBK 60%, WBBM 75%)")]
    for area in score.areas:
        lines.append(html("{number}. {name}: {score} · {bar}", number=area.area.number,
                          name=area.area.name, score=number(shown(area.score)),
                          bar=bar(int(area.percent))))
    lines += ["", _("<b>Hasil: {verdict}</b>").format(
        verdict=_(VERDICTS[verdict.result.value]))]
    for predicate in lke.predicates:
        lines += ["", html(_("<b>Syarat {name}</b>"), name=predicate.name)]
        lines += [check_line(lke, c) for c in verdict.for_predicate(predicate.key)
                  if c.group is not Group.PERINGATAN]
        warnings = [c for c in verdict.for_predicate(predicate.key)
                    if c.group is Group.PERINGATAN and c.status is Status.GAGAL]
        if warnings:
            lines.append(_("⚠️ Catatan: {count} bagian pemenuhan/reform di bawah batas "
                           "(tidak menentukan).").format(count=len(warnings)))
            lines += [_warning_line(lke, c) for c in warnings]
    lines += _gap_lines(assessment)
    return "\n".join(lines)


def _warning_line(lke: Lke, check: Check) -> str:
    """`· Reform Manajemen Perubahan: 52,00 (batas 60,00)`: which half of which area."""
    part, _dot, key = check.id.partition(".")
    area = lke.area(key)
    return html(_("· {part} {area}: {actual} (batas {required})"),
                part=_("Pemenuhan") if part == "pemenuhan" else _("Reform"),
                area=area.name if area else key, actual=_figure(check.actual),
                required=_figure(check.required))


HASIL_NAMES = {"ipak": N_("IPAK"), "ipkp": N_("IPKP"), "kinerja": N_("capaian kinerja")}


def _assumed(key: str, entry: Decimal | str) -> str:
    """One Hasil item a plan counts on: "IPAK ≥ 3,60", "capaian kinerja ≥ C"."""
    value = number(entry) if isinstance(entry, Decimal) else entry
    return f"{_(HASIL_NAMES[key])} ≥ {value}"


def _gap_lines(assessment: Assessment) -> list[str]:
    lines = []
    for key, plan in assessment.gaps.plans.items():
        if assessment.verdict.eligible(key):
            continue
        name = key.upper()
        if plan.steps and plan.reachable:
            lines += ["", _("<b>Naikkan {count} jawaban ini untuk mencapai {name}:</b>").format(
                count=len(plan.steps), name=name)]
            lines += [html("• {id}: {current} → {target} (+{gain})", id=s.question_id,
                           current=s.current or "—", target=s.target,
                           gain=number(shown(s.gain))) for s in plan.steps[:MAX_STEPS]]
            if len(plan.steps) > MAX_STEPS:
                lines.append(_("… dan {count} lainnya").format(count=len(plan.steps) - MAX_STEPS))
            if plan.assumes:
                lines.append(_("Rencana ini dengan {hasil} (Hasil belum diisi).").format(
                    hasil=_(" dan ").join(_assumed(k, v) for k, v in plan.assumes)))
        if plan.blocking:
            lines.append(html(_("Untuk {name} juga perlu dipenuhi (tidak dari jawaban LKE): "
                                "{checks}"), name=name, checks=", ".join(
                                    _(CHECK_NAMES.get(c, c)) for c in plan.blocking)))
    return lines
