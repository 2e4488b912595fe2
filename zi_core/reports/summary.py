"""The Inspektur's weekly summary: every unit's figures, what moved since last week, which
units fell idle, the overdue actions and the open consultations.

`build_summary` loads what every unit needs in a handful of queries and scores in memory with
the same rules as `evaluasi.unit_assessment` (effective answers by `konsensus`, Hasil inputs
and facts of `today`'s year) and the worksheet of the unit's evaluation, so a row's figures are
the unit's own. `store_week` keeps the
week's figures, which next week's summary compares against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core import scorecard
from zi_core.answers import AnswerSet
from zi_core.db.repositories import activity, audit, bulk, laporan, units
from zi_core.db.repositories import prasyarat as prasyarat_repo
from zi_core.db.repositories.bulk import ItemState
from zi_core.db.repositories.laporan import WeeklyFigureDTO
from zi_core.domain import konsensus
from zi_core.domain.audit import AuditHead
from zi_core.domain.statuses import Kelayakan
from zi_core.domain.unit import HasilDTO, InstansiDTO, UnitDTO, UnitPrerequisiteDTO
from zi_core.figures import as_text, shown
from zi_core.lke.model import Lke
from zi_core.scoring import Score, score_unit
from zi_core.services import evaluasi, lke_versions
from zi_core.services.prasyarat import facts_of, hasil_inputs
from zi_core.services.rencana_aksi import Progress
from zi_core.thresholds import Verdict, evaluate

IDLE_DAYS = 14
"""A unit with no activity for this many days is listed as idle."""
ELIGIBLE = (Kelayakan.LAYAK_WBK.value, Kelayakan.LAYAK_WBBM.value)
"""Verdicts with which a unit may be proposed to the TPN."""
HASIL = "hasil"
"""The progress key of the Hasil component's actions (as `rencana_aksi.area_of` names it)."""


def week_start(today: date) -> date:
    """The Monday of the week in which `today` falls."""
    return today - timedelta(days=today.weekday())


@dataclass(frozen=True)
class UnitRow:
    """One unit in the summary; figures are two-decimal text as the scorecard shows them."""

    unit_id: int
    code: str
    name: str
    status: str
    total: str
    pengungkit: str
    hasil: str
    areas: dict[str, str]
    area_percent: dict[str, str]
    verdict: str
    progress_percent: int
    progress_by_area: dict[str, int]
    evidence_count: int
    pact_signed: int
    headcount: int
    overdue_items: int
    last_activity_at: datetime | None
    change: str | None
    verdict_before: str | None
    lke_version: str = ""
    """The LKE version the unit is scored with (its evaluation's, else the one in force)."""


@dataclass(frozen=True)
class Summary:
    """The week's summary of every unit."""

    week_start: date
    generated_on: date
    units: list[UnitRow]
    by_verdict: dict[str, int]
    moved: list[UnitRow]
    overdue_items: int
    open_consultations: int
    idle_units: list[UnitRow]
    audit_head: AuditHead | None = None
    """The audit trail's head when the summary was built, to be written down as an anchor."""


@dataclass(frozen=True)
class _Loaded:
    """Everything about every unit, as loaded in one go."""

    tpi: dict[int, dict[str, list[str]]]
    finals: dict[int, dict[str, str]]
    hasil: dict[int, HasilDTO]
    prerequisites: dict[int, UnitPrerequisiteDTO]
    instansi: InstansiDTO | None
    evidence: dict[int, int]
    items: dict[int, list[ItemState]]
    signed: dict[int, int]
    users: dict[int, int]
    activity: dict[int, datetime]


async def build_summary(session: AsyncSession, lke: Lke, today: date) -> Summary:
    """Every unit's figures of `today`, compared with the stored figures of last week; `lke`
    is the version in force (the action plan's progress, and units without an evaluation),
    a unit with an evaluation is scored with its evaluation's version."""
    monday = week_start(today)
    every = await units.list_all(session)
    loaded = await _load(session, today.year)
    before = await laporan.figures_for_week(session, monday - timedelta(days=7))
    worksheets = await lke_versions.by_unit(session, lke)
    rows = [unit_row(lke, unit, *_score(worksheets.get(unit.id, lke), unit, loaded, today),
                     items=loaded.items.get(unit.id, []),
                     evidence_count=loaded.evidence.get(unit.id, 0),
                     pact_signed=loaded.signed.get(unit.id, 0),
                     users=loaded.users.get(unit.id, 0),
                     last_activity_at=loaded.activity.get(unit.id),
                     before=before.get(unit.id), today=today)
            for unit in every]
    by_verdict = {result.value: 0 for result in Kelayakan}
    for row in rows:
        by_verdict[row.verdict] = by_verdict.get(row.verdict, 0) + 1
    return Summary(
        week_start=monday, generated_on=today, units=rows, by_verdict=by_verdict,
        moved=[r for r in rows if r.verdict_before is not None and r.verdict_before != r.verdict],
        overdue_items=sum(r.overdue_items for r in rows),
        open_consultations=await bulk.open_consultations(session),
        idle_units=[r for r in rows if is_idle(r.last_activity_at, today)],
        audit_head=await audit.head(session))


async def store_week(session: AsyncSession, summary: Summary) -> None:
    """Keep this week's figures of every unit (again: the latest figures replace them)."""
    await laporan.upsert_figures(session, [
        WeeklyFigureDTO(summary.week_start, row.unit_id, row.total, row.verdict,
                        row.progress_percent, row.evidence_count, row.pact_signed,
                        row.last_activity_at)
        for row in summary.units])


