"""Callback data: one small versioned codec, signed and bound to the user it was sent to.

`v1:<action>:<arg>…:<mac>` — at most 64 bytes (Telegram's limit). The MAC (truncated
HMAC-SHA256 over the user id and the payload) stops a client from naming other things or
replaying another user's button; the handler still reloads and re-authorises everything from
the database, because a valid MAC only proves that the bot once drew that button.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

VERSION = "v1"
MAX_BYTES = 64
_MAC_CHARS = 10
_SEPARATOR = ":"


class CallbackInvalid(ValueError):
    """Callback data that this bot did not draw for this user (or an old version)."""


@dataclass(frozen=True)
class Callback:
    """A decoded button press: what it names, never what it is allowed to do."""

    action: str
    args: tuple[str, ...]

    def arg(self, index: int) -> str:
        if index >= len(self.args):
            raise CallbackInvalid(f"{self.action}: argumen {index} tidak ada")
        return self.args[index]

    def int_arg(self, index: int) -> int:
        value = self.arg(index)
        if not value.isdigit():
            raise CallbackInvalid(f"{self.action}: argumen {index} bukan angka")
        return int(value)


def _mac(key: bytes, user_id: int, payload: str) -> str:
    digest = hmac.new(key, f"{user_id}|{payload}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:_MAC_CHARS]


def encode(key: bytes, user_id: int, action: str, *args: object) -> str:
    """Signed callback data for a button shown to `user_id`."""
    parts = [VERSION, action, *(str(a) for a in args)]
    if not action or any(_SEPARATOR in p for p in parts):
        raise ValueError(f"callback parts must be non-empty and free of ':' ({parts})")
    payload = _SEPARATOR.join(parts)
    data = f"{payload}{_SEPARATOR}{_mac(key, user_id, payload)}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data}")
    return data


def decode(key: bytes, user_id: int, data: str | None) -> Callback:
    """The button a user pressed; raises `CallbackInvalid` for anything not ours."""
    if not data or len(data.encode()) > MAX_BYTES:
        raise CallbackInvalid("data kosong atau terlalu panjang")
    payload, _, mac = data.rpartition(_SEPARATOR)
    parts = payload.split(_SEPARATOR)
    if len(parts) < 2 or parts[0] != VERSION:
        raise CallbackInvalid("versi tidak dikenal")
    if not hmac.compare_digest(mac, _mac(key, user_id, payload)):
        raise CallbackInvalid("tanda tangan tidak cocok")
    return Callback(parts[1], tuple(parts[2:]))
