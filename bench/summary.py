"""Build the Inspektur's weekly summary over many units; print its time and peak memory.

Run: `python -m bench.summary [--units 500]`. The units are written straight into a
temporary SQLite file with bulk inserts: every LKE question answered by a TPI evaluator, the
Lampiran I plan with mixed statuses and target dates, evidence, pact signatures, Hasil
inputs, prerequisites and last week's figures. Target: 500 units in <= 2 s and <= 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from sqlalchemy import insert

from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.models import (
    ActionItem,
    Assessment,
    Evidence,
    HasilInput,
    InstansiPrerequisite,
    PactSignature,
    Unit,
    UnitPrerequisite,
    User,
    WeeklyFigure,
)
from zi_core.lke import load_lke
from zi_core.lke.model import AnswerType, Lke
from zi_core.reports.summary import build_summary, week_start

TODAY = date(2026, 12, 9)
NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def _answer(question, rng: random.Random) -> str:
    if question.answer_type is AnswerType.PERSEN:
        return str(Fraction(rng.randint(60, 100), 100))
    options = question.options
    return options[min(int(rng.expovariate(2.5)), len(options) - 1)].key


def _rows(lke: Lke, count: int, rng: random.Random) -> dict[type, list[dict]]:
    """Every table's rows for `count` units (ids 1..count; user 1 the evaluator)."""
    rows: dict[type, list[dict]] = {table: [] for table in (
        Unit, User, Assessment, ActionItem, Evidence, PactSignature, HasilInput,
        UnitPrerequisite, WeeklyFigure)}
    rows[User].append({"id": 1, "telegram_id": 1, "role": "tpi_member", "active": True,
                       "created_at": NOW})
    questions, plan = lke.questions(), lke.rencana_aksi
    for unit_id in range(1, count + 1):
        rows[Unit].append({"id": unit_id, "code": f"OPD{unit_id:04d}", "status": "evaluasi",
                           "name": f"Dinas Nomor {unit_id}", "headcount": 40,
                           "pencanangan_date": date(2024, 1, 15), "created_at": NOW})
        staff = count + unit_id + 1
        rows[User].append({"id": staff, "telegram_id": staff, "role": "staff", "active": True,
                           "unit_id": unit_id, "created_at": NOW})
        rows[PactSignature].append({"user_id": staff, "unit_id": unit_id, "chat_id": staff,
                                    "text_sha256": "0" * 64, "signed_at": NOW})
        for question in questions:
            rows[Assessment].append({
                "unit_id": unit_id, "question_id": question.id, "kind": "tpi",
                "evaluator_user_id": 1, "answer": _answer(question, rng), "version": 1,
                "updated_at": NOW - timedelta(days=rng.randint(0, 60))})
        for item in plan:
            rows[ActionItem].append({
                "unit_id": unit_id, "indicator_id": item.indicator_id, "ra_item_id": item.id,
                "text": item.text, "status": rng.choice(("belum", "proses", "selesai")),
                "target_date": TODAY + timedelta(days=rng.randint(-30, 90)), "version": 1,
                "created_at": NOW, "updated_at": NOW})
        for number in range(rng.randint(0, 6)):
            rows[Evidence].append({
                "unit_id": unit_id, "question_id": questions[number].id,
                "sha256": f"{unit_id:032x}{number:032x}", "file_name": "bukti.pdf",
                "mime_type": "application/pdf", "size": 1000, "telegram_file_id": "F",
                "telegram_file_unique_id": "U", "uploaded_by_user_id": staff,
                "uploaded_at": NOW})
        rows[HasilInput].append({
            "unit_id": unit_id, "year": TODAY.year, "kinerja": rng.choice("AABBC"),
            "ipak": Decimal(rng.randint(330, 400)) / 100,
            "ipkp": Decimal(rng.randint(300, 400)) / 100, "entered_by_user_id": 1,
            "entered_at": NOW})
        rows[UnitPrerequisite].append({
            "unit_id": unit_id, "year": TODAY.year, "tindak_lanjut_percent": Decimal(100),
            "lhkpn_percent": Decimal(100), "lhkasn_percent": Decimal(100),
            "sakip_internal": "BB", "core_service": True, "significant_impact": True,
            "holds_wbk": unit_id % 3 == 0, "entered_by_user_id": 1, "entered_at": NOW})
        rows[WeeklyFigure].append({
            "week_start": week_start(TODAY) - timedelta(days=7), "unit_id": unit_id,
            "total": f"{rng.randint(6000, 9000) / 100:.2f}",
            "verdict": rng.choice(("belum_layak", "layak_wbk")),
            "progress_percent": 30, "evidence_count": 2, "pact_signed": 1,
            "last_activity_at": NOW})
    return rows


async def _seed(url: str, lke: Lke, count: int) -> None:
    await migrate.upgrade(url)
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            for table, values in _rows(lke, count, random.Random(49)).items():
                await session.execute(insert(table), values)
            await session.execute(insert(InstansiPrerequisite).values(
                year=TODAY.year, opini_bpk="WTP", sakip="BB", indeks_rb="B", spip_level=3,
                entered_by_user_id=1, entered_at=NOW))
    finally:
        await engine.dispose()


async def _build(url: str, lke: Lke, trace: bool):
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            if trace:
                tracemalloc.start()
            started = time.perf_counter()
            summary = await build_summary(session, lke, TODAY)
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if trace else 0
            tracemalloc.stop()
            return summary, elapsed, peak
    finally:
        await engine.dispose()


async def main_async(count: int) -> None:
    lke = load_lke()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        await _seed(url, lke, count)
        print(f"seeded {count} units × {len(lke.questions())} answers, "
              f"{len(lke.rencana_aksi)} plan items each in {time.perf_counter() - started:.1f} s")
        await _build(url, lke, trace=False)  # warm up: the worksheet's compiled form
        timings = [(await _build(url, lke, trace=False))[1] for _ in range(3)]
        summary, _, peak = await _build(url, lke, trace=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"build_summary {min(timings):.3f} s best, {max(timings):.3f} s worst of 3")
    print(f"peak Python allocations during one build {peak / 2**20:.1f} MiB (tracemalloc)")
    print(f"peak memory {rss:.1f} MiB (max RSS of the whole process, seeding included)")
    print(f"verdicts {summary.by_verdict}, moved {len(summary.moved)}, "
          f"idle {len(summary.idle_units)}, overdue items {summary.overdue_items}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=500)
    asyncio.run(main_async(parser.parse_args().units))


if __name__ == "__main__":
    main()
