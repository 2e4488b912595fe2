"""`zi-bot backup` while writes go on, `zi-bot restore`, and a tampered backup refused."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
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
    data = b"%PDF-1.4 bukti\n%%EOF\n"
    sha = hashlib.sha256(data).hexdigest()
    objects = tmp_path / "live" / "evidence" / "objects" / sha[:2] / sha[2:4]
    objects.mkdir(parents=True)
    (objects / sha).write_bytes(data)
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


def _manifest(copy: Path) -> dict:
    return json.loads((copy / "manifest.json").read_text(encoding="utf-8"))


def _list(copy: Path, relative: str, data: bytes | None = None) -> None:
    """Add (or re-hash) `relative` in the manifest, as an attacker without the key can."""
    manifest = _manifest(copy)
    path = Path(relative) if Path(relative).is_absolute() else copy / relative
    if data is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    body = path.read_bytes()
    entry = {"path": relative, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
    manifest["files"] = [f for f in manifest["files"] if f["path"] != relative] + [entry]
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _evidence(copy: Path) -> Path:
    return next(p for p in (copy / "evidence").rglob("*") if p.is_file())


def _attack(site: Path, attack: str) -> None:
    copy = site / "copy"
    if attack == "dotdot":
        _list(copy, "evidence/objects/../../../escaped.txt", b"owned")
    elif attack == "absolute":
        _list(copy, str(site / "elsewhere" / "abs.txt"), b"owned")
    elif attack == "symlink":
        target = site / "secret.txt"
        target.write_bytes(_evidence(copy).read_bytes())
        link = _evidence(copy)
        link.unlink()
        os.symlink(target, link)
    elif attack == "misnamed":
        _list(copy, _evidence(copy).relative_to(copy).as_posix(), b"isi lain, nama lama")
    elif attack == "bad-database":
        _list(copy, "database.sqlite", b"bukan basis data")


@pytest.mark.parametrize("attack", ["dotdot", "absolute", "symlink", "misnamed",
                                    "bad-database"])
def test_an_attacked_backup_is_refused_and_nothing_is_written(site, capsys, monkeypatch,
                                                             attack):
    assert main(["backup", str(site / "copy")]) == 0
    _attack(site, attack)
    live = (site / "live" / "zi.db").read_bytes()
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{site}/live/zi.db")
    (site / "restored").mkdir()
    # deeper than the backup, so that a climbing path lands inside "restored" if written
    monkeypatch.setenv("EVIDENCE_DIR", str(site / "restored" / "deep" / "evidence"))
    capsys.readouterr()

    assert main(["restore", "--force", str(site / "copy")]) == 2

    err = capsys.readouterr().err
    assert err.startswith("zi-bot: cadangan ditolak") and len(err.splitlines()) == 1
    assert (site / "live" / "zi.db").read_bytes() == live
    assert list((site / "restored").rglob("*")) == []


@pytest.fixture
def keyed(site, monkeypatch):
    monkeypatch.setenv("AUDIT_KEY", "kunci-cadangan")
    return site


@pytest.mark.parametrize("attack", ["rehashed", "unsigned", "other-key"])
def test_a_backup_whose_signature_fails_is_refused(keyed, capsys, monkeypatch, attack):
    site = keyed
    assert main(["backup", str(site / "copy")]) == 0
    if attack == "rehashed":
        _list(site / "copy", "database.sqlite")  # same bytes, manifest rewritten unsigned
        sqlite3.connect(site / "copy" / "database.sqlite").execute(
            "CREATE TABLE x (y)").connection.commit()
        _list(site / "copy", "database.sqlite")
    elif attack == "unsigned":
        manifest = _manifest(site / "copy")
        manifest.pop("signature")
        (site / "copy" / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    else:
        monkeypatch.setenv("AUDIT_KEY", "kunci-lain")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{site}/restored/zi.db")
    monkeypatch.setenv("EVIDENCE_DIR", str(site / "restored" / "evidence"))
    capsys.readouterr()

    assert main(["restore", str(site / "copy")]) == 2

    err = capsys.readouterr().err
    assert err.startswith("zi-bot: cadangan ditolak") and len(err.splitlines()) == 1
    assert "tanda tangan" in err
    assert not (site / "restored").exists() or list((site / "restored").rglob("*")) == []


def test_a_signed_backup_restores_over_the_live_site(keyed, capsys, monkeypatch):
    site = keyed
    assert main(["backup", str(site / "copy")]) == 0
    assert len(_manifest(site / "copy")["signature"]) == 64
    sqlite3.connect(site / "live" / "zi.db").execute(
        "INSERT INTO unit_kerja (code, name, status, created_at) "
        "VALUES ('LATER', 'Later', 'terdaftar', '2026-11-25 00:00:00.000000')").connection.commit()

    assert main(["restore", "--force", str(site / "copy")]) == 0

    codes = {r[0] for r in sqlite3.connect(site / "live" / "zi.db").execute(
        "SELECT code FROM unit_kerja")}
    assert "LATER" not in codes
    assert len([p for p in (site / "live" / "evidence").rglob("*") if p.is_file()]) == 1
