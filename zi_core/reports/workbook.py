"""The weekly summary and a unit's LKE as Excel workbooks (openpyxl), and the LKE rows.

"Ringkasan" has one row per unit: pact, plan progress (total and per area), evidence, the
area scores, pengungkit, hasil, total, verdict and the change since last week. A unit's LKE
sheet lists every question in the worksheet's order with the unit's own answer, the TPI's
answer that counts, its value, the indicator's and area's scores, the recommendations and
the evidence. `lke_rows` gathers those rows; the renderers only lay them out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.answers import AnswerError, AnswerSet, question_value
from zi_core.db.repositories import evidence
from zi_core.domain import konsensus
from zi_core.figures import as_text, shown
from zi_core.lke.model import AnswerType, Lke, Question
from zi_core.reports.summary import HASIL, Summary
from zi_core.reports.xlsx_parts import (
    figure,
    header,
    new_workbook,
    sheet_name,
    to_bytes,
    write_rows,
)
from zi_core.scoring import score_unit
from zi_core.services import evaluasi, penilaian

VERDICT_LABELS = {"belum_layak": "Belum layak", "layak_wbk": "Layak WBK",
                  "layak_wbbm": "Layak WBBM"}
SHA_SHOWN = 12
LKE_HEADER = ("No", "Kode", "Pertanyaan", "Jawaban unit", "Jawaban TPI", "Nilai", "Bobot",
              "Indikator", "Nilai indikator", "Area", "Nilai area", "Catatan TPI", "Bukti")
LKE_WIDTHS = (5, 14, 60, 12, 12, 8, 8, 12, 10, 22, 10, 40, 40)


@dataclass(frozen=True)
class LkeRow:
    """One LKE question of a unit as the worksheet shows it; figures are two-decimal text."""

    question_id: str
    text: str
    unit_answer: str | None
    tpi_answer: str | None
    value: str
    weight: str
    indicator_id: str
    indicator_score: str
    area_key: str
    area_score: str
    notes: str
    evidence: str


def answer_text(question: Question, answer: str | Fraction | None) -> str | None:
    """An answer as shown: the option key, or a percentage question's ratio in percent."""
    if answer is None:
        return None
    if question.answer_type is AnswerType.PERSEN:
        try:
            ratio = Fraction(answer)
        except (ValueError, ZeroDivisionError):
            return str(answer)
        return f"{as_text(shown(ratio * 100))}%"
    return str(answer)


async def lke_rows(session: AsyncSession, lke: Lke, unit_id: int) -> list[LkeRow]:
    """Every question of the LKE for the unit, in the worksheet's order."""
    claims = await penilaian.unit_claims(session, unit_id)
    effective = await evaluasi.effective_answers(session, lke, unit_id)
    score = score_unit(lke, AnswerSet(effective))
    notes: dict[str, list[str]] = {}
    for note in await evaluasi.recommendations(session, unit_id):
        notes.setdefault(note.question_id, []).append(note.text)
    files: dict[str, list[str]] = {}
    for row in await evidence.list_for_unit(session, unit_id):
        if row.question_id is not None:
            files.setdefault(row.question_id, []).append(
                f"{row.file_name} ({row.sha256[:SHA_SHOWN]})")
    indicator_scores = {i.indicator.id: i for a in score.areas for half in (a.pemenuhan, a.reform)
                        for i in half.indicators}
    area_scores = {a.area.key: a for a in score.areas}
    found = []
    for question in lke.questions():
        claim = claims.get(question.id)
        given = effective.get(question.id)
        indicator = indicator_scores[question.indicator_id]
        found.append(LkeRow(
            question_id=question.id, text=question.text,
            unit_answer=answer_text(question, _claim(question, claim.answer) if claim else None),
            tpi_answer=answer_text(question, given),
            value=as_text(shown(_value(question, given))),
            weight=as_text(shown(indicator.indicator.weight)),
            indicator_id=question.indicator_id,
            indicator_score=as_text(shown(indicator.score)),
            area_key=indicator.indicator.area_key,
            area_score=as_text(shown(area_scores[indicator.indicator.area_key].score)),
            notes="; ".join(notes.get(question.id, [])),
            evidence=", ".join(files.get(question.id, []))))
    return found


