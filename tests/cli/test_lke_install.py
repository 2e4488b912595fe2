"""`zi-bot lke install FILE`: validated, previewed against the LKE in force, stored with --yes."""

from __future__ import annotations

import asyncio

import pytest

from bot.cli.main import main
from tests.core.helpers import bundled_lampiran_raw, bundled_raw, find_question, write_yaml
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.repositories import lke_versions


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `zi-bot …` against `db_url`; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)

    async def run(*argv: str) -> tuple[int, str, str]:
        code = await asyncio.to_thread(main, list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


async def _installed(url: str) -> list[lke_versions.LkeVersionDTO]:
    await migrate.upgrade(url)
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return await lke_versions.list_all(session)
    finally:
        await engine.dispose()


def _new_version(tmp_path):
    raw = bundled_raw()
    raw["version"] = "2026.1"
    find_question(raw, "P.1.i.a")["text"] = "Apakah Tim Kerja telah dibentuk dengan SK?"
    find_question(raw, "P.1.i.b")["options"][1]["value"] = 0.6
    return write_yaml(tmp_path / "lke-2026.yaml", raw)


async def test_install_without_yes_only_previews_what_changed(cli, db_url, tmp_path):
    code, out, _ = await cli("lke", "install", str(_new_version(tmp_path)))
    assert code == 0
    assert "2021.1 → 2026.1" in out
    assert "P.1.i.a" in out and "teks diubah" in out
    assert "P.1.i.b" in out and "0.5 → 0.6" in out
    assert "--yes" in out
    assert await _installed(db_url) == []


async def test_install_with_yes_stores_the_version_in_force(cli, db_url, tmp_path):
    code, out, _ = await cli("lke", "install", str(_new_version(tmp_path)), "--yes")
    assert code == 0, out
    assert "2026.1" in out and "berlaku" in out
    [stored] = await _installed(db_url)
    assert stored.version == "2026.1"
    assert len(stored.sha256) == 64
    assert "Tim Kerja telah dibentuk dengan SK" in stored.text


async def test_install_refuses_an_lke_file_carrying_thresholds(cli, db_url, tmp_path):
    raw = bundled_raw()
    raw["predicates"] = bundled_lampiran_raw()["predicates"]
    code, out, err = await cli("lke", "install", str(write_yaml(tmp_path / "x.yaml", raw)),
                               "--yes")
    assert code != 0
    assert "Lampiran II" in err
    assert len(err.strip().splitlines()) == 1
    assert await _installed(db_url) == []
