"""Column types that behave the same on SQLite and PostgreSQL.

`UtcDateTime` refuses naive datetimes and always loads aware UTC (SQLite stores text and drops
the offset, so values are normalised to UTC before they are stored). `ExactNumeric` keeps
`Decimal` values exact on SQLite, which has no decimal type, and rounds half-up to the
column's scale on both dialects, as PostgreSQL's NUMERIC does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp: aware datetimes in, aware UTC datetimes out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive values; store UTC (naive UTC text on SQLite)."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused: {value!r}; pass an aware datetime")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class ExactNumeric(TypeDecorator[Decimal]):
    """NUMERIC(precision, scale) that returns `Decimal` on both dialects without float drift."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision=precision, scale=scale)
        self.precision = precision
        self.scale = scale
        self._quantum = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """NUMERIC on both; on SQLite read as float so we can rebuild the Decimal."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=False))
        return dialect.type_descriptor(Numeric(self.precision, self.scale))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Round half-up to the scale; refuse floats and values too large for the column."""
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("pass a Decimal, int or str, not a float")
        exact = Decimal(value).quantize(self._quantum, rounding=ROUND_HALF_UP)
        if exact and exact.adjusted() >= self.precision - self.scale:
            raise ValueError(f"{value} does not fit NUMERIC({self.precision}, {self.scale})")
        return float(exact) if dialect.name == "sqlite" else exact

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Return a Decimal with exactly `scale` places."""
        if value is None:
            return None
        return Decimal(str(value)).quantize(self._quantum, rounding=ROUND_HALF_UP)


def sql_in(column: str, values: type[StrEnum] | tuple[StrEnum, ...]) -> str:
    """The SQL text `column IN ('a', 'b')` for a CHECK constraint over enum values."""
    quoted = ", ".join(f"'{member.value}'" for member in values)
    return f"{column} IN ({quoted})"
