"""People and how they get a role: users and single-use invites."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from zi_core.db.models.base import NAME_LENGTH, Base, created_at_column
from zi_core.db.types import UtcDateTime, sql_in
from zi_core.domain.roles import UNIT_ROLES, Role

# Unit roles (leader, staff) belong to exactly one unit; every other role to none.
UNIT_ROLE_CHECK = f"({sql_in('role', UNIT_ROLES)}) = (unit_id IS NOT NULL)"


class User(Base):
    """A Telegram user known to the bot, with one role."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(sql_in("role", Role), name="role"),
        CheckConstraint(UNIT_ROLE_CHECK, name="unit_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    full_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    nip: Mapped[str | None] = mapped_column(String(18))
    jabatan: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    onboarding_step: Mapped[str | None] = mapped_column(String(32))
    # What the user's next typed text or file answers ("target:42", "evidence:item:7"), kept
    # in the database so a restart never forgets it; expired lazily after a while.
    pending_input: Mapped[str | None] = mapped_column(String(96))
    pending_input_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = created_at_column()
    deactivated_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Invite(Base):
    """A single-use, expiring deep-link code that gives its redeemer a role."""

    __tablename__ = "invite"
    __table_args__ = (
        CheckConstraint(sql_in("role", Role), name="role"),
        CheckConstraint(UNIT_ROLE_CHECK, name="unit_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"))
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = created_at_column()
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    used_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
