"""The weekly summary message for the Inspektur (the chart and the workbook go with it)."""

from __future__ import annotations

from bot.i18n import _, day
from bot.views.html import html
from bot.views.status import VERDICTS
from zi_core.reports.summary import Summary

MAX_LIST = 15


def summary_text(summary: Summary) -> str:
    """Units by verdict, movements, overdue items, open consultations, idle units."""
    lines = [_("📊 <b>Ringkasan mingguan Zona Integritas</b>"),
             _("Minggu mulai {date} · {count} unit").format(date=day(summary.week_start),
                                                           count=len(summary.units)), ""]
    for key in ("layak_wbbm", "layak_wbk", "belum_layak"):
        lines.append(f"{_(VERDICTS[key])}: {summary.by_verdict.get(key, 0)}")
    lines += ["", _("<b>Berubah sejak minggu lalu</b> ({count})").format(
        count=len(summary.moved))]
    for row in summary.moved[:MAX_LIST]:
        before = _(VERDICTS[row.verdict_before]) if row.verdict_before in VERDICTS else "—"
        lines.append(html("• {code}: {before} → {after} ({total}{change})", code=row.code,
                          before=before, after=_(VERDICTS[row.verdict]), total=row.total,
                          change=", " + row.change if row.change else ""))
    lines += ["", _("⏰ Butir rencana aksi lewat target: {count}").format(
                  count=summary.overdue_items),
              _("💬 Konsultasi menunggu jawaban: {count}").format(
                  count=summary.open_consultations),
              _("💤 Unit tanpa kegiatan 14 hari: {count}").format(count=len(summary.idle_units))]
    for row in summary.idle_units[:MAX_LIST]:
        lines.append(html("   • {code} — {name}", code=row.code, name=row.name))
    lines += ["", _("Grafik dan buku kerja Excel terlampir.")]
    if summary.audit_head is not None:
        lines.append(_("🔗 Kepala jejak audit: <code>{head}</code>").format(
            head=f"{summary.audit_head.seq}:{summary.audit_head.hash}"))
    return "\n".join(lines)
