"""The worksheet a screen works with: a unit's evaluation's LKE, and a question of it named by a
button (one that names a question the worksheet no longer has is stale)."""

from __future__ import annotations

from bot.context import ZiContext
from bot.refusal import Stale
from zi_core.lke import Lke, Question
from zi_core.services import lke_versions


async def lke_for_unit(context: ZiContext, unit_id: int) -> Lke:
    """The worksheet the unit's evaluation is scored with (the one in force before the unit
    has an evaluation): what every screen about that evaluation shows and scores."""
    async with context.reading() as session:
        return await lke_versions.for_evaluation(session, unit_id, context.lke)


def question_named(lke: Lke, question_id: str) -> Question:
    """A question of `lke`; a button naming another is stale."""
    found = lke.question(question_id)
    if found is None:
        raise Stale(question_id)
    return found
