"""Konsultasi as its screens show it: the home list (the TPI's queue or the unit's threads),
one thread with its messages, and who is told of a new question."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import units, users
from zi_core.domain.errors import NotFound
from zi_core.domain.konsultasi import ConsultationDTO, MessageDTO
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may
from zi_core.domain.unit import UnitDTO
from zi_core.services import konsultasi
from zi_core.services.assignments import may_evaluate
from zi_core.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Home:
    """The threads a person sees, and the unit codes to label them with (TPI only)."""

    threads: list[ConsultationDTO]
    unit_codes: dict[int, str]


@dataclass(frozen=True)
class Thread:
    """One consultation, its messages and everyone who may have written in it, by id."""

    thread: ConsultationDTO
    messages: list[MessageDTO]
    people: dict[int, UserDTO]


async def home(uow: UnitOfWork, me: UserDTO) -> Home:
    """The TPI's open queue (units they evaluate), or the threads of the caller's unit."""
    async with uow.reading() as session:
        if may(me.role, Permission.ANSWER_CONSULTATION):
            threads = [c for c in await konsultasi.open_queue(session)
                       if await may_evaluate(session, me, c.unit_id)]
            return Home(threads, {u.id: u.code for u in await units.list_all(session)})
        assert me.unit_id is not None
        return Home(await konsultasi.for_unit(session, me.unit_id), {})


async def visible_thread(uow: UnitOfWork, me: UserDTO, consultation_id: int) -> Thread:
    """A thread of the caller's unit, or of a unit the caller evaluates (else NotFound)."""
    async with uow.reading() as session:
        thread, messages = await konsultasi.thread(session, consultation_id)
        allowed = (me.unit_id == thread.unit_id
                   or (may(me.role, Permission.ANSWER_CONSULTATION)
                       and await may_evaluate(session, me, thread.unit_id)))
        people = {u.id: u for u in await users.list_all(session, active_only=False)}
    if not allowed:
        raise NotFound("consultation", consultation_id)
    return Thread(thread, messages, people)


async def asked_of(session: AsyncSession, unit_id: int) -> tuple[UnitDTO, list[UserDTO]]:
    """The unit that asks, and the TPI people who may answer it (in the asking transaction)."""
    unit = await units.get(session, unit_id)
    if unit is None:
        raise NotFound("unit", unit_id)
    readers = [u for u in await users.list_all(session)
               if may(u.role, Permission.ANSWER_CONSULTATION)
               and await may_evaluate(session, u, unit_id)]
    return unit, readers
