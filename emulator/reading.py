"""ChatReader: what a test can read about one private chat (messages, keyboards, transcript)."""

from __future__ import annotations

from emulator.objects import inline_rows
from emulator.records import CallbackRecord, ChatRecord, StoredMessage, UserRecord
from emulator.state import EmulatorState
from emulator.views import ChatMessage, TranscriptEntry


class ChatReader:
    """Read access to a user's private chat with the bot; the base of EmulatedUser."""

    def __init__(self, state: EmulatorState, record: UserRecord) -> None:
        self._state = state
        self.record = record
        self._mark = len(state.activity)
        self._last_callback: CallbackRecord | None = None

    @property
    def id(self) -> int:
        """Telegram user id (= private chat id)."""
        return self.record.id

    @property
    def chat(self) -> ChatRecord:
        """The raw chat record (all messages, events)."""
        return self._state.chats[self.id]

    def _keyboard_message(self, message_id: int | None) -> StoredMessage:
        if message_id is not None:
            stored = self.chat.messages.get(message_id)
            if stored is None or stored.deleted:
                raise AssertionError(f"message #{message_id} does not exist in chat {self.id}")
            return stored
        for stored in reversed(self.chat.messages.values()):
            markup = stored.data.get("reply_markup")
            if stored.from_bot and not stored.deleted and inline_rows(markup):
                return stored
        raise AssertionError(
            f"no bot message with an inline keyboard in chat {self.id}; transcript:\n"
            + self.transcript_text()
        )

    def transcript(self) -> list[TranscriptEntry]:
        """Everything that happened in this chat, in order (messages, edits, deletes, presses)."""
        return [TranscriptEntry.of(event) for event in self.chat.events]

    def transcript_text(self) -> str:
        """The transcript as readable lines (handy in assertion messages)."""
        return "\n".join(str(entry) for entry in self.transcript())

    def messages(self, who: str | None = None) -> list[ChatMessage]:
        """Current (not deleted) messages of the chat, optionally only "bot" or "user" ones."""
        result = [ChatMessage.of(m) for m in self.chat.messages.values() if not m.deleted]
        return [m for m in result if who is None or m.who == who]

    def last_message(self, who: str | None = "bot") -> ChatMessage | None:
        """The latest current message (by default the bot's)."""
        messages = self.messages(who)
        return messages[-1] if messages else None

    def keyboard(self, message_id: int | None = None) -> list[list[str]]:
        """Rows of labels of the latest inline keyboard (or of message `message_id`)."""
        return ChatMessage.of(self._keyboard_message(message_id)).buttons

    def buttons(self, message_id: int | None = None) -> list[str]:
        """Labels of the latest inline keyboard (or of message `message_id`), flattened."""
        return [label for row in self.keyboard(message_id) for label in row]

    def reply_keyboard(self) -> list[list[str]] | None:
        """Rows of the reply keyboard currently shown to the user, if any."""
        markup = self.chat.reply_keyboard
        if not markup:
            return None
        return [
            [b if isinstance(b, str) else b.get("text", "") for b in row]
            for row in markup.get("keyboard", [])
        ]
