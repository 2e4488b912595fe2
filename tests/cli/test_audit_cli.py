"""`zi-bot audit verify`: an intact trail verifies; an altered, removed or reordered event
(made possible by dropping the append-only triggers of a SQLite file) is named, exit 1."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlalchemy.engine import make_url

from bot.cli import main as cli_main
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.repositories import audit


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `zi-bot …`; returns (exit code, stdout, stderr)."""
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)

    async def run(url: str, *argv: str) -> tuple[int, str, str]:
        monkeypatch.setenv("DATABASE_URL", url)
        code = await asyncio.to_thread(cli_main.main, list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


async def _events(url: str, count: int = 5) -> list[audit.AuditEventDTO]:
    await migrate.upgrade(url)
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            return [await audit.append(session, action="unit.added", entity="unit",
                                       entity_id=number, payload={"code": f"U{number}"})
                    for number in range(1, count + 1)]
    finally:
        await engine.dispose()


def _tamper(url: str, *statements: str) -> None:
    """Run SQL on the SQLite file with the append-only triggers dropped."""
    path = make_url(url).database
    with sqlite3.connect(path) as conn:
        triggers = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'")]
        assert triggers, "the migration should have created the append-only triggers"
        for name in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            conn.execute(statement)


async def test_an_intact_trail_verifies(cli, db_url):
    events = await _events(db_url)

    code, out, err = await cli(db_url, "audit", "verify")

    assert (code, err) == (0, "")
    assert out.strip().startswith("jejak audit utuh: 5 peristiwa")
    assert f"kepala 5:{events[-1].hash}" in out and "SHA-256 tanpa kunci" in out


async def test_an_empty_trail_verifies(cli, db_url):
    code, out, _ = await cli(db_url, "audit", "verify")

    assert code == 0 and out.strip().startswith("jejak audit utuh: 0 peristiwa, kepala -")


@pytest.mark.parametrize(("statements", "seq"), [
    (["UPDATE audit_event SET payload = '{\"code\":\"X\"}' WHERE seq = 3"], 3),
    (["DELETE FROM audit_event WHERE seq = 2"], 2),
    (["UPDATE audit_event SET payload = (SELECT payload FROM audit_event WHERE seq = 5)"
      " WHERE seq = 4",
      "UPDATE audit_event SET payload = '{\"code\":\"U4\"}' WHERE seq = 5"], 4),
], ids=["altered", "removed", "swapped"])
async def test_a_tampered_trail_names_the_first_bad_event(cli, sqlite_url, statements, seq):
    await _events(sqlite_url)
    _tamper(sqlite_url, *statements)

    code, out, err = await cli(sqlite_url, "audit", "verify")

    assert (code, out) == (1, "")
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert f"peristiwa seq {seq}:" in lines[0]


async def test_the_expected_head_matches_an_intact_trail(cli, db_url):
    events = await _events(db_url)

    code, out, err = await cli(db_url, "audit", "verify", "--expect-head",
                               f"5:{events[-1].hash}")

    assert (code, err) == (0, "") and f"kepala 5:{events[-1].hash}" in out


@pytest.mark.parametrize("cut", ["truncated", "rewritten"])
async def test_a_truncated_trail_is_caught_by_the_expected_head(cli, sqlite_url, cut):
    events = await _events(sqlite_url)
    if cut == "truncated":
        _tamper(sqlite_url, "DELETE FROM audit_event WHERE seq >= 4")
    else:
        _tamper(sqlite_url, "UPDATE audit_event SET hash = '" + "e" * 64 + "' WHERE seq = 5")
    assert (await cli(sqlite_url, "audit", "verify"))[0] == (0 if cut == "truncated" else 1)

    code, out, err = await cli(sqlite_url, "audit", "verify", "--expect-head",
                               f"5:{events[-1].hash}")

    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1 and "seq" in err


async def test_a_malformed_expected_head_is_one_line(cli, db_url):
    code, out, err = await cli(db_url, "audit", "verify", "--expect-head", "lima")

    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    assert "SEQ:HASH" in err


async def test_a_keyed_trail_says_so_and_refuses_without_the_key(cli, db_url, monkeypatch):
    monkeypatch.setenv("AUDIT_KEY", "kunci-rahasia")
    await migrate.upgrade(db_url)
    engine = create_engine(db_url)
    try:
        from bot.settings import load_settings

        factory = session_factory(engine, audit_key=load_settings().chain_key())
        async with factory() as session, session.begin():
            await audit.append(session, action="unit.added", entity="unit", entity_id=1)
    finally:
        await engine.dispose()

    code, out, _ = await cli(db_url, "audit", "verify")
    assert code == 0 and "HMAC" in out
    monkeypatch.delenv("AUDIT_KEY")
    code, out, err = await cli(db_url, "audit", "verify")
    assert (code, out) == (1, "") and "AUDIT_KEY" in err
    code, out, err = await cli(db_url, "unit", "add", "--code", "DINKES", "--name", "Dinkes")
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    assert "AUDIT_KEY" in err
