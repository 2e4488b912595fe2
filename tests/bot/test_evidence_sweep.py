"""Temp files a kill left under the evidence store are removed when `zi-bot run` starts."""

from __future__ import annotations

from tests.bot.harness import BotUnderTest, settings_for


async def test_a_temp_file_left_by_a_kill_is_removed_at_start(emu, db_url, tmp_path):
    settings = settings_for(emu, db_url, tmp_path)
    folder = settings.evidence_dir / "objects" / "ab" / "cd"
    folder.mkdir(parents=True)
    left = folder / ".tmp-k1ll3d"
    left.write_bytes(b"half an upload")
    harness = BotUnderTest(emu, db_url, settings)
    await harness.start()
    try:
        assert not left.exists()
    finally:
        await harness.close()
