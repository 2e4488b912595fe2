"""Putting a new LKE version in force without a release (Perbup 49/2022 Pasal 7(4)).

An installed file is validated like the bundled one (and may not carry the Lampiran II
thresholds); the newest installed version is in force, the bundled file when none is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from zi_core.db.repositories import audit, evaluations, users
from zi_core.db.repositories import lke_versions as repo
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, may
from zi_core.lke import LkeError, load_lke
from zi_core.lke.diff import Change, changes, preview
from zi_core.lke.loader import parse_lke, parse_mapping
from zi_core.lke.model import Lke

MAX_FILE_BYTES = 1024 * 1024
"""The largest LKE file accepted (the bundled one is about 115 KB)."""


@lru_cache(maxsize=8)
def parse_text(text: str) -> Lke:
    """The validated worksheet in an LKE file's text; `LkeError` with one line if not."""
    return parse_lke(parse_mapping(text, "berkas LKE"))


async def in_force(session: AsyncSession) -> Lke:
    """The LKE version in force: the newest installed one, else the bundled file."""
    installed = await repo.in_force(session)
    return load_lke() if installed is None else parse_text(installed.text)


async def lke_of_version(session: AsyncSession, version: str | None,
                         current: Lke | None = None) -> Lke:
    """The worksheet labelled `version` (installed or bundled); the one in force for None.

    `current` is the version in force when the caller already read it (saves reading it).
    """
    if current is not None and version in (None, current.version):
        return current
    if version is None:
        return await in_force(session)
    bundled = load_lke()
    if version == bundled.version:
        return bundled
    installed = await repo.by_version(session, version)
    return await in_force(session) if installed is None else parse_text(installed.text)


async def for_evaluation(session: AsyncSession, unit_id: int,
                         current: Lke | None = None) -> Lke:
    """The worksheet the unit's evaluation is scored with; the one in force if none exists."""
    found = await evaluations.get(session, unit_id)
    return await lke_of_version(session, found.lke_version if found else None, current)


async def by_unit(session: AsyncSession, current: Lke) -> dict[int, Lke]:
    """The worksheet of every unit that has an evaluation (the others use `current`, the
    version in force)."""
    labels = await evaluations.lke_versions(session)
    worksheets: dict[str, Lke] = {}
    for label in set(labels.values()):
        worksheets[label] = await lke_of_version(session, label, current)
    return {unit_id: worksheets[label] for unit_id, label in labels.items()}


@dataclass(frozen=True)
class Proposal:
    """A validated LKE file and what it changes against the version in force."""

    current: Lke
    new: Lke
    changes: list[Change]

    def text(self) -> str:
        """The preview as the command line prints it."""
        return preview(self.current, self.new)


class InstallRefused(LkeError):
    """An install that cannot go on; `reason` picks the admin's sentence:

    - "duplicate": the file's version label is installed already (or is the bundled one);
    - "gone": the held file is no longer there (installed, cancelled, or replaced);
    - "moved": another version was put in force after the preview was made;
    - "not_allowed": the caller may not install LKE versions.
    """

    def __init__(self, reason: str, message: str, version: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.version = version
        """The version label the refusal is about (the file's, or the one now in force)."""


async def preview_install(session: AsyncSession, text: str) -> Proposal:
    """Validate `text` and describe what it changes against the version in force."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise LkeError(f"berkas LKE lebih dari {MAX_FILE_BYTES // 1024} KB")
    new = parse_text(text)
    current = await in_force(session)
    if new.version == load_lke().version or await repo.by_version(session, new.version):
        raise InstallRefused("duplicate",
                             f"versi {new.version} sudah terpasang; beri label versi baru",
                             new.version)
    return Proposal(current, new, changes(current, new))


async def install(session: AsyncSession, text: str, *, user_id: int | None = None,
                  telegram_id: int | None = None) -> repo.LkeVersionDTO:
    """Validate `text`, store it as the version in force, and audit the install."""
    proposal = await preview_install(session, text)
    stored = await repo.install(session, proposal.new.version, text, user_id=user_id,
                                telegram_id=telegram_id)
    await audit.append(session, action="lke.installed", entity="lke_version",
                       entity_id=stored.id, actor_user_id=user_id,
                       actor_telegram_id=telegram_id,
                       payload={"version": stored.version, "sha256": stored.sha256,
                                "before": proposal.current.version})
    return stored


async def hold(session: AsyncSession, actor: UserDTO, text: str) -> tuple[Proposal, int]:
    """Validate a file sent in the chat and keep it for the sender's "Pasang"; the preview
    and the id of the held file."""
    admin = await _installer(session, actor)
    proposal = await preview_install(session, text)
    held = await repo.hold(session, admin.id, proposal.new.version, proposal.current.version,
                           text)
    return proposal, held.id


async def install_held(session: AsyncSession, actor: UserDTO,
                       upload_id: int) -> repo.LkeVersionDTO:
    """Put the held file in force (audited like the command line) and forget it."""
    admin = await _installer(session, actor)
    held = await repo.held(session, upload_id)
    if held is None or held.user_id != admin.id:
        raise InstallRefused("gone", "berkas LKE ini tidak lagi menunggu")
    current = await in_force(session)
    if held.based_on != current.version:
        raise InstallRefused("moved", f"LKE {current.version} sudah berlaku sejak pratinjau",
                             current.version)
    stored = await install(session, held.text, user_id=admin.id,
                           telegram_id=admin.telegram_id)
    await repo.drop(session, upload_id)
    return stored


async def drop_held(session: AsyncSession, actor: UserDTO, upload_id: int) -> bool:
    """Forget the sender's held file ("Batal"); True if it was still there."""
    admin = await _installer(session, actor)
    held = await repo.held(session, upload_id)
    return held is not None and held.user_id == admin.id and await repo.drop(session,
                                                                             upload_id)


async def _installer(session: AsyncSession, actor: UserDTO) -> UserDTO:
    fresh = await users.get(session, actor.id)
    if fresh is None or not fresh.active or not may(fresh.role, Permission.INSTALL_LKE):
        raise InstallRefused("not_allowed", "hanya admin yang dapat memasang LKE")
    return fresh
