"""JSON shapes of Bot API objects (User, Chat, Document, PhotoSize, File, entities)."""

from __future__ import annotations

import re
from typing import Any

from emulator.html_text import utf16_len
from emulator.records import StoredFile, UserRecord

_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w@])")


def user_json(user: UserRecord) -> dict[str, Any]:
    """A User object for a human user."""
    data: dict[str, Any] = {"id": user.id, "is_bot": False, "first_name": user.first_name}
    for key in ("last_name", "username", "language_code"):
        if getattr(user, key):
            data[key] = getattr(user, key)
    return data


def chat_json(user: UserRecord) -> dict[str, Any]:
    """The private Chat object of `user`."""
    data: dict[str, Any] = {"id": user.id, "type": "private", "first_name": user.first_name}
    for key in ("last_name", "username"):
        if getattr(user, key):
            data[key] = getattr(user, key)
    return data


def bot_json(bot_id: int, first_name: str, username: str) -> dict[str, Any]:
    """The User object of the bot as it appears in messages (`from`)."""
    return {"id": bot_id, "is_bot": True, "first_name": first_name, "username": username}


def me_json(bot_id: int, first_name: str, username: str) -> dict[str, Any]:
    """The User object getMe returns, with the bot-only capability fields."""
    return {
        **bot_json(bot_id, first_name, username),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def document_json(file: StoredFile) -> dict[str, Any]:
    """A Document object."""
    data: dict[str, Any] = {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "file_size": file.size,
    }
    if file.file_name:
        data["file_name"] = file.file_name
    if file.mime_type:
        data["mime_type"] = file.mime_type
    return data


def photo_size_json(file: StoredFile) -> dict[str, Any]:
    """A PhotoSize object."""
    return {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "file_size": file.size,
        "width": file.width or 0,
        "height": file.height or 0,
    }


def file_json(file: StoredFile) -> dict[str, Any]:
    """A File object as getFile returns it."""
    data: dict[str, Any] = {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "file_size": file.size,
    }
    if file.file_path:
        data["file_path"] = file.file_path
    return data


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities for every /command in a user's text, as Telegram marks them."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group()),
        }
        for m in _COMMAND.finditer(text)
    ]


def inline_rows(markup: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    """The button rows of an inline keyboard markup (empty if none)."""
    if not markup or not isinstance(markup.get("inline_keyboard"), list):
        return []
    return [row for row in markup["inline_keyboard"] if isinstance(row, list)]
