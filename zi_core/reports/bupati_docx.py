"""The Inspektur's reports to the Bupati (Perbup Ketapang 49/2022 Pasal 7(2)).

- huruf c: `render_bupati_report`, the "Laporan Hasil Evaluasi Pembangunan Zona Integritas"
  as .docx: the units proposed as Menuju WBK and Menuju WBBM with their figures and every
  Lampiran II check of the predicate, then the units not yet eligible;
- huruf d: `render_monitoring_list`, the units that hold a predicate, as .xlsx, for their
  periodic monitoring.

The checks arrive in the scorecard's `check_json` shape (id, predicate, required, actual,
gap, pass); the caller gathers them (`summary.eligible_checks`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from zi_core.lke.model import Lke
from zi_core.reports.docx_parts import (
    grid_table,
    heading,
    long_date,
    new_document,
    paragraph,
    set_widths,
    signature_block,
    to_bytes,
    write,
)
from zi_core.reports.summary import Summary, UnitRow
from zi_core.reports.workbook import VERDICT_LABELS
from zi_core.reports.xlsx_parts import figure, header, new_workbook, write_rows
from zi_core.reports.xlsx_parts import to_bytes as xlsx_bytes

TITLE = "LAPORAN HASIL EVALUASI PEMBANGUNAN ZONA INTEGRITAS"
PROPOSED = (("layak_wbk", "wbk", "A. UNIT KERJA YANG DIUSULKAN MENUJU WBK"),
            ("layak_wbbm", "wbbm", "B. UNIT KERJA YANG DIUSULKAN MENUJU WBBM"))
PREDICATE_STATUSES = {"predikat_wbk": "WBK", "predikat_wbbm": "WBBM"}
FIGURE_HEADER = ("Unsur", "Nilai")
FIGURE_WIDTHS = (Cm(10), Cm(6))
CHECK_HEADER = ("Syarat", "Dipersyaratkan", "Capaian", "Selisih", "Memenuhi")
CHECK_WIDTHS = (Cm(5), Cm(3.2), Cm(3.2), Cm(2.3), Cm(2.3))
OTHERS_HEADER = ("No", "Kode", "Unit Kerja", "Total", "Putusan")
OTHERS_WIDTHS = (Cm(1), Cm(2.5), Cm(7.5), Cm(2), Cm(3))
PASSED = {True: "Ya", False: "Tidak", None: "Belum diisi"}


def render_bupati_report(summary: Summary, lke: Lke, checks_by_unit: Mapping[int, list[dict]],
                         signed_on: date, inspektur_name: str | None,
                         inspektur_nip: str | None) -> bytes:
    """The evaluation report of Pasal 7(2)c as .docx bytes."""
    document = new_document(TITLE)
    paragraph(document, TITLE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(document, f"Keadaan per {long_date(summary.generated_on)}", bold=True,
              align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(document, (
        "Sesuai Pasal 7 ayat (2) huruf c Peraturan Bupati Ketapang Nomor 49 Tahun 2022, Tim "
        "Penilai Internal melaporkan hasil evaluasi pembangunan Zona Integritas beserta unit "
        "kerja yang diusulkan sebagai Zona Integritas Menuju WBK/WBBM kepada Tim Penilai "
        f"Nasional. Penilaian memakai Lembar Kerja Evaluasi {_versions(summary, lke)}; "
        "syarat pada Lampiran II diperiksa satu per satu."),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=Cm(0.3))
    names = {p.key: p.name for p in lke.predicates}
    for verdict, predicate, title in PROPOSED:
        heading(document, title)
        proposed = [row for row in summary.units if row.verdict == verdict]
        if not proposed:
            paragraph(document, "Tidak ada unit kerja.", indent=Cm(0.75))
        for number, row in enumerate(proposed, start=1):
            _unit(document, number, row, lke, names.get(predicate, predicate.upper()),
                  [c for c in checks_by_unit.get(row.unit_id, [])
                   if c.get("predicate") == predicate])
    heading(document, "C. UNIT KERJA YANG BELUM MEMENUHI SYARAT")
    eligible = {verdict for verdict, _, _ in PROPOSED}
    _others(document, [row for row in summary.units if row.verdict not in eligible])
    signature_block(document, [f"Ketapang, {long_date(signed_on)}", "Inspektur Kabupaten "
                               "Ketapang", "selaku Ketua Tim Penilai Internal"],
                    inspektur_name, inspektur_nip)
    return to_bytes(document)


def render_monitoring_list(units: Sequence[UnitRow]) -> bytes:
    """The units holding a predicate (Pasal 7(2)d) as .xlsx bytes, for monitoring."""
    book = new_workbook("Daftar pemantauan unit kerja berpredikat")
    sheet = book.create_sheet("Pemantauan")
    header(sheet, ["Kode", "Unit Kerja", "Predikat", "Total", "Putusan terkini",
                   "Perubahan sejak minggu lalu", "Progres rencana aksi (%)", "Jumlah bukti",
                   "Aktivitas terakhir"], [10, 36, 10, 9, 15, 14, 12, 10, 20])
    held = [row for row in units if row.status in PREDICATE_STATUSES]
    write_rows(sheet, ([row.code, row.name, PREDICATE_STATUSES[row.status], figure(row.total),
                        VERDICT_LABELS.get(row.verdict, row.verdict), figure(row.change),
                        row.progress_percent, row.evidence_count,
                        row.last_activity_at.strftime("%Y-%m-%d %H:%M UTC")
                        if row.last_activity_at else "belum ada"]
                       for row in sorted(held, key=lambda r: r.code)))
    return xlsx_bytes(book)


def _versions(summary: Summary, lke: Lke) -> str:
    """The LKE version(s) the units were scored with (each evaluation keeps its own)."""
    found = sorted({row.lke_version for row in summary.units if row.lke_version})
    if len(found) <= 1:
        return f"versi {found[0] if found else lke.version}"
    return (f"versi {', '.join(found[:-1])} dan {found[-1]} (versi tiap unit tercantum pada "
            "rinciannya)")


def _unit(document: DocxDocument, number: int, row: UnitRow, lke: Lke, predicate: str,
          checks: list[dict[str, Any]]) -> None:
    heading(document, f"{number}. {row.name} ({row.code}) — usulan {predicate}", level=1)
    figures = grid_table(document, FIGURE_HEADER, FIGURE_WIDTHS)
    lines = [("Versi LKE", row.lke_version or lke.version),
             ("Nilai total", _comma(row.total)),
             ("Komponen pengungkit", _comma(row.pengungkit)),
             ("Komponen hasil", _comma(row.hasil))]
    for area in sorted(lke.areas, key=lambda a: a.number):
        lines.append((f"{area.number}. {area.name}", f"{_comma(row.areas.get(area.key))} "
                      f"({_comma(row.area_percent.get(area.key))}%)"))
    for label, value in lines:
        cells = figures.add_row().cells
        write(cells[0], label)
        write(cells[1], value, align=WD_ALIGN_PARAGRAPH.RIGHT)
    set_widths(figures, FIGURE_WIDTHS)
    paragraph(document, "Pemenuhan syarat Lampiran II:", indent=Cm(0.75), before=Cm(0.2))
    if not checks:
        paragraph(document, "Rincian syarat tidak tersedia.", indent=Cm(0.75))
        return
    table = grid_table(document, CHECK_HEADER, CHECK_WIDTHS)
    for check in checks:
        cells = table.add_row().cells
        write(cells[0], str(check.get("id", "")))
        for cell, key in zip(cells[1:4], ("required", "actual", "gap"), strict=True):
            write(cell, _shown(check.get(key)), align=WD_ALIGN_PARAGRAPH.RIGHT)
        write(cells[4], PASSED.get(check.get("pass"), "-"), align=WD_ALIGN_PARAGRAPH.CENTER)
    set_widths(table, CHECK_WIDTHS)


def _others(document: DocxDocument, rows: list[UnitRow]) -> None:
    if not rows:
        paragraph(document, "Tidak ada unit kerja.", indent=Cm(0.75))
        return
    table = grid_table(document, OTHERS_HEADER, OTHERS_WIDTHS)
    for number, row in enumerate(sorted(rows, key=lambda r: r.code), start=1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(number), row.code, row.name, _comma(row.total),
                                      VERDICT_LABELS.get(row.verdict, row.verdict)), strict=True):
            write(cell, text)
    set_widths(table, OTHERS_WIDTHS)


def _comma(value: str | None) -> str:
    """A two-decimal figure with the Indonesian decimal comma (`75,00`)."""
    return "-" if value is None else str(value).replace(".", ",")


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return _comma(str(value)) if _is_figure(value) else str(value)


def _is_figure(value: Any) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return True
