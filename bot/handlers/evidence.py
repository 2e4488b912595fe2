"""Evidence (`/bukti`, or 📎 on an item or question screen): files are checked by size and
content, stored by SHA-256, attached to the item or question, listed, re-sent, replaced and
deleted."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import Message, Update
from telegram.error import TelegramError

from bot import callback, pending
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.evidence_files import send_evidence, store
from bot.i18n import _
from bot.keyboards import markup
from bot.messaging import answer, send_text, show
from bot.screens.mandiri import question_screen
from bot.screens.rencana import item_screen
from bot.views import evidence as view
from bot.views.html import html
from zi_core.domain.bukti import EvidenceDTO
from zi_core.domain.errors import NotFound
from zi_core.domain.roles import Permission, may
from zi_core.evidence.sniff import EvidenceRefused, check_size, safe_file_name, sniff
from zi_core.queries import bukti
from zi_core.services import evidence, rencana_aksi

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Target:
    """An item (`i`, id) or a question (`q`, id) of the caller's unit."""

    kind: str
    key: str
    title: str

    @property
    def args(self) -> tuple[str, str]:
        return self.kind, self.key


def _max_bytes(context: ZiContext) -> int:
    return context.settings.evidence_max_mb * 1024 * 1024


async def _target(context: ZiContext, kind: str, key: str) -> Target:
    me = context.me
    assert me is not None
    if kind == "i":
        if not key.isdigit():
            raise Stale(key)
        async with context.reading() as session:
            item = await rencana_aksi.item_for(session, me, int(key))
        return Target("i", key, item.text)
    if kind == "q":
        question = context.lke.question(key)
        if question is None:
            raise Stale(key)
        return Target("q", key, f"{question.id} {question.text}")
    raise Stale(kind)


@action("evup", Permission.UPLOAD_EVIDENCE)
async def upload_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Wait for files for this item or question."""
    query = update.callback_query
    assert query is not None and context.me is not None
    target = await _target(context, pressed.arg(0), pressed.arg(1))
    await pending.ask(context, "evfile", *target.args)
    await answer(query)
    await send_text(context.bot, context.me.telegram_id,
                    view.ask(target.title[:300], context.settings.evidence_max_mb),
                    markup([[context.buttons.button(_("✅ Selesai"), "evdone",
                                                         *target.args)]]))


@pending.expects("evfile", Permission.UPLOAD_EVIDENCE, files=True)
async def file_received(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """A file for the awaited item or question."""
    message = update.effective_message
    assert message is not None
    target = await _target(context, args[0], args[1])
    await _take_file(context, message, target, replaces=None)


@action("evrep", Permission.UPLOAD_EVIDENCE)
async def replace_button(update: Update, context: ZiContext,
                         pressed: callback.Callback) -> None:
    """Wait for the file that replaces this one."""
    query = update.callback_query
    assert query is not None and context.me is not None
    row = await _row(context, pressed.int_arg(0))
    await pending.ask(context, "evrepf", row.id)
    await answer(query)
    await send_text(context.bot, context.me.telegram_id,
                    html(_("Kirim berkas pengganti untuk {name}; yang lama disimpan sebagai "
                      "riwayat. /batal untuk membatalkan."), name=row.file_name))


@pending.expects("evrepf", Permission.UPLOAD_EVIDENCE, files=True)
async def replacement_received(update: Update, context: ZiContext,
                               args: tuple[str, ...]) -> None:
    """The replacing file."""
    message = update.effective_message
    assert message is not None
    row = await _row(context, int(args[0]))
    target = await _target(context, *view.target_args(row))
    await _take_file(context, message, target, replaces=row.id)


async def _take_file(context: ZiContext, message: Message, target: Target,
                     replaces: int | None) -> None:
    me = context.me
    assert me is not None and me.unit_id is not None
    limit = context.settings.evidence_max_mb
    document = message.document
    photo = message.photo[-1] if message.photo else None
    source = document or photo
    assert source is not None
    try:
        check_size(source.file_size, _max_bytes(context))
        data = await _download(source)
        check_size(len(data), _max_bytes(context))
        kind = await asyncio.to_thread(sniff, data)  # a large package takes CPU time
    except EvidenceRefused as exc:
        await message.reply_text(view.refused(exc.reason, limit))
        return
    except TelegramError:
        log.warning("download of %s failed", source.file_id, exc_info=True)
        await message.reply_text(view.refused("download", limit))
        return
    blob = await asyncio.to_thread(store(context).put, data)
    name = safe_file_name(document.file_name if document else None, kind.extension,
                          fallback="foto" if photo else "bukti")
    fields = dict(sha256=blob.sha256, file_name=name, mime_type=kind.mime, size=len(data),
                  telegram_file_id=source.file_id,
                  telegram_file_unique_id=source.file_unique_id,
                  caption=(message.caption or None) and message.caption[:1024])
    try:
        attached = await evidence.attach(context, actor=me, unit_id=me.unit_id,
                                         replaces=replaces, **_where(target), **fields)
    except evidence.EvidenceDenied as exc:
        await message.reply_text(view.refused(exc.reason, limit))
        return
    keyboard = markup([[context.buttons.button(_("✅ Selesai"), "evdone", *target.args)]])
    await message.reply_text(view.stored(attached.row, duplicate=attached.duplicate),
                             reply_markup=keyboard)


def _where(target: Target) -> dict[str, object]:
    if target.kind == "i":
        return {"action_item_id": int(target.key)}
    return {"question_id": target.key}


async def _download(source) -> bytes:
    file = await source.get_file()
    return bytes(await file.download_as_bytearray())


@action("evdone", Permission.UPLOAD_EVIDENCE)
async def done_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Stop waiting for files; back to the item or question."""
    query = update.callback_query
    assert query is not None
    await pending.forget(context)
    await show(query, *await _target_screen(context, pressed.arg(0), pressed.arg(1)))


