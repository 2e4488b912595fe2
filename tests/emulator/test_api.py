"""Bot API basics over real HTTP: identity, envelopes, encodings, commands, webhooks."""

from __future__ import annotations

import aiohttp
import pytest
from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from telegram.error import BadRequest, Conflict, EndPointNotFound

from emulator import Emulator

from .conftest import TOKEN


async def test_get_me_takes_the_id_from_the_token(bot: Bot) -> None:
    assert bot.bot.id == 123
    assert bot.bot.is_bot and bot.bot.username == "zi_assistant_bot"


async def test_unknown_method_is_404(emu: Emulator, bot: Bot) -> None:
    url = f"{emu.api_url}/bot{TOKEN}/sendHologram"
    async with aiohttp.ClientSession() as http, http.post(url) as response:
        assert response.status == 404
        assert await response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendHologram", api_kwargs={"chat_id": 1})
    assert emu.calls("sendHologram")[-1].status == 404


async def test_malformed_token_is_401(emu: Emulator) -> None:
    url = f"{emu.api_url}/botnot-a-token/getMe"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 401
        assert (await response.json())["description"] == "Unauthorized"


async def test_json_body_and_query_string_are_accepted(emu: Emulator) -> None:
    user = emu.user(501, first_name="Budi")
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    async with aiohttp.ClientSession() as http:
        body = {"chat_id": 501, "text": "<i>hai</i>", "parse_mode": "HTML", "reply_markup": markup}
        async with http.post(f"{emu.api_url}/bot{TOKEN}/sendMessage", json=body) as response:
            payload = await response.json()
        assert payload["ok"] is True
        message = payload["result"]
        assert message["text"] == "hai"
        assert message["entities"] == [{"type": "italic", "offset": 0, "length": 3}]
        assert message["chat"] == {"id": 501, "type": "private", "first_name": "Budi"}
        assert message["from"]["is_bot"] is True
        assert message["reply_markup"] == markup
        url = f"{emu.api_url}/bot{TOKEN}/sendmessage"
        async with http.get(url, params={"chat_id": "501", "text": "lewat GET"}) as response:
            assert (await response.json())["result"]["text"] == "lewat GET"
    assert [m.text for m in user.messages("bot")] == ["hai", "lewat GET"]


async def test_commands_are_stored_per_scope_and_language(emu: Emulator, bot: Bot) -> None:
    emu.user(77)
    await bot.set_my_commands([BotCommand("start", "Mulai"), BotCommand("bantuan", "Bantuan")])
    await bot.set_my_commands(
        [BotCommand("start", "Start")], scope=BotCommandScopeAllPrivateChats(), language_code="en"
    )
    await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(77))
    assert emu.commands() == [
        {"command": "start", "description": "Mulai"},
        {"command": "bantuan", "description": "Bantuan"},
    ]
    assert emu.commands("all_private_chats", "en") == [
        {"command": "start", "description": "Start"}
    ]
    assert emu.commands({"type": "chat", "chat_id": 77}) == [
        {"command": "admin", "description": "Admin"}
    ]
    assert emu.commands("all_private_chats") is None
    fetched = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="en")
    assert [c.command for c in fetched] == ["start"]
    await bot.delete_my_commands()
    assert emu.commands() is None
    assert await bot.get_my_commands() == ()


async def test_invalid_command_name_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start", "Mulai")])


async def test_webhook_is_stored_and_blocks_get_updates(emu: Emulator, bot: Bot) -> None:
    await bot.set_webhook("https://zi.example.org/hook", allowed_updates=["message"])
    assert emu.webhook["url"] == "https://zi.example.org/hook"
    info = await bot.get_webhook_info()
    assert info.url == "https://zi.example.org/hook"
    assert info.allowed_updates == ("message",)
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()
