"""The emulator's in-memory world: users, chats, messages, files, callbacks and logs."""

from __future__ import annotations

import copy
import itertools
import secrets
import time
from collections import Counter
from typing import Any

from emulator.errors import BLOCKED, CHAT_NOT_FOUND, ApiError
from emulator.holds import Holds
from emulator.notifier import Notifier
from emulator.objects import bot_json, chat_json, user_json
from emulator.ratelimit import RateLimiter
from emulator.records import (
    Activity,
    CallbackRecord,
    CallRecord,
    ChatEvent,
    ChatRecord,
    StoredFile,
    StoredMessage,
    UserRecord,
)
from emulator.updates import UpdateQueue

DEFAULT_DOWNLOAD_LIMIT = 20 * 1024 * 1024
_FILE_PREFIX = {"document": "BQACAgIAAxkBAAI", "photo": "AgACAgIAAxkBAAI"}


class EmulatorState:
    """Everything the emulated Telegram remembers; mutated only from the event loop."""

    def __init__(
        self,
        *,
        per_chat_per_second: float | None = None,
        download_limit: int = DEFAULT_DOWNLOAD_LIMIT,
        update_id_start: int = 100_000,
        bot_first_name: str = "ZI Assistant",
        bot_username: str = "zi_assistant_bot",
    ) -> None:
        self.users: dict[int, UserRecord] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.files: dict[str, StoredFile] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        self.calls: list[CallRecord] = []
        self.activity: list[Activity] = []
        self.activity_signal = Notifier()
        self.inflight: Counter[int] = Counter()
        self.last_touch: dict[int, float] = {}
        self.updates = UpdateQueue(update_id_start)
        self.limiter = RateLimiter(per_chat_per_second)
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.webhook: dict[str, Any] = {}
        self.download_limit = download_limit
        self.bot_id = 0
        self.bot_first_name = bot_first_name
        self.bot_username = bot_username
        self.internal_errors: list[BaseException] = []
        self.holds = Holds()
        self._seq = itertools.count(1)

    def bot_user(self) -> dict[str, Any]:
        """The bot's User object (id taken from the token of the latest request)."""
        return bot_json(self.bot_id, self.bot_first_name, self.bot_username)

    def add_user(self, user: UserRecord) -> ChatRecord:
        """Register a user and its private chat (idempotent); returns the chat."""
        self.users[user.id] = user
        if user.id not in self.chats:
            self.chats[user.id] = ChatRecord(id=user.id, user=user)
        return self.chats[user.id]

    def chat_for_bot(self, chat_id: Any, *, check_blocked: bool = True) -> ChatRecord:
        """The chat a bot call addresses, or Telegram's chat-not-found / blocked error."""
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise ApiError(400, CHAT_NOT_FOUND)
        if check_blocked and chat.user.blocked:
            raise ApiError(403, BLOCKED)
        return chat

    def add_message(
        self, chat: ChatRecord, content: dict[str, Any], *, from_bot: bool
    ) -> StoredMessage:
        """Append a new message (bot's or user's) to `chat` and log it."""
        message_id = chat.next_message_id
        chat.next_message_id += 1
        data = {
            "message_id": message_id,
            "from": self.bot_user() if from_bot else user_json(chat.user),
            "chat": chat_json(chat.user),
            "date": int(time.time()),
            **content,
        }
        stored = StoredMessage(chat.id, message_id, from_bot, data)
        chat.messages[message_id] = stored
        who = "bot" if from_bot else "user"
        chat.events.append(ChatEvent(who, "message", message_id, copy.deepcopy(data)))
        return stored

    def edit_message(self, stored: StoredMessage, changes: dict[str, Any]) -> StoredMessage:
        """Apply an edit (a None value removes the key), keeping the previous version."""
        stored.history.append(copy.deepcopy(stored.data))
        data = {**stored.data, **changes, "edit_date": int(time.time())}
        stored.data = {key: value for key, value in data.items() if value not in (None, [])}
        chat = self.chats[stored.chat_id]
        chat.events.append(ChatEvent("bot", "edit", stored.message_id, copy.deepcopy(stored.data)))
        return stored

    def delete_message(self, stored: StoredMessage) -> None:
        """Mark a message deleted (the bot deleted it)."""
        stored.deleted = True
        chat = self.chats[stored.chat_id]
        chat.events.append(ChatEvent("bot", "delete", stored.message_id))

    def add_file(
        self,
        *,
        kind: str,
        data: bytes,
        file_name: str | None,
        mime_type: str | None,
        chat_id: int,
        from_bot: bool,
        width: int | None = None,
        height: int | None = None,
    ) -> StoredFile:
        """Store file bytes under a fresh file_id."""
        seq = next(self._seq)
        file = StoredFile(
            file_id=f"{_FILE_PREFIX[kind]}{seq:05d}{secrets.token_urlsafe(24)}",
            file_unique_id=f"AgAD{seq:04d}{secrets.token_urlsafe(6)}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            chat_id=chat_id,
            from_bot=from_bot,
            width=width,
            height=height,
        )
        self.files[file.file_id] = file
        return file

    def file_path_for(self, file: StoredFile) -> str:
        """Assign (once) the download path getFile reports for `file`."""
        if file.file_path is None:
            folder = "photos" if file.kind == "photo" else "documents"
            suffix = ".jpg" if file.kind == "photo" else ""
            if file.kind == "document" and file.file_name and "." in file.file_name:
                suffix = "." + file.file_name.rsplit(".", 1)[1]
            file.file_path = f"{folder}/file_{next(self._seq)}{suffix}"
        return file.file_path

    def new_callback(
        self, chat: ChatRecord, message_id: int | None, data: str, label: str | None
    ) -> CallbackRecord:
        """Record a user's button press (a callback query) and log it in the chat."""
        query_id = str(4_000_000_000_000_000_000 + chat.id * 1000 + next(self._seq))
        record = CallbackRecord(query_id, chat.user.id, chat.id, message_id, data)
        self.callbacks[query_id] = record
        detail = {"data": data, "label": label, "callback_query_id": query_id}
        chat.events.append(ChatEvent("user", "press", message_id, detail=detail))
        return record

    def touch(self, chat_id: int | None, *, start: bool) -> None:
        """Note that a bot request for `chat_id` started or finished (wait_reply's idleness)."""
        if chat_id is None:
            return
        self.inflight[chat_id] += 1 if start else -1
        self.last_touch[chat_id] = time.monotonic()
        self.activity_signal.notify()

    def record_activity(self, chat_id: int, method: str, ok: bool, message_id: int | None) -> None:
        """Append a finished bot call that touched `chat_id`."""
        self.activity.append(Activity(chat_id, method, ok, message_id, time.monotonic()))
        self.activity_signal.notify()
