"""Evidence files: where their bytes are kept, and sending one back to a chat."""

from __future__ import annotations

import asyncio

from telegram.error import TelegramError

from bot.context import ZiContext
from zi_core.domain.bukti import EvidenceDTO
from zi_core.evidence.store import BlobStore

STORE = "blob_store"


def store(context: ZiContext) -> BlobStore:
    """The evidence store under EVIDENCE_DIR."""
    found = context.bot_data.get(STORE)
    if found is None:
        found = context.bot_data[STORE] = BlobStore(context.settings.evidence_dir)
    return found


async def send_evidence(context: ZiContext, chat_id: int, row: EvidenceDTO,
                        caption: str | None, *, photo: bool = False) -> None:
    """Send a stored file by Telegram's file_id (`photo`: as a photo), or the stored copy when
    Telegram no longer has it; the caption is plain text (whatever the uploader typed)."""
    shown = caption[:1024] if caption else None
    try:
        send = context.bot.send_photo if photo else context.bot.send_document
        await send(chat_id, row.telegram_file_id, caption=shown, parse_mode=None)
    except TelegramError:
        data = await asyncio.to_thread(store(context).read, row.sha256)
        await context.bot.send_document(chat_id, data, filename=row.file_name, caption=shown,
                                        parse_mode=None)

