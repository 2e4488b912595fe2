"""The per-update context: who is asking (loaded by the gate) and one transaction per update.

Handlers write through `context.transaction()`: it commits before the handler answers, and
in the same transaction marks the update applied in the durable inbox, so a replay after a
crash between that commit and the reply knows the change is already in
(`context.already_applied`) and only answers again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.keyboards import Buttons
from bot.settings import Settings
from zi_core.db.repositories import inbox, users
from zi_core.domain.people import UserDTO
from zi_core.lke.model import Lke

SESSIONS = "sessions"
LKE = "lke"
"""The bundled worksheet, in force when none is installed."""
SETTINGS = "settings"
APPLIED = "applied_updates"
NOTICE_WAKE = "notice_wake"
"""The event that wakes the notice sender (bot.outbox) when a commit owes notices."""
OWED = "owes_notices"
"""Set in a session's info by bot.outbox.owe: its commit owes notices."""


class ZiContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext plus the caller (`me`), the LKE in force, the update id and the database."""

    def __init__(self, application: Application, chat_id: int | None = None,
                 user_id: int | None = None) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.me: UserDTO | None = None
        self.installed_lke: Lke | None = None
        """The worksheet installed in the database (read by the gate), if any."""
        self.update_id: int | None = None
        self.already_applied = False

    @property
    def lke(self) -> Lke:
        """The worksheet version in force for this update (installed, else the bundled file)."""
        return self.installed_lke if self.installed_lke is not None else self.bot_data[LKE]

    @property
    def buttons(self) -> Buttons:
        """Buttons signed for the caller."""
        assert self.me is not None
        return Buttons(self.signing_key, self.me.telegram_id)

    @property
    def settings(self) -> Settings:
        return self.bot_data[SETTINGS]

    @property
    def sessions(self) -> async_sessionmaker:
        return self.bot_data[SESSIONS]

    def today(self) -> date:
        """Today in the bot's time zone (Asia/Pontianak unless configured otherwise)."""
        return datetime.now(self.settings.zone).date()

    @property
    def signing_key(self) -> bytes:
        return self.settings.signing_key()

    @asynccontextmanager
    async def transaction(self, *, answered: bool = False) -> AsyncIterator[AsyncSession]:
        """One committed transaction for this update's changes (marks the update applied);
        `answered`: the change answers the caller's waiting prompt, which it forgets with it."""
        async with self.sessions() as session:
            async with session.begin():
                yield session
                if answered and self.me is not None:
                    self.me = await users.set_pending_input(session, self.me.id, None)
                if self.update_id is not None:
                    await inbox.mark_applied(session, self.update_id)
            if session.info.get(OWED):
                wake = self.bot_data.get(NOTICE_WAKE)
                if wake is not None:
                    wake.set()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A short transaction that only reads."""
        async with self.sessions() as session, session.begin():
            yield session


def applied_updates(application: Application) -> set[int]:
    """Update ids being replayed whose changes were already committed."""
    return application.bot_data.setdefault(APPLIED, set())


def context_types() -> Any:
    """ContextTypes for the application builder."""
    from telegram.ext import ContextTypes

    return ContextTypes(context=ZiContext)
