"""The migrations build exactly the models' schema, and can be undone and redone."""

from zi_core.db import migrate


async def test_models_agree_with_migrations(db_url):
    await migrate.upgrade(db_url)

    assert await migrate.current_revision(db_url) == migrate.head_revision()
    assert await migrate.pending_changes(db_url) == []


async def test_downgrade_to_base_then_upgrade_round_trips(db_url):
    await migrate.upgrade(db_url)
    await migrate.downgrade(db_url, "base")

    assert await migrate.current_revision(db_url) is None

    await migrate.upgrade(db_url)
    assert await migrate.current_revision(db_url) == migrate.head_revision()
    assert await migrate.pending_changes(db_url) == []


async def test_an_unmigrated_database_differs_from_the_models(db_url):
    diffs = await migrate.pending_changes(db_url)

    added = {diff[1].name for diff in diffs if diff[0] == "add_table"}
    assert {"unit_kerja", "app_user", "audit_event", "inbox_update"} <= added


def test_migration_files_live_inside_the_package():
    files = {path.name for path in migrate.MIGRATIONS_DIR.rglob("*") if path.is_file()}

    assert {"env.py", "script.py.mako", "0001_initial.py"} <= files
