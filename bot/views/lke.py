"""The LKE explained: areas, indicators and each question with its options ("Penjelasan").

The worksheet's own texts (questions, criteria) are the Inspektur's official Indonesian and
are shown as they are in both languages; only the frame around them is translated.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import _, number
from bot.keyboards import Buttons, markup
from bot.views.html import html
from zi_core.lke import AnswerType, Lke, Question
from zi_core.lke.model import Area, Indicator


def areas(lke: Lke, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """The six areas of change."""
    text = "\n".join([_("<b>Penjelasan LKE</b> (versi {version})").format(version=lke.version),
                      _("Pilih area perubahan:")])
    rows = [[buttons.button(f"{area.number}. {area.name}", "lkea", area.key, 0)]
            for area in lke.areas]
    rows.append([buttons.back()])
    return text, markup(rows)


def area(area: Area, page: int, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """An area's indicators, Pemenuhan then Reform."""
    indicators = [i for half in area.halves for i in half.indicators]
    text = "\n".join([html(_("<b>Penjelasan LKE</b> › {area}"), area=area.name),
                      _("Pilih indikator:")])
    rows = buttons.page(indicators, page, lambda i: buttons.button(
        f"{i.id} {i.name}"[:60], "lkei", i.id), "lkea", area.key)
    rows.append([buttons.back("lke")])
    return text, markup(rows)


def indicator(area: Area, indicator: Indicator, buttons: Buttons
              ) -> tuple[str, InlineKeyboardMarkup]:
    """An indicator with its weight and its questions."""
    lines = [html(_("<b>Penjelasan LKE</b> › {area} › {indicator}"), area=area.name,
                  indicator=indicator.name),
             _("Bobot indikator: {weight}").format(weight=number(indicator.weight))]
    lines += [html("<b>{id}</b> {text}", id=q.id, text=q.text) for q in indicator.questions]
    rows = [[buttons.button(_("❓ {id}").format(id=q.id), "lkeq", q.id)]
            for q in indicator.questions]
    rows.append([buttons.back("lkea", area.key, 0)])
    return "\n".join(lines), markup(rows)


def question(question: Question, buttons: Buttons) -> tuple[str, InlineKeyboardMarkup]:
    """One question: its text, how it is answered, each option's criterion, the explanation."""
    lines = [html(_("<b>Penjelasan {id}</b>"), id=question.id),
             html("{text}", text=question.text), ""]
    if question.answer_type.has_options:
        lines.append(_("Pilihan jawaban:"))
        lines += [html("<b>{key}</b> ({value}) — {text}", key=o.key, value=number(o.value),
                       text=o.text) for o in question.options]
    elif question.answer_type is AnswerType.PERSEN:
        lines.append(_("Jawaban berupa persentase, dihitung dari:"))
        lines += [html("• {label}", label=i.label) for i in question.inputs]
    if question.explanation:
        lines += ["", _("<b>Penjelasan:</b>"), html("{text}", text=question.explanation)]
    rows = [[buttons.back("lkei", question.indicator_id)]]
    return "\n".join(lines), markup(rows)
