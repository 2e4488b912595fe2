"""The blob store: content-addressed, durable writes, no path from user input."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from zi_core.evidence import store as store_module
from zi_core.evidence.store import BlobStore, StoredBlob, check_sha256

DATA = b"%PDF-1.4\nbukti\n%%EOF\n"
SHA = hashlib.sha256(DATA).hexdigest()


@pytest.fixture
def blobs(tmp_path) -> BlobStore:
    return BlobStore(tmp_path / "store")


def test_put_writes_the_object_under_its_sha256_in_two_fan_out_levels(blobs, tmp_path):
    stored = blobs.put(DATA)

    expected = tmp_path / "store" / "objects" / SHA[:2] / SHA[2:4] / SHA
    assert stored == StoredBlob(SHA, expected, created=True)
    assert expected.read_bytes() == DATA
    assert blobs.exists(SHA) and blobs.read(SHA) == DATA and blobs.verify(SHA)


def test_the_same_content_twice_is_a_dedupe_and_the_object_is_not_rewritten(blobs):
    first = blobs.put(DATA)
    before = os.stat(first.path)

    second = blobs.put(DATA)

    after = os.stat(second.path)
    assert not second.created and second.path == first.path
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_no_temporary_file_is_left_behind(blobs):
    stored = blobs.put(DATA)
    blobs.put(b"another file")

    leftovers = [p for p in blobs.root.rglob(".tmp-*")]
    assert leftovers == [] and sorted(os.listdir(stored.path.parent)) == [SHA]


def test_objects_are_read_only_once_stored(blobs):
    mode = stat.S_IMODE(os.stat(blobs.put(DATA).path).st_mode)

    assert mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fds via /proc")
def test_the_file_is_written_in_place_fsynced_renamed_then_its_directory_fsynced(
    blobs, monkeypatch
):
    events: list[tuple[str, str]] = []
    real_fsync, real_replace, real_mkstemp = os.fsync, os.replace, store_module.tempfile.mkstemp

    def fsync(fd: int) -> None:
        kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        events.append((f"fsync-{kind}", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst) -> None:
        events.append(("replace", str(dst)))
        real_replace(src, dst)

    def mkstemp(*args, **kwargs):
        events.append(("mkstemp", str(kwargs["dir"])))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(store_module.os, "fsync", fsync)
    monkeypatch.setattr(store_module.os, "replace", replace)
    monkeypatch.setattr(store_module.tempfile, "mkstemp", mkstemp)

    stored = blobs.put(DATA)

    folder = str(stored.path.parent)
    tail = [(kind, path if kind != "fsync-file" else os.path.dirname(path))
            for kind, path in events[-4:]]
    assert tail == [("mkstemp", folder), ("fsync-file", folder), ("replace", str(stored.path)),
                    ("fsync-dir", folder)]
    # each new fan-out directory was made durable in its parent before the write
    synced_dirs = {path for kind, path in events if kind == "fsync-dir"}
    assert {str(blobs.objects), str(blobs.objects / SHA[:2])} <= synced_dirs


def test_a_failed_write_leaves_neither_object_nor_temp_file(blobs, monkeypatch):
    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.os, "replace", broken_replace)

    with pytest.raises(OSError, match="disk full"):
        blobs.put(DATA)

    assert not blobs.exists(SHA)
    assert [p for p in blobs.root.rglob("*") if p.is_file()] == []


def test_verify_notices_a_damaged_object_and_put_repairs_it(blobs):
    path = blobs.put(DATA).path
    os.chmod(path, 0o600)
    path.write_bytes(b"tampered")

    assert not blobs.verify(SHA)
    repaired = blobs.put(DATA)

    assert repaired.created and blobs.verify(SHA) and blobs.read(SHA) == DATA


def test_missing_objects(blobs):
    missing = hashlib.sha256(b"never stored").hexdigest()

    assert not blobs.exists(missing) and not blobs.verify(missing)
    with pytest.raises(FileNotFoundError):
        blobs.read(missing)


def test_an_empty_file_has_a_sha256_too(blobs):
    stored = blobs.put(b"")

    assert stored.sha256 == hashlib.sha256(b"").hexdigest() and blobs.read(stored.sha256) == b""


@pytest.mark.parametrize(
    "sha",
    ["../" * 21 + "x", "../../etc/passwd", SHA.upper(), SHA[:-1], SHA + "0", "",
     SHA[:62] + "/x", "g" * 64, SHA[:63] + "\n"],
)
def test_anything_but_64_lower_case_hex_digits_is_refused_before_touching_a_path(blobs, sha):
    with pytest.raises(ValueError):
        blobs.path(sha)
    with pytest.raises(ValueError):
        blobs.exists(sha)
    with pytest.raises(ValueError):
        blobs.read(sha)
    with pytest.raises(ValueError):
        check_sha256(sha)


def test_sweep_removes_temp_files_a_kill_left_and_keeps_every_object(blobs):
    stored = blobs.put(DATA)
    left = stored.path.parent / ".tmp-abc123"
    left.write_bytes(b"half a fi")
    elsewhere = blobs.objects / "ff" / "ee"
    elsewhere.mkdir(parents=True)
    (elsewhere / ".tmp-zzz").write_bytes(b"")
    assert blobs.sweep_temp() == 2
    assert not left.exists() and not (elsewhere / ".tmp-zzz").exists()
    assert blobs.verify(SHA)


def test_sweep_of_a_store_not_yet_created_removes_nothing(tmp_path):
    assert BlobStore(tmp_path / "none").sweep_temp() == 0
