"""`zi-bot demo`: the whole story on this machine, no Telegram account or network needed."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from pathlib import Path

from bot.cli.errors import CliError


def demo(directory: str | None, interactive: bool) -> str:
    """Run the scripted walk (or the interactive chat) in a fresh folder it names."""
    folder = Path(directory or f"zi-demo-{datetime.now():%Y%m%d-%H%M%S}")
    if folder.exists() and any(folder.iterdir()):
        raise CliError(f"{folder} sudah berisi berkas; pilih folder baru")
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_run(folder, interactive))
    return (f"\nSelesai. Basis data, bukti, dokumen dan transkrip ada di {folder.resolve()}")


async def _run(folder: Path, interactive: bool) -> None:
    from bot.demo.interactive import chat
    from bot.demo.stage import Narrator, Stage
    from bot.demo.walk import walk

    narrator = Narrator()
    async with Stage(folder, narrator) as stage:
        if interactive:
            await chat(stage, await _cast(stage))
        else:
            await walk(stage)
        for number, sent in enumerate(stage.emulator.sent_files(), start=1):
            if sent.file_name:
                stage.save(f"{number:02d}-{sent.file_name}", sent.data)
    (folder / "transcript.txt").write_text("\n".join(narrator.lines) + "\n", encoding="utf-8")


async def _cast(stage):
    """The six demo people, registered, for the interactive chat."""
    from zi_core.services import invites
    from zi_core.services.units import UnitRow, register

    people = [("admin", None, 7001, "Admin (Rina)"), ("leader", "DINKES", 7002, "Kepala (Budi)"),
              ("staff", "DINKES", 7003, "Pegawai (Sari)"),
              ("tpi_chair", None, 7005, "Inspektur (Hendra)"),
              ("tpi_member", None, 7006, "Anggota TPI (Maya)")]
    async with stage.sessions() as session, session.begin():
        await register(session, UnitRow("DINKES", "Dinas Kesehatan", 3))
        codes = [(await invites.create(session, role=role, unit_code=unit)).code
                 for role, unit, _tid, _name in people]
    actors = []
    for (_role, _unit, telegram_id, name), code in zip(people, codes, strict=True):
        actor = stage.actor(telegram_id, name.split("(")[1].rstrip(")"), name)
        stage.narrator.say(f"{name}: /start {code}")
        actors.append(actor)
    return actors
