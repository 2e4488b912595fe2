"""`zi-bot backup` and `zi-bot restore` on PostgreSQL: pg_dump out, pg_restore back in, and a
tampered dump refused before the database is touched."""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.cli.backup_manifest import MANIFEST, PG_FILE, sha256_of, signature
from bot.cli.main import main
from tests.db.fixtures import postgres_admin_url
from zi_core.db import migrate

pytestmark = pytest.mark.postgres
KEY = "kunci-audit-uji"


async def _codes(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return set((await conn.execute(text("SELECT code FROM unit_kerja"))).scalars())
    finally:
        await engine.dispose()


async def _add_unit(url: str, code: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO unit_kerja (code, name, status, created_at) "
                "VALUES (:code, :code, 'terdaftar', now())"), {"code": code})
    finally:
        await engine.dispose()


@pytest.fixture
async def postgres_own_database() -> AsyncIterator[str]:
    """A throwaway database of its own, as a deployment has (pg_dump takes a whole database,
    so the shared test database with every other test's schema would not do)."""
    admin_url = postgres_admin_url()
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"zi_backup_{secrets.token_hex(4)}"
    try:
        try:
            async with admin.connect() as conn:
                await conn.exec_driver_sql(f"CREATE DATABASE {name}")
        except OSError as exc:
            pytest.skip(f"PostgreSQL not reachable: {exc}")
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.dispose()


@pytest.fixture
async def pg_site(postgres_own_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    postgres_url = postgres_own_database
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    monkeypatch.setenv("EVIDENCE_DIR", str(tmp_path / "live" / "evidence"))
    monkeypatch.setenv("AUDIT_KEY", KEY)
    await migrate.upgrade(postgres_url)
    await _add_unit(postgres_url, "DINKES")
    data = b"%PDF-1.4 bukti\n%%EOF\n"
    sha = hashlib.sha256(data).hexdigest()
    objects = tmp_path / "live" / "evidence" / "objects" / sha[:2] / sha[2:4]
    objects.mkdir(parents=True)
    (objects / sha).write_bytes(data)
    return postgres_url, tmp_path


async def test_a_postgresql_backup_restores_over_the_live_database(pg_site, capsys):
    url, site = pg_site
    assert await asyncio.to_thread(main, ["backup", str(site / "copy")]) == 0
    manifest = json.loads((site / "copy" / "manifest.json").read_text())
    assert manifest["database"] == "postgresql" and len(manifest["signature"]) == 64
    await _add_unit(url, "LATER")
    assert await _codes(url) == {"DINKES", "LATER"}

    assert await asyncio.to_thread(main, ["restore", "--force", str(site / "copy")]) == 0

    assert await _codes(url) == {"DINKES"}  # the database is the backup's again
    files = [p for p in (site / "live" / "evidence").rglob("*") if p.is_file()]
    assert len(files) == 1


@pytest.mark.parametrize("resign", [False, True], ids=["tampered", "truncated-at-source"])
async def test_a_damaged_postgresql_dump_is_refused_and_the_database_untouched(
        pg_site, capsys, resign):
    """A dump changed after the backup fails its SHA-256; one that was cut short when it was
    taken (listed and signed as it is) fails pg_restore's own check. Neither touches the
    database."""
    url, site = pg_site
    assert await asyncio.to_thread(main, ["backup", str(site / "copy")]) == 0
    capsys.readouterr()
    await _add_unit(url, "LATER")
    dump = site / "copy" / PG_FILE
    dump.write_bytes(dump.read_bytes()[:200])
    if resign:
        manifest_path = site / "copy" / MANIFEST
        manifest = json.loads(manifest_path.read_text())
        for entry in manifest["files"]:
            if entry["path"] == PG_FILE:
                entry["sha256"] = sha256_of(dump)
                entry["size"] = dump.stat().st_size
        manifest["signature"] = signature(manifest, KEY.encode())
        manifest_path.write_text(json.dumps(manifest))

    assert await asyncio.to_thread(main, ["restore", "--force", str(site / "copy")]) != 0

    err = capsys.readouterr().err
    assert ("bukan arsip pg_dump" if resign else "tidak cocok dengan manifest") in err, err
    assert await _codes(url) == {"DINKES", "LATER"}
