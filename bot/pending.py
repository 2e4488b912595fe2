"""Typed answers and files the bot asked for: "tulis tanggal target", "kirim berkas bukti".

What a user's next message answers is stored on the user (`pending_input`, e.g.
`target:42`), so a restart forgets nothing; it lapses after PENDING_INPUT_HOURS or with any
command (`/batal` says so). Handlers register the kinds they expect with `expects`, each with
the permissions that may answer it: a typed answer is authorised again when it arrives, like
a button press, so that a role taken away while the bot waited takes the answer with it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from telegram import Update

from bot.context import ZiContext
from bot.i18n import _
from bot.refusal import Stale, refuse
from zi_core.db.repositories import users
from zi_core.db.types import utcnow
from zi_core.domain.errors import NotFound
from zi_core.domain.roles import Permission, may

Answer = Callable[[Update, ZiContext, tuple[str, ...]], Awaitable[None]]


@dataclass(frozen=True)
class Expectation:
    """A kind of awaited message: who may answer it (any of `permissions`), does it take
    files, and who handles it."""

    kind: str
    permissions: tuple[Permission, ...]
    files: bool
    run: Answer


EXPECTATIONS: dict[str, Expectation] = {}


def expects(kind: str, *permissions: Permission,
            files: bool = False) -> Callable[[Answer], Answer]:
    """Register the handler of answers of `kind` (typed text, or files when `files`), which
    a caller holding any of `permissions` may give."""
    if not permissions:
        raise ValueError(f"answer {kind!r} names no permission")

    def register(run: Answer) -> Answer:
        if kind in EXPECTATIONS:
            raise ValueError(f"answer {kind!r} registered twice")
        EXPECTATIONS[kind] = Expectation(kind, permissions, files, run)
        return run

    return register


async def ask(context: ZiContext, kind: str, *args: object) -> None:
    """Remember that the caller's next message answers `kind` (with `args`)."""
    assert context.me is not None
    value = ":".join([kind, *(str(a) for a in args)])
    async with context.transaction() as session:
        context.me = await users.set_pending_input(session, context.me.id, value)


async def forget(context: ZiContext) -> bool:
    """Drop what the caller was asked for; True if there was something."""
    me = context.me
    if me is None or me.pending_input is None:
        return False
    async with context.transaction() as session:
        context.me = await users.set_pending_input(session, me.id, None)
    return True


def awaited(context: ZiContext) -> tuple[Expectation, tuple[str, ...]] | None:
    """What the caller's next message answers, unless it lapsed."""
    me = context.me
    if me is None or not me.pending_input or me.pending_input_at is None:
        return None
    hours = context.settings.pending_input_hours
    if utcnow() - me.pending_input_at > timedelta(hours=hours):
        return None
    kind, *args = me.pending_input.split(":")
    expectation = EXPECTATIONS.get(kind)
    return (expectation, tuple(args)) if expectation else None


async def route(update: Update, context: ZiContext) -> bool:
    """Hand a message to what it answers, if the caller still may give it; False when
    nothing awaited it."""
    message = update.effective_message
    found = awaited(context)
    if found is None or message is None or context.me is None:
        return False
    expectation, args = found
    if not any(may(context.me.role, p) for p in expectation.permissions):
        await forget(context)
        await refuse(context, "permission", {"answer": expectation.kind, "needs": "|".join(
            p.value for p in expectation.permissions)})
        await message.reply_text(_("Jawaban ini tidak dapat diterima karena peran Anda telah "
                                   "berubah. Buka /menu untuk menu Anda sekarang."))
        return True
    has_file = bool(message.document or message.photo)
    if expectation.files != has_file:
        await message.reply_text(
            _("Mohon kirim berkas (dokumen atau foto), atau /batal untuk membatalkan.")
            if expectation.files
            else _("Mohon jawab dengan teks, atau /batal untuk membatalkan."))
        return True
    try:
        await expectation.run(update, context, args)
    except (Stale, NotFound):  # what was asked about is gone, or no longer the caller's
        await forget(context)
        await message.reply_text(_("Pertanyaan ini sudah usang: datanya telah berubah. "
                                   "Buka /menu lagi."))
    return True


async def cancel_command(update: Update, context: ZiContext) -> None:
    """`/batal`: drop what the bot was waiting for."""
    assert update.effective_message is not None
    dropped = await forget(context)
    await update.effective_message.reply_text(
        _("Dibatalkan. Buka /menu untuk melanjutkan.") if dropped
        else _("Tidak ada yang sedang ditunggu. Buka /menu untuk melanjutkan."))


async def unexpected_text(update: Update, context: ZiContext) -> None:
    """Text the bot was not waiting for: say where things are done.

    A replay of an answer whose change was committed (the reply was lost to a crash or a
    failure) finds nothing awaited any more: that answer is stored, and is said to be."""
    assert update.effective_message is not None
    if context.already_applied:
        await update.effective_message.reply_text(
            _("Jawaban Anda sudah tersimpan ✅. Buka /menu untuk melanjutkan."))
        return
    await update.effective_message.reply_text(
        _("Saya tidak sedang menunggu teks dari Anda. Pilih langkah lewat /menu, atau lihat "
          "/bantuan."))


async def unknown_command(update: Update, context: ZiContext) -> None:
    """A command this bot does not have."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        _("Perintah itu tidak dikenal. Lihat /bantuan untuk perintah yang tersedia."))
