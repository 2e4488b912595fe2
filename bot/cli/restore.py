"""`zi-bot restore DIR [--force]`: put a backup back, trusting nothing in it.

The manifest is checked first (signature, paths, links, hashes: `backup_manifest.check`),
before anything is written. Then every file is copied into a temporary place beside its
destination and checked again there (its SHA-256, and for SQLite `PRAGMA integrity_check`),
so that a file changed between the check and the copy is caught too. Only then is each one
renamed into place. A refused restore removes what it staged and leaves the database and the
evidence as they were.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from bot.cli.backup import libpq_url, sqlite_path
from bot.cli.backup_manifest import EVIDENCE, PG_FILE, SQLITE_FILE, check, refused, sha256_of
from bot.cli.database import settings
from bot.cli.errors import CliError


class Staging:
    """Files and folders made while staging, removed again unless the restore goes through."""

    def __init__(self) -> None:
        self.made: list[Path] = []

    def folder(self, path: Path) -> Path:
        """Create `path` (and its missing parents), remembering what was new."""
        missing = [p for p in (path, *path.parents) if not p.exists()]
        path.mkdir(parents=True, exist_ok=True)
        self.made.extend(reversed(missing))
        return path

    def copy(self, source: Path, beside: Path, sha: str) -> Path:
        """Copy `source` into a temp file beside `beside`; refused unless it hashes to `sha`."""
        fd, name = tempfile.mkstemp(prefix=".tmp-restore-", dir=self.folder(beside.parent))
        os.close(fd)
        staged = Path(name)
        self.made.append(staged)
        shutil.copyfile(source, staged)
        if sha256_of(staged) != sha:
            raise refused(f"{source.name} berubah selama pemulihan")
        return staged

    def discard(self) -> None:
        """Remove everything staged, newest first (folders only when empty)."""
        for path in reversed(self.made):
            if path.is_file():
                path.unlink(missing_ok=True)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def restore(source: str, force: bool = False) -> str:
    """Restore a checked backup: the database and the evidence objects it lacks."""
    config = settings()
    folder = Path(source)
    manifest = check(folder, config.chain_key())
    database = sqlite_path(config.database_url)
    _check_target(manifest["database"], database, force)
    shas = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    staging = Staging()
    try:
        staged_db = None
        if database is not None:
            staged_db = staging.copy(folder / SQLITE_FILE, database, shas[SQLITE_FILE])
            _check_sqlite(staged_db)
        else:
            _check_dump(folder / PG_FILE)
        objects = _stage_objects(staging, folder, config.evidence_dir, shas)
        if staged_db is not None:
            for suffix in ("-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            os.replace(staged_db, database)
        else:
            _pg_restore(config.database_url, folder / PG_FILE)
        for staged, target in objects:
            os.replace(staged, target)
    finally:
        staging.discard()
    return f"dipulihkan dari {folder}: basis data dan {len(objects)} berkas bukti"


def _check_target(kind: Any, database: Path | None, force: bool) -> None:
    if kind == "sqlite":
        if database is None:
            raise CliError("cadangan SQLite tidak dapat dipulihkan ke PostgreSQL")
        if database.exists() and not force:
            raise CliError(f"{database} sudah ada; pakai --force untuk menimpanya")
        return
    if database is not None:
        raise CliError("cadangan PostgreSQL tidak dapat dipulihkan ke SQLite")
    if not force:
        raise CliError("pemulihan PostgreSQL mengganti isi basis data; pakai --force")
    if shutil.which("pg_restore") is None:
        raise CliError("pg_restore tidak ditemukan; pasang klien PostgreSQL")


def _stage_objects(staging: Staging, folder: Path, evidence_dir: Path,
                   shas: dict[str, str]) -> list[tuple[Path, Path]]:
    """Stage every evidence object the store lacks; (staged file, final place) pairs."""
    pairs = []
    for path, sha in shas.items():
        parts = PurePosixPath(path).parts
        if parts[0] != EVIDENCE:
            continue
        target = evidence_dir.joinpath(*parts[1:])
        if target.exists() and not target.is_symlink() and sha256_of(target) == sha:
            continue
        pairs.append((staging.copy(folder.joinpath(*parts), target, sha), target))
    return pairs


def _check_sqlite(path: Path) -> None:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise refused(f"{SQLITE_FILE} bukan basis data SQLite yang utuh ({exc})") from exc
    if result != "ok":
        raise refused(f"{SQLITE_FILE} rusak: {result}")


def _check_dump(path: Path) -> None:
    done = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise refused(f"{PG_FILE} bukan arsip pg_dump yang utuh")


def _pg_restore(url: str, dump: Path) -> None:
    # One transaction: a failing restore leaves the database as it was.
    done = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner",
                           "--single-transaction", "--exit-on-error",
                           f"--dbname={libpq_url(url)}", str(dump)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CliError(f"pg_restore gagal: {done.stderr.strip().splitlines()[-1:]}")
