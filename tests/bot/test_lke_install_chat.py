"""Installing an LKE version in the chat: the admin's button, the YAML file as a document, the
preview of what changed, "✅ Pasang" (audited like `zi-bot lke install`), and every bad input:
not YAML, an invalid LKE, too big, not an admin, a stale confirm, the same version twice."""

from __future__ import annotations

import yaml

from bot import callback
from tests.core.helpers import bundled_raw, find_question
from zi_core.db.models import User
from zi_core.db.repositories import lke_versions as repo
from zi_core.domain.roles import Role
from zi_core.services import lke_versions

SECRET = b"test-secret"
YAML_MIME = "application/x-yaml"


def _lke(version: str = "2026.1", *, value_b: float = 0.25) -> bytes:
    """The bundled LKE relabelled, P.1.i.a retexted and option B of P.1.i.b revalued."""
    raw = bundled_raw()
    raw["version"] = version
    find_question(raw, "P.1.i.a")["text"] = "Apakah Tim Kerja ZI telah dibentuk dengan SK?"
    for option in find_question(raw, "P.1.i.b")["options"]:
        if option["key"] == "B":
            option["value"] = value_b
    return yaml.safe_dump(raw, allow_unicode=True, sort_keys=False).encode("utf-8")


def _button_data(message, label: str) -> str:
    """The callback data of the button with this label on a bot message."""
    rows = message.raw["reply_markup"]["inline_keyboard"]
    return next(b["callback_data"] for row in rows for b in row if b["text"] == label)


async def _installed(zi) -> list[str]:
    async with zi.sessions() as session:
        return [v.version for v in await repo.list_all(session)]


async def _admin(zi, emu, telegram_id: int = 9401):
    admin = emu.user(telegram_id, "Admin")
    await zi.onboard(admin, "admin", name="Operator Inspektorat")
    return admin


async def _upload(admin, data: bytes, name: str = "lke-2026.yaml") -> str:
    await admin.send_document(data, name, YAML_MIME)
    return "\n".join(m.text or "" for m in await admin.wait_reply())


async def test_the_admin_installs_a_new_lke_version_in_the_chat(zi, emu):
    admin = await _admin(zi, emu)
    taps = 0
    await admin.send("/menu")
    await admin.wait_reply()
    await admin.press("📘 Pasang LKE baru")
    taps += 1
    asked = (await admin.wait_reply())[-1].text
    assert "versi 2021.1" in asked and "YAML" in asked
    shown = await _upload(admin, _lke())
    taps += 1
    assert "Pratinjau LKE 2021.1 → 2026.1" in shown
    assert "Teks pertanyaan diubah (1): P.1.i.a" in shown
    assert "P.1.i.b opsi B: 0,50 → 0,25" in shown
    assert len(shown) < 1500, "the preview must fit a phone screen"
    assert await _installed(zi) == []  # nothing is in force before "✅ Pasang"
    await admin.press("✅ Pasang")
    taps += 1
    done = (await admin.wait_reply())[-1].text
    assert "versi 2026.1 dipasang dan kini berlaku" in done
    print(f"\ninstall journey: {taps} taps (menu button, send the file, ✅ Pasang)")
    assert taps == 3
    assert await _installed(zi) == ["2026.1"]
    assert "lke.installed" in await zi.audit_actions()
    admin_id = (await zi.user(admin.id)).id
    async with zi.sessions() as session:
        assert (await lke_versions.in_force(session)).question("P.1.i.a").text.startswith(
            "Apakah Tim Kerja ZI")
        assert (await repo.in_force(session)).installed_by_user_id == admin_id


async def test_bad_files_get_one_sentence_and_the_bot_keeps_waiting(zi, emu):
    admin = await _admin(zi, emu)
    await admin.press_data(callback.encode(SECRET, admin.id, "lkein"))
    await admin.wait_reply()

    assert "bukan berkas LKE" in await _upload(admin, b"%PDF-1.4 not an lke", "lke.pdf")
    assert "bukan berkas LKE" in await _upload(admin, b"\xff\xfe\x00bad", "lke.yaml")
    await admin.send_photo(b"\xff\xd8\xff\xe0 a photo")
    assert "bukan berkas LKE" in (await admin.wait_reply())[-1].text

    big = b"# " + b"x" * (lke_versions.MAX_FILE_BYTES + 10)
    assert "terlalu besar" in await _upload(admin, big)

    raw = bundled_raw()
    raw["version"] = "2026.1"
    find_question(raw, "P.1.i.b")["options"][0]["value"] = 0.8  # no top value of 1 any more
    invalid = await _upload(admin, yaml.safe_dump(raw, sort_keys=False).encode())
    assert invalid.startswith("LKE tidak sah: ") and "P.1.i.b" in invalid
    assert len(invalid.splitlines()) == 1
    assert "LKE tidak sah" in await _upload(admin, b"version: [unclosed")

    assert "Pratinjau LKE 2021.1 → 2026.1" in await _upload(admin, _lke())  # still waiting
    assert await _installed(zi) == []


