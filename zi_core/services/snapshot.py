"""What a finalised evaluation freezes: the payload of its snapshot, as plain JSON data.

The payload is stored as canonical JSON (`zi_core.db.canonical`) with its SHA-256, so a
report or an audit can later prove what the verdict rested on:

- `lke_version`, `year`, `evaluated_on`, who finalised, the evaluation's version;
- `unit`: id, code, name and its status before and after;
- `answers`: the effective answer per question (option key or exact ratio);
- `evaluators`: every TPI evaluator's answer (with inputs and row version) per question;
- `final_answers`: the secretary's or chair's decisions;
- `scorecard`: `zi_core.scorecard.as_json` (figures, checks, verdict, gap plans);
- `evidence`: the SHA-256 of the current files per question and per action item;
- `hasil`, `facts`: the Hasil inputs and Lampiran II facts used;
- `rekomendasi`: the recommendations given so far.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core import scorecard
from zi_core.db.repositories import evaluations, evidence, rekomendasi
from zi_core.domain.penilaian import AssessmentDTO
from zi_core.domain.statuses import UnitStatus
from zi_core.domain.unit import UnitDTO
from zi_core.lke.model import Lke
from zi_core.thresholds import UnitFacts

FORMAT = 1


async def payload(session: AsyncSession, *, lke: Lke, unit: UnitDTO, status_after: UnitStatus,
                  assessment: scorecard.Assessment, card: dict[str, Any], facts: UnitFacts,
                  today: date, finalised_by: int, evaluation_version: int,
                  tpi: dict[str, dict[int, AssessmentDTO]],
                  finals: dict[str, AssessmentDTO]) -> dict[str, Any]:
    """The snapshot's content (plain data; the caller serialises and hashes it)."""
    hasil = assessment.answers.hasil
    return {
        "format": FORMAT,
        "lke_version": lke.version,
        "year": today.year,
        "evaluated_on": today,
        "finalised_by": finalised_by,
        "evaluation_version": evaluation_version,
        "unit": {"id": unit.id, "code": unit.code, "name": unit.name,
                 "status_before": unit.status.value, "status_after": status_after.value},
        "answers": dict(assessment.answers.answers),
        "evaluators": {qid: {str(uid): _answer(row) for uid, row in rows.items()}
                       for qid, rows in tpi.items()},
        "final_answers": {qid: {**_answer(row), "by": row.evaluator_user_id}
                          for qid, row in finals.items()},
        "scorecard": card,
        "evidence": await _evidence(session, unit.id),
        "hasil": {"ipak": hasil.ipak, "ipkp": hasil.ipkp, "kinerja": hasil.kinerja},
        "facts": asdict(facts),
        "rekomendasi": [{"id": r.id, "question_id": r.question_id, "author": r.author_user_id,
                         "text": r.text}
                        for r in await rekomendasi.for_unit(session, unit.id)],
    }


async def status_before(session: AsyncSession, snapshot_id: int) -> UnitStatus | None:
    """The status the unit had when the snapshot's evaluation was finalised."""
    frozen = json.loads(await evaluations.snapshot_payload(session, snapshot_id))
    before = frozen.get("unit", {}).get("status_before")
    return UnitStatus(before) if before in set(UnitStatus) else None


def _answer(row: AssessmentDTO) -> dict[str, Any]:
    return {"answer": row.answer, "inputs": row.inputs, "version": row.version}


async def _evidence(session: AsyncSession, unit_id: int) -> dict[str, dict[str, list[str]]]:
    questions: dict[str, list[str]] = {}
    items: dict[str, list[str]] = {}
    for row in await evidence.list_for_unit(session, unit_id):
        if row.question_id is not None:
            questions.setdefault(row.question_id, []).append(row.sha256)
        if row.action_item_id is not None:
            items.setdefault(str(row.action_item_id), []).append(row.sha256)
    return {"questions": questions, "items": items}
