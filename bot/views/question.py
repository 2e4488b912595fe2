"""The screen of one LKE question: text, option criteria, the answer so far, evidence."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import _, number
from bot.keyboards import Buttons, markup
from bot.views.common import crumbs
from bot.views.html import Html, html
from zi_core.domain.penilaian import AssessmentDTO
from zi_core.lke import AnswerType, Question
from zi_core.lke.model import Lke


def answer_text(question: Question, answer: AssessmentDTO | None) -> Html:
    """An answer as people read it: the option key, or the percentage with its inputs."""
    if answer is None:
        return html("{text}", text=_("belum dijawab"))
    if question.answer_type is AnswerType.PERSEN:
        from fractions import Fraction

        percent = number(Fraction(answer.answer) * 100)
        shown = ", ".join(f"{label.label}: {(answer.inputs or {}).get(label.key, '—')}"
                          for label in question.inputs)
        return html("{percent}% ({shown})", percent=percent, shown=shown)
    return html("<b>{answer}</b>", answer=answer.answer)


def body(lke: Lke, unit_name: str, question: Question, claim: AssessmentDTO | None,
         evidence_count: int) -> str:
    """The question with everything needed to answer it."""
    indicator = lke.indicator(question.indicator_id)
    area = lke.area(indicator.area_key) if indicator else None
    lines = [crumbs(unit_name, area.name if area else "", indicator.name if indicator else ""),
             html("<b>{id}</b> {text}", id=question.id, text=question.text), ""]
    if question.answer_type.has_options:
        lines += options(question)
    elif question.answer_type is AnswerType.PERSEN:
        lines.append(_("Diisi dengan angka:"))
        lines += inputs(question)
    lines += ["", html(_("Jawaban unit: {answer}"), answer=answer_text(question, claim)),
              _("Bukti dukung: {count} berkas").format(count=evidence_count)]
    return "\n".join(lines)


def options(question: Question) -> list[Html]:
    """`<b>A</b> — criterion`, one line per option."""
    return [html("<b>{key}</b> — {text}", key=o.key, text=o.text) for o in question.options]


def inputs(question: Question) -> list[Html]:
    """`• label`, one line per number a percentage question asks for."""
    return [html("• {label}", label=i.label) for i in question.inputs]


def option_rows(question: Question, buttons: Buttons, action: str,
                *args: object) -> list[list[InlineKeyboardButton]]:
    """The answer buttons: one per option, or "type the numbers" for a percentage."""
    if question.answer_type.has_options:
        return [[buttons.button(o.key, action, *args, question.id, o.key)
                 for o in question.options]]
    return [[buttons.button(_("✏️ Isi angka"), action + "n", *args, question.id)]]


def indicator_questions(lke: Lke, unit_name: str, indicator_id: str,
                        claims: dict[str, AssessmentDTO], buttons: Buttons
                        ) -> tuple[str, InlineKeyboardMarkup]:
    """The questions of an indicator with the unit's answers (penilaian mandiri)."""
    indicator = lke.indicator(indicator_id)
    assert indicator is not None
    lines = [crumbs(unit_name, _("Penilaian mandiri"), indicator.name)]
    rows = []
    for question in indicator.questions:
        claim = claims.get(question.id)
        mark = "✅" if claim else "⬜"
        lines.append(html("{mark} <b>{id}</b> {text}", mark=mark, id=question.id,
                          text=question.text[:150]))
        rows.append([buttons.button(f"{mark} {question.id}", "saq", question.id)])
    rows.append([buttons.back("rai", indicator_id)])
    return "\n".join(lines), markup(rows)


def ask_number(question: Question, index: int) -> str:
    """The prompt for the `index`-th number of a percentage question."""
    return html(_("{id} — angka {n} dari {total}: tulis <b>{label}</b> (bilangan bulat), atau "
                  "/batal."), id=question.id, n=index + 1, total=len(question.inputs),
                label=question.inputs[index].label)


def number_refused(reason: str, question: Question, index: int) -> str:
    """Why a typed number was not taken, and the prompt again."""
    text = (_("Angka di luar batas (0 sampai 999.999.999).") if reason == "range"
            else _("Tulis bilangan bulat tanpa huruf, misalnya 12."))
    return text + "\n" + ask_number(question, index)
