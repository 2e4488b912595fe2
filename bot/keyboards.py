"""Inline keyboards built from signed callback data (bot.callback), bound to their reader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callback
from bot.i18n import _

T = TypeVar("T")
PAGE_SIZE = 8


class Buttons:
    """Draws buttons for one reader: every button's data is signed for that user."""

    def __init__(self, key: bytes, telegram_id: int) -> None:
        self._key = key
        self._telegram_id = telegram_id

    def button(self, label: str, action: str, *args: object) -> InlineKeyboardButton:
        """A button that names `action` and its arguments."""
        data = callback.encode(self._key, self._telegram_id, action, *args)
        return InlineKeyboardButton(label, callback_data=data)

    def back(self, action: str = "menu", *args: object) -> InlineKeyboardButton:
        """The "« Kembali" button every sub-menu has."""
        return self.button(_("« Kembali"), action, *args)

    def page(self, items: Sequence[T], page: int, item_button: Callable[[T], InlineKeyboardButton],
             action: str, *args: object) -> list[list[InlineKeyboardButton]]:
        """One button per item of page `page`, and ‹ › buttons when there are more pages."""
        pages = max(1, -(-len(items) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        rows = [[item_button(item)] for item in items[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]]
        if pages > 1:
            nav = []
            if page > 0:
                nav.append(self.button("‹", action, *args, page - 1))
            nav.append(self.button(f"{page + 1}/{pages}", action, *args, page))
            if page < pages - 1:
                nav.append(self.button("›", action, *args, page + 1))
            rows.append(nav)
        return rows


def markup(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of buttons."""
    return InlineKeyboardMarkup(rows)