async def test_the_same_version_twice_and_a_stale_confirm_are_refused(zi, emu):
    admin = await _admin(zi, emu)
    await admin.press_data(callback.encode(SECRET, admin.id, "lkein"))
    await admin.wait_reply()
    await _upload(admin, _lke("2026.1"))
    preview_2026 = admin.messages("bot")[-1].message_id

    # Meanwhile another version is put in force (from the command line).
    async with zi.sessions() as session, session.begin():
        await lke_versions.install(session, _lke("2026.2", value_b=0.4).decode())
    await admin.press("✅ Pasang", message_id=preview_2026)
    stale = await admin.wait_answer()
    assert stale.show_alert and "2026.2 sudah berlaku sejak pratinjau" in stale.text
    assert await _installed(zi) == ["2026.2"]

    await admin.press_data(callback.encode(SECRET, admin.id, "lkein"))
    await admin.wait_reply()
    assert "Versi 2026.2 sudah terpasang" in await _upload(admin, _lke("2026.2"))
    shown = await _upload(admin, _lke("2026.3"))
    assert "2026.2 → 2026.3" in shown and "0,40 → 0,25" in shown
    await admin.press("Batal")
    assert "tetap versi 2026.2" in (await admin.wait_reply())[-1].text
    await admin.press("« Kembali")
    await admin.wait_reply()
    assert await _installed(zi) == ["2026.2"]


async def test_a_confirm_pressed_twice_installs_once(zi, emu):
    admin = await _admin(zi, emu)
    await admin.press_data(callback.encode(SECRET, admin.id, "lkein"))
    await admin.wait_reply()
    await _upload(admin, _lke())
    preview = admin.messages("bot")[-1].message_id
    data = _button_data(admin.last_message(), "✅ Pasang")
    await admin.press("✅ Pasang", message_id=preview)
    await admin.wait_reply()
    await admin.press_data(data, message_id=preview)
    again = await admin.wait_answer()
    assert again.show_alert and "tidak lagi menunggu" in again.text
    assert await _installed(zi) == ["2026.1"]


async def test_a_non_admin_can_neither_open_nor_confirm_nor_upload(zi, emu):
    admin = await _admin(zi, emu)
    chair = emu.user(9402, "Ketua")
    await zi.onboard(chair, "tpi_chair", name="Inspektur")
    await chair.send("/menu")
    menu = (await chair.wait_reply())[-1]
    assert "📘 Pasang LKE baru" not in str(menu.buttons)
    await chair.press_data(callback.encode(SECRET, chair.id, "lkein"))
    assert "tidak berwenang" in (await chair.wait_answer()).text

    await admin.press_data(callback.encode(SECRET, admin.id, "lkein"))
    await admin.wait_reply()
    await _upload(admin, _lke())
    held = admin.messages("bot")[-1].message_id
    upload_id = callback.decode(SECRET, admin.id, _button_data(admin.last_message(),
                                                               "✅ Pasang")).int_arg(0)
    await chair.press_data(callback.encode(SECRET, chair.id, "lkeok", upload_id))
    assert "tidak berwenang" in (await chair.wait_answer()).text
    assert await _installed(zi) == []

    # The admin is made a TPI member while the bot waits for a file: the file is refused.
    await admin.press_data(callback.encode(SECRET, admin.id, "lkein"), message_id=held)
    await admin.wait_reply()
    admin_id = (await zi.user(admin.id)).id
    async with zi.sessions() as session, session.begin():
        row = await session.get(User, admin_id)
        row.role = Role.TPI_MEMBER.value
    assert "peran Anda telah berubah" in await _upload(admin, _lke("2026.4"))
    assert await _installed(zi) == []
