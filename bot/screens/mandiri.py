"""The penilaian mandiri question screen, shown after an upload too."""

from __future__ import annotations

from bot.context import ZiContext
from bot.i18n import _
from bot.keyboards import markup
from bot.screens.unit import my_unit
from bot.views import question as view
from zi_core.db.repositories import evidence
from zi_core.lke import Question
from zi_core.services import penilaian


async def _claims(context: ZiContext, unit_id: int):
    async with context.reading() as session:
        claims = await penilaian.unit_claims(session, unit_id)
        counts = await evidence.count_by_question(session, unit_id)
    return claims, counts


async def question_screen(context: ZiContext, question: Question) -> tuple:
    """A question as the unit answers it."""
    unit = await my_unit(context)
    claims, counts = await _claims(context, unit.id)
    buttons = context.buttons
    count = counts.get(question.id, 0)
    rows = view.option_rows(question, buttons, "saa")
    files = [buttons.button(_("📎 Unggah bukti"), "evup", "q", question.id)]
    if count:
        files.append(buttons.button(_("📂 Lihat bukti ({count})").format(count=count), "evls",
                                    "q", question.id))
    rows += [files, [buttons.button(_("❓ Penjelasan"), "lkeq", question.id),
                     buttons.back("sa", question.indicator_id)]]
    text = view.body(context.lke, unit.name, question, claims.get(question.id), count)
    return text, markup(rows)
