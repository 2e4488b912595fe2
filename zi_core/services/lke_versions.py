"""Putting a new LKE version in force without a release (Perbup 49/2022 Pasal 7(4)).

An installed file is validated like the bundled one (and may not carry the Lampiran II
thresholds); the newest installed version is in force, the bundled file when none is.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, evaluations
from zi_core.db.repositories import lke_versions as repo
from zi_core.lke import LkeError, load_lke
from zi_core.lke.diff import preview
from zi_core.lke.loader import parse_lke, parse_mapping
from zi_core.lke.model import Lke


@lru_cache(maxsize=8)
def parse_text(text: str) -> Lke:
    """The validated worksheet in an LKE file's text; `LkeError` with one line if not."""
    return parse_lke(parse_mapping(text, "berkas LKE"))


async def in_force(session: AsyncSession) -> Lke:
    """The LKE version in force: the newest installed one, else the bundled file."""
    installed = await repo.in_force(session)
    return load_lke() if installed is None else parse_text(installed.text)


async def lke_of_version(session: AsyncSession, version: str | None) -> Lke:
    """The worksheet labelled `version` (installed or bundled); the one in force for None."""
    if version is None:
        return await in_force(session)
    bundled = load_lke()
    if version == bundled.version:
        return bundled
    installed = await repo.by_version(session, version)
    return await in_force(session) if installed is None else parse_text(installed.text)


async def for_evaluation(session: AsyncSession, unit_id: int) -> Lke:
    """The worksheet the unit's evaluation is scored with; the one in force if none exists."""
    found = await evaluations.get(session, unit_id)
    return await lke_of_version(session, found.lke_version if found else None)


async def preview_install(session: AsyncSession, text: str) -> tuple[Lke, str]:
    """Validate `text` and describe what it changes against the version in force."""
    new = parse_text(text)
    current = await in_force(session)
    if new.version == current.version or await repo.by_version(session, new.version):
        raise LkeError(f"versi {new.version} sudah terpasang; beri label versi baru")
    return new, preview(current, new)


async def install(session: AsyncSession, text: str, *, user_id: int | None = None,
                  telegram_id: int | None = None) -> repo.LkeVersionDTO:
    """Validate `text`, store it as the version in force, and audit the install."""
    new, _ = await preview_install(session, text)
    stored = await repo.install(session, new.version, text, user_id=user_id,
                                telegram_id=telegram_id)
    await audit.append(session, action="lke.installed", entity="lke_version",
                       entity_id=stored.id, actor_user_id=user_id,
                       actor_telegram_id=telegram_id,
                       payload={"version": stored.version, "sha256": stored.sha256})
    return stored
