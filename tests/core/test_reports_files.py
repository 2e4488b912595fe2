"""The report files: the chart is a PNG matplotlib reads back, the workbooks open with
openpyxl and hold exactly the given figures, the Bupati report opens with python-docx and
lists the eligible units with their Lampiran II checks, the monitoring list only units that
hold a predicate."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import matplotlib.image
import pytest
from docx import Document
from openpyxl import load_workbook

from zi_core import scorecard
from zi_core.lke import Lke
from zi_core.lke.model import AnswerType
from zi_core.reports.bupati_docx import render_bupati_report, render_monitoring_list
from zi_core.reports.chart import HEATMAP_ROWS, render_chart
from zi_core.reports.summary import Summary, UnitRow
from zi_core.reports.workbook import (
    VERDICT_LABELS,
    LkeRow,
    render_lke_workbook,
    render_summary_workbook,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TODAY = date(2026, 12, 9)


def _row(lke: Lke, number: int, verdict: str = "belum_layak", status: str = "evaluasi",
         total: str = "70.50", change: str | None = None) -> UnitRow:
    keys = [area.key for area in lke.areas]
    return UnitRow(
        unit_id=number, code=f"OPD{number:03d}", name=f"Dinas Nomor {number}", status=status,
        total=total, pengungkit="45.25", hasil="25.25",
        areas={key: f"{index + 3}.{number % 100:02d}" for index, key in enumerate(keys)},
        area_percent={key: f"{(number * 7 + index * 11) % 100}.50"
                      for index, key in enumerate(keys)},
        verdict=verdict, progress_percent=40 + number % 50,
        progress_by_area={key: index * 10 for index, key in enumerate([*keys, "hasil"])},
        evidence_count=number, pact_signed=3, headcount=10, overdue_items=number % 3,
        last_activity_at=datetime(2026, 12, 1, 8, tzinfo=UTC), change=change,
        verdict_before=None)


def _summary(rows: list[UnitRow]) -> Summary:
    by_verdict = {"belum_layak": 0, "layak_wbk": 0, "layak_wbbm": 0}
    for row in rows:
        by_verdict[row.verdict] += 1
    return Summary(date(2026, 12, 7), TODAY, rows, by_verdict, [], 0, 0, [])


@pytest.fixture
def rows(lke) -> list[UnitRow]:
    return [_row(lke, 1, "layak_wbk", total="80.25", change="+1.50"),
            _row(lke, 2, "layak_wbbm", status="predikat_wbk", total="88.00", change="-0.25"),
            _row(lke, 3, total="60.00"),
            _row(lke, 4, status="predikat_wbbm", total="74.99")]


@pytest.fixture
def card(lke) -> dict:
    """A real scorecard: every question at the top, every prerequisite met (layak WBK)."""
    answers = {}
    for question in lke.questions():
        if question.answer_type is AnswerType.PERSEN:
            answers[question.id] = {item.key: 1 for item in question.inputs}
        else:
            answers[question.id] = max(question.options, key=lambda o: o.value).key
    document = {"answers": answers, "hasil": {"ipak": "3.61", "ipkp": "3.20", "kinerja": "B"},
                "prerequisites": {"opini_bpk": "WTP", "sakip": "BB", "indeks_rb": "B",
                                  "spip_level": 3, "core_service": True,
                                  "dampak_signifikan": True, "tindak_lanjut": 100,
                                  "lhkpn": 100, "lhkasn": 100, "pencanangan": "2024-01-15",
                                  "sakip_internal": "BB", "predikat_wbk": True}}
    answer_set, facts = scorecard.parse_document(lke, document, TODAY)
    return scorecard.as_json(scorecard.assess(lke, answer_set, facts))


@pytest.mark.parametrize("count", [0, 4, 500])
def test_the_chart_is_a_png_matplotlib_reads_back(lke, count):
    summary = _summary([_row(lke, n + 1, total=f"{50 + n % 45}.25") for n in range(count)])

    png = render_chart(summary, lke)

    assert png.startswith(PNG_SIGNATURE)
    image = matplotlib.image.imread(io.BytesIO(png), format="png")
    height, width = image.shape[:2]
    assert width >= 800 and height >= 400
    if count == 500:  # the heatmap is capped, so the figure stays a sensible size
        assert height < 100 * (4 + 0.26 * HEATMAP_ROWS + 3 + 1)


def test_the_summary_workbook_holds_every_units_figures(lke, rows):
    lke_rows = [_lke_row(1), _lke_row(2)]
    data = render_summary_workbook(_summary(rows), lke, {2: lke_rows})

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Ringkasan", "OPD002"]
    sheet = book["Ringkasan"]
    header = [cell.value for cell in sheet[1]]
    found = [dict(zip(header, [cell.value for cell in line], strict=True))
             for line in sheet.iter_rows(min_row=2)]
    assert len(found) == len(rows)
    areas = sorted(lke.areas, key=lambda a: a.number)
    for row, line in zip(rows, found, strict=True):
        assert (line["Kode"], line["Nama unit"], line["Status"]) == (row.code, row.name,
                                                                     row.status)
        assert (line["Pakta ditandatangani"], line["Jumlah pegawai"]) == (row.pact_signed,
                                                                          row.headcount)
        assert line["Progres rencana aksi (%)"] == row.progress_percent
        assert line["Jumlah bukti"] == row.evidence_count
        for area in areas:
            assert _text(line[f"Nilai {area.number}. {area.name}"]) == row.areas[area.key]
            assert (line[f"Progres {area.number}. {area.name} (%)"]
                    == row.progress_by_area[area.key])
        assert [_text(line[k]) for k in ("Pengungkit", "Hasil", "Total")] == [
            row.pengungkit, row.hasil, row.total]
        assert line["Putusan"] == VERDICT_LABELS[row.verdict]
        assert _text(line["Perubahan sejak minggu lalu"]) == (
            None if row.change is None else f"{Decimal(row.change):.2f}")
    assert _lke_sheet(book["OPD002"]) == lke_rows


def test_the_lke_workbook_holds_the_rows_and_the_scorecard(lke, card):
    lke_rows = [_lke_row(1), _lke_row(2, notes="=HYPERLINK(\"x\")\x07")]
    data = render_lke_workbook("Dinas Uji", lke_rows, card)

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["LKE", "Nilai"]
    shown = _lke_sheet(book["LKE"])
    assert shown[0] == lke_rows[0]
    assert shown[1].notes == "=HYPERLINK(\"x\")"  # kept as text, never a formula
    assert book["LKE"].cell(row=3, column=12).data_type == "s"
    figures = {line[0].value: line for line in book["Nilai"].iter_rows(min_row=2)}
    assert figures["Unit"][1].value == "Dinas Uji"
    assert _text(figures["Total"][1].value) == card["total"]
    assert _text(figures["Hasil"][1].value) == card["hasil"]
    for key, value in card["areas"].items():
        line = figures[f"Area {key}"]
        assert (_text(line[1].value), _text(line[2].value)) == (value,
                                                                card["area_percent"][key])
    assert figures["Putusan"][1].value == VERDICT_LABELS[card["verdict"]]
    assert book["Syarat"].max_row == len(card["checks"]) + 1


def test_the_bupati_report_lists_the_eligible_units_and_their_checks(lke, rows, card):
    checks = {1: card["checks"], 2: card["checks"]}
    data = render_bupati_report(_summary(rows), lke, checks, TODAY, "Drs. Inspektur", NIP)

    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for line in table.rows
             for cell in line.cells]
    assert "LAPORAN HASIL EVALUASI PEMBANGUNAN ZONA INTEGRITAS" in text
    wbk = text.index("DIUSULKAN MENUJU WBK")
    wbbm = text.index("DIUSULKAN MENUJU WBBM")
    assert wbk < text.index("Dinas Nomor 1 (OPD001)") < wbbm < text.index(
        "Dinas Nomor 2 (OPD002)")
    wbk_checks = [c["id"] for c in card["checks"] if c["predicate"] == "wbk"]
    assert set(wbk_checks) <= set(cells)
    assert "80,25" in cells and "88,00" in cells
    others = document.tables[-1]
    listed = [line.cells[1].text for line in others.rows[1:]]
    assert listed == ["OPD003", "OPD004"]
    assert "Drs. Inspektur" in text and f"NIP. {NIP}" in text
    assert "9 Desember 2026" in text


def test_the_bupati_report_says_when_nobody_is_eligible(lke):
    data = render_bupati_report(_summary([_row(lke, 1)]), lke, {}, TODAY, None, None)

    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert text.count("Tidak ada unit kerja.") == 2


def test_the_monitoring_list_holds_only_units_with_a_predicate(lke, rows):
    rows = [*rows, replace(rows[2], unit_id=9, code="OPD009", status="layak_wbbm")]
    book = load_workbook(io.BytesIO(render_monitoring_list(rows)))

    sheet = book["Pemantauan"]
    listed = [(line[0].value, line[2].value, _text(line[3].value))
              for line in sheet.iter_rows(min_row=2)]
    assert listed == [("OPD002", "WBK", "88.00"), ("OPD004", "WBBM", "74.99")]


NIP = "197007031999031007"


def _lke_row(number: int, notes: str = "") -> LkeRow:
    return LkeRow(question_id=f"P.1.i.{number}", text=f"Pertanyaan {number}",
                  unit_answer="A", tpi_answer="B" if number % 2 else None,
                  value="0.75" if number % 2 else "0.00", weight="1.60",
                  indicator_id="P.1.i", indicator_score="0.60",
                  area_key="manajemen_perubahan", area_score="3.25", notes=notes,
                  evidence=f"bukti{number}.pdf (0123456789ab)")


def _lke_sheet(sheet) -> list[LkeRow]:
    found = []
    for line in sheet.iter_rows(min_row=2, values_only=True):
        (_, qid, text, unit, tpi, value, weight, indicator, indicator_score, area,
         area_score, notes, evidence) = line
        found.append(LkeRow(qid, text, unit, tpi, _text(value), _text(weight), indicator,
                            _text(indicator_score), area, _text(area_score), notes or "",
                            evidence or ""))
    return found


def _text(value) -> str | None:
    """A number read back from a cell as the two-decimal text it was written from."""
    return None if value is None else f"{Decimal(str(value)):.2f}"