async def _target_screen(context: ZiContext, kind: str, key: str) -> tuple:
    if kind == "i":
        return await item_screen(context, int(key))
    question = context.lke.question(key)
    if question is None:
        raise Stale(key)
    return await question_screen(context, question)


async def _row(context: ZiContext, evidence_id: int) -> EvidenceDTO:
    me = context.me
    assert me is not None
    row = await bukti.file_of_unit(context, evidence_id, me.unit_id)
    if row is None:
        raise NotFound("evidence", evidence_id)
    return row


async def _listing(context: ZiContext, kind: str, key: str) -> tuple:
    me = context.me
    assert me is not None and me.unit_id is not None
    target = await _target(context, kind, key)
    found = await bukti.listing(context, me.unit_id, **_where(target))
    rows = found.rows
    leader = may(me.role, Permission.LEAD_UNIT)
    changeable = {r.id for r in rows if leader or r.uploaded_by_user_id == me.id}
    back = ("rit", key) if kind == "i" else ("saq", key)
    return view.listing(target.title[:200], rows, found.uploaders, context.buttons, back,
                        changeable)


@action("evls", Permission.UPLOAD_EVIDENCE)
async def list_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """The files of an item or question."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _listing(context, pressed.arg(0), pressed.arg(1)))


@action("evget", Permission.UPLOAD_EVIDENCE)
async def open_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Send the file back (by Telegram's file_id; the stored copy when that fails)."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    row = await _row(context, pressed.int_arg(0))
    await answer(query)
    await send_evidence(context, me.telegram_id, row, row.caption)


@action("evdel", Permission.UPLOAD_EVIDENCE)
async def delete_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask before deleting."""
    assert update.callback_query is not None
    row = await _row(context, pressed.int_arg(0))
    await show(update.callback_query, *view.confirm_delete(row, context.buttons))


@action("evdelok", Permission.UPLOAD_EVIDENCE)
async def delete_confirmed(update: Update, context: ZiContext,
                           pressed: callback.Callback) -> None:
    """Delete (the row stays, marked, and the deletion is audited)."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    row = await bukti.file_of_unit(context, pressed.int_arg(0), me.unit_id, deleted_too=True)
    if row is None:
        raise Stale(pressed.arg(0))
    try:
        await evidence.remove(context, actor=me, evidence_id=row.id)
    except evidence.EvidenceDenied as exc:
        await answer(query, view.refused(exc.reason, context.settings.evidence_max_mb),
                     alert=True)
        return
    await show(query, *await _listing(context, *view.target_args(row)), _("Bukti dihapus 🗑"))


async def unsolicited_file(update: Update, context: ZiContext) -> None:
    """A file nobody asked for: say how to attach evidence."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        _("Untuk menyimpan berkas sebagai bukti dukung, buka /rencana, pilih butirnya, lalu "
          "tekan 📎 Unggah bukti; setelah itu kirim berkasnya."))
