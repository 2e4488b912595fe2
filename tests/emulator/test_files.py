"""Files both ways: user uploads fetched with getFile, bot uploads kept for assertions."""

from __future__ import annotations

import aiohttp
from telegram import Bot, InputFile

from emulator import Emulator

from .conftest import TOKEN

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0" + b"\x10JFIF" + bytes(range(200)) + b"\xff\xd9"


async def test_user_document_downloads_with_exact_bytes(emu: Emulator, bot: Bot) -> None:
    user = emu.user(41)
    await user.send_document(PDF, "Laporan SAKIP.pdf", "application/pdf", caption="bukti")
    [update] = await bot.get_updates()
    document = update.message.document
    assert (document.file_name, document.mime_type, document.file_size) == (
        "Laporan SAKIP.pdf",
        "application/pdf",
        len(PDF),
    )
    assert update.message.caption == "bukti"
    file = await bot.get_file(document.file_id)
    assert file.file_path is not None and file.file_path.endswith(".pdf")
    assert bytes(await file.download_as_bytearray()) == PDF
    assert file.file_unique_id == document.file_unique_id


async def test_user_photo_has_sizes_and_downloads(emu: Emulator, bot: Bot) -> None:
    user = emu.user(42)
    await user.send_photo(JPEG, caption="foto kegiatan", width=1600, height=1200)
    [update] = await bot.get_updates()
    sizes = update.message.photo
    assert [(p.width, p.height) for p in sizes] == [(90, 68), (1600, 1200)]
    assert len({p.file_id for p in sizes}) == 2
    largest = await bot.get_file(sizes[-1].file_id)
    assert bytes(await largest.download_as_bytearray()) == JPEG
    assert user.transcript()[0].text == "foto kegiatan"


async def test_sent_document_is_stored_and_readable(emu: Emulator, bot: Bot) -> None:
    user = emu.user(43)
    message = await bot.send_document(
        43, InputFile(PDF, filename="rekap.pdf"), caption="<b>Rekap</b>", parse_mode="HTML"
    )
    assert message.document.file_name == "rekap.pdf"
    assert message.document.mime_type == "application/pdf"
    assert message.caption == "Rekap" and message.caption_entities[0].type == "bold"
    [stored] = emu.sent_files(43)
    assert (stored.data, stored.file_name, stored.kind) == (PDF, "rekap.pdf", "document")
    assert emu.sent_files(44) == []
    last = user.last_message()
    assert last is not None and last.document_name == "rekap.pdf"
    assert "[file rekap.pdf]" in user.transcript_text()


async def test_sent_photo_and_resend_by_file_id(emu: Emulator, bot: Bot) -> None:
    emu.user(45)
    emu.user(46)
    first = await bot.send_photo(45, JPEG, caption="grafik")
    file_id = first.photo[-1].file_id
    again = await bot.send_photo(46, file_id)
    assert again.photo[-1].file_id == file_id
    assert [f.data for f in emu.sent_files(45)] == [JPEG]
    downloaded = await (await bot.get_file(file_id)).download_as_bytearray()
    assert bytes(downloaded) == JPEG
    document = await bot.send_document(46, b"isi", filename="catatan.txt")
    resent = await bot.send_document(45, document.document.file_id)
    assert resent.document.file_name == "catatan.txt"


async def test_unknown_download_path_is_404(emu: Emulator) -> None:
    async with aiohttp.ClientSession() as http:
        url = f"{emu.api_url}/file/bot{TOKEN}/documents/file_999.pdf"
        async with http.get(url) as response:
            assert response.status == 404
