"""Installing a new LKE version in the chat (Perbup 49/2022 Pasal 7(4)): the admin presses
"📘 Pasang LKE baru", sends the YAML file as a document, sees what it changes (validated and
compared by the same service as `zi-bot lke install`), and confirms with "✅ Pasang"."""

from __future__ import annotations

import asyncio

from telegram import Message, Update

from bot import callback, pending
from bot.actions import action
from bot.context import ZiContext
from bot.i18n import _
from bot.keyboards import markup
from bot.messaging import answer, send_text, show
from bot.views import lke_install as view
from zi_core.domain.roles import Permission
from zi_core.lke import LkeError
from zi_core.services import lke_versions

AWAIT = "lkefile"
MAX_KB = lke_versions.MAX_FILE_BYTES // 1024
SUFFIXES = (".yaml", ".yml")


@action("lkein", Permission.INSTALL_LKE)
async def install_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Wait for the LKE file."""
    query = update.callback_query
    assert query is not None
    await pending.ask(context, AWAIT)
    await show(query, view.ask(context.lke.version, MAX_KB),
               markup([[context.buttons.back()]]))


@pending.expects(AWAIT, Permission.INSTALL_LKE, files=True)
async def file_received(update: Update, context: ZiContext, _args: tuple[str, ...]) -> None:
    """The file: checked, validated and previewed; held until the admin confirms."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    text = await _text_of(message)
    if text is None:
        return
    try:
        await asyncio.to_thread(lke_versions.parse_text, text)  # the heavy part, off the loop
        async with context.transaction(answered=True) as session:
            proposal, upload_id = await lke_versions.hold(session, me, text)
    except lke_versions.InstallRefused as exc:
        await message.reply_text(view.refused(exc.reason, exc.version))
        return
    except LkeError as exc:
        await message.reply_text(view.invalid(str(exc)))
        return
    buttons = context.buttons
    await send_text(context.bot, me.telegram_id, view.preview(proposal), markup([
        [buttons.button(_("✅ Pasang"), "lkeok", upload_id),
         buttons.button(_("Batal"), "lkeno", upload_id)]]))


async def _text_of(message: Message) -> str | None:
    """The document's UTF-8 text; None (the admin told why) for anything else."""
    document = message.document
    name = (document.file_name or "").lower() if document else ""
    if document is None or not name.endswith(SUFFIXES):
        await message.reply_text(view.not_yaml())
        return None
    if (document.file_size or 0) > lke_versions.MAX_FILE_BYTES:
        await message.reply_text(view.too_big(MAX_KB))
        return None
    data = bytes(await (await document.get_file()).download_as_bytearray())
    if len(data) > lke_versions.MAX_FILE_BYTES:
        await message.reply_text(view.too_big(MAX_KB))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        await message.reply_text(view.not_yaml())
        return None


@action("lkeok", Permission.INSTALL_LKE)
async def confirm_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Put the previewed file in force."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    back = markup([[context.buttons.back()]])
    if context.already_applied:  # a retry after the commit: say what was done, do nothing
        async with context.reading() as session:
            version = (await lke_versions.in_force(session)).version
        await show(query, view.installed(version), back, _("Tersimpan ✅"))
        return
    try:
        async with context.transaction() as session:
            stored = await lke_versions.install_held(session, me, pressed.int_arg(0))
    except lke_versions.InstallRefused as exc:
        await answer(query, view.refused(exc.reason, exc.version), alert=True)
        return
    except LkeError as exc:
        await answer(query, view.invalid(str(exc)), alert=True)
        return
    await show(query, view.installed(stored.version), back, _("Tersimpan ✅"))


@action("lkeno", Permission.INSTALL_LKE)
async def cancel_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Forget the previewed file."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    async with context.transaction() as session:
        await lke_versions.drop_held(session, me, pressed.int_arg(0))
    await show(query, view.cancelled(context.lke.version),
               markup([[context.buttons.back()]]))
