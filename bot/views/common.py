"""Small pieces every screen uses: progress bars, status marks, a unit's heading."""

from __future__ import annotations

import re

from bot.i18n import N_, _
from bot.views.html import html
from zi_core.domain.statuses import ActionItemStatus

BAR_CELLS = 10

STATUS_MARKS = {ActionItemStatus.BELUM: "⬜", ActionItemStatus.PROSES: "⏳",
                ActionItemStatus.SELESAI: "✅"}
STATUS_NAMES = {ActionItemStatus.BELUM: N_("belum"), ActionItemStatus.PROSES: N_("proses"),
                ActionItemStatus.SELESAI: N_("selesai")}


def bar(percent: int) -> str:
    """`▰▰▰▰▰▰▱▱▱▱ 60%`."""
    filled = max(0, min(BAR_CELLS, round(percent * BAR_CELLS / 100)))
    return "▰" * filled + "▱" * (BAR_CELLS - filled) + f" {percent}%"


def status_name(status: ActionItemStatus) -> str:
    """An item status in the current language."""
    return _(STATUS_NAMES[ActionItemStatus(status)])


def plain(text: str) -> str:
    """A text without its HTML tags (for a callback toast, which shows no formatting)."""
    return re.sub(r"</?[a-z]+>", "", text)


def crumbs(*parts: str) -> str:
    """The breadcrumb heading of a screen: `<b>Unit › Area › Indikator</b>` (escaped)."""
    return html("<b>{path}</b>", path=" › ".join(parts))
