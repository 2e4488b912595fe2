"""The demo's stage: a fresh folder, the emulator, the real bot serving it, and a narrator
that prints who said what and which buttons were shown and pressed."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import build_application
from bot.runner import serve
from bot.settings import Settings
from emulator import ChatMessage, EmulatedUser, Emulator
from zi_core.db import create_engine, migrate, session_factory

TOKEN = "100200300:DEMO-token-for-the-local-emulator"
TAG = re.compile(r"<[^>]+>")


@dataclass
class Narrator:
    """Prints the conversation as it happens and keeps it for transcript.txt."""

    out: Callable[[str], None] = print
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)
        self.out(line)

    def user(self, who: str, what: str) -> None:
        self.say(f"👤 {who}: {what}")

    def bot(self, who: str, messages: list[ChatMessage]) -> None:
        for message in messages:
            text = TAG.sub("", message.text).strip()
            first = text.splitlines()[0] if text else ""
            more = f" (+{len(text.splitlines()) - 1} baris)" if len(text.splitlines()) > 1 else ""
            label = f"📎 {message.document_name}" if message.document_name else first
            self.say(f"   🤖 → {who}: {label[:110]}{more}")
            if message.labels:
                self.say("      [" + " | ".join(message.labels[:12])
                         + (" | …" if len(message.labels) > 12 else "") + "]")

    def step(self, title: str) -> None:
        self.say("")
        self.say(f"━━ {title}")


class Actor:
    """A demo person: sends, presses, sends files — every action narrated with the replies."""

    def __init__(self, stage: Stage, person: EmulatedUser, name: str) -> None:
        self.stage = stage
        self.person = person
        self.name = name

    @property
    def id(self) -> int:
        return self.person.id

    async def _replies(self) -> list[ChatMessage]:
        messages = await self.person.wait_reply(timeout=15, idle=self.stage.idle)
        self.stage.narrator.bot(self.name, messages)
        return messages

    async def send(self, text: str) -> list[ChatMessage]:
        self.stage.narrator.user(self.name, text)
        await self.person.send(text)
        return await self._replies()

    async def press(self, label: str | re.Pattern[str]) -> list[ChatMessage]:
        shown = label.pattern if isinstance(label, re.Pattern) else label
        self.stage.narrator.user(self.name, f"menekan «{shown}»")
        await self.person.press(label)
        return await self._replies()

    async def send_file(self, data: bytes, name: str, mime: str,
                        caption: str | None = None) -> list[ChatMessage]:
        self.stage.narrator.user(self.name, f"mengirim berkas {name}")
        await self.person.send_document(data, name, mime, caption=caption)
        return await self._replies()

    def last(self) -> ChatMessage:
        message = self.person.last_message()
        assert message is not None
        return message


class Stage:
    """Everything the demo runs on, in one folder."""

    def __init__(self, folder: Path, narrator: Narrator, idle: float = 0.02) -> None:
        self.folder = folder
        self.narrator = narrator
        self.idle = idle
        self.emulator = Emulator()
        self.database_url = f"sqlite+aiosqlite:///{folder / 'zi-demo.db'}"
        self.settings = Settings(telegram_bot_token=TOKEN, database_url=self.database_url,
                                 evidence_dir=folder / "evidence", _env_file=None,
                                 callback_secret="demo", telegram_api_url="http://127.0.0.1",
                                 weekly_summary_cron="59 23 * * sun",
                                 summary_pace_seconds=0.0)
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.engine = None
        self.application = None

    async def __aenter__(self) -> Stage:
        self.folder.mkdir(parents=True, exist_ok=True)
        await self.emulator.start()
        self.settings = self.settings.model_copy(
            update={"telegram_api_url": self.emulator.api_url})
        await migrate.upgrade(self.database_url)
        self.engine = create_engine(self.database_url)
        self.application = build_application(self.settings)
        self._task = asyncio.create_task(serve(self.application, self._stop))
        while not self.emulator.calls("deleteWebhook"):
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.02)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._stop.set()
        if self._task is not None:
            await asyncio.wait_for(self._task, 15)
        if self.engine is not None:
            await self.engine.dispose()
        await self.emulator.stop()

    @property
    def sessions(self):
        return session_factory(self.engine, self.settings.chain_key())

    def actor(self, telegram_id: int, first_name: str, name: str) -> Actor:
        return Actor(self, self.emulator.user(telegram_id, first_name, language_code="id"),
                     name)

    def save(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path
