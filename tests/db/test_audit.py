"""The audit trail: a hash chain that names the first tampered event, and triggers that
refuse UPDATE and DELETE."""

import asyncio
import json

import pytest
from sqlalchemy.exc import DBAPIError

from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.repositories import audit
from zi_core.domain.audit import AuditHead
from zi_core.domain.roles import Role

DROP_GUARD = {
    "sqlite": ("DROP TRIGGER audit_event_no_update", "DROP TRIGGER audit_event_no_delete"),
    "postgresql": ("DROP TRIGGER audit_event_no_update_delete ON audit_event",),
}


async def _append_five(factory) -> None:
    async with factory() as session, session.begin():
        for n in range(1, 6):
            await audit.append(
                session,
                action="nilai.saved",
                entity="assessment",
                entity_id=n,
                payload={"before": None, "after": {"answer": "A", "n": n}},
                actor_telegram_id=2**40 + n,
            )


async def _tamper(engine, dialect, *statements: str) -> None:
    """Drop the append-only guard, then run `statements` (simulating an attacker with DDL)."""
    async with engine.begin() as conn:
        for statement in (*DROP_GUARD[dialect], *statements):
            await conn.exec_driver_sql(statement)


async def _verify(factory, anchor=None):
    async with factory() as session:
        return await audit.verify(session, anchor)


async def test_an_intact_chain_verifies(session_factory):
    await _append_five(session_factory)

    result = await _verify(session_factory)

    assert result.ok and result.first_bad_seq is None
    assert result.checked == 5 and result.head.seq == 5


async def test_payload_is_canonical_json_and_hash_links_to_the_previous_event(session_factory):
    async with session_factory() as session, session.begin():
        first = await audit.append(
            session, action="pakta.signed", entity="user", entity_id=7, payload={"b": 1, "a": 2}
        )
        second = await audit.append(session, action="access.refused", entity="callback")

    assert first.payload == '{"a":2,"b":1}' and json.loads(first.payload) == {"a": 2, "b": 1}
    assert first.prev_hash == audit.GENESIS_HASH and second.prev_hash == first.hash
    assert second.seq == first.seq + 1 and second.entity_id is None
    assert first.scheme == audit.PLAIN  # no key in this session
    assert first.hash == audit.chain_hash(audit.PLAIN, None, first.__dict__)


async def test_an_altered_event_is_named(engine, dialect, session_factory):
    await _append_five(session_factory)
    await _tamper(engine, dialect, "UPDATE audit_event SET payload = '{}' WHERE seq = 3")

    result = await _verify(session_factory)

    assert not result.ok and result.first_bad_seq == 3
    assert "altered" in result.reason


async def test_a_removed_event_is_named(engine, dialect, session_factory):
    await _append_five(session_factory)
    await _tamper(engine, dialect, "DELETE FROM audit_event WHERE seq = 3")

    result = await _verify(session_factory)

    assert not result.ok and result.first_bad_seq == 3
    assert "missing" in result.reason


async def test_two_swapped_events_are_named(engine, dialect, session_factory):
    await _append_five(session_factory)
    await _tamper(
        engine,
        dialect,
        "UPDATE audit_event SET seq = 1000 WHERE seq = 3",
        "UPDATE audit_event SET seq = 3 WHERE seq = 4",
        "UPDATE audit_event SET seq = 4 WHERE seq = 1000",
    )

    result = await _verify(session_factory)

    assert not result.ok and result.first_bad_seq == 3


async def test_removing_the_last_events_is_caught_by_an_anchor(engine, dialect, session_factory):
    await _append_five(session_factory)
    async with session_factory() as session:
        anchor = await audit.head(session)
    await _tamper(engine, dialect, "DELETE FROM audit_event WHERE seq >= 4")

    assert (await _verify(session_factory)).ok  # the chain alone cannot see a cut tail
    result = await _verify(session_factory, anchor)
    assert not result.ok and result.first_bad_seq == 4
    assert not (await _verify(session_factory, AuditHead(2, "f" * 64))).ok


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_event SET action = 'x' WHERE seq = 1", "DELETE FROM audit_event"],
)
async def test_update_and_delete_are_refused_by_the_database(engine, session_factory, statement):
    await _append_five(session_factory)

    with pytest.raises(DBAPIError, match="append-only"):
        async with engine.begin() as conn:
            await conn.exec_driver_sql(statement)

    assert (await _verify(session_factory)).checked == 5


