"""`zi-bot db upgrade`, `unit add|list`, `import units` and `invite create|list|revoke` on a
real database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.cli.main import main
from zi_core.db import create_engine, migrate, session_factory
from zi_core.db.models import Invite
from zi_core.db.repositories import audit, invites, units
from zi_core.domain.errors import InviteInvalid
from zi_core.domain.roles import Role


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `zi-bot …` against `db_url`; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("BOT_USERNAME", raising=False)

    async def run(*argv: str) -> tuple[int, str, str]:
        code = await asyncio.to_thread(main, list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


async def _units(url: str) -> list[units.UnitDTO]:
    await migrate.upgrade(url)
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return await units.list_all(session)
    finally:
        await engine.dispose()


async def test_db_upgrade_brings_an_empty_database_to_head(cli, db_url):
    code, out, _ = await cli("db", "upgrade")
    assert code == 0
    assert migrate.head_revision() in out
    assert await migrate.current_revision(db_url) == migrate.head_revision()


async def test_unit_add_then_list_shows_it(cli, db_url):
    code, out, _ = await cli("unit", "add", "--code", "dinkes", "--name", "Dinas Kesehatan")
    assert (code, out.strip()) == (0, "unit DINKES — Dinas Kesehatan terdaftar")
    code, out, _ = await cli("unit", "list")
    assert code == 0
    assert out.split() == ["DINKES", "terdaftar", "Dinas", "Kesehatan"]
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session:
            events = await audit.events_for(session, "unit", "1")
    finally:
        await engine.dispose()
    assert [event.action for event in events] == ["unit.added"]


async def test_unit_add_twice_is_refused_in_one_line(cli, db_url):
    await cli("unit", "add", "--code", "DINKES", "--name", "Dinas Kesehatan")
    code, out, err = await cli("unit", "add", "--code", "DINKES", "--name", "Lain")
    assert code == 2 and out == ""
    assert err == "zi-bot: kode unit DINKES sudah terdaftar\n"
    assert [u.name for u in await _units(db_url)] == ["Dinas Kesehatan"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--code", "a b", "--name", "X"], "kode 'a b' tidak sah"),
    (["--code", "X", "--name", "  "], "nama unit kosong"),
    (["--code", "X", "--name", "Y", "--headcount", "dua"], "jumlah pegawai 'dua'"),
])
async def test_unit_add_with_bad_fields_says_which(cli, db_url, argv, message):
    code, _, err = await cli("unit", "add", *argv)
    assert code == 2
    assert message in err and len(err.splitlines()) == 1
    assert await _units(db_url) == []


async def test_unit_list_of_an_empty_regency_says_how_to_add(cli):
    code, out, _ = await cli("unit", "list")
    assert code == 0 and "zi-bot unit add" in out


async def test_import_units_registers_every_row(cli, db_url, tmp_path: Path):
    path = tmp_path / "units.csv"
    path.write_text("\ufeffkode,nama,jumlah_pegawai\nDISDIK,Dinas Pendidikan,120\n"
                    "\nbappeda,\"Badan Perencanaan, Riset\",\n", encoding="utf-8")
    code, out, _ = await cli("import", "units", str(path))
    assert code == 0 and out.startswith("2 unit diimpor")
    found = {u.code: (u.name, u.headcount) for u in await _units(db_url)}
    assert found == {"DISDIK": ("Dinas Pendidikan", 120),
                     "BAPPEDA": ("Badan Perencanaan, Riset", None)}


@pytest.mark.parametrize(("content", "message"), [
    ("nama\nDinas\n", "baris 1: kepala kolom"),
    ("code,name\nOK,Baik\nBA D,Buruk\n", "baris 3: kode 'BA D' tidak sah"),
    ("code,name\nA,Satu\na,Dua\n", "baris 3: kode A sudah ada di baris 2"),
    ("code,name,headcount\nA,Satu,-3\n", "baris 2: jumlah pegawai '-3'"),
    ("code,name\n", "tidak berisi satu unit pun"),
])
async def test_import_units_refuses_a_bad_file_whole(cli, db_url, tmp_path, content, message):
    path = tmp_path / "units.csv"
    path.write_text(content, encoding="utf-8")
    code, _, err = await cli("import", "units", str(path))
    assert code == 2 and message in err and len(err.splitlines()) == 1
    assert await _units(db_url) == []


async def test_import_units_with_a_code_already_registered_imports_nothing(cli, db_url,
                                                                          tmp_path):
    await cli("unit", "add", "--code", "B", "--name", "Bee")
    path = tmp_path / "units.csv"
    path.write_text("code,name\nA,Ay\nB,Bee again\n", encoding="utf-8")
    code, _, err = await cli("import", "units", str(path))
    assert code == 2 and "kode B sudah terdaftar; tidak ada unit yang diimpor" in err
    assert [u.code for u in await _units(db_url)] == ["B"]


async def test_import_units_of_a_missing_or_binary_file(cli, tmp_path):
    code, _, err = await cli("import", "units", str(tmp_path / "none.csv"))
    assert code == 2 and "tidak dapat dibaca" in err
    binary = tmp_path / "units.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    code, _, err = await cli("import", "units", str(binary))
    assert code == 2 and "bukan teks UTF-8" in err


async def test_invite_create_for_staff_prints_a_code_that_redeems_to_the_unit(cli, db_url,
                                                                             monkeypatch):
    await cli("unit", "add", "--code", "DINKES", "--name", "Dinas Kesehatan")
    monkeypatch.setenv("BOT_USERNAME", "@zi_bot")
    code, out, _ = await cli("invite", "create", "--role", "staff", "--unit", "dinkes")
    assert code == 0
    invite_code = out.splitlines()[0].split(": ")[1]
    assert f"https://t.me/zi_bot?start={invite_code}" in out
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            result = await invites.redeem(session, invite_code, telegram_id=555)
    finally:
        await engine.dispose()
    assert result.user.role == "staff"
    assert result.user.unit_id == (await _units(db_url))[0].id


async def test_invite_create_without_a_username_tells_the_start_command(cli):
    code, out, _ = await cli("invite", "create", "--role", "tpi_chair", "--days", "2")
    assert code == 0 and "/start " in out and "berlaku 2 hari" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--role", "staff"], "memerlukan unit"),
    (["--role", "staff", "--unit", "NOPE"], "unit 'NOPE' tidak terdaftar"),
    (["--role", "admin", "--unit", "DINKES"], "tidak terikat pada unit"),
    (["--role", "raja"], "peran tidak dikenal"),
    (["--role", "admin", "--days", "0"], "masa berlaku"),
    (["--role", "admin", "--days", "x"], "invalid int value"),
])
async def test_invite_create_refuses_what_cannot_be(cli, db_url, argv, message):
    await cli("unit", "add", "--code", "DINKES", "--name", "Dinas Kesehatan")
    code, out, err = await cli("invite", "create", *argv)
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1


async def test_an_unreachable_database_is_one_line(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/none")
    code = await asyncio.to_thread(main, ["unit", "list"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("zi-bot: basis data tidak dapat dipakai")
    assert len(err.splitlines()) == 1


async def test_invite_list_shows_what_can_be_used_and_revoke_makes_it_unusable(cli, db_url):
    code, out, _ = await cli("invite", "list")
    assert code == 0 and "tidak ada undangan aktif" in out
    await cli("unit", "add", "--code", "DINKES", "--name", "Dinas Kesehatan")
    _, made, _ = await cli("invite", "create", "--role", "staff", "--unit", "DINKES")
    staff_code = made.splitlines()[0].split(": ")[1]
    _, made, _ = await cli("invite", "create", "--role", "admin", "--days", "1")
    admin_code = made.splitlines()[0].split(": ")[1]

    code, out, _ = await cli("invite", "list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith(admin_code) and " admin " in lines[0]  # soonest to expire
    assert lines[1].startswith(staff_code) and "DINKES" in lines[1] and "WIB" in lines[1]
    assert "oleh baris perintah" in lines[1]

    code, out, err = await cli("invite", "revoke", admin_code)
    assert code == 0 and "dicabut" in out and err == ""
    code, out, _ = await cli("invite", "list")
    assert out.splitlines() == [lines[1]]
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session:
            admin_invite = await invites.get_by_code(session, admin_code)
            trail = await audit.events_for(session, "invite", admin_invite.id)
        with pytest.raises(InviteInvalid) as caught:
            async with session_factory(engine)() as session, session.begin():
                await invites.redeem(session, admin_code, telegram_id=556)
    finally:
        await engine.dispose()
    assert caught.value.reason == "revoked"
    assert [e.action for e in trail] == ["invite.created", "invite.revoked"]


@pytest.mark.parametrize("state", ["unknown", "revoked", "used"])
async def test_invite_revoke_of_what_cannot_be_revoked_is_one_line(cli, db_url, state):
    _, made, _ = await cli("invite", "create", "--role", "admin")
    invite_code = made.splitlines()[0].split(": ")[1]
    if state == "unknown":
        invite_code = "tidak-ada"
    elif state == "revoked":
        await cli("invite", "revoke", invite_code)
    else:
        engine = create_engine(db_url)
        try:
            async with session_factory(engine)() as session, session.begin():
                await invites.redeem(session, invite_code, telegram_id=557)
        finally:
            await engine.dispose()
    code, out, err = await cli("invite", "revoke", "--", invite_code)
    expected = {"unknown": "tidak dikenal", "revoked": "sudah dicabut", "used": "sudah dipakai"}
    assert code == 2 and out == "" and expected[state] in err and len(err.splitlines()) == 1


async def test_a_code_is_never_taken_for_an_option_and_an_old_one_goes_after_two_dashes(
        cli, db_url, monkeypatch):
    assert not any(invites.new_code().startswith("-") for _ in range(2000))
    drawn = iter(["-older-code-from-before", "plain-code"])
    with monkeypatch.context() as patch:
        patch.setattr(invites.secrets, "token_urlsafe", lambda _size: next(drawn))
        assert invites.new_code() == "plain-code"
    await migrate.upgrade(db_url)
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            row = await invites.create(session, role=Role.ADMIN)
            await session.execute(update(Invite).where(Invite.id == row.id)
                                  .values(code="-older-code-from-before"))
    finally:
        await engine.dispose()
    code, out, _ = await cli("invite", "revoke", "--", "-older-code-from-before")
    assert code == 0 and "dicabut" in out
