"""The manifest of a backup: signed when written, and trusted for nothing when read back.

A backup folder holds `database.sqlite` or `database.dump`, `evidence/objects/ab/cd/<sha256>`
and `manifest.json`, which lists every file with its SHA-256 and carries an HMAC-SHA256 of
itself keyed with AUDIT_KEY (the key of the audit chain). `check` refuses, before anything is
written: a signature that is missing, wrong or present while no key is set; a path that is
absolute, climbs with `..` or lies outside its folder; a symbolic link anywhere; a file that
is missing, altered or not listed; an evidence object whose content is not its SHA-256 name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from bot.cli.errors import CliError
from zi_core.db.canonical import canonical_json

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.dump"
DATABASE_FILES = {"sqlite": SQLITE_FILE, "postgresql": PG_FILE}
EVIDENCE = "evidence"
OBJECT_NAME = re.compile(r"[0-9a-f]{64}")


def refused(reason: str) -> CliError:
    """The one-line refusal of a backup."""
    return CliError(f"cadangan ditolak: {reason}")


def sha256_of(path: Path) -> str:
    """The SHA-256 (hex) of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def is_object_name(name: str) -> bool:
    """Whether `name` is an evidence object's name (its SHA-256); temp files are not."""
    return OBJECT_NAME.fullmatch(name) is not None


def object_path(sha: str) -> PurePosixPath:
    """Where the object named `sha` lives, relative to the backup folder."""
    return PurePosixPath(EVIDENCE, "objects", sha[:2], sha[2:4], sha)


def signature(manifest: dict[str, Any], key: bytes) -> str:
    """The HMAC-SHA256 (hex) of the manifest without its signature."""
    body = {name: value for name, value in manifest.items() if name != "signature"}
    return hmac.new(key, canonical_json(body).encode("utf-8"), hashlib.sha256).hexdigest()


def check(folder: Path, key: bytes | None) -> dict[str, Any]:
    """The manifest of a backup that passes every check; CliError (refusal) otherwise."""
    manifest = _read(folder)
    _check_signature(manifest, key)
    listed = {_check_entry(folder, manifest, entry) for entry in manifest["files"]}
    if PurePosixPath(DATABASE_FILES[manifest["database"]]) not in listed:
        raise refused(f"{DATABASE_FILES[manifest['database']]} hilang")
    for path in _walk(folder):
        if path not in listed and path != PurePosixPath(MANIFEST):
            raise refused(f"{path} tidak ada di manifest")
    return manifest


def _read(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        if path.is_symlink() or not path.is_file():
            raise ValueError
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest.get("files"), list) or manifest.get(
                "database") not in DATABASE_FILES:
            raise ValueError
    except (OSError, ValueError, AttributeError, RecursionError) as exc:
        raise CliError(f"{folder}: bukan cadangan zi-bot (manifest tidak terbaca)") from exc
    return manifest


def _check_signature(manifest: dict[str, Any], key: bytes | None) -> None:
    signed = manifest.get("signature")
    if key is None:
        if signed is not None:
            raise refused("manifest bertanda tangan, tetapi AUDIT_KEY belum diatur untuk "
                          "memeriksa tanda tangannya")
        return
    if not isinstance(signed, str) or not hmac.compare_digest(signed, signature(manifest, key)):
        raise refused("tanda tangan manifest tidak sah untuk AUDIT_KEY ini")


def _check_entry(folder: Path, manifest: dict[str, Any], entry: Any) -> PurePosixPath:
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        raise refused("manifest memuat entri yang tidak sah")
    path = _safe_path(entry["path"], manifest["database"])
    on_disk = folder.joinpath(*path.parts)
    if _has_link(folder, path):
        raise refused(f"{path} adalah tautan simbolik")
    if not on_disk.is_file():
        raise refused(f"{path} hilang")
    sha = sha256_of(on_disk)
    if sha != entry.get("sha256"):
        raise refused(f"{path} tidak cocok dengan manifest")
    if path.parts[0] == EVIDENCE and path != object_path(sha):
        raise refused(f"{path}: isi bukti tidak cocok dengan nama SHA-256-nya")
    return path


def _safe_path(text: str, kind: str) -> PurePosixPath:
    path = PurePosixPath(text)
    if path.is_absolute() or "\\" in text or any(part in ("", ".", "..") for part in
                                                   text.split("/")):
        raise refused(f"jalur {text!r} keluar dari foldernya")
    if path == PurePosixPath(DATABASE_FILES[kind]):
        return path
    if path.parts[0] == EVIDENCE and is_object_name(path.name) and path == object_path(path.name):
        return path
    if path.parts[0] == EVIDENCE:
        raise refused(f"{path}: isi bukti tidak cocok dengan nama SHA-256-nya")
    raise refused(f"jalur {text!r} keluar dari foldernya")


def _has_link(folder: Path, path: PurePosixPath) -> bool:
    current = folder
    for part in path.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def _walk(folder: Path) -> list[PurePosixPath]:
    """Every file under `folder`, relative; a symbolic link anywhere is refused."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in (*dirs, *files):
            path = Path(root, name)
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            if path.is_symlink():
                raise refused(f"{relative} adalah tautan simbolik")
            if name in files:
                found.append(relative)
    return found