def render_summary_workbook(summary: Summary, lke: Lke,
                            sheets_per_unit: Mapping[int, list[LkeRow]] | None = None) -> bytes:
    """The weekly summary as .xlsx: "Ringkasan", then one LKE sheet per unit given."""
    book = new_workbook(f"Ringkasan ZI minggu {summary.week_start.isoformat()}")
    sheet = book.create_sheet("Ringkasan")
    areas = sorted(lke.areas, key=lambda a: a.number)
    labels = ["Kode", "Nama unit", "Status", "Pakta ditandatangani", "Jumlah pegawai",
              "Progres rencana aksi (%)",
              *(f"Progres {a.number}. {a.name} (%)" for a in areas), "Progres Hasil (%)",
              "Jumlah bukti", *(f"Nilai {a.number}. {a.name}" for a in areas),
              "Pengungkit", "Hasil", "Total", "Putusan", "Perubahan sejak minggu lalu"]
    header(sheet, labels, [10, 36, 14, 12, 10, 12, *([12] * len(areas)), 12, 10,
                           *([12] * len(areas)), 11, 9, 9, 13, 14])
    write_rows(sheet, ([
        row.code, row.name, row.status, row.pact_signed, row.headcount, row.progress_percent,
        *(row.progress_by_area.get(a.key, 0) for a in areas),
        row.progress_by_area.get(HASIL, 0), row.evidence_count,
        *(figure(row.areas.get(a.key)) for a in areas),
        figure(row.pengungkit), figure(row.hasil), figure(row.total),
        VERDICT_LABELS.get(row.verdict, row.verdict), figure(row.change),
    ] for row in summary.units))
    for row in summary.units:
        lke_sheet = (sheets_per_unit or {}).get(row.unit_id)
        if lke_sheet is not None:
            _lke_sheet(book.create_sheet(sheet_name(row.code, book.sheetnames)), lke_sheet)
    return to_bytes(book)


def render_lke_workbook(unit_name: str, rows: list[LkeRow], figures: Mapping[str, Any]) -> bytes:
    """A unit's LKE as .xlsx: "LKE" (every question) and "Nilai" (`scorecard.as_json`)."""
    book = new_workbook(f"LKE {unit_name}")
    _lke_sheet(book.create_sheet("LKE"), rows)
    sheet = book.create_sheet("Nilai")
    header(sheet, ["Unsur", "Nilai", "Persen"], [28, 12, 12])
    lines: list[list[Any]] = [["Unit", unit_name], ["Versi LKE", figures.get("lke_version")]]
    for key, label in (("total", "Total"), ("pengungkit", "Pengungkit"),
                       ("pemenuhan", "Pemenuhan"), ("reform", "Reform"), ("hasil", "Hasil")):
        lines.append([label, figure(figures.get(key))])
    verdict = figures.get("verdict", "")
    lines.append(["Putusan", VERDICT_LABELS.get(verdict, verdict)])
    for key, value in figures.get("areas", {}).items():
        lines.append([f"Area {key}", figure(value),
                      figure(figures.get("area_percent", {}).get(key))])
    write_rows(sheet, lines)
    checks = book.create_sheet("Syarat")
    header(checks, ["Syarat", "Predikat", "Dipersyaratkan", "Capaian", "Selisih", "Lulus"],
           [26, 10, 16, 16, 10, 8])
    write_rows(checks, ([c["id"], c["predicate"], _plain(c["required"]), _plain(c["actual"]),
                   _plain(c["gap"]), _passed(c["pass"])] for c in figures.get("checks", [])))
    return to_bytes(book)


def _lke_sheet(sheet, lke: list[LkeRow]) -> None:
    header(sheet, LKE_HEADER, LKE_WIDTHS)
    write_rows(sheet, ([number, r.question_id, r.text, r.unit_answer, r.tpi_answer,
                        figure(r.value), figure(r.weight), r.indicator_id,
                        figure(r.indicator_score), r.area_key, figure(r.area_score), r.notes,
                        r.evidence]
                       for number, r in enumerate(lke, start=1)))


def _claim(question: Question, stored: str) -> str | Fraction:
    """The unit's claim as scored, or as stored when it no longer fits the question."""
    parsed = konsensus.parse(question, stored)
    return stored if parsed is None else parsed


def _value(question: Question, answer: str | Fraction | None) -> Fraction:
    if answer is None:
        return Fraction(0)
    try:
        return question_value(question, answer)
    except AnswerError:
        return Fraction(0)


def _plain(value: Any) -> Any:
    """A check's figure: two-decimal text as a number, the rest as text."""
    if isinstance(value, str):
        try:
            return figure(value)
        except ArithmeticError:
            return value
    if isinstance(value, bool) or value is None:
        return {True: "ya", False: "tidak", None: None}[value]
    return value


def _passed(value: bool | None) -> str:
    return {True: "ya", False: "tidak", None: "belum diisi"}[value]
