"""`/bahasa`: the choice is stored and changes the texts, the menu and the command list."""

from __future__ import annotations


async def test_switching_to_english_changes_the_menu_and_the_commands(zi, emu):
    tono = emu.user(7001, "Tono", language_code="id")
    await zi.onboard(tono, "admin")
    assert "👥 Pengguna" in tono.last_message().labels

    await tono.send("/bahasa")
    await tono.wait_reply()
    await tono.press("🇬🇧 English")
    replies = await tono.wait_reply()
    menu = replies[-1]
    assert menu.text.startswith("Main menu")
    assert "👥 Users" in menu.labels and "👥 Pengguna" not in menu.labels
    assert (await zi.user(7001)).locale == "en"
    commands = {c["command"]: c["description"]
                for c in emu.commands({"type": "chat", "chat_id": 7001})}
    assert commands["menu"] == "Main menu"

    await tono.send("/pengguna")
    assert (await tono.wait_reply())[-1].text.startswith("Users")


async def test_the_first_language_comes_from_telegram(zi, emu):
    jane = emu.user(7002, "Jane", language_code="en-GB")
    await jane.send("/start")
    assert "you need an invitation" in (await jane.wait_reply())[-1].text.lower()
    await jane.send(f"/start {await zi.invite('tpi_member')}")
    assert "Step 1 of 3" in (await jane.wait_reply())[-1].text
    assert (await zi.user(7002)).locale == "en"


async def test_help_and_the_lke_explanation_of_a_question(zi, emu):
    rina = emu.user(7003, "Rina")
    await zi.onboard(rina, "tpi_member")
    await rina.send("/bantuan")
    assert "Sebagai Anggota TPI" in (await rina.wait_reply())[-1].text
    await rina.press("📖 Penjelasan LKE")
    await rina.wait_reply()
    await rina.press("1. Manajemen Perubahan")
    await rina.wait_reply()
    await rina.press("P.1.i Penyusunan Tim Kerja")
    await rina.wait_reply()
    await rina.press("❓ P.1.i.a")
    text = (await rina.wait_reply())[-1].text
    assert "Penjelasan P.1.i.a" in text and "Ya, jika Tim telah dibentuk" in text
    await rina.press("« Kembali")
    assert "Bobot indikator: 0,50" in (await rina.wait_reply())[-1].text
