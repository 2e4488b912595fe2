"""What was committed is always delivered: the notices told to other people after a change
(here a new konsultasi to its TPI evaluators) survive a 500, a run of 429s and a crash, a
blocked recipient is recorded without holding up the others, and the person who acted sees
the normal confirmation."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import func, select

from zi_core.db.models import Consultation
from zi_core.services import assignments

# PTB 22 warns that RetryAfter.retry_after will become a timedelta.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

QUESTION = "Apakah SK tim cukup ditandatangani sekretaris?"
NOTICE = "Konsultasi baru #1"


async def _people(zi, emu, members: int = 1):
    """A unit's staff member and `members` TPI members assigned to the unit."""
    await zi.add_unit()
    staff = emu.user(8801, "Staf")
    await zi.onboard(staff, "staff", "DINKES", name="Staf Dinkes")
    chair = emu.user(8810, "Ketua")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    tpi = []
    for n in range(members):
        person = emu.user(8811 + n, f"Anggota{n}")
        await zi.onboard(person, "tpi_member", name=f"Auditor {n}")
        tpi.append(person)
    async with zi.sessions() as session, session.begin():
        boss = await _user(session, chair.id)
        for person in tpi:
            await assignments.assign(session, boss, 1, (await _user(session, person.id)).id)
    return staff, tpi


async def _user(session, telegram_id: int):
    from zi_core.db.repositories import users

    return await users.get_by_telegram_id(session, telegram_id)


async def _ask(staff) -> None:
    """Open /konsultasi, press "Tanya TPI"; the question itself is sent by the test."""
    await staff.send("/konsultasi")
    await staff.wait_reply()
    await staff.press("❓ Tanya TPI")
    await staff.wait_reply()


def _notices(person) -> list[str]:
    return [m.text for m in person.messages("bot") if m.text and NOTICE in m.text]


async def _until(check, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def _told(staff) -> str:
    return "\n".join(m.text or "" for m in staff.messages("bot"))


async def test_a_500_on_the_tpi_notice_delays_it_and_the_asker_sees_the_confirmation(zi, emu):
    staff, (member,) = await _people(zi, emu)
    await _ask(staff)
    emu.force_error(500, "Internal Server Error", methods=["sendMessage"], chat_id=member.id)
    await staff.send(QUESTION)
    await _until(lambda: _notices(member))
    await _until(lambda: "Pertanyaan terkirim ke TPI" in _told(staff))
    emu.redeliver(emu.state.updates.next_id - 1)
    await asyncio.sleep(1.5)
    assert len(_notices(member)) == 1
    assert "tidak sedang menunggu" not in _told(staff)
    assert "kesalahan" not in _told(staff)


async def test_eight_429s_in_a_row_delay_the_notice_and_it_arrives_once(zi, emu):
    staff, (member,) = await _people(zi, emu)
    await _ask(staff)
    emu.force_429(count=8, retry_after=1, methods=["sendMessage"], chat_id=member.id)
    await staff.send(QUESTION)
    await _until(lambda: _notices(member), timeout=40)
    await asyncio.sleep(0.5)
    assert len(_notices(member)) == 1
    refused = [c for c in emu.calls("sendMessage") if c.chat_id == member.id and c.status == 429]
    assert len(refused) == 8
    await _until(lambda: "Pertanyaan terkirim ke TPI" in _told(staff))
    assert "kesalahan" not in _told(staff)


async def test_a_blocked_evaluator_is_recorded_and_the_others_are_still_told(zi, emu):
    staff, (member, blocker) = await _people(zi, emu, members=2)
    blocker.block()
    await _ask(staff)
    await staff.send(QUESTION)
    await _until(lambda: _notices(member))
    await _until(lambda: "Pertanyaan terkirim ke TPI" in _told(staff))
    from zi_core.db.repositories import notices

    deadline = time.monotonic() + 10  # each recipient is served by a task of its own
    while True:
        async with zi.sessions() as session:
            gone = await _user(session, blocker.id)
            rows = await notices.for_recipient(session, gone.id)
        if rows[0].failed_reason is not None or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    assert [(r.sent_at, r.failed_reason) for r in rows] == [(None, "blocked")]


async def test_a_notice_owed_when_the_process_stopped_is_delivered_after_restart(zi, emu):
    staff, (member,) = await _people(zi, emu)
    await _ask(staff)
    emu.hold("sendMessage")
    await staff.send(QUESTION)

    async def stored() -> int:
        async with zi.sessions() as session:
            return await session.scalar(select(func.count()).select_from(Consultation))

    deadline = time.monotonic() + 10
    while not (await stored() and emu.held("sendMessage")):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    await zi.stop()  # the process stops after the commit, before anything was sent
    emu.release("sendMessage", drop=True)
    assert not _notices(member)

    await zi.start()
    await _until(lambda: _notices(member))
    await asyncio.sleep(0.5)
    assert len(_notices(member)) == 1
    assert "tidak sedang menunggu" not in _told(staff)
