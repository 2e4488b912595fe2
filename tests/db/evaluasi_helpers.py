"""Builders for the evaluation tests: people with roles and NIPs, units in a phase, one
transaction per service call (as the bot makes them), and answer sets over the whole LKE."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from zi_core.db.repositories import evidence, units, users
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Role
from zi_core.domain.statuses import UnitStatus
from zi_core.domain.unit import UnitDTO
from zi_core.lke import load_lke
from zi_core.lke.model import AnswerType, Lke

LKE = load_lke()
_telegram_ids = itertools.count(50_000)
_codes = itertools.count(1)

NIP = "197007031999031007"
OTHER_NIP = "198001012005011002"


async def run(factory: async_sessionmaker, call: Callable[..., Awaitable[Any]], *args: Any,
              **kwargs: Any) -> Any:
    """Run one service call in its own committed transaction."""
    async with factory() as session, session.begin():
        return await call(session, *args, **kwargs)


async def person(factory: async_sessionmaker, role: Role, unit_id: int | None = None, *,
                 nip: str | None = None, active: bool = True) -> UserDTO:
    """Commit a user with this role (and unit, NIP); deactivated when `active` is False."""
    async with factory() as session, session.begin():
        user = await users.create(session, telegram_id=next(_telegram_ids), role=role,
                                  unit_id=unit_id, full_name=f"{role.value} tester")
        if nip is not None:
            user = await users.update_profile(session, user.id, nip=nip)
        if not active:
            user = await users.deactivate(session, user.id)
        return user


async def unit_in(factory: async_sessionmaker, status: UnitStatus = UnitStatus.PEMBANGUNAN,
                  pencanangan: date | None = date(2024, 1, 15)) -> UnitDTO:
    """Commit a unit in `status`, declared on `pencanangan`."""
    async with factory() as session, session.begin():
        unit = await units.add(session, code=f"U{next(_codes)}", name="Dinas Uji")
        if pencanangan is not None:
            await units.set_pencanangan(session, unit.id, pencanangan, UnitStatus.DICANANGKAN)
        return await units.set_status(session, unit.id, status)


async def add_question_evidence(factory: async_sessionmaker, unit_id: int, uploader_id: int,
                                question_id: str, content: bytes) -> int:
    """Commit an evidence row for a question; its id."""
    sha = hashlib.sha256(content).hexdigest()
    async with factory() as session, session.begin():
        row = await evidence.add(session, unit_id=unit_id, uploaded_by_user_id=uploader_id,
                                 sha256=sha, file_name="bukti.pdf",
                                 mime_type="application/pdf", size=len(content),
                                 telegram_file_id=f"F{sha[:16]}",
                                 telegram_file_unique_id=f"U{sha[:12]}",
                                 question_id=question_id)
        return row.id


def option_question(lke: Lke = LKE, answer_type: AnswerType = AnswerType.ABCD):
    """The first question of a type."""
    return next(q for q in lke.questions() if q.answer_type is answer_type)


def percent_question(lke: Lke = LKE):
    return next(q for q in lke.questions() if q.answer_type is AnswerType.PERSEN)


def varied_answers(lke: Lke = LKE) -> dict[str, Any]:
    """Every question answered, options spread over all keys, percentages as inputs."""
    raw: dict[str, Any] = {}
    for index, question in enumerate(lke.questions()):
        if question.answer_type is AnswerType.PERSEN:
            raw[question.id] = {item.key: (index % 7) + 3 * position + 1
                                for position, item in enumerate(question.inputs)}
        else:
            raw[question.id] = question.options[index % len(question.options)].key
    return raw


def top_answers(lke: Lke = LKE) -> dict[str, Any]:
    """Every question at its top option; percentages with every input equal (ratio 1)."""
    raw: dict[str, Any] = {}
    for question in lke.questions():
        if question.answer_type is AnswerType.PERSEN:
            raw[question.id] = _full_marks(question)
        else:
            raw[question.id] = max(question.options, key=lambda o: o.value).key
    return raw


def _full_marks(question) -> dict[str, int]:
    """Inputs worth ratio 1: numerator equal to denominator, or a fall from 10 to 0."""
    formula, marks = question.formula, {item.key: 0 for item in question.inputs}
    if formula.kind == "decrease":
        marks[formula.previous] = 10
        return marks
    for key in formula.denominator:
        marks[key] = 10
    marks[formula.numerator[0]] = 10 * len(formula.denominator)
    return marks


def call_kwargs(raw_answer: Any) -> dict[str, Any]:
    """The keyword arguments of `answer_tpi` for one raw answer."""
    return {"inputs": raw_answer} if isinstance(raw_answer, dict) else {"option": raw_answer}
