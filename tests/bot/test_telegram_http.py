"""The bot's aiohttp client for the Bot API: what PTB's own client did, in PTB's terms (form
fields, multipart uploads, TimedOut and NetworkError), against the emulator."""

import asyncio
import socket
import traceback

import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.telegram_http import AiohttpRequest
from emulator import Emulator
from tests.bot.harness import TOKEN

CHAT = 4242


@pytest.fixture
async def emu():
    async with Emulator() as emulator:
        await emulator.user(CHAT, "Sari").send("/start")
        yield emulator


def _bot(base: str, request: AiohttpRequest) -> Bot:
    return Bot(TOKEN, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot",
               request=request, get_updates_request=AiohttpRequest())


async def test_messages_buttons_and_uploads_arrive_as_sent(emu):
    async with _bot(emu.api_url, AiohttpRequest(connection_pool_size=4)) as bot:
        sent = await bot.send_message(CHAT, "<b>Halo</b> &amp; selamat", parse_mode="HTML")
        await bot.send_document(CHAT, b"%PDF-1.4 bukti", filename="bukti ZI – Ketapang.pdf",
                                caption="Bukti 1")
        me = await bot.get_me()
    assert sent.text == "Halo & selamat" and me.username == "zi_assistant_bot"
    uploaded = emu.sent_files(CHAT)[-1]
    assert (uploaded.file_name, uploaded.data) == ("bukti ZI – Ketapang.pdf", b"%PDF-1.4 bukti")
    assert emu.user(CHAT).last_message().text == "Bukti 1"


async def test_an_answer_slower_than_the_read_timeout_is_timed_out(emu):
    emu.hold("sendMessage")
    try:
        async with _bot(emu.api_url, AiohttpRequest()) as bot:
            with pytest.raises(TimedOut):
                await bot.send_message(CHAT, "lama", read_timeout=0.2)
    finally:
        emu.release("sendMessage", drop=True)


def _closed_port() -> int:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_a_timeout_never_shows_the_token_even_in_a_traceback(emu):
    emu.hold("sendMessage")
    try:
        async with _bot(emu.api_url, AiohttpRequest(connection_pool_size=1)) as bot:
            held = asyncio.create_task(bot.send_message(CHAT, "pertama"))
            while not emu.held("sendMessage"):
                await asyncio.sleep(0.01)
            with pytest.raises(TimedOut) as waited:  # the one connection is busy
                await bot.send_message(CHAT, "kedua", pool_timeout=0.1, connect_timeout=0.1)
            emu.release("sendMessage")
            await held
    finally:
        emu.release("sendMessage", drop=True)
    shown = "".join(traceback.format_exception(waited.value))
    assert "timeout" in shown.lower() and TOKEN not in shown and "<token>" in shown


async def test_a_server_that_is_not_there_is_a_network_error():
    port = _closed_port()
    with pytest.raises(NetworkError):
        async with _bot(f"http://127.0.0.1:{port}", AiohttpRequest()):
            pass  # getMe, on start, already fails


async def test_a_proxy_named_in_the_environment_is_used(emu, monkeypatch):
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    with pytest.raises(NetworkError):  # the emulator is up; only the (absent) proxy is not
        async with _bot(emu.api_url, AiohttpRequest()):
            pass


async def test_a_request_before_initialize_is_refused():
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:9/", "POST")
