"""EmulatedUser: a Telegram user played by a test (sends, presses, waits for the bot)."""

from __future__ import annotations

import asyncio
import copy
import re
import time
from typing import Any

from emulator.objects import (
    command_entities,
    document_json,
    inline_rows,
    photo_size_json,
    user_json,
)
from emulator.reading import ChatReader
from emulator.records import CallbackRecord, StoredMessage
from emulator.registry import MESSAGE_METHODS
from emulator.views import ChatMessage


class EmulatedUser(ChatReader):
    """One user and their private chat with the bot: actions and waiting for the bot."""

    async def _post(self, content: dict[str, Any]) -> ChatMessage:
        self._mark = len(self._state.activity)
        stored = self._state.add_message(self.chat, content, from_bot=False)
        self._state.updates.push({"message": copy.deepcopy(stored.data)})
        await asyncio.sleep(0)
        return ChatMessage.of(stored)

    async def send(self, text: str) -> ChatMessage:
        """Send a text message; /commands get bot_command entities."""
        entities = command_entities(text)
        return await self._post({"text": text, **({"entities": entities} if entities else {})})

    async def send_document(
        self,
        data: bytes,
        file_name: str,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
    ) -> ChatMessage:
        """Send a document whose bytes the bot can fetch with getFile."""
        file = self._state.add_file(
            kind="document",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            chat_id=self.id,
            from_bot=False,
        )
        content: dict[str, Any] = {"document": document_json(file)}
        if caption:
            content["caption"] = caption
        return await self._post(content)

    async def send_photo(
        self, data: bytes, caption: str | None = None, *, width: int = 1280, height: int = 960
    ) -> ChatMessage:
        """Send a photo; Telegram-like sizes array (a thumbnail and the full size)."""
        sizes = []
        for scale in (90 / max(width, height), 1.0):
            file = self._state.add_file(
                kind="photo",
                data=data,
                file_name=None,
                mime_type="image/jpeg",
                chat_id=self.id,
                from_bot=False,
                width=max(1, round(width * scale)),
                height=max(1, round(height * scale)),
            )
            sizes.append(photo_size_json(file))
        content: dict[str, Any] = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return await self._post(content)

    async def press(
        self, label: str | re.Pattern[str], *, message_id: int | None = None, partial: bool = False
    ) -> str:
        """Press the inline button with this exact label (or unique substring / regex match)."""
        stored = self._keyboard_message(message_id)
        buttons = [b for row in inline_rows(stored.data.get("reply_markup")) for b in row]
        if isinstance(label, re.Pattern):
            found = [b for b in buttons if label.search(b.get("text", ""))]
        elif partial:
            found = [b for b in buttons if label in b.get("text", "")]
        else:
            found = [b for b in buttons if b.get("text") == label]
        if len(found) != 1:
            which = "no button" if not found else f"{len(found)} buttons"
            raise AssertionError(
                f"{which} matching {label!r} on bot message #{stored.message_id}; "
                f"available labels: {[b.get('text') for b in buttons]}"
            )
        button = found[0]
        if "callback_data" not in button:
            kinds = [key for key in button if key != "text"]
            raise AssertionError(f"button {button.get('text')!r} has no callback_data: {kinds}")
        return await self._callback(stored, button["callback_data"], button.get("text"))

    async def press_data(self, data: str, message_id: int | None = None) -> str:
        """Send a callback query with arbitrary (possibly forged) data from a bot message."""
        if message_id is None:
            bot_messages = [m for m in self.chat.messages.values() if m.from_bot and not m.deleted]
            if not bot_messages:
                raise AssertionError(f"no bot message in chat {self.id} to press on")
            with_keyboard = [m for m in bot_messages if inline_rows(m.data.get("reply_markup"))]
            message_id = (with_keyboard or bot_messages)[-1].message_id
        return await self._callback(self._keyboard_message(message_id), data, None)

    async def _callback(self, stored: StoredMessage, data: str, label: str | None) -> str:
        self._mark = len(self._state.activity)
        record = self._state.new_callback(self.chat, stored.message_id, data, label)
        self._last_callback = record
        query = {
            "id": record.id,
            "from": user_json(self.record),
            "message": copy.deepcopy(stored.data),
            "chat_instance": str(7_000_000_000_000_000_000 + self.id),
            "data": data,
        }
        self._state.updates.push({"callback_query": query})
        await asyncio.sleep(0)
        return record.id

    def block(self) -> None:
        """The user blocks the bot: sends to this chat answer 403."""
        self.record.blocked = True

    def unblock(self) -> None:
        """The user unblocks the bot."""
        self.record.blocked = False

    async def wait_reply(self, timeout: float = 5.0, idle: float = 0.1) -> list[ChatMessage]:
        """Wait for the bot's first message change since the last action, then `idle` s quiet."""
        state, chat_id = self._state, self.id
        deadline = time.monotonic() + timeout
        while True:
            acts = [a for a in state.activity[self._mark :] if a.chat_id == chat_id]
            produced = any(a.ok and a.method in MESSAGE_METHODS for a in acts)
            now = time.monotonic()
            if produced:
                quiet = now - state.last_touch.get(chat_id, 0.0)
                busy = state.inflight[chat_id] > 0
                if (not busy and quiet >= idle) or now >= deadline:
                    break
                await state.activity_signal.wait(
                    min(idle if busy else idle - quiet, deadline - now)
                )
            elif now >= deadline:
                raise AssertionError(
                    f"no reply from the bot in chat {chat_id} within {timeout}s; calls: "
                    f"{[(c.method, c.status, c.description) for c in state.calls[-5:]]}\n"
                    + self.transcript_text()
                )
            else:
                await state.activity_signal.wait(deadline - now)
        self._mark = len(state.activity)
        ids = dict.fromkeys(a.message_id for a in acts if a.ok and a.message_id is not None)
        messages = [self.chat.messages.get(mid) for mid in ids]
        return [ChatMessage.of(m) for m in messages if m is not None and not m.deleted]

    async def expect_no_reply(self, within: float = 0.3) -> None:
        """Assert the bot changes no message in this chat during the next `within` seconds."""
        await asyncio.sleep(within)
        acts = [a for a in self._state.activity[self._mark :] if a.chat_id == self.id]
        changed = [(a.method, a.message_id) for a in acts if a.ok and a.method in MESSAGE_METHODS]
        assert not changed, f"bot unexpectedly replied in chat {self.id}: {changed}"

    async def wait_answer(self, timeout: float = 5.0) -> CallbackRecord:
        """Wait until the bot answered the last pressed callback query; returns the answer."""
        record = self._last_callback
        assert record is not None, "press() something before wait_answer()"
        deadline = time.monotonic() + timeout
        while not record.answered:
            if time.monotonic() >= deadline:
                raise AssertionError(f"callback query {record.id} not answered in {timeout}s")
            await self._state.activity_signal.wait(deadline - time.monotonic())
        return record

    async def wait_message(self, containing: str, timeout: float = 10.0) -> ChatMessage:
        """Wait until a message from the bot in this chat contains `containing` (a notice the
        bot sends on its own, after something another user did); returns the first such."""
        deadline = time.monotonic() + timeout
        while True:
            found = [m for m in self.messages("bot") if containing in (m.text or "")]
            if found:
                return found[0]
            if time.monotonic() >= deadline:
                raise AssertionError(f"no message with {containing!r} in chat {self.id}")
            await self._state.activity_signal.wait(deadline - time.monotonic())
