"""Send the weekly summary through the real bot to many recipients over the emulator with
Telegram's per-chat flood limit switched on, and count the 429 answers.

Run: `python -m bench.summary_send [--units 500] [--recipients 20]`. The units come from
bench.summary's seeding (full TPI answers, plans, evidence); the recipients are TPI chairs.
Target: no 429 from the emulator (one message per second per chat).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.summary import _seed
from bot import summary
from emulator import Emulator
from tests.bot.harness import running_bot
from zi_core.db import migrate
from zi_core.db.repositories import users
from zi_core.domain.roles import Role
from zi_core.lke import load_lke


async def main_async(units: int, recipients: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="zi-bench-send-"))
    url = f"sqlite+aiosqlite:///{folder}/bench.db"
    await migrate.upgrade(url)
    started = time.perf_counter()
    await _seed(url, load_lke(), units)
    seeded = time.perf_counter() - started
    emu = Emulator(per_chat_per_second=1.0)
    await emu.start()
    try:
        # The summary's own schedule and the daily reminders stay out of the measurement.
        async with running_bot(emu, url, folder, weekly_summary_cron="59 23 * * sun",
                               reminder_time="23:59") as zi:
            async with zi.sessions() as session, session.begin():
                for n in range(recipients):
                    await users.create(session, telegram_id=900_000 + n, role=Role.TPI_CHAIR,
                                       full_name=f"Ketua {n}")
            for n in range(recipients):
                emu.user(900_000 + n, f"Ketua{n}")
            started = time.perf_counter()
            sent = await summary.run_week(zi.application, zi.today())
            elapsed = time.perf_counter() - started
    finally:
        await emu.stop()
    chats = {900_000 + n for n in range(recipients)}
    refused = [c for c in emu.calls() if c.status == 429]
    parts = [c for c in emu.calls() if c.ok and c.chat_id in chats
             and c.method in ("sendMessage", "sendPhoto", "sendDocument")]
    print(f"{units} units seeded in {seeded:.1f} s; summary sent to {sent} of {recipients} "
          f"recipients in {elapsed:.1f} s ({len(parts)} messages)")
    print(f"429 answers from the emulator (1 message/s per chat): {len(refused)}"
          + "".join(f"\n   {c.method} to {c.chat_id}" for c in refused[:5]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--recipients", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main_async(args.units, args.recipients))


if __name__ == "__main__":
    main()
