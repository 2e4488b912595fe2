"""The test driver: start an emulated Telegram, play users, inspect what the bot did.

emu = Emulator()
await emu.start()            # serves http://127.0.0.1:<free port>; see emu.api_url
user = emu.user(1001, first_name="Sari", language_code="id")
await user.send("/start")
reply = await user.wait_reply()
await emu.stop()
"""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from typing import Any

from emulator.errors import ApiError
from emulator.methods_misc import scope_key
from emulator.records import CallbackRecord, CallRecord, StoredFile, UserRecord
from emulator.server import EmulatorServer
from emulator.state import DEFAULT_DOWNLOAD_LIMIT, EmulatorState
from emulator.user import EmulatedUser
from emulator.views import ChatMessage, TranscriptEntry

__all__ = ["ChatMessage", "EmulatedUser", "Emulator", "TranscriptEntry"]


class Emulator:
    """A local Bot API server plus helpers for tests."""

    def __init__(
        self,
        *,
        per_chat_per_second: float | None = None,
        download_limit: int = DEFAULT_DOWNLOAD_LIMIT,
        update_id_start: int = 100_000,
        bot_first_name: str = "ZI Assistant",
        bot_username: str = "zi_assistant_bot",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.state = EmulatorState(
            per_chat_per_second=per_chat_per_second,
            download_limit=download_limit,
            update_id_start=update_id_start,
            bot_first_name=bot_first_name,
            bot_username=bot_username,
        )
        self._server = EmulatorServer(self.state, host, port)
        self._users: dict[int, EmulatedUser] = {}

    @property
    def api_url(self) -> str:
        """http://127.0.0.1:PORT; the bot uses {api_url}/bot and {api_url}/file/bot."""
        return self._server.url

    async def start(self) -> Emulator:
        """Start serving on a free port."""
        await self._server.start()
        return self

    async def stop(self) -> None:
        """Release pending long polls and stop serving."""
        await self._server.stop()

    async def __aenter__(self) -> Emulator:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    def user(
        self,
        telegram_id: int,
        first_name: str = "User",
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = None,
    ) -> EmulatedUser:
        """The user with this id (created with its private chat on first call)."""
        if telegram_id not in self._users:
            record = UserRecord(telegram_id, first_name, username, last_name, language_code)
            self.state.add_user(record)
            self._users[telegram_id] = EmulatedUser(self.state, record)
        return self._users[telegram_id]

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw Update dict (update_id assigned if missing); returns its update_id."""
        return self.state.updates.push(update)

    def redeliver(self, update_id: int) -> None:
        """Deliver an already pushed update again, with the same update_id."""
        self.state.updates.redeliver(update_id)

    def commands(
        self, scope: dict[str, Any] | str | None = None, language_code: str = ""
    ) -> list[dict[str, str]] | None:
        """Commands stored by setMyCommands for this scope/language (None if never set)."""
        return self.state.commands.get((scope_key(scope), language_code))

    def calls(self, method: str | None = None) -> list[CallRecord]:
        """The call log, optionally only calls of `method` (case-insensitive)."""
        if method is None:
            return list(self.state.calls)
        return [c for c in self.state.calls if c.method.lower() == method.lower()]

    def sent_files(self, chat_id: int | None = None) -> list[StoredFile]:
        """Documents/photos the bot uploaded (bytes in .data), optionally to one chat."""
        return [
            f
            for f in self.state.files.values()
            if f.from_bot and (chat_id is None or f.chat_id == chat_id)
        ]

    def callback_answers(self, user_id: int | None = None) -> list[CallbackRecord]:
        """Answered callback queries (text, show_alert), optionally of one user."""
        return [
            c
            for c in self.state.callbacks.values()
            if c.answered and (user_id is None or c.user_id == user_id)
        ]

    def force_429(
        self,
        count: int = 1,
        retry_after: int = 1,
        *,
        methods: Iterable[str] | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `count` send/edit calls (or `methods`) with 429 retry_after."""
        self.state.limiter.force(count, retry_after, methods=methods, chat_id=chat_id)

    def force_error(
        self,
        code: int,
        description: str,
        count: int = 1,
        *,
        methods: Iterable[str] | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `count` send/edit calls (or `methods`) with HTTP `code` and
        Telegram's `description` (e.g. 500, "Internal Server Error")."""
        self.state.limiter.force_error(ApiError(code, description), count, methods=methods,
                                       chat_id=chat_id)

    def hold(self, method: str) -> None:
        """Keep every call of `method` waiting until `release` (the bot is mid-request)."""
        self.state.holds.hold(method)

    def held(self, method: str) -> int:
        """How many calls of `method` are waiting."""
        return self.state.holds.waiting(method)

    def release(self, method: str, *, drop: bool = False) -> None:
        """Let held calls go on, or with drop=True end them without effect."""
        self.state.holds.release(method, drop=drop)

    def set_rate_limit(self, per_chat_per_second: float | None) -> None:
        """Change (or with None switch off) the per-chat flood limit."""
        self.state.limiter.per_chat_per_second = per_chat_per_second

    @property
    def webhook(self) -> dict[str, Any]:
        """Parameters of the last setWebhook ({} when none)."""
        return dict(self.state.webhook)

    @property
    def internal_errors(self) -> list[BaseException]:
        """Exceptions raised inside the emulator (answered 500); should stay empty."""
        return list(self.state.internal_errors)
