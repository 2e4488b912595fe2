"""The notice sender against a fake Bot on SQLite and PostgreSQL: one recipient's pieces go in
order and wait behind a failed one, a flood limit waits its retry_after, a passing failure
backs off, a lasting one is given up with the reason, and owing the same notice twice owes
it once."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot import outbox
from bot.context import NOTICE_WAKE, SESSIONS
from tests.db.evaluasi_helpers import person
from tests.db.fixtures import engine, session_factory  # noqa: F401
from zi_core.db.repositories import notices
from zi_core.domain.roles import Role

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


class FakeBot:
    """Records what was sent; `failures[chat]` lists errors to raise first, one per send."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.failures: dict[int, list[Exception]] = {}

    async def send_message(self, chat_id: int, text: str) -> None:
        queue = self.failures.get(chat_id) or []
        if queue:
            raise queue.pop(0)
        self.sent.append((chat_id, text))


def _app(factory, bot: FakeBot) -> SimpleNamespace:
    return SimpleNamespace(bot=bot, bot_data={SESSIONS: factory})


async def _owe(factory, update_id: int, people, text: str) -> None:
    async with factory() as session, session.begin():
        await outbox.owe(session, SimpleNamespace(update_id=update_id), people,
                         lambda: text, "test")


async def test_pieces_wait_behind_a_failed_one_and_go_in_order(session_factory):  # noqa: F811
    ani = await person(session_factory, Role.TPI_MEMBER)
    budi = await person(session_factory, Role.TPI_MEMBER)
    for n in range(3):
        await _owe(session_factory, 10 + n, [ani, budi], f"notice {n}")
    bot = FakeBot()
    bot.failures[ani.telegram_id] = [NetworkError("Internal Server Error")]
    delay = await outbox.deliver_due(_app(session_factory, bot))
    assert [t for c, t in bot.sent if c == budi.telegram_id] == ["notice 0", "notice 1",
                                                                  "notice 2"]
    assert not [t for c, t in bot.sent if c == ani.telegram_id]
    assert delay is not None and 0 < delay <= outbox.backoff(0)
    assert await outbox.deliver_due(_app(session_factory, bot)) is not None  # not due yet

    async with session_factory() as session, session.begin():
        for piece in await notices.pending(session):
            await notices.postpone(session, piece.id, piece.next_attempt_at.replace(year=2000))
    assert await outbox.deliver_due(_app(session_factory, bot)) is None
    assert [t for c, t in bot.sent if c == ani.telegram_id] == ["notice 0", "notice 1",
                                                                 "notice 2"]


async def test_a_flood_limit_waits_its_retry_after(session_factory):  # noqa: F811
    ani = await person(session_factory, Role.TPI_MEMBER)
    await _owe(session_factory, 20, [ani], "halo")
    bot = FakeBot()
    bot.failures[ani.telegram_id] = [RetryAfter(42)]
    delay = await outbox.deliver_due(_app(session_factory, bot))
    assert delay is not None and 40 < delay <= 42
    assert not bot.sent


async def test_a_lasting_refusal_is_given_up_with_the_reason(session_factory):  # noqa: F811
    ani = await person(session_factory, Role.TPI_MEMBER)
    await _owe(session_factory, 30, [ani], "halo")
    bot = FakeBot()
    bot.failures[ani.telegram_id] = [BadRequest("Chat not found")]
    assert await outbox.deliver_due(_app(session_factory, bot)) is None
    async with session_factory() as session:
        rows = await notices.for_recipient(session, ani.id)
    assert [(r.sent_at, r.failed_reason) for r in rows] == [(None, "chat_not_found")]


async def test_owing_the_same_notice_again_owes_it_once(session_factory):  # noqa: F811
    ani = await person(session_factory, Role.TPI_MEMBER)
    await _owe(session_factory, 40, [ani, ani], "x" * 5000)
    await _owe(session_factory, 40, [ani], "x" * 5000)
    async with session_factory() as session:
        rows = await notices.for_recipient(session, ani.id)
    assert [len(r.text) for r in rows] == [4096, 904]


class GatedBot(FakeBot):
    """Each send waits until `gate` is set; `entered` tells a send has begun."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.entered = asyncio.Event()

    async def send_message(self, chat_id: int, text: str) -> None:
        self.entered.set()
        await self.gate.wait()
        await super().send_message(chat_id, text)


async def test_a_piece_sent_while_the_queues_are_read_is_not_sent_again(
        session_factory, monkeypatch):  # noqa: F811
    """The sender reads what is owed while a recipient's task is sending; the task marks the
    piece sent and ends before that read is used. The stale read must not send it again."""
    ani = await person(session_factory, Role.TPI_MEMBER)
    await _owe(session_factory, 50, [ani], "halo")
    bot = GatedBot()
    app = _app(session_factory, bot)
    real, reads = outbox._queues, []

    async def slow_read(application):
        queues = await real(application)
        reads.append(queues)
        if len(reads) == 2:  # read while the first send is in flight: let it end first
            bot.gate.set()
            while not bot.sent:
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.3)  # its mark_sent committed, its task ended
        return queues

    monkeypatch.setattr(outbox, "_queues", slow_read)
    sender = asyncio.create_task(outbox.run(app))
    try:
        await asyncio.wait_for(bot.entered.wait(), 10)
        app.bot_data[NOTICE_WAKE].set()  # more owed elsewhere: the loop reads again
        for _ in range(100):
            if len(reads) >= 3:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
    finally:
        sender.cancel()
        await asyncio.gather(sender, return_exceptions=True)
    assert len(reads) >= 2 and reads[1]  # the stale read really held the piece
    assert bot.sent == [(ani.telegram_id, "halo")]
