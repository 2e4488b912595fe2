"""`zi-bot backup DIR` and `zi-bot restore DIR`: a consistent copy while the bot runs.

SQLite is copied with its online backup API (pages copied under a read transaction, so
writes may go on), PostgreSQL with `pg_dump`; the evidence objects are copied beside it and
a manifest lists every file with its SHA-256. A restore refuses a backup whose files do not
match their manifest, and never overwrites a database unless told to (`--force`).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.cli.database import settings
from bot.cli.errors import CliError

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.dump"
EVIDENCE = "evidence"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise CliError("basis data SQLite di memori tidak dapat dicadangkan")
    return Path(parsed.database).expanduser()


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(target: str) -> str:
    """Copy the database and the evidence into `target` with a manifest."""
    config = settings()
    folder = Path(target)
    if folder.exists() and any(folder.iterdir()):
        raise CliError(f"{folder} sudah berisi berkas; pilih folder baru atau kosong")
    folder.mkdir(parents=True, exist_ok=True)
    files: list[dict[str, object]] = []
    database = _sqlite_path(config.database_url)
    if database is not None:
        if not database.exists():
            raise CliError(f"{database} tidak ada")
        copy = folder / SQLITE_FILE
        _sqlite_backup(database, copy)
        kind = "sqlite"
    else:
        copy = folder / PG_FILE
        _pg_dump(config.database_url, copy)
        kind = "postgresql"
    files.append({"path": copy.name, "sha256": _sha256(copy), "size": copy.stat().st_size})
    objects = config.evidence_dir / "objects"
    count = 0
    if objects.is_dir():
        for source in sorted(p for p in objects.rglob("*") if p.is_file()):
            relative = Path(EVIDENCE) / source.relative_to(config.evidence_dir)
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / relative)
            files.append({"path": relative.as_posix(), "sha256": _sha256(folder / relative),
                          "size": source.stat().st_size})
            count += 1
    manifest = {"format": 1, "created_at": datetime.now(UTC).isoformat(), "database": kind,
                "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return f"cadangan {kind} dan {count} berkas bukti tersimpan di {folder}"


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
                           _libpq_url(url)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CliError(f"pg_dump gagal: {done.stderr.strip().splitlines()[-1:]}")


def verify(folder: Path) -> dict[str, object]:
    """The manifest of a backup whose every file matches it; CliError naming the first that
    does not (missing, altered, or not listed)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CliError(f"{folder}: bukan cadangan zi-bot (manifest tidak terbaca)") from exc
    listed = set()
    for entry in files:
        path = folder / str(entry["path"])
        listed.add(path.resolve())
        if not path.is_file():
            raise CliError(f"cadangan ditolak: {entry['path']} hilang")
        if _sha256(path) != entry["sha256"]:
            raise CliError(f"cadangan ditolak: {entry['path']} tidak cocok dengan manifest")
    extra = [p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST
             and p.resolve() not in listed]
    if extra:
        raise CliError(f"cadangan ditolak: {extra[0].relative_to(folder)} tidak ada di manifest")
    return manifest


def restore(source: str, force: bool = False) -> str:
    """Put a verified backup back: the database and the evidence objects."""
    config = settings()
    folder = Path(source)
    manifest = verify(folder)
    database = _sqlite_path(config.database_url)
    if manifest["database"] == "sqlite":
        if database is None:
            raise CliError("cadangan SQLite tidak dapat dipulihkan ke PostgreSQL")
        if database.exists() and not force:
            raise CliError(f"{database} sudah ada; pakai --force untuk menimpanya")
        database.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(folder / SQLITE_FILE, database)
    else:
        if database is not None:
            raise CliError("cadangan PostgreSQL tidak dapat dipulihkan ke SQLite")
        if not force:
            raise CliError("pemulihan PostgreSQL mengganti isi basis data; pakai --force")
        if shutil.which("pg_restore") is None:
            raise CliError("pg_restore tidak ditemukan; pasang klien PostgreSQL")
        done = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner",
                               f"--dbname={_libpq_url(config.database_url)}",
                               str(folder / PG_FILE)], capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            raise CliError(f"pg_restore gagal: {done.stderr.strip().splitlines()[-1:]}")
    count = 0
    for entry in manifest["files"]:
        path = Path(str(entry["path"]))
        if path.parts[0] != EVIDENCE:
            continue
        target = config.evidence_dir / Path(*path.parts[1:])
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / path, target)
            count += 1
    return f"dipulihkan dari {folder}: basis data dan {count} berkas bukti"
