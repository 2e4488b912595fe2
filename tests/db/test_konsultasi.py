"""Konsultasi: a unit asks, the TPI answers, the unit follows up, someone closes; the queue
holds what waits for the TPI."""

from __future__ import annotations

import pytest

from tests.db.evaluasi_helpers import person, run, unit_in
from zi_core.db.repositories import audit
from zi_core.domain.errors import NotFound
from zi_core.domain.roles import Role
from zi_core.domain.statuses import ConsultationStatus
from zi_core.services import konsultasi
from zi_core.services.konsultasi import KonsultasiRefused


@pytest.fixture
async def scene(session_factory):
    unit = await unit_in(session_factory)
    staff = await person(session_factory, Role.STAFF, unit.id)
    leader = await person(session_factory, Role.LEADER, unit.id)
    member = await person(session_factory, Role.TPI_MEMBER)
    return unit, staff, leader, member


async def reason_of(factory, call, *args) -> str:
    with pytest.raises(KonsultasiRefused) as refused:
        await run(factory, call, *args)
    return refused.value.reason


async def test_a_thread_goes_back_and_forth_until_closed(session_factory, scene):
    unit, staff, leader, member = scene

    asked = await run(session_factory, konsultasi.ask, staff, "  Bukti SK cukup scan? ",
                      "P.1.i")
    assert (asked.unit_id, asked.indicator_id, asked.status) == (
        unit.id, "P.1.i", ConsultationStatus.OPEN)
    assert [c.id for c in await run(session_factory, konsultasi.open_queue)] == [asked.id]

    await run(session_factory, konsultasi.reply, member, asked.id, "Cukup, asal terbaca.")
    assert await run(session_factory, konsultasi.open_queue) == []
    await run(session_factory, konsultasi.reply, leader, asked.id, "Format PDF atau JPG?")
    assert [c.id for c in await run(session_factory, konsultasi.open_queue)] == [asked.id]

    closed = await run(session_factory, konsultasi.close, staff, asked.id)
    again = await run(session_factory, konsultasi.close, member, asked.id)

    assert closed.status is again.status is ConsultationStatus.CLOSED
    found, messages = await run(session_factory, konsultasi.thread, asked.id)
    assert found.status is ConsultationStatus.CLOSED
    assert [(m.author_user_id, m.text) for m in messages] == [
        (staff.id, "Bukti SK cukup scan?"), (member.id, "Cukup, asal terbaca."),
        (leader.id, "Format PDF atau JPG?")]
    assert await reason_of(session_factory, konsultasi.reply, member, asked.id,
                           "Satu lagi") == "closed"
    events = await run(session_factory, audit.events_for, "consultation", asked.id)
    assert [e.action for e in events] == ["konsultasi.asked", "konsultasi.replied",
                                          "konsultasi.replied", "konsultasi.closed"]


async def test_only_unit_users_ask_with_a_text_of_1_to_3500_characters(session_factory, scene):
    _, staff, _, member = scene
    admin = await person(session_factory, Role.ADMIN)

    assert await reason_of(session_factory, konsultasi.ask, member, "Tanya") == "not_allowed"
    assert await reason_of(session_factory, konsultasi.ask, admin, "Tanya") == "not_allowed"
    assert await reason_of(session_factory, konsultasi.ask, staff, " \n ") == "empty"
    assert await reason_of(session_factory, konsultasi.ask, staff, "x" * 3501) == "too_long"
    longest = await run(session_factory, konsultasi.ask, staff, "x" * 3500)
    assert longest.indicator_id is None


async def test_another_units_users_and_admins_cannot_join_a_thread(session_factory, scene):
    _, staff, _, _ = scene
    stranger = await person(session_factory, Role.STAFF, (await unit_in(session_factory)).id)
    admin = await person(session_factory, Role.ADMIN)
    asked = await run(session_factory, konsultasi.ask, staff, "Tanya")

    for who in (stranger, admin):
        assert await reason_of(session_factory, konsultasi.reply, who, asked.id,
                               "Ikut") == "not_allowed"
        assert await reason_of(session_factory, konsultasi.close, who, asked.id) == "not_allowed"


async def test_a_units_threads_newest_first_and_an_unknown_thread(session_factory, scene):
    unit, staff, leader, _ = scene
    first = await run(session_factory, konsultasi.ask, staff, "Pertama")
    second = await run(session_factory, konsultasi.ask, leader, "Kedua")

    assert [c.id for c in await run(session_factory, konsultasi.for_unit, unit.id)] == [
        second.id, first.id]
    with pytest.raises(NotFound):
        await run(session_factory, konsultasi.thread, 987_654)
