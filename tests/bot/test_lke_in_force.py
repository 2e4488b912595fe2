"""An LKE installed while the bot runs is the one the next update shows (Pasal 7(4))."""

from __future__ import annotations

from tests.core.helpers import bundled_raw, find_question, write_yaml
from zi_core.services import lke_versions


async def test_the_next_update_reads_the_installed_lke_in_force(zi, emu, tmp_path):
    rina = emu.user(7103, "Rina")
    await zi.onboard(rina, "tpi_member")
    raw = bundled_raw()
    raw["version"] = "2026.1"
    find_question(raw, "P.1.i.a")["explanation"] = "Penjelasan versi Keputusan Inspektur 2026"
    text = write_yaml(tmp_path / "lke-2026.yaml", raw).read_text(encoding="utf-8")
    async with zi.sessions() as session, session.begin():
        await lke_versions.install(session, text)

    await rina.send("/bantuan")
    await rina.wait_reply()
    await rina.press("📖 Penjelasan LKE")
    assert "versi 2026.1" in (await rina.wait_reply())[-1].text
    await rina.press("1. Manajemen Perubahan")
    await rina.wait_reply()
    await rina.press("P.1.i Penyusunan Tim Kerja")
    await rina.wait_reply()
    await rina.press("❓ P.1.i.a")
    assert "Penjelasan versi Keputusan Inspektur 2026" in (await rina.wait_reply())[-1].text
