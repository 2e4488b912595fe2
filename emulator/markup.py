"""Validation of reply_markup the way Telegram checks it (BUTTON_DATA_INVALID and friends)."""

from __future__ import annotations

from typing import Any

from emulator.errors import BUTTON_DATA_INVALID, ApiError, bad_request

_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _check_inline(markup: dict[str, Any]) -> None:
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" must be an Array of Array')
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                    raise ApiError(400, BUTTON_DATA_INVALID)
            elif not any(key in button for key in _BUTTON_ACTIONS):
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard"
                )


def check_markup(markup: Any) -> dict[str, Any] | None:
    """Validate a reply_markup; returns it (a dict) or None when absent."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline(markup)
    elif "keyboard" in markup:
        if not isinstance(markup["keyboard"], list):
            raise bad_request('field "keyboard" must be an Array of Array')
    elif not markup.get("remove_keyboard") and not markup.get("force_reply"):
        raise bad_request('can\'t find field "inline_keyboard"')
    return markup


def inline_only(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The markup as Telegram echoes it in a Message: only inline keyboards are kept."""
    return markup if markup and "inline_keyboard" in markup else None
