"""`zi-bot backup DIR`: a consistent copy while the bot runs.

SQLite is copied with its online backup API (pages copied under a read transaction, so
writes may go on), PostgreSQL with `pg_dump`; the evidence objects are copied beside it and
a manifest lists every file with its SHA-256, signed with AUDIT_KEY when it is set
(`backup_manifest`). `zi-bot restore` (`bot.cli.restore`) trusts none of it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.cli.backup_manifest import (
    MANIFEST,
    PG_FILE,
    SQLITE_FILE,
    is_object_name,
    object_path,
    sha256_of,
    signature,
)
from bot.cli.database import settings
from bot.cli.errors import CliError


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, None for PostgreSQL; CliError for an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise CliError("basis data SQLite di memori tidak dapat dicadangkan")
    return Path(parsed.database).expanduser()


def libpq_url(url: str) -> str:
    """The URL as libpq's tools (pg_dump, pg_restore) take it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(target: str) -> str:
    """Copy the database and the evidence into `target` with a (signed) manifest."""
    config = settings()
    folder = Path(target)
    if folder.exists() and any(folder.iterdir()):
        raise CliError(f"{folder} sudah berisi berkas; pilih folder baru atau kosong")
    folder.mkdir(parents=True, exist_ok=True)
    database = sqlite_path(config.database_url)
    if database is not None:
        if not database.exists():
            raise CliError(f"{database} tidak ada")
        copy, kind = folder / SQLITE_FILE, "sqlite"
        _sqlite_backup(database, copy)
    else:
        copy, kind = folder / PG_FILE, "postgresql"
        _pg_dump(config.database_url, copy)
    files = [_entry(folder, Path(copy.name))] + _copy_objects(config.evidence_dir, folder)
    manifest: dict[str, object] = {"format": 2, "created_at": datetime.now(UTC).isoformat(),
                                   "database": kind, "files": files}
    key = config.chain_key()
    if key is not None:
        manifest["signature"] = signature(manifest, key)
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    signed = "bertanda tangan AUDIT_KEY" if key else "tanpa tanda tangan (AUDIT_KEY belum diatur)"
    return (f"cadangan {kind} dan {len(files) - 1} berkas bukti tersimpan di {folder}, "
            f"manifest {signed}")


def _entry(folder: Path, relative: Path) -> dict[str, object]:
    path = folder / relative
    return {"path": relative.as_posix(), "sha256": sha256_of(path), "size": path.stat().st_size}


def _copy_objects(evidence_dir: Path, folder: Path) -> list[dict[str, object]]:
    """Copy every evidence object (not temp files) to where its SHA-256 says it belongs."""
    objects = evidence_dir / "objects"
    if not objects.is_dir():
        return []
    entries = []
    for source in sorted(objects.rglob("*")):
        if not source.is_file() or source.is_symlink() or not is_object_name(source.name):
            continue
        relative = Path(object_path(source.name))
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / relative)
        entries.append(_entry(folder, relative))
    return entries


def _sqlite_backup(database: Path, copy: Path) -> None:
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    try:
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
            result = target.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise CliError(f"salinan basis data rusak: {result}")
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise CliError(f"basis data tidak dapat disalin: {exc}") from exc
    finally:
        source.close()


def _pg_dump(url: str, copy: Path) -> None:
    if shutil.which("pg_dump") is None:
        raise CliError("pg_dump tidak ditemukan; pasang klien PostgreSQL untuk mencadangkan")
    done = subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={copy}",
                           libpq_url(url)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CliError(f"pg_dump gagal: {done.stderr.strip().splitlines()[-1:]}")
