"""A local Telegram Bot API emulator (aiohttp) and the driver end-to-end tests play users with.

Modules: server (HTTP routes, call log), methods_messages / methods_misc (Bot API methods),
state / records (in-memory world), updates (getUpdates queue), html_text (HTML entities),
markup (keyboard checks), ratelimit (429s), params (request decoding), objects (JSON shapes),
views (what tests read), reading + user (EmulatedUser) and driver (Emulator).
"""

from emulator.driver import ChatMessage, EmulatedUser, Emulator, TranscriptEntry

__all__ = ["ChatMessage", "EmulatedUser", "Emulator", "TranscriptEntry"]
