"""Plain records the emulator keeps in memory: users, chats, messages, files, calls, events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class UserRecord:
    """A Telegram user played by a test."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    blocked: bool = False


@dataclass
class StoredMessage:
    """One message of a chat: its current JSON, earlier versions and whether it was deleted."""

    chat_id: int
    message_id: int
    from_bot: bool
    data: dict[str, Any]
    history: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False


@dataclass
class ChatEvent:
    """One entry of a chat's chronological log (what transcripts are made of)."""

    who: str  # "user" | "bot"
    kind: str  # "message" | "edit" | "delete" | "press" | "answer"
    message_id: int | None
    snapshot: dict[str, Any] | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class ChatRecord:
    """A private chat (chat id = user id) with every message in order."""

    id: int
    user: UserRecord
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    events: list[ChatEvent] = field(default_factory=list)
    next_message_id: int = 1
    reply_keyboard: dict[str, Any] | None = None


@dataclass
class StoredFile:
    """A file known to the emulator (sent by the bot or by a user), bytes kept in memory."""

    file_id: str
    file_unique_id: str
    kind: str  # "document" | "photo"
    data: bytes = field(repr=False)
    file_name: str | None
    mime_type: str | None
    chat_id: int
    from_bot: bool
    width: int | None = None
    height: int | None = None
    file_path: str | None = None

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)


@dataclass
class CallbackRecord:
    """A callback query sent by a user, and the bot's answer once given."""

    id: str
    user_id: int
    chat_id: int
    message_id: int | None
    data: str
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None


@dataclass
class CallRecord:
    """One Bot API request as the emulator saw and answered it."""

    method: str
    params: dict[str, Any]
    time: float
    status: int
    ok: bool
    description: str | None = None
    retry_after: int | None = None
    chat_id: int | None = None
    result: Any = None


@dataclass
class Activity:
    """A finished bot call that touched a chat (drives the driver's wait_reply)."""

    chat_id: int
    method: str
    ok: bool
    message_id: int | None
    at: float
