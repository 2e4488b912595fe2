"""The weekly summary's picture: every unit's total against the WBK and WBBM minima, and a
heatmap of the six areas' percentages of the lowest-scoring units.

Drawn with matplotlib's object API on an Agg canvas (no pyplot, no display, no global
backend switch), so it is safe in a bot process and in tests. Up to 500 units stay readable:
bar labels are shown only while they fit, and the heatmap holds at most HEATMAP_ROWS units.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from zi_core.lke.model import Lke
from zi_core.reports.summary import Summary, UnitRow

HEATMAP_ROWS = 40
"""The heatmap shows at most this many units: the lowest totals, which need attention."""
LABELLED_BARS = 60
"""Beyond this many units the bars carry no unit codes (they would overlap)."""
WIDTH_IN = 11.0
BAR_HEIGHT_IN = 4.0
ROW_HEIGHT_IN = 0.26
DPI = 100
LEGEND = {"layak_wbbm": "Layak WBBM", "layak_wbk": "Layak WBK", "belum_layak": "Belum layak"}
VERDICT_COLOURS = {"layak_wbbm": "#1a7f37", "layak_wbk": "#4c9be8", "belum_layak": "#b0b0b0"}


def render_chart(summary: Summary, lke: Lke) -> bytes:
    """The summary's chart as PNG bytes: totals (bars) over an area heatmap."""
    rows = sorted(summary.units, key=lambda r: (-float(r.total), r.code))
    lowest = sorted(summary.units, key=lambda r: (float(r.total), r.code))[:HEATMAP_ROWS]
    heat_height = max(1.5, ROW_HEIGHT_IN * len(lowest)) + 1.5
    figure = Figure(figsize=(WIDTH_IN, BAR_HEIGHT_IN + heat_height), dpi=DPI,
                    layout="constrained")
    FigureCanvasAgg(figure)
    bars, heat = figure.subplots(2, 1, height_ratios=[BAR_HEIGHT_IN, heat_height])
    _bars(bars, rows, lke, summary)
    _heatmap(figure, heat, lowest, lke, len(summary.units))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _bars(axes, rows: list[UnitRow], lke: Lke, summary: Summary) -> None:
    positions = range(len(rows))
    axes.bar(positions, [float(r.total) for r in rows], width=0.8,
             color=[VERDICT_COLOURS.get(r.verdict, "#b0b0b0") for r in rows])
    for predicate, style in zip(lke.predicates, ("--", "-"), strict=False):
        minimum = float(predicate.scores.total_min)
        axes.axhline(minimum, color="#c0392b", linestyle=style, linewidth=1)
        axes.annotate(f"{predicate.key.upper()} {minimum:g}", (1.0, minimum),
                      xycoords=("axes fraction", "data"), xytext=(3, 0),
                      textcoords="offset points", va="center", fontsize=8, color="#c0392b")
    axes.set_ylim(0, 100)
    axes.set_xlim(-0.6, max(len(rows), 1) - 0.4)
    axes.set_ylabel("Nilai total")
    axes.set_title(f"Nilai LKE per unit — minggu {summary.week_start:%d-%m-%Y} "
                   f"({len(rows)} unit)")
    if len(rows) <= LABELLED_BARS:
        axes.set_xticks(list(positions), [r.code for r in rows], rotation=90, fontsize=7)
    else:
        axes.set_xticks([])
        axes.set_xlabel(f"{len(rows)} unit, dari nilai tertinggi (kode tidak ditampilkan)")
    axes.legend(handles=[Patch(color=colour, label=LEGEND[verdict])
                         for verdict, colour in VERDICT_COLOURS.items()],
                loc="upper right", fontsize=8)


def _heatmap(figure: Figure, axes, rows: list[UnitRow], lke: Lke, count: int) -> None:
    areas = sorted(lke.areas, key=lambda a: a.number)
    if not rows:
        axes.axis("off")
        axes.text(0.5, 0.5, "Belum ada unit", ha="center", va="center")
        return
    values = [[float(r.area_percent.get(a.key, "0")) for a in areas] for r in rows]
    image = axes.imshow(values, aspect="auto", cmap="RdYlGn", vmin=0, vmax=100)
    for y, line in enumerate(values):
        for x, value in enumerate(line):
            axes.text(x, y, f"{value:.0f}", ha="center", va="center", fontsize=7)
    axes.set_xticks(range(len(areas)), [f"{a.number}. {a.name}" for a in areas],
                    rotation=20, ha="right", fontsize=8)
    axes.set_yticks(range(len(rows)), [f"{r.code} ({r.total})" for r in rows], fontsize=7)
    title = "Persentase per area (%)"
    if count > len(rows):
        title += f" — {len(rows)} unit dengan nilai terendah dari {count}"
    axes.set_title(title)
    figure.colorbar(image, ax=axes, shrink=0.8, label="%")