async def eligible_checks(session: AsyncSession, lke: Lke, summary: Summary,
                          today: date) -> dict[int, list[dict[str, Any]]]:
    """The Lampiran II checks (scorecard `check_json` shape) of every unit the summary finds
    layak, for the report to the Bupati; each from the unit's own `unit_assessment` with its
    evaluation's worksheet (`lke`, the version in force, for a unit without one)."""
    found: dict[int, list[dict[str, Any]]] = {}
    for row in summary.units:
        if row.verdict in ELIGIBLE:
            worksheet = await lke_versions.for_evaluation(session, row.unit_id, lke)
            assessment = await evaluasi.unit_assessment(session, worksheet, row.unit_id, today)
            found[row.unit_id] = [scorecard.check_json(c) for c in assessment.verdict.checks]
    return found


def is_idle(last_activity_at: datetime | None, today: date) -> bool:
    """No activity in the last IDLE_DAYS days (UTC dates), or none ever."""
    return last_activity_at is None or (today - last_activity_at.date()).days >= IDLE_DAYS


def unit_row(lke: Lke, unit: UnitDTO, score: Score, verdict: Verdict, *,
             items: list[ItemState], evidence_count: int, pact_signed: int, users: int,
             last_activity_at: datetime | None, before: WeeklyFigureDTO | None,
             today: date) -> UnitRow:
    """A unit's row from its score and what it did (pure)."""
    total = as_text(shown(score.total))
    by_area, overdue = _progress(lke, items, today)
    change = None
    if before is not None:
        change = f"{Decimal(total) - Decimal(before.total):+.2f}"
    return UnitRow(
        unit_id=unit.id, code=unit.code, name=unit.name, status=unit.status.value,
        total=total, pengungkit=as_text(shown(score.pengungkit)),
        hasil=as_text(shown(score.hasil.total)),
        areas={a.area.key: as_text(shown(a.score)) for a in score.areas},
        area_percent={a.area.key: as_text(a.percent) for a in score.areas},
        verdict=verdict.result.value,
        progress_percent=by_area.pop("all").percent,
        progress_by_area={key: part.percent for key, part in by_area.items()},
        evidence_count=evidence_count, pact_signed=pact_signed,
        headcount=max(unit.headcount or 0, users), overdue_items=overdue,
        last_activity_at=last_activity_at, change=change,
        verdict_before=before.verdict if before is not None else None,
        lke_version=score.lke_version)


def _progress(lke: Lke, items: list[ItemState], today: date) -> tuple[dict[str, Progress], int]:
    """Done/all per area, "hasil" and "all", and the overdue count.

    Lampiran I items the unit's plan has not instantiated yet (it was never opened) count as
    not done, so a plan nobody opened shows 0 %, not "nothing to do".
    """
    area_of = _area_of(lke)
    tally = {key: [0, 0] for key in [*(a.key for a in lke.areas), HASIL, "all"]}
    have = {item.ra_item_id for item in items}
    missing = [ItemState(i.indicator_id, i.id, False, None)
               for i in lke.rencana_aksi if i.id not in have]
    overdue = 0
    for item in [*items, *missing]:
        for key in (area_of.get(item.indicator_id, HASIL), "all"):
            counts = tally.setdefault(key, [0, 0])
            counts[0] += item.done
            counts[1] += 1
        overdue += (not item.done and item.target_date is not None
                    and item.target_date < today)
    return {key: Progress(done, total) for key, (done, total) in tally.items()}, overdue


def _area_of(lke: Lke) -> dict[str, str]:
    found = lke.__dict__.get("_area_of")
    if found is None:
        found = {i.id: i.area_key for i in lke.indicators()}
        object.__setattr__(lke, "_area_of", found)
    return found


def _score(lke: Lke, unit: UnitDTO, loaded: _Loaded, today: date) -> tuple[Score, Verdict]:
    """The unit's score and verdict, as `evaluasi.unit_assessment` computes them.

    The gap analysis that `scorecard.assess` adds is left out: the summary shows no gap
    plans, and it is most of the scoring time (see bench/summary.py).
    """
    tpi, finals = loaded.tpi.get(unit.id, {}), loaded.finals.get(unit.id, {})
    answers = {}
    for question in lke.questions():
        value = konsensus.effective(question, tpi.get(question.id, ()), finals.get(question.id))
        if value is not None:
            answers[question.id] = value
    answer_set = AnswerSet(answers, hasil_inputs(loaded.hasil.get(unit.id)))
    facts = facts_of(unit, loaded.instansi, loaded.prerequisites.get(unit.id), today)
    score = score_unit(lke, answer_set)
    return score, evaluate(lke, score, facts)


async def _load(session: AsyncSession, year: int) -> _Loaded:
    return _Loaded(
        tpi=await bulk.tpi_answers(session), finals=await bulk.final_answers(session),
        hasil=await bulk.hasil_rows(session, year),
        prerequisites=await bulk.unit_prerequisites(session, year),
        instansi=await prasyarat_repo.instansi(session, year),
        evidence=await bulk.evidence_counts(session), items=await bulk.items(session),
        signed=await bulk.signer_counts(session), users=await bulk.user_counts(session),
        activity=await activity.last_activity(session))