async def test_truncate_is_refused_on_postgresql(postgres_url):
    await migrate.upgrade(postgres_url)
    engine = create_engine(postgres_url)
    try:
        await _append_five(session_factory(engine))
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.exec_driver_sql("TRUNCATE audit_event")
    finally:
        await engine.dispose()


async def test_concurrent_appends_form_one_chain(session_factory):
    async def append(n: int) -> None:
        async with session_factory() as session, session.begin():
            await audit.append(session, action="bukti.added", entity="evidence", entity_id=n)

    await asyncio.gather(*(append(n) for n in range(12)))

    result = await _verify(session_factory)
    assert result.ok and result.checked == 12


KEY = b"kunci-rahasia-audit"


def _keyed(engine):
    """A session factory whose appends are keyed with KEY (as the app passes AUDIT_KEY)."""
    from sqlalchemy.ext.asyncio import async_sessionmaker

    return async_sessionmaker(engine, expire_on_commit=False, info={audit.KEY_INFO: KEY})


@pytest.mark.parametrize("column", ["actor_telegram_id", "actor_user_id"])
async def test_an_actor_changed_in_place_is_named(engine, dialect, session_factory, column):
    await _append_five(session_factory)
    async with session_factory() as session, session.begin():
        from zi_core.db.repositories import users

        other = await users.create(session, telegram_id=77, role=Role.ADMIN)
    value = other.id if column == "actor_user_id" else 77
    await _tamper(engine, dialect, f"UPDATE audit_event SET {column} = {value} WHERE seq = 3")

    result = await _verify(session_factory)

    assert not result.ok and result.first_bad_seq == 3
    assert "altered" in result.reason


def _plain_rewrite(row) -> tuple[int | None, str]:
    """What an attacker without the key can compute: the documented plain SHA-256 rule."""
    if hasattr(audit, "chain_hash"):
        return audit.PLAIN, audit.chain_hash(audit.PLAIN, None, row)
    return None, audit.event_hash(row["prev_hash"], row["seq"], row["at"], row["action"],
                                  row["entity"], row["entity_id"], row["payload"])


async def test_a_chain_rewritten_with_plain_sha256_is_caught_when_a_key_is_set(engine, dialect):
    keyed = _keyed(engine)
    await _append_five(keyed)
    async with keyed() as session:
        events = [e for n in range(1, 6) for e in await audit.events_for(session, "assessment", n)]
    prev, statements = events[1].hash, []
    for event in events[2:]:
        row = {**event.__dict__, "prev_hash": prev, "payload": '{"after":"palsu"}'}
        scheme, digest = _plain_rewrite(row)
        assign = "" if scheme is None else f", scheme = {scheme}"
        statements.append(f"UPDATE audit_event SET payload = '{row['payload']}', "
                          f"prev_hash = '{prev}', hash = '{digest}'{assign} "
                          f"WHERE seq = {event.seq}")
        prev = digest
    await _tamper(engine, dialect, *statements)

    result = await _verify(keyed)

    assert not result.ok and result.first_bad_seq == 3


async def test_a_keyed_chain_needs_its_key_and_verifies_with_it(engine):
    keyed = _keyed(engine)
    await _append_five(keyed)

    assert (await _verify(keyed)).ok
    wrong = _keyed(engine)
    wrong.kw["info"] = {audit.KEY_INFO: b"another key"}
    result = await _verify(wrong)
    assert not result.ok and result.first_bad_seq == 1


async def test_events_written_before_the_change_still_verify(engine, dialect, session_factory):
    """Rows of the old rule (actors outside the hash, scheme 1) verify; new rows follow."""
    await _append_five(session_factory)
    async with session_factory() as session:
        events = [e for n in range(1, 6) for e in await audit.events_for(session, "assessment", n)]
    statements, prev = [], audit.GENESIS_HASH
    for event in events:
        old = audit.legacy_hash(prev, event.seq, event.at, event.action, event.entity,
                                event.entity_id, event.payload)
        statements.append(f"UPDATE audit_event SET scheme = 1, prev_hash = '{prev}', "
                          f"hash = '{old}' WHERE seq = {event.seq}")
        prev = old
    await _tamper(engine, dialect, *statements)
    keyed = _keyed(engine)
    async with keyed() as session, session.begin():
        await audit.append(session, action="unit.added", entity="unit", entity_id=1)

    result = await _verify(keyed)

    assert result.ok and result.checked == 6 and result.unkeyed == 5
