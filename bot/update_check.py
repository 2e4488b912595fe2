"""Is a raw update one this bot can parse? Checked before the webhook stores it (400
otherwise) and before the inbox hands a stored one to the handlers (marked failed otherwise),
so one malformed body never crashes a start.

python-telegram-bot trusts the shape it is given (`"message": "text"` fails deep inside, a
callback without `from` parses and breaks the gate), so the parts the bot reads are checked
here first; then the whole update must parse.
"""

from __future__ import annotations

from typing import Any

from telegram import Bot, Update

MAX_DEPTH = 32
"""Real updates nest about a dozen levels (a callback's message replying to a message)."""
MESSAGE_KINDS = ("message", "edited_message")


class MalformedUpdate(ValueError):
    """A raw update this bot cannot parse; the text says why."""


def update_id_of(payload: object) -> int:
    """The update's id; MalformedUpdate when there is none (a body without one is no update)."""
    if not isinstance(payload, dict):
        raise MalformedUpdate("not a JSON object")
    update_id = payload.get("update_id")
    if not _is_int(update_id) or update_id < 0:
        raise MalformedUpdate("update_id is not a non-negative integer")
    return update_id


def parse(payload: object, bot: Bot | None) -> Update:
    """The update, checked and parsed; MalformedUpdate with the reason otherwise."""
    update_id_of(payload)
    assert isinstance(payload, dict)
    _check_depth(payload)
    for kind in MESSAGE_KINDS:
        if kind in payload:
            _check_message(payload[kind], kind)
    if "callback_query" in payload:
        _check_callback(payload["callback_query"])
    try:
        return Update.de_json(payload, bot)
    except Exception as exc:  # whatever PTB trips over in a body it did not expect
        raise MalformedUpdate(f"not a Telegram update ({type(exc).__name__}: {exc})") from exc


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_depth(payload: dict) -> None:
    """Iteratively, so that a deep body cannot exhaust the stack here either."""
    stack: list[tuple[Any, int]] = [(payload, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise MalformedUpdate(f"nested deeper than {MAX_DEPTH} levels")
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, dict | list))


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise MalformedUpdate(reason)


def _check_user(value: object, where: str) -> None:
    _require(isinstance(value, dict), f"{where}.from is not an object")
    assert isinstance(value, dict)
    _require(_is_int(value.get("id")), f"{where}.from.id is not an integer")
    _require(isinstance(value.get("first_name"), str), f"{where}.from.first_name is missing")
    _require(isinstance(value.get("is_bot"), bool), f"{where}.from.is_bot is missing")


def _check_message(value: object, where: str) -> None:
    _require(isinstance(value, dict), f"{where} is not an object")
    assert isinstance(value, dict)
    _require(_is_int(value.get("message_id")), f"{where}.message_id is not an integer")
    _require(_is_int(value.get("date")), f"{where}.date is not an integer")
    chat = value.get("chat")
    _require(isinstance(chat, dict) and _is_int(chat.get("id")),
             f"{where}.chat has no integer id")
    if "from" in value:
        _check_user(value["from"], where)


def _check_callback(value: object) -> None:
    _require(isinstance(value, dict), "callback_query is not an object")
    assert isinstance(value, dict)
    _require(isinstance(value.get("id"), str), "callback_query.id is not a string")
    _check_user(value.get("from"), "callback_query")
    _require(isinstance(value.get("chat_instance"), str),
             "callback_query.chat_instance is missing")
    if "message" in value:
        _check_message(value["message"], "callback_query.message")
    if "data" in value:
        _require(isinstance(value["data"], str), "callback_query.data is not a string")
