"""`zi-bot backup` while writes go on, `zi-bot restore`, and a tampered backup refused."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.cli.main import main
from zi_core.db import migrate


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/live/zi.db")
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "live" / "evidence"))
    asyncio.run(migrate.upgrade(f"sqlite+aiosqlite:///{tmp_path}/live/zi.db"))
    objects = tmp_path / "live" / "evidence" / "objects" / "ab" / "cd"
    objects.mkdir(parents=True)
    import hashlib

    data = b"%PDF-1.4 bukti\n%%EOF\n"
    (objects / hashlib.sha256(data).hexdigest()).write_bytes(data)
    return tmp_path


def _writer(path: Path, stop: threading.Event, acknowledged: list[str]) -> None:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    n = 0
    while not stop.is_set():
        code = f"U{n:05d}"
        connection.execute(
            "INSERT INTO unit_kerja (code, name, status, created_at) "
            "VALUES (?, ?, 'terdaftar', '2026-11-25 00:00:00.000000')", (code, f"Unit {n}"))
        acknowledged.append(code)
        n += 1
    connection.close()


def test_a_backup_taken_during_writes_restores_every_acknowledged_write(site, capsys,
                                                                       monkeypatch):
    stop, acknowledged = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(site / "live" / "zi.db", stop,
                                                    acknowledged))
    writer.start()
    try:
        while len(acknowledged) < 200:
            pass
        before = list(acknowledged)
        assert main(["backup", str(site / "copy")]) == 0
    finally:
        stop.set()
        writer.join()
    assert "1 berkas bukti" in capsys.readouterr().out

    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{site}/restored/zi.db")
    monkeypatch.setenv("EVIDENCE_DIR", str(site / "restored" / "evidence"))
    assert main(["restore", str(site / "copy")]) == 0
    restored = sqlite3.connect(site / "restored" / "zi.db")
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    codes = {row[0] for row in restored.execute("SELECT code FROM unit_kerja")}
    assert set(before) <= codes
    assert len(list((site / "restored" / "evidence" / "objects").rglob("*.*"))) == 0
    assert len([p for p in (site / "restored" / "evidence").rglob("*") if p.is_file()]) == 1

    assert main(["restore", str(site / "copy")]) == 2
    assert "--force" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["alter", "remove", "add"])
def test_a_tampered_backup_is_refused(site, capsys, monkeypatch, damage):
    assert main(["backup", str(site / "copy")]) == 0
    evidence = next(p for p in (site / "copy" / "evidence").rglob("*") if p.is_file())
    if damage == "alter":
        evidence.write_bytes(b"something else")
    elif damage == "remove":
        evidence.unlink()
    else:
        (site / "copy" / "extra.bin").write_bytes(b"x")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{site}/restored/zi.db")
    capsys.readouterr()
    assert main(["restore", str(site / "copy")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zi-bot: cadangan ditolak") and len(err.splitlines()) == 1
    assert not (site / "restored" / "zi.db").exists()


def test_backup_into_a_folder_with_files_is_refused(site, capsys):
    (site / "busy").mkdir()
    (site / "busy" / "x").write_text("x")
    assert main(["backup", str(site / "busy")]) == 2
    assert "sudah berisi berkas" in capsys.readouterr().err
