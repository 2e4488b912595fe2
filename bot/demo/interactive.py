"""`zi-bot demo --interactive`: chat with the bot in the terminal as any demo user."""

from __future__ import annotations

import asyncio
import mimetypes
from pathlib import Path

from bot.demo.stage import Actor, Stage

HELP = ("Ketik teks atau /perintah untuk dikirim. Perintah demo: ':u N' ganti pengguna, "
        "':b N' tekan tombol nomor N, ':f PATH' kirim berkas, ':q' keluar.")


def _buttons(actor: Actor) -> list[str]:
    try:
        return actor.person.buttons()
    except AssertionError:
        return []


def _show_buttons(stage: Stage, actor: Actor) -> None:
    for number, label in enumerate(_buttons(actor), start=1):
        stage.narrator.say(f"      {number}) {label}")


async def chat(stage: Stage, actors: list[Actor]) -> None:
    """Read lines from the terminal until ':q' or end of input."""
    current = actors[0]
    say = stage.narrator.say
    say(HELP)
    for number, actor in enumerate(actors, start=1):
        say(f"  [{number}] {actor.name}")
    while True:
        try:
            line = (await asyncio.to_thread(input, f"{current.name}> ")).strip()
        except EOFError:
            return
        try:
            if line in (":q", ":quit"):
                return
            if line.startswith(":u "):
                current = actors[int(line[3:]) - 1]
                say(f"Sekarang sebagai {current.name}.")
                _show_buttons(stage, current)
            elif line.startswith(":b "):
                label = _buttons(current)[int(line[3:]) - 1]
                await current.press(label)
                _show_buttons(stage, current)
            elif line.startswith(":f "):
                path = Path(line[3:].strip()).expanduser()
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                await current.send_file(path.read_bytes(), path.name, mime)
                _show_buttons(stage, current)
            elif line:
                await current.send(line)
                _show_buttons(stage, current)
        except (ValueError, IndexError, OSError) as exc:
            say(f"(tidak dapat: {exc}) — {HELP}")
        except AssertionError as exc:
            say(f"(bot belum menjawab: {str(exc).splitlines()[0]})")
