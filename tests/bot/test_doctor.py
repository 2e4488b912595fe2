"""`zi-bot doctor`: every check in one line each; exit 1 when something is wrong."""

from __future__ import annotations

import asyncio

import pytest

from bot.cli.main import main
from tests.bot.harness import TOKEN
from zi_core.db import migrate


@pytest.fixture
def env(monkeypatch, emu, tmp_path):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", emu.api_url)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/zi.db")
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "evidence"))
    return tmp_path


async def test_doctor_on_a_ready_installation_says_all_is_well(env, capsys):
    await migrate.upgrade(f"sqlite+aiosqlite:///{env}/zi.db")
    assert await asyncio.to_thread(main, ["doctor"]) == 0
    out = capsys.readouterr().out
    assert out.count("✓") == 5 and "@zi_assistant_bot" in out and out.endswith("semua baik\n")


async def test_doctor_names_what_is_wrong(env, capsys, monkeypatch):
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9")
    assert await asyncio.to_thread(main, ["doctor"]) == 1
    err = capsys.readouterr().err
    assert "✗ basis data" in err and "zi-bot db upgrade" in err
    assert "✗ Bot API: http://127.0.0.1:9 tidak menjawab" in err
    assert TOKEN not in err
