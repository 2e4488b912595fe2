"""A content-addressed file store: evidence bytes live at `objects/<ab>/<cd>/<sha256>`.

A write goes to a temporary file in the object's own directory, is flushed and fsynced,
renamed into place with `os.replace` (atomic on one file system) and the directory is
fsynced, so after `put` returns the object survives a crash and a reader never sees half a
file. The database row that points at an object is written only after `put` returned: an
object without a row is harmless (collect it later), a row without an object cannot happen.

A kill between `mkstemp` and the rename leaves a `.tmp-*` file beside the objects;
`sweep_temp` removes them, and `zi-bot run` calls it once at start, before any upload can
be in flight (one bot process owns the store).

Paths come from the sha256 alone, never from anything a user sent. Synchronous on purpose:
the bot calls it through `asyncio.to_thread`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

OBJECT_MODE = 0o440
"""Objects are never rewritten in place: read-only for the owner and its group."""
CHUNK = 1024 * 1024
TEMP_PREFIX = ".tmp-"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def check_sha256(sha: str) -> str:
    """The sha256 if it is 64 lower-case hex digits; ValueError otherwise."""
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        raise ValueError(f"not a sha256: {sha!r}")
    return sha


@dataclass(frozen=True)
class StoredBlob:
    """An object in the store, and whether this `put` wrote it (False: it was there)."""

    sha256: str
    path: Path
    created: bool


class BlobStore:
    """Evidence bytes on the local file system, addressed by their sha256."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"

    def path(self, sha: str) -> Path:
        """Where the object with this sha256 lives (whether or not it exists)."""
        sha = check_sha256(sha)
        return self.objects / sha[:2] / sha[2:4] / sha

    def exists(self, sha: str) -> bool:
        """Whether the object is in the store."""
        return self.path(sha).is_file()

    def read(self, sha: str) -> bytes:
        """The object's bytes; FileNotFoundError if it is not stored."""
        return self.path(sha).read_bytes()

    def verify(self, sha: str) -> bool:
        """Whether the object exists and its content still hashes to its name."""
        try:
            with self.path(sha).open("rb") as handle:
                digest = hashlib.sha256()
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            return False
        return digest.hexdigest() == sha

    def sweep_temp(self) -> int:
        """Remove the temporary files an interrupted `put` left; how many were removed.

        Only call it while no `put` runs (at start): a live write's temp file looks the same.
        """
        if not self.objects.is_dir():
            return 0
        removed = 0
        for left in self.objects.rglob(TEMP_PREFIX + "*"):
            if left.is_file() and not left.is_symlink():
                left.unlink(missing_ok=True)
                removed += 1
        return removed

    def put(self, data: bytes) -> StoredBlob:
        """Store `data` durably under its sha256; an intact existing copy is left alone."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if self.verify(sha):
            return StoredBlob(sha, target, created=False)
        # Missing, or damaged on disk: (re)write it; the rename replaces a damaged copy.
        _make_dirs(target.parent)
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp_name, OBJECT_MODE)
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return StoredBlob(sha, target, created=True)


def _make_dirs(folder: Path) -> None:
    """Create `folder` and its missing parents, fsyncing each new entry's parent."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        _fsync_dir(new.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
