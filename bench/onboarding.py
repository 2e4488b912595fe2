"""Round trips through the real bot: users sign up by invite over the Bot API emulator.

Run: `python -m bench.onboarding [--users 200] [--concurrent 20] [--database URL]`. Each user
sends `/start CODE`, a name, a NIP and a jabatan; every message is timed from the moment the
user sends it until the bot's reply arrived (the durable inbox's commit, the handler's
transaction and the reply included). Prints p50/p95/max per message and updates per second.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from emulator import Emulator
from tests.bot.harness import running_bot


async def _user(zi, emu, number: int, code: str, timings: list[float]) -> None:
    person = emu.user(20_000 + number, f"U{number}")
    for text in (f"/start {code}", f"Pegawai Nomor {number}",
                 f"19800512200501{1 + number % 2}{number % 1000:03d}", "Auditor"):
        started = time.perf_counter()
        await person.send(text)
        await person.wait_reply(timeout=60, idle=0)
        timings.append(time.perf_counter() - started)


async def main(users: int, concurrent: int, database: str | None) -> None:
    folder = Path(tempfile.mkdtemp(prefix="zi-bench-"))
    url = database or f"sqlite+aiosqlite:///{folder}/bench.db"
    emu = await Emulator().start()
    try:
        async with running_bot(emu, url, folder) as zi:
            codes = [await zi.invite("tpi_member") for _ in range(users)]
            timings: list[float] = []
            limit = asyncio.Semaphore(concurrent)

            async def one(number: int) -> None:
                async with limit:
                    await _user(zi, emu, number, codes[number], timings)

            started = time.perf_counter()
            await asyncio.gather(*(one(n) for n in range(users)))
            elapsed = time.perf_counter() - started
    finally:
        await emu.stop()
    ms = sorted(t * 1000 for t in timings)
    print(f"{users} users, {concurrent} at once, {len(ms)} messages on {url.split(':')[0]}")
    print(f"per message  p50 {statistics.median(ms):.1f} ms  "
          f"p95 {ms[int(len(ms) * 0.95) - 1]:.1f} ms  max {ms[-1]:.1f} ms")
    print(f"throughput   {len(ms) / elapsed:.0f} updates/s ({elapsed:.1f} s)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--concurrent", type=int, default=20)
    parser.add_argument("--database", help="a database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    asyncio.run(main(args.users, args.concurrent, args.database))
