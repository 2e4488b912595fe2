"""Bot API methods that send, edit or delete messages and files in a chat."""

from __future__ import annotations

from typing import Any

from emulator.errors import (
    CAPTION_TOO_LONG,
    DELETE_NOT_FOUND,
    EDIT_NOT_FOUND,
    NOT_MODIFIED,
    TEXT_EMPTY,
    TOO_LONG,
    ApiError,
    bad_request,
)
from emulator.html_text import render_text
from emulator.markup import check_markup, inline_only
from emulator.objects import document_json, photo_size_json
from emulator.params import Upload
from emulator.records import ChatRecord, StoredFile, StoredMessage
from emulator.registry import api_method
from emulator.state import EmulatorState

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_UPLOAD = 50 * 1024 * 1024
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def _text(p: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    text = p.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, TEXT_EMPTY)
    plain, entities = render_text(text, p.get("parse_mode"), p.get("entities"))
    if not plain.strip():
        raise ApiError(400, TEXT_EMPTY)
    if len(plain) > MAX_TEXT:
        raise ApiError(400, TOO_LONG)
    return plain, entities


def _caption(p: dict[str, Any]) -> dict[str, Any]:
    caption = p.get("caption")
    if not caption:
        return {}
    plain, entities = render_text(caption, p.get("parse_mode"), p.get("caption_entities"))
    if len(plain) > MAX_CAPTION:
        raise ApiError(400, CAPTION_TOO_LONG)
    return {"caption": plain, "caption_entities": entities or None}


def _common(chat: ChatRecord, p: dict[str, Any]) -> dict[str, Any]:
    """reply_markup and reply_to_message parts shared by every send method."""
    markup = check_markup(p.get("reply_markup"))
    if markup and "keyboard" in markup:
        chat.reply_keyboard = markup
    elif markup and markup.get("remove_keyboard"):
        chat.reply_keyboard = None
    extra: dict[str, Any] = {"reply_markup": inline_only(markup)}
    reply = p.get("reply_parameters") or {}
    reply_id = reply.get("message_id", p.get("reply_to_message_id"))
    if reply_id is not None:
        target = chat.messages.get(reply_id)
        if target is None or target.deleted:
            if not reply.get("allow_sending_without_reply", p.get("allow_sending_without_reply")):
                raise bad_request("message to be replied not found")
        else:
            extra["reply_to_message"] = target.data
    return {key: value for key, value in extra.items() if value is not None}


def _target(state: EmulatorState, p: dict[str, Any], not_found: str) -> StoredMessage:
    if "inline_message_id" in p:
        raise bad_request("inline messages are not supported by the emulator")
    chat = state.chat_for_bot(p.get("chat_id"))
    message_id = p.get("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    stored = chat.messages.get(message_id)
    if stored is None or stored.deleted:
        raise ApiError(400, not_found)
    return stored


@api_method("sendMessage")
async def send_message(state: EmulatorState, p: dict[str, Any]) -> Any:
    """sendMessage."""
    chat = state.chat_for_bot(p.get("chat_id"))
    plain, entities = _text(p)
    content = {"text": plain, **({"entities": entities} if entities else {})}
    content.update(_common(chat, p))
    return state.add_message(chat, content, from_bot=True).data


@api_method("editMessageText")
async def edit_message_text(state: EmulatorState, p: dict[str, Any]) -> Any:
    """editMessageText (omitting reply_markup removes the inline keyboard, as on Telegram)."""
    stored = _target(state, p, EDIT_NOT_FOUND)
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    if "text" not in stored.data:
        raise bad_request("there is no text in the message to edit")
    plain, entities = _text(p)
    markup = inline_only(check_markup(p.get("reply_markup")))
    current = stored.data
    if (
        current.get("text") == plain
        and current.get("entities", []) == entities
        and current.get("reply_markup") == markup
    ):
        raise ApiError(400, NOT_MODIFIED)
    changes = {"text": plain, "entities": entities or None, "reply_markup": markup}
    return state.edit_message(stored, changes).data


@api_method("editMessageReplyMarkup")
async def edit_message_reply_markup(state: EmulatorState, p: dict[str, Any]) -> Any:
    """editMessageReplyMarkup."""
    stored = _target(state, p, EDIT_NOT_FOUND)
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    markup = inline_only(check_markup(p.get("reply_markup")))
    if stored.data.get("reply_markup") == markup:
        raise ApiError(400, NOT_MODIFIED)
    return state.edit_message(stored, {"reply_markup": markup}).data


@api_method("deleteMessage")
async def delete_message(state: EmulatorState, p: dict[str, Any]) -> Any:
    """deleteMessage (the bot may delete its own and the user's messages in a private chat)."""
    chat = state.chat_for_bot(p.get("chat_id"), check_blocked=False)
    stored = chat.messages.get(p.get("message_id"))  # type: ignore[arg-type]
    if stored is None or stored.deleted:
        raise ApiError(400, DELETE_NOT_FOUND)
    state.delete_message(stored)
    return True


def _input_file(
    state: EmulatorState, chat: ChatRecord, p: dict[str, Any], kind: str
) -> StoredFile:
    value = p.get(kind)
    if isinstance(value, Upload):
        if value.size > MAX_UPLOAD:
            raise ApiError(413, "Request Entity Too Large")
        if value.size == 0:
            raise bad_request("file must be non-empty")
        name = value.filename or (f"{kind}.jpg" if kind == "photo" else "document")
        mime = value.content_type or "application/octet-stream"
        size = {"width": 1280, "height": 960} if kind == "photo" else {}
        return state.add_file(
            kind=kind,
            data=value.data,
            file_name=name,
            mime_type=mime,
            chat_id=chat.id,
            from_bot=True,
            **size,
        )
    if value is None:
        raise bad_request(f"there is no {kind} in the request")
    if isinstance(value, str) and value in state.files:
        return state.files[value]
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    raise bad_request("wrong file identifier/HTTP URL specified")


@api_method("sendDocument")
async def send_document(state: EmulatorState, p: dict[str, Any]) -> Any:
    """sendDocument (multipart upload or an existing file_id)."""
    chat = state.chat_for_bot(p.get("chat_id"))
    file = _input_file(state, chat, p, "document")
    content = {"document": document_json(file), **_caption(p), **_common(chat, p)}
    content = {key: value for key, value in content.items() if value is not None}
    return state.add_message(chat, content, from_bot=True).data


@api_method("sendPhoto")
async def send_photo(state: EmulatorState, p: dict[str, Any]) -> Any:
    """sendPhoto (multipart upload or an existing file_id)."""
    chat = state.chat_for_bot(p.get("chat_id"))
    file = _input_file(state, chat, p, "photo")
    content = {"photo": [photo_size_json(file)], **_caption(p), **_common(chat, p)}
    content = {key: value for key, value in content.items() if value is not None}
    return state.add_message(chat, content, from_bot=True).data


@api_method("sendChatAction")
async def send_chat_action(state: EmulatorState, p: dict[str, Any]) -> Any:
    """sendChatAction."""
    state.chat_for_bot(p.get("chat_id"))
    if p.get("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True
