"""A unit's rencana aksi as a .docx laid out like Lampiran I of Perbup Ketapang 49/2022.

Sections A-D follow the Lampiran: dasar hukum, maksud dan tujuan, the Pengungkit actions
(Pemenuhan then Reform, one table per area) and the Hasil actions, then the head's signature.
Every indicator of the LKE gets its rows, even when the unit has none for it yet, so the
printed plan shows its own gaps. Status and PIC travel with each row for callers that need
them, but Lampiran I has no column for them and the document does not show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from string import ascii_lowercase

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from zi_core.lke.model import Lke, Part
from zi_core.reports.docx_parts import (
    DOTS,
    grid_table,
    heading,
    long_date,
    new_document,
    numbered,
    paragraph,
    set_widths,
    signature_block,
    to_bytes,
    write,
)

TITLE = "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK/WBBM"
HEADER = ("INDIKATOR", "RENCANA AKSI", "TARGET WAKTU PELAKSANAAN")
WIDTHS = (Cm(4.5), Cm(8), Cm(3.5))
DASAR_HUKUM = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun "
    "2021 tentang Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi "
    "dan Wilayah Birokrasi Bersih dan Melayani di Instansi Pemerintah;",
    "Peraturan Bupati Ketapang Nomor 49 Tahun 2022 tentang Pembangunan Zona Integritas Menuju "
    "Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih dan Melayani di Lingkungan "
    "Pemerintah Kabupaten Ketapang;",
)
"""Always listed, in the order of the hierarchy of regulations; a plan may add more lines."""
PARTS = ((Part.PEMENUHAN, "1. Pemenuhan"), (Part.REFORM, "2. Reform"))


@dataclass(frozen=True)
class PlanRow:
    """One action of the plan: a Lampiran I item or the unit's own (`own=True`)."""

    indicator_id: str
    text: str
    target_date: date | None
    pic_name: str | None = None
    status: str = "belum"
    own: bool = False


@dataclass(frozen=True)
class RencanaAksiDocument:
    """Everything the printed plan shows; rows name their LKE indicator or Hasil item."""

    unit_name: str
    rows: Sequence[PlanRow]
    lke: Lke
    head_name: str | None = None
    head_nip: str | None = None
    place: str = "Ketapang"
    signed_on: date | None = None
    dasar_hukum: Sequence[str] = ()
    maksud_tujuan: Sequence[str] = ()


def default_maksud_tujuan(unit_name: str) -> tuple[str, str]:
    """Section B when the unit wrote none: what the plan is for and what it aims at."""
    return (
        f"Maksud disusunnya rencana aksi ini adalah sebagai pedoman bagi {unit_name} dalam "
        "melaksanakan pembangunan Zona Integritas menuju Wilayah Bebas dari Korupsi (WBK) dan "
        "Wilayah Birokrasi Bersih dan Melayani (WBBM);",
        "Tujuan rencana aksi ini adalah mewujudkan birokrasi yang bersih dan akuntabel serta "
        "pelayanan publik yang prima melalui kegiatan yang terukur, terjadwal dan terpantau.",
    )


def render_rencana_aksi(plan: RencanaAksiDocument) -> bytes:
    """The plan as .docx bytes in the Lampiran I layout."""
    lke = plan.lke
    rows = _rows_by_indicator(plan)
    document = new_document(f"{TITLE} - {plan.unit_name}")
    paragraph(document, TITLE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(document, plan.unit_name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    heading(document, "A. DASAR HUKUM")
    numbered(document, [*DASAR_HUKUM, *plan.dasar_hukum])
    heading(document, "B. MAKSUD DAN TUJUAN")
    numbered(document, plan.maksud_tujuan or default_maksud_tujuan(plan.unit_name))

    heading(document, "C. RENCANA AKSI KOMPONEN PENGUNGKIT")
    areas = sorted(lke.areas, key=lambda area: area.number)
    for part, label in PARTS:
        heading(document, label, level=1)
        for index, area in enumerate(areas):
            half = area.pemenuhan if part == Part.PEMENUHAN else area.reform
            heading(document, f"{ascii_lowercase[index]}. {half.name}", level=2)
            _table(document, [(i.id, i.name) for i in half.indicators], rows)

    heading(document, "D. RENCANA AKSI KOMPONEN HASIL")
    for index, group in enumerate(lke.hasil):
        heading(document, f"{ascii_lowercase[index]}. {group.name}", level=1)
        _table(document, [(i.id, i.text) for i in group.items], rows)

    signed = long_date(plan.signed_on) or DOTS
    signature_block(
        document, [f"{plan.place}, {signed}", "Kepala Unit Kerja"], plan.head_name, plan.head_nip
    )
    return to_bytes(document)


def _rows_by_indicator(plan: RencanaAksiDocument) -> dict[str, list[PlanRow]]:
    """The rows under each indicator id: Lampiran I rows first, then the unit's own."""
    known = {i.id for i in plan.lke.indicators()}
    known.update(item.id for group in plan.lke.hasil for item in group.items)
    unknown = sorted({row.indicator_id for row in plan.rows} - known)
    if unknown:
        # A row the document cannot place would silently vanish from a signed plan.
        raise ValueError(f"rows name indicators not in LKE {plan.lke.version}: {unknown}")
    grouped: dict[str, list[PlanRow]] = {}
    for row in sorted(plan.rows, key=lambda row: row.own):
        grouped.setdefault(row.indicator_id, []).append(row)
    return grouped


def _table(
    document: DocxDocument,
    indicators: Sequence[tuple[str, str]],
    rows: dict[str, list[PlanRow]],
) -> None:
    """One area's table: each indicator over its rows, its name merged down the first column."""
    table = grid_table(document, HEADER, WIDTHS)
    for indicator_id, name in indicators:
        actions = rows.get(indicator_id, [])
        cells = [table.add_row().cells for _ in range(max(1, len(actions)))]
        for number, (action, row_cells) in enumerate(zip(actions, cells, strict=False), 1):
            text = f"{number}. {action.text}" if len(actions) > 1 else action.text
            write(row_cells[1], text, hanging=Cm(0.5) if len(actions) > 1 else None)
            write(row_cells[2], long_date(action.target_date), align=WD_ALIGN_PARAGRAPH.CENTER)
        top = cells[0][0]
        if len(cells) > 1:
            top = top.merge(cells[-1][0])
        write(top, name)
    set_widths(table, WIDTHS)
