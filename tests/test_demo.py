"""`zi-bot demo`: the scripted walk runs through every role, and its verdict is the core's."""

from __future__ import annotations

import builtins
import re
import sqlite3
from pathlib import Path

from bot.cli.main import main

STEPS = ["1. Operator Inspektorat", "2. Admin mendaftar", "3. Pimpinan dan pegawai",
         "4. Pimpinan mencanangkan", "5. Admin mencatat penetapan", "6. Pegawai mengerjakan",
         "7. Ketua TPI menugaskan", "8. Anggota TPI menilai", "9. Ketua TPI melihat status",
         "10. Ringkasan mingguan", "11. Hasil"]
ROLES = ["Admin (Rina)", "Kepala Dinas (Budi)", "Pegawai (Sari)", "Pegawai (Dedi)",
         "Inspektur (Hendra)", "Anggota TPI (Maya)"]


def test_the_demo_walks_every_role_and_ends_with_the_cores_verdict(tmp_path: Path, capsys):
    folder = tmp_path / "demo"
    assert main(["demo", "--dir", str(folder)]) == 0
    printed = capsys.readouterr().out
    transcript = (folder / "transcript.txt").read_text(encoding="utf-8")
    assert transcript.strip() in printed
    for step in STEPS:
        assert f"━━ {step}" in transcript
    for role in ROLES:
        assert f"👤 {role}:" in transcript and f"🤖 → {role}:" in transcript
    assert "Pendaftaran selesai" in transcript
    assert "Pencanangan Dinas Kesehatan tercatat" in transcript
    bot_total, core_total = re.search(r"Nilai total menurut bot: ([0-9,]+) · menurut inti "
                                      r"\(offline, jawaban yang sama\): ([0-9,]+)",
                                      transcript).groups()
    assert bot_total == core_total
    verdicts = re.search(r"Putusan bot: (.+) · putusan inti: (\w+)", transcript).groups()
    assert verdicts == ("✅ Layak diusulkan menuju WBK", "layak_wbk")

    database = sqlite3.connect(folder / "zi-demo.db")
    assert database.execute("SELECT status FROM unit_kerja").fetchone() == ("layak_wbk",)
    assert database.execute("SELECT count(*) FROM assessment WHERE kind='tpi'").fetchone() == (
        110,)
    assert any((folder / "evidence" / "objects").rglob("*"))
    assert {p.suffix for p in folder.iterdir() if p.is_file()} >= {".docx", ".txt", ".db"}


def test_the_demo_refuses_a_folder_with_files(tmp_path: Path, capsys):
    (tmp_path / "x").write_text("x")
    assert main(["demo", "--dir", str(tmp_path)]) == 2
    assert "sudah berisi berkas" in capsys.readouterr().err


def test_the_interactive_demo_sends_what_is_typed(tmp_path: Path, capsys, monkeypatch):
    lines = iter(["/bantuan", ":u 2", "/start", ":b 9", ":q"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(lines))
    assert main(["demo", "--dir", str(tmp_path / "chat"), "--interactive"]) == 0
    transcript = (tmp_path / "chat" / "transcript.txt").read_text(encoding="utf-8")
    assert "👤 Admin (Rina): /bantuan" in transcript and "Bantuan ZI Assistant" in transcript
    assert "👤 Kepala (Budi): /start" in transcript and "Selamat datang di ZI" in transcript
    assert "(tidak dapat:" in transcript
