"""End-to-end: a real telegram.ext.Application polling the emulator, users played by the driver."""

from __future__ import annotations

import asyncio
import re

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, Update
from telegram.ext import AIORateLimiter, CallbackQueryHandler, CommandHandler, ContextTypes

from emulator import Emulator

from .conftest import StartApp, make_bot

# PTB 22 warns that RetryAfter.retry_after will become a timedelta; both forms are handled here.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")

MENU = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Isi LKE", callback_data="lke")],
        [
            InlineKeyboardButton("Bantuan", callback_data="help"),
            InlineKeyboardButton("« Kembali", callback_data="back"),
        ],
        [InlineKeyboardButton("Situs", url="https://example.org")],
    ]
)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greet with the menu, echoing the deep-link argument."""
    assert update.effective_message is not None
    arg = " ".join(context.args or [])
    await update.effective_message.reply_text(f"Halo! arg={arg}", reply_markup=MENU)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons: 'back' edits the menu, 'help' answers with an alert, anything else is echoed."""
    query = update.callback_query
    assert query is not None
    if query.data == "back":
        await query.answer()
        await query.edit_message_text("Menu utama", reply_markup=MENU)
    elif query.data == "help":
        await query.answer("Hubungi admin", show_alert=True)
    elif query.data == "burst":
        await query.answer()
        await query.edit_message_text("Sedang memproses…")
        await asyncio.sleep(0.05)
        assert query.message is not None
        await query.message.reply_text("Selesai 1")
        await query.message.reply_text("Selesai 2")
    else:
        await query.answer()
        assert query.message is not None
        await query.message.reply_text(f"data={query.data}")


HANDLERS = (CommandHandler("start", start), CallbackQueryHandler(on_button))


async def test_application_round_trip(emu: Emulator, start_app: StartApp) -> None:
    app = await start_app(*HANDLERS)
    user = emu.user(1001, first_name="Sari", language_code="id")

    await user.send("/start abc")
    [greeting] = await user.wait_reply()
    assert greeting.text == "Halo! arg=abc"
    assert greeting.buttons == [["Isi LKE"], ["Bantuan", "« Kembali"], ["Situs"]]
    assert user.buttons() == ["Isi LKE", "Bantuan", "« Kembali", "Situs"]

    await user.press("« Kembali")
    [edited] = await user.wait_reply()
    assert edited.message_id == greeting.message_id
    assert edited.text == "Menu utama"
    assert edited.edits == ["Halo! arg=abc"]

    kinds = [(e.who, e.kind, e.text) for e in user.transcript()]
    assert kinds == [
        ("user", "message", "/start abc"),
        ("bot", "message", "Halo! arg=abc"),
        ("user", "press", "« Kembali"),
        ("bot", "answer", ""),
        ("bot", "edit", "Menu utama"),
    ]
    assert user.transcript()[-1].buttons[0] == ["Isi LKE"]
    assert app.bot_data["errors"] == []


async def test_press_unknown_label_lists_available_labels(
    emu: Emulator, start_app: StartApp
) -> None:
    await start_app(*HANDLERS)
    user = emu.user(1002)
    await user.send("/start")
    await user.wait_reply()
    with pytest.raises(AssertionError, match=r"no button matching 'Keluar'.*'« Kembali'"):
        await user.press("Keluar")
    with pytest.raises(AssertionError, match="has no callback_data"):
        await user.press("Situs")


async def test_press_by_substring_or_regex_and_ambiguity(
    emu: Emulator, start_app: StartApp
) -> None:
    await start_app(*HANDLERS)
    user = emu.user(1003)
    await user.send("/start")
    await user.wait_reply()
    with pytest.raises(AssertionError, match="2 buttons matching"):
        await user.press(re.compile("^[BI]"))
    await user.press("LKE", partial=True)
    [reply] = await user.wait_reply()
    assert reply.text == "data=lke"
    await user.press(re.compile("Kemb"))
    [edited] = await user.wait_reply()
    assert edited.text == "Menu utama"


async def test_press_data_sends_forged_callback(emu: Emulator, start_app: StartApp) -> None:
    await start_app(*HANDLERS)
    user = emu.user(1004)
    await user.send("/start")
    [menu] = await user.wait_reply()
    await user.press_data("admin:delete_all", message_id=menu.message_id)
    [reply] = await user.wait_reply()
    assert reply.text == "data=admin:delete_all"
    assert user.transcript()[2].detail["data"] == "admin:delete_all"


async def test_wait_reply_collects_a_burst_of_changes(emu: Emulator, start_app: StartApp) -> None:
    await start_app(*HANDLERS)
    user = emu.user(1005)
    await user.send("/start")
    [menu] = await user.wait_reply()
    await user.press_data("burst")
    replies = await user.wait_reply()
    assert [m.text for m in replies] == ["Sedang memproses…", "Selesai 1", "Selesai 2"]
    assert replies[0].message_id == menu.message_id and replies[0].buttons == []
    assert user.last_message() == replies[-1]
    assert user.last_message(who="user") is not None


async def test_alert_answer_and_silence(emu: Emulator, start_app: StartApp) -> None:
    await start_app(*HANDLERS)
    user = emu.user(1006)
    await user.send("/start")
    await user.wait_reply()
    await user.press("Bantuan")
    answer = await user.wait_answer()
    assert (answer.text, answer.show_alert) == ("Hubungi admin", True)
    await user.expect_no_reply(within=0.2)
    assert emu.callback_answers(1006) == [answer]


async def test_wait_reply_timeout_is_a_clear_failure(emu: Emulator, start_app: StartApp) -> None:
    await start_app(*HANDLERS)
    user = emu.user(1007)
    await user.send("tanpa perintah")
    with pytest.raises(AssertionError, match="no reply from the bot in chat 1007"):
        await user.wait_reply(timeout=0.3)


async def test_rate_limiter_retries_after_forced_429(emu: Emulator, start_app: StartApp) -> None:
    await start_app(*HANDLERS, rate_limiter=AIORateLimiter(max_retries=2))
    user = emu.user(1008)
    emu.force_429(count=1, retry_after=1, methods=["sendMessage"])
    await user.send("/start")
    [greeting] = await user.wait_reply(timeout=5)
    assert greeting.text == "Halo! arg="
    statuses = [c.status for c in emu.calls("sendMessage")]
    assert statuses == [429, 200]
    assert emu.calls("sendMessage")[0].retry_after == 1


async def test_transcript_shows_deletions_documents_and_reply_keyboard(emu: Emulator) -> None:
    user = emu.user(1009, first_name="Rina")
    await user.send_document(b"data", "bukti.xlsx", caption="unggah")
    async with make_bot(emu) as bot:
        menu = ReplyKeyboardMarkup([["Ya", "Tidak"]])
        sent = await bot.send_message(1009, "Simpan?", reply_markup=menu)
        await bot.delete_message(1009, sent.message_id)
    assert user.reply_keyboard() == [["Ya", "Tidak"]]
    assert [str(entry) for entry in user.transcript()] == [
        "user message #1: unggah [file bukti.xlsx]",
        " bot message #2: Simpan?",
        " bot delete  #2: ",
    ]
    assert [m.message_id for m in user.messages()] == [1]
