"""Telegram's error answers, as python-telegram-bot sees them."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from emulator import Emulator

from .conftest import make_bot

# PTB 22 warns that RetryAfter.retry_after will become a timedelta; both forms are handled here.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


def keyboard(data: str = "ok") -> InlineKeyboardMarkup:
    """One button carrying `data`."""
    return InlineKeyboardMarkup([[InlineKeyboardButton("Tombol", callback_data=data)]])


def seconds(value: int | dtm.timedelta) -> float:
    """RetryAfter.retry_after as seconds (PTB may return int or timedelta)."""
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


async def test_message_not_modified(emu: Emulator, bot: Bot) -> None:
    emu.user(21)
    sent = await bot.send_message(21, "Sama", reply_markup=keyboard())
    with pytest.raises(BadRequest, match="Message is not modified: specified new message"):
        await bot.edit_message_text("Sama", 21, sent.message_id, reply_markup=keyboard())
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(21, sent.message_id, reply_markup=keyboard())
    assert emu.calls("editMessageText")[-1].description == (
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )
    edited = await bot.edit_message_text("Sama", 21, sent.message_id)  # drops the keyboard
    assert edited.reply_markup is None


async def test_text_length_boundary(emu: Emulator, bot: Bot) -> None:
    emu.user(22)
    await bot.send_message(22, "a" * 4096)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(22, "a" * 4097)
    await bot.send_message(22, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(22, "&amp;" * 4096, parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(22, "&lt;" * 4097, parse_mode="HTML")
    sent = await bot.send_message(22, "pendek")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.edit_message_text("b" * 4097, 22, sent.message_id)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(22, "<b></b>", parse_mode="HTML")


@pytest.mark.parametrize(
    ("data", "ok"),
    [("x" * 64, True), ("x" * 65, False), ("é" * 32, True), ("é" * 33, False), ("", False)],
)
async def test_callback_data_is_limited_to_64_bytes(
    emu: Emulator, bot: Bot, data: str, ok: bool
) -> None:
    emu.user(23)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Tombol", callback_data=data)]])
    if ok:
        await bot.send_message(23, "menu", reply_markup=markup)
    else:
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(23, "menu", reply_markup=markup)
        assert emu.calls()[-1].description == "Bad Request: BUTTON_DATA_INVALID"


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("<b>tebal", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("baris<br>baru", 'Unsupported start tag "br" at byte offset 5'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("é<b", "Unclosed start tag at byte offset 2"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_malformed_html_is_refused(emu: Emulator, bot: Bot, html: str, detail: str) -> None:
    emu.user(24)
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(24, html, parse_mode="HTML")
    assert emu.calls()[-1].description == f"Bad Request: can't parse entities: {detail}"


async def test_html_entities_and_utf16_offsets(emu: Emulator, bot: Bot) -> None:
    emu.user(25)
    html = (
        '😀 <b>Nilai</b> &lt;WBK&gt; &amp; <a href="https://zi.example.org">tautan</a> '
        '<span class="tg-spoiler">rahasia</span> <pre><code class="language-python">x=1</code>'
        "</pre> <blockquote expandable>kutip</blockquote>"
    )
    sent = await bot.send_message(25, html, parse_mode="HTML")
    assert sent.text == "😀 Nilai <WBK> & tautan rahasia x=1 kutip"
    found = [(e.type, sent.parse_entity(e)) for e in sent.entities]
    assert found == [
        ("bold", "Nilai"),
        ("text_link", "tautan"),
        ("spoiler", "rahasia"),
        ("pre", "x=1"),
        ("expandable_blockquote", "kutip"),
    ]
    assert sent.entities[0].offset == 3  # the emoji is two UTF-16 code units
    assert sent.entities[1].url == "https://zi.example.org"
    assert sent.entities[3].language == "python"


async def test_edit_and_delete_of_missing_messages(emu: Emulator, bot: Bot) -> None:
    emu.user(26)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("baru", 26, 999)
    sent = await bot.send_message(26, "hapus aku")
    assert await bot.delete_message(26, sent.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(26, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("baru", 26, sent.message_id)


async def test_unknown_chat(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(404_404, "halo")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_chat_action(404_404, "typing")


async def test_blocked_user_is_forbidden(emu: Emulator, bot: Bot) -> None:
    user = emu.user(27)
    user.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(27, "halo")
    with pytest.raises(Forbidden):
        await bot.send_document(27, b"x", filename="a.txt")
    assert emu.calls("sendMessage")[-1].status == 403
    user.unblock()
    await bot.send_message(27, "halo lagi")
    assert [m.text for m in user.messages("bot")] == ["halo lagi"]


async def test_forced_429_raises_retry_after(emu: Emulator, bot: Bot) -> None:
    emu.user(28)
    emu.force_429(count=2, retry_after=7)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(28, "halo")
        assert seconds(caught.value.retry_after) == 7
    await bot.send_message(28, "halo")
    calls = emu.calls("sendMessage")
    assert [c.status for c in calls] == [429, 429, 200]
    assert calls[0].description == "Too Many Requests: retry after 7"
    assert calls[0].retry_after == 7


async def test_per_chat_rate_limit() -> None:
    async with Emulator(per_chat_per_second=1) as emu:
        emu.user(29)
        emu.user(30)
        async with make_bot(emu) as bot:
            await bot.send_message(29, "satu")
            with pytest.raises(RetryAfter) as caught:
                await bot.send_message(29, "dua")
            assert seconds(caught.value.retry_after) == 1
            await bot.send_message(30, "chat lain tidak terpengaruh")
            await bot.send_chat_action(29, "typing")  # not a limited method
            emu.set_rate_limit(None)
            await bot.send_message(29, "tanpa batas")


async def test_unknown_or_reused_callback_query_id(emu: Emulator, bot: Bot) -> None:
    user = emu.user(31)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("123456789")
    await bot.send_message(31, "menu", reply_markup=keyboard("pilih"))
    query_id = await user.press("Tombol")
    assert await bot.answer_callback_query(query_id, "oke")
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id, "lagi")


async def test_file_over_20_mb_cannot_be_downloaded(emu: Emulator, bot: Bot) -> None:
    user = emu.user(32)
    big = await user.send_document(b"\0" * (20 * 1024 * 1024 + 1), "besar.zip", "application/zip")
    small = await user.send_document(b"\0" * (20 * 1024 * 1024), "pas.zip", "application/zip")
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(big.raw["document"]["file_id"])
    assert (await bot.get_file(small.raw["document"]["file_id"])).file_size == 20 * 1024 * 1024
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("nonexistent")


async def test_self_hosted_download_limit() -> None:
    async with Emulator(download_limit=2000 * 1024 * 1024) as emu:
        user = emu.user(33)
        big = await user.send_document(b"\1" * (21 * 1024 * 1024), "besar.bin")
        async with make_bot(emu) as bot:
            file = await bot.get_file(big.raw["document"]["file_id"])
            assert len(await file.download_as_bytearray()) == 21 * 1024 * 1024


async def test_a_forced_500_answers_the_next_matching_call_then_passes(emu: Emulator,
                                                                      bot: Bot) -> None:
    emu.user(31)
    emu.user(32)
    emu.force_error(500, "Internal Server Error", methods=["sendMessage"], chat_id=32)
    await bot.send_message(31, "lain")
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(32, "satu")
    await bot.send_message(32, "dua")
    assert [c.status for c in emu.calls("sendMessage")] == [200, 500, 200]
