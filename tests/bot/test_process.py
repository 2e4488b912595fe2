"""`zi-bot run` as a real process: the token check, answering /start, SIGTERM, and SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from tests.bot.harness import TOKEN, BotUnderTest, settings_for
from zi_core.db.models import AuditEvent, InboxUpdate

ROOT = Path(__file__).resolve().parents[2]


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DATABASE_URL", "BOT_USERNAME"))}
    env.update(values)
    return env


def _bot_process(emu, db_url: str, tmp_path: Path) -> subprocess.Popen:
    env = _env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=emu.api_url, DATABASE_URL=db_url,
               CALLBACK_SECRET="test-secret", EVIDENCE_DIR=str(tmp_path / "evidence"))
    return subprocess.Popen([sys.executable, "-m", "bot.cli.main", "run"], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


async def _until(condition, timeout: float = 20.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_run_without_a_token_exits_2_with_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot.cli.main", "run"], cwd=tmp_path,
                            env=_env(DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/z.db"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("zi-bot: TELEGRAM_BOT_TOKEN belum diatur")
    assert len(result.stderr.splitlines()) == 1


async def test_run_answers_start_and_stops_on_sigterm_without_logging_the_token(
        emu, db_url, tmp_path):
    process = _bot_process(emu, db_url, tmp_path)
    try:
        await _until(lambda: emu.calls("deleteWebhook") or process.poll() is not None)
        sari = emu.user(9001, "Sari")
        await sari.send("/start")
        assert "memerlukan undangan" in (await sari.wait_reply(timeout=10))[-1].text
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.to_thread(process.communicate, timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert TOKEN not in output.decode() and "TEST-token" not in output.decode()


async def test_killed_between_fetching_and_handling_every_update_is_handled_once(
        emu, db_url, tmp_path):
    harness = BotUnderTest(emu, db_url, settings_for(emu, db_url, tmp_path))
    await harness.start()  # migrates; stopped again at once, the process is the bot here
    await harness.stop()
    codes = [await harness.invite("tpi_member") for _ in range(3)]
    people = [emu.user(9100 + n, f"Orang {n}") for n in range(3)]

    emu.hold("sendMessage")
    process = _bot_process(emu, db_url, tmp_path)
    try:
        await _until(lambda: emu.calls("deleteWebhook"))
        for person, code in zip(people, codes, strict=True):
            await person.send(f"/start {code}")
        # The first reply is on its way: its change is committed, the rest of the batch is not
        # handled yet. Now the process dies.
        await _until(lambda: emu.held("sendMessage") >= 1)
        process.kill()
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    emu.release("sendMessage", drop=True)
    assert all(person.last_message() is None for person in people)

    process = _bot_process(emu, db_url, tmp_path)
    try:
        for person in people:
            replies = await person.wait_reply(timeout=20)
            assert "Langkah 1 dari 3" in replies[-1].text
        await asyncio.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        await asyncio.to_thread(process.communicate, timeout=20)
    finally:
        if process.poll() is None:
            process.kill()

    for person in people:
        welcomes = [m for m in person.messages("bot") if "Undangan diterima" in m.text]
        assert len(welcomes) == 1, person.transcript_text()
        assert (await harness.user(person.id)).role == "tpi_member"
    async with harness.sessions() as session:
        redeemed = list(await session.scalars(
            select(AuditEvent.actor_telegram_id).where(AuditEvent.action == "invite.redeemed")))
        inbox = list(await session.scalars(select(InboxUpdate.handled_at)))
    assert sorted(redeemed) == [9100, 9101, 9102]
    assert len(inbox) == 3 and all(inbox)
    await harness.close()


def test_webhook_mode_without_its_settings_exits_2_with_one_line(tmp_path):
    env = _env(TELEGRAM_BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/z.db")
    result = subprocess.run([sys.executable, "-m", "bot.cli.main", "run", "--webhook"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "zi-bot: mode webhook memerlukan WEBHOOK_URL dan WEBHOOK_SECRET\n"
