"""Which failures mean "the database is away" (waited out) and which are real errors."""

from __future__ import annotations

from asyncpg.exceptions import InterfaceError as DriverInterfaceError
from sqlalchemy.exc import IntegrityError

from zi_core.db.health import database_away


def test_a_pooled_postgresql_connection_found_closed_is_the_database_away():
    # Seen in CI: the link was cut while the pool handed out a connection; asyncpg's own
    # error reached the inbox unwrapped and ended the bot instead of being waited out.
    assert database_away(DriverInterfaceError("connection is closed"))


def test_a_refused_connection_is_the_database_away():
    assert database_away(ConnectionRefusedError(111, "Connect call failed"))


def test_a_broken_rule_is_not_the_database_away():
    assert not database_away(IntegrityError("INSERT", {}, Exception("unique")))
    assert not database_away(ValueError("bad value"))
