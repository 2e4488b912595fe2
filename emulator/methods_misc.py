"""Bot API methods about the bot itself, updates, commands, webhooks, callbacks and files."""

from __future__ import annotations

import json
import re
from typing import Any

from emulator.errors import (
    FILE_TOO_BIG,
    INVALID_FILE_ID,
    QUERY_TOO_OLD,
    WEBHOOK_ACTIVE,
    ApiError,
    bad_request,
)
from emulator.objects import file_json, me_json
from emulator.records import ChatEvent
from emulator.registry import api_method
from emulator.state import EmulatorState

_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)


def scope_key(scope: Any) -> str:
    """Canonical key of a BotCommandScope (a dict, a type name or None for default)."""
    if scope is None:
        scope = {"type": "default"}
    elif isinstance(scope, str):
        scope = {"type": scope}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("wrong scope type specified")
    return json.dumps(scope, sort_keys=True)


@api_method("getMe")
async def get_me(state: EmulatorState, p: dict[str, Any]) -> Any:
    """getMe."""
    return me_json(state.bot_id, state.bot_first_name, state.bot_username)


@api_method("getUpdates")
async def get_updates(state: EmulatorState, p: dict[str, Any]) -> Any:
    """getUpdates with long polling; allowed_updates is accepted and ignored."""
    if state.webhook.get("url"):
        raise ApiError(409, WEBHOOK_ACTIVE)
    return await state.updates.get(
        offset=int(p.get("offset") or 0),
        limit=int(p.get("limit") or 100),
        timeout=float(p.get("timeout") or 0),
    )


@api_method("setMyCommands")
async def set_my_commands(state: EmulatorState, p: dict[str, Any]) -> Any:
    """setMyCommands, stored per (scope, language_code)."""
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND_NAME.match(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description") or "")) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = (scope_key(p.get("scope")), p.get("language_code") or "")
    state.commands[key] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


@api_method("getMyCommands")
async def get_my_commands(state: EmulatorState, p: dict[str, Any]) -> Any:
    """getMyCommands (exact scope and language match)."""
    key = (scope_key(p.get("scope")), p.get("language_code") or "")
    return state.commands.get(key, [])


@api_method("deleteMyCommands")
async def delete_my_commands(state: EmulatorState, p: dict[str, Any]) -> Any:
    """deleteMyCommands."""
    state.commands.pop((scope_key(p.get("scope")), p.get("language_code") or ""), None)
    return True


@api_method("setWebhook")
async def set_webhook(state: EmulatorState, p: dict[str, Any]) -> Any:
    """setWebhook: stored only, nothing is ever posted to the URL."""
    url = p.get("url") or ""
    if url and not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    state.webhook = {key: value for key, value in p.items() if key != "certificate"}
    if p.get("drop_pending_updates"):
        state.updates.clear()
    return True


@api_method("deleteWebhook")
async def delete_webhook(state: EmulatorState, p: dict[str, Any]) -> Any:
    """deleteWebhook, optionally dropping pending updates."""
    state.webhook = {}
    if p.get("drop_pending_updates"):
        state.updates.clear()
    return True


@api_method("getWebhookInfo")
async def get_webhook_info(state: EmulatorState, p: dict[str, Any]) -> Any:
    """getWebhookInfo."""
    info: dict[str, Any] = {
        "url": state.webhook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": state.updates.pending,
    }
    if state.webhook.get("allowed_updates"):
        info["allowed_updates"] = state.webhook["allowed_updates"]
    if state.webhook.get("max_connections"):
        info["max_connections"] = state.webhook["max_connections"]
    return info


@api_method("answerCallbackQuery")
async def answer_callback_query(state: EmulatorState, p: dict[str, Any]) -> Any:
    """answerCallbackQuery; a query can be answered once."""
    record = state.callbacks.get(str(p.get("callback_query_id")))
    if record is None or record.answered:
        raise ApiError(400, QUERY_TOO_OLD)
    text = p.get("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    record.text = text
    record.show_alert = bool(p.get("show_alert"))
    record.url = p.get("url")
    detail = {"text": text, "show_alert": record.show_alert, "callback_query_id": record.id}
    state.chats[record.chat_id].events.append(
        ChatEvent("bot", "answer", record.message_id, detail=detail)
    )
    return True


@api_method("getFile")
async def get_file(state: EmulatorState, p: dict[str, Any]) -> Any:
    """getFile: file over the download limit (20 MB unless self-hosted) is refused."""
    file = state.files.get(str(p.get("file_id")))
    if file is None:
        raise ApiError(400, INVALID_FILE_ID)
    if file.size > state.download_limit:
        raise ApiError(400, FILE_TOO_BIG)
    state.file_path_for(file)
    return file_json(file)
