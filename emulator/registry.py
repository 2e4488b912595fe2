"""The table of Bot API method handlers, filled by the methods_* modules via @api_method."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emulator.state import EmulatorState

Handler = Callable[["EmulatorState", dict[str, Any]], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}

# Methods whose successful call creates, changes or removes a message in a chat.
MESSAGE_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "editmessagetext",
        "editmessagereplymarkup",
        "deletemessage",
    }
)


def api_method(name: str) -> Callable[[Handler], Handler]:
    """Register the decorated coroutine as the handler of Bot API method `name`."""

    def register(func: Handler) -> Handler:
        HANDLERS[name.lower()] = func
        return func

    return register
