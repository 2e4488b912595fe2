"""`/nilai`: the TPI scores a unit question by question with one tap each; percentages are
typed; recommendations are written per question; evidence is sent on request."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction
from html import escape

from telegram import Update
from telegram.error import TelegramError

from bot import callback, pending
from bot.actions import Stale, action, refuse_command
from bot.context import ZiContext
from bot.handlers.help import current_lke, question_named
from bot.handlers.menu import buttons_for
from bot.handlers.unit_notify import notify_unit
from bot.i18n import _, number
from bot.keyboards import markup
from bot.messaging import answer, send_text, show
from bot.parsing import ParseError, whole_number
from bot.views import nilai as view
from bot.views.common import crumbs
from bot.views.question import answer_text, ask_number, number_refused
from zi_core.db.dto import UnitDTO
from zi_core.db.errors import NotFound
from zi_core.db.repositories import evidence, users
from zi_core.domain.roles import Permission, may
from zi_core.lke import Question
from zi_core.services import assignments, evaluasi, layar_tpi, prasyarat
from zi_core.services.rencana_aksi import area_of

MAX_INPUT = 999_999_999


async def evaluable_unit(context: ZiContext, unit_id: int) -> UnitDTO:
    """A unit the caller may evaluate (NotFound otherwise, so nothing leaks)."""
    me = context.me
    assert me is not None
    async with context.reading() as session:
        unit = await assignments.unit_to_evaluate(session, me, unit_id)
    if unit is None:
        raise NotFound("unit", unit_id)
    return unit


async def units_screen(context: ZiContext) -> tuple:
    me = context.me
    assert me is not None
    lke = current_lke(context)
    async with context.reading() as session:
        found = [(u, *await evaluasi.progress(session, lke, u.id, me.id))
                 for u in await assignments.evaluable_units(session, me)]
    return view.units(found, buttons_for(context))


async def nilai_command(update: Update, context: ZiContext) -> None:
    """`/nilai`."""
    if not await refuse_command(update, context, Permission.SCORE):
        assert update.effective_message is not None
        text, keyboard = await units_screen(context)
        await update.effective_message.reply_text(text, reply_markup=keyboard)


@action("nilai", Permission.SCORE)
async def units_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await units_screen(context))


async def unit_screen(context: ZiContext, unit_id: int) -> tuple:
    """The unit's scoring home."""
    me = context.me
    assert me is not None
    unit = await evaluable_unit(context, unit_id)
    lke = current_lke(context)
    async with context.reading() as session:
        done, total = await evaluasi.progress(session, lke, unit.id, me.id)
        final = await evaluasi.is_final(session, unit.id)
        chair = may(me.role, Permission.ASSIGN_EVALUATORS)
        split = len(await evaluasi.disagreements(session, lke, unit.id)) if chair else 0
    return view.unit(unit, done, total, final, split, may(me.role, Permission.FINALISE),
                     chair, buttons_for(context))


@action("nu", Permission.SCORE)
async def unit_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await unit_screen(context, pressed.int_arg(0)))


async def _mine(context: ZiContext, unit_id: int) -> dict:
    me = context.me
    assert me is not None
    async with context.reading() as session:
        return await layar_tpi.answered_by(session, unit_id, me.id)


@action("np", Permission.SCORE)
async def part_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Pemenuhan or Reform."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    key = pressed.arg(1)
    if key not in view.PARTS:
        raise Stale(key)
    await show(update.callback_query, *view.part(unit, current_lke(context), key,
                                                 await _mine(context, unit.id),
                                                 buttons_for(context)))


@action("na", Permission.SCORE)
async def half_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """A half-area's indicators."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    lke = current_lke(context)
    if not any(h.id == pressed.arg(1) for h in lke.halves()):
        raise Stale(pressed.arg(1))
    await show(update.callback_query, *view.half(unit, lke, pressed.arg(1),
                                                 await _mine(context, unit.id),
                                                 buttons_for(context)))


async def _indicator_screen(context: ZiContext, unit: UnitDTO, indicator_id: str) -> tuple:
    lke = current_lke(context)
    indicator = lke.indicator(indicator_id)
    if indicator is None:
        raise Stale(indicator_id)
    mine = await _mine(context, unit.id)
    buttons = buttons_for(context)
    rows = [[buttons.button(f"{'✅' if q.id in mine else '⬜'} {q.id}", "nq", unit.id, q.id)]
            for q in indicator.questions]
    half_id = next(h.id for h in lke.halves() if indicator in h.indicators)
    rows.append([buttons.back("na", unit.id, half_id)])
    lines = [crumbs(unit.name, indicator.name)]
    lines += [f"{'✅' if q.id in mine else '⬜'} <b>{q.id}</b> "
              f"{answer_text(q, mine.get(q.id))}" for q in indicator.questions]
    return "\n".join(lines), markup(rows)


@action("ni", Permission.SCORE)
async def indicator_button(update: Update, context: ZiContext,
                           pressed: callback.Callback) -> None:
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await show(update.callback_query, *await _indicator_screen(context, unit, pressed.arg(1)))


async def question_screen(context: ZiContext, unit: UnitDTO, question: Question) -> tuple:
    """One question as the evaluator sees it."""
    async with context.reading() as session:
        return await _question_screen_in(session, context, unit, question)


async def _question_screen_in(session, context: ZiContext, unit: UnitDTO, question: Question,
                              shown: layar_tpi.QuestionView | None = None) -> tuple:
    me = context.me
    assert me is not None
    if shown is None:
        shown = await layar_tpi.question_view(session, unit.id, question.id)
    others = []
    if may(me.role, Permission.ASSIGN_EVALUATORS):
        for user_id, row in shown.answers.items():
            if user_id != me.id:
                person = await users.get(session, user_id)
                others.append((person.full_name if person else "—", row))
    return view.question(unit, current_lke(context), question, shown.claim,
                         shown.answers.get(me.id), others, shown.evidence_count,
                         shown.recheck, shown.notes, shown.final, buttons_for(context))


@action("nq", Permission.SCORE)
async def question_button(update: Update, context: ZiContext,
                          pressed: callback.Callback) -> None:
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await show(update.callback_query,
               *await question_screen(context, unit, question_named(context, pressed.arg(1))))


async def _next_screen_in(session, context: ZiContext, unit: UnitDTO, question: Question,
                          final: bool | None = None) -> tuple | None:
    """The next question of the indicator this evaluator has not answered (None: all are)."""
    me = context.me
    assert me is not None
    lke = current_lke(context)
    indicator = lke.indicator(question.indicator_id)
    assert indicator is not None
    found = await layar_tpi.next_unanswered(session, unit.id, me.id,
                                            [q.id for q in indicator.questions], final=final)
    if found is None:
        return None
    question_id, shown = found
    return await _question_screen_in(session, context, unit, question_named(context, question_id),
                                     shown)


async def _after_answer(context: ZiContext, unit: UnitDTO, question: Question,
                        screen: tuple | None = None) -> tuple:
    """The screen after an answer: the next unanswered question (`screen`, when it was read
    with the answer), else the indicator's list."""
    if screen is None:
        async with context.reading() as session:
            screen = await _next_screen_in(session, context, unit, question)
    return screen or await _indicator_screen(context, unit, question.indicator_id)


@action("nqa", Permission.SCORE)
async def option_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """An answer by one tap; the next unanswered question opens."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    question = question_named(context, pressed.arg(1))
    screen = None
    if context.already_applied:
        unit = await evaluable_unit(context, pressed.int_arg(0))
    else:
        # One transaction checks the caller, stores the answer and reads the next screen: the
        # hot path of scoring reads nothing twice.
        try:
            async with context.transaction() as session:
                scored = await evaluasi.answer_tpi(session, me, current_lke(context),
                                                   pressed.int_arg(0), question.id,
                                                   option=pressed.arg(2),
                                                   expected_version=pressed.int_arg(3))
                unit = scored.unit
                screen = await _next_screen_in(session, context, unit, question, final=False)
        except evaluasi.EvaluationRefused as exc:
            unit = await evaluable_unit(context, pressed.int_arg(0))  # NotFound when not allowed
            await show(query, *await question_screen(context, unit, question),
                       view.refused(exc.reason), alert=True)
            return
        except NotFound as exc:
            raise NotFound("unit", pressed.int_arg(0)) from exc
    await show(query, *await _after_answer(context, unit, question, screen), _("Tersimpan ✅"))


@action("nqn", Permission.SCORE)
async def numbers_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Type the numbers of a percentage question, one at a time."""
    query = update.callback_query
    assert query is not None and context.me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    question = question_named(context, pressed.arg(1))
    if not question.inputs:
        raise Stale(question.id)
    await pending.ask(context, "nqnum", unit.id, question.id, pressed.int_arg(2))
    await answer(query)
    await send_text(context.bot, context.me.telegram_id, ask_number(question, 0))


@pending.expects("nqnum")
async def number_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """One number; after the last the ratio is computed, saved and shown back."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    unit = await evaluable_unit(context, int(args[0]))
    question = question_named(context, args[1])
    version, values = int(args[2]), [int(v) for v in args[3:]]
    try:
        values.append(whole_number(message.text or "", 0, MAX_INPUT))
    except ParseError as exc:
        await message.reply_text(number_refused(str(exc), question, len(values)))
        return
    if len(values) < len(question.inputs):
        await pending.ask(context, "nqnum", unit.id, question.id, version, *values)
        await message.reply_text(ask_number(question, len(values)))
        return
    inputs = {i.key: v for i, v in zip(question.inputs, values, strict=True)}
    try:
        async with context.transaction() as session:
            scored = await evaluasi.answer_tpi(session, me, current_lke(context), unit.id,
                                               question.id, inputs=inputs,
                                               expected_version=version)
            context.me = await users.set_pending_input(session, me.id, None)
            screen = await _next_screen_in(session, context, scored.unit, question, final=False)
    except evaluasi.EvaluationRefused as exc:
        await pending.forget(context)
        text, keyboard = await question_screen(context, unit, question)
        await message.reply_text(view.refused(exc.reason) + "\n\n" + text,
                                 reply_markup=keyboard)
        return
    summary = _("Tersimpan ✅ {id}: {answer}").format(id=question.id,
                                                      answer=answer_text(question,
                                                                         scored.assessment))
    text, keyboard = await _after_answer(context, scored.unit, question, screen)
    await message.reply_text(summary + "\n\n" + text, reply_markup=keyboard)


@action("nev", Permission.SCORE)
async def evidence_button(update: Update, context: ZiContext,
                          pressed: callback.Callback) -> None:
    """Send the evaluator the unit's files for this question."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    question = question_named(context, pressed.arg(1))
    async with context.reading() as session:
        rows = await evidence.list_for_question(session, unit.id, question.id)
    await answer(query, _("Mengirim {count} berkas…").format(count=len(rows)))
    for row in rows:
        caption = f"{question.id} · {row.file_name}" + (f"\n{row.caption}" if row.caption
                                                         else "")
        try:
            if row.mime_type.startswith("image/"):
                await context.bot.send_photo(me.telegram_id, row.telegram_file_id,
                                             caption=caption[:1024], parse_mode=None)
            else:
                await context.bot.send_document(me.telegram_id, row.telegram_file_id,
                                                caption=caption[:1024], parse_mode=None)
        except TelegramError:
            from bot.handlers.evidence import store

            data = store(context).read(row.sha256)
            await context.bot.send_document(me.telegram_id, data, filename=row.file_name,
                                            caption=caption[:1024], parse_mode=None)


@action("nrec", Permission.RECOMMEND)
async def recommend_button(update: Update, context: ZiContext,
                           pressed: callback.Callback) -> None:
    """Ask for a recommendation on this question."""
    query = update.callback_query
    assert query is not None and context.me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    question = question_named(context, pressed.arg(1))
    await pending.ask(context, "nrect", unit.id, question.id)
    await answer(query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis rekomendasi untuk {unit} pada {id}, atau /batal.").format(
                        unit=unit.name, id=question.id))


@pending.expects("nrect")
async def recommendation_typed(update: Update, context: ZiContext,
                               args: tuple[str, ...]) -> None:
    """The recommendation: stored, and the unit's leader and area coordinator are told."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    unit = await evaluable_unit(context, int(args[0]))
    question = question_named(context, args[1])
    try:
        async with context.transaction() as session:
            await evaluasi.recommend(session, me, unit.id, question.id, message.text or "")
            context.me = await users.set_pending_input(session, me.id, None)
    except evaluasi.EvaluationRefused as exc:
        await message.reply_text(view.refused(exc.reason) + "\n" + _("Coba lagi, atau /batal."))
        return
    text = message.text or ""
    await notify_unit(context, unit.id, lambda: _("💬 <b>Rekomendasi TPI</b> untuk {id}:\n"
                                                  "{text}\n\nJawab dengan mengunggah bukti "
                                                  "baru lewat /rencana → 📝 Penilaian mandiri.")
                      .format(id=question.id, text=escape(text)),
                      area_of(question.indicator_id, current_lke(context)))
    screen, keyboard = await question_screen(context, unit, question)
    await message.reply_text(_("Rekomendasi tersimpan dan dikirim ke unit ✅") + "\n\n" + screen,
                             reply_markup=keyboard)


async def _hasil_screen(context: ZiContext, unit: UnitDTO) -> tuple:
    async with context.reading() as session:
        hasil = await prasyarat.hasil_for(session, unit.id, context.today().year)
        final = await evaluasi.is_final(session, unit.id)
    buttons = buttons_for(context)

    def shown(value: Fraction | None) -> str:
        return number(value) if value is not None else "—"

    lines = [crumbs(unit.name, _("Komponen Hasil"), str(context.today().year)),
             _("IPAK (0,00–4,00): {value}").format(value=shown(hasil.ipak)),
             _("IPKP (0,00–4,00): {value}").format(value=shown(hasil.ipkp)),
             _("Capaian kinerja (A–E): {value}").format(value=hasil.kinerja or "—")]
    rows = []
    if not final:
        rows.append([buttons.button(_("✏️ IPAK"), "nhs", unit.id, "ipak"),
                     buttons.button(_("✏️ IPKP"), "nhs", unit.id, "ipkp")])
        rows.append([buttons.button(("✅ " if hasil.kinerja == k else "") + k, "nhk", unit.id,
                                    k) for k in "ABCDE"])
    rows.append([buttons.back("nu", unit.id)])
    return "\n".join(lines), markup(rows)


@action("nh", Permission.SCORE)
async def hasil_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """The Hasil component of the unit."""
    assert update.callback_query is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    await show(update.callback_query, *await _hasil_screen(context, unit))


@action("nhk", Permission.SCORE)
async def kinerja_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Capaian kinerja A–E."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    try:
        async with context.transaction() as session:
            await prasyarat.set_hasil(session, me, unit.id, context.today().year,
                                      kinerja=pressed.arg(1))
    except prasyarat.PrasyaratRefused as exc:
        await answer(query, view.refused(exc.reason), alert=True)
        return
    await show(query, *await _hasil_screen(context, unit), _("Tersimpan ✅"))


@action("nhs", Permission.SCORE)
async def survey_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask for a survey score."""
    query = update.callback_query
    assert query is not None and context.me is not None
    unit = await evaluable_unit(context, pressed.int_arg(0))
    key = pressed.arg(1)
    if key not in ("ipak", "ipkp"):
        raise Stale(key)
    await pending.ask(context, "nhsv", unit.id, key)
    await answer(query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis nilai {name} (0,00 sampai 4,00), misalnya 3,60, atau /batal.")
                    .format(name=key.upper()))


@pending.expects("nhsv")
async def survey_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """The typed survey score (Indonesian comma or point)."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    unit = await evaluable_unit(context, int(args[0]))
    text = (message.text or "").strip().replace(",", ".")
    try:
        value = Decimal(text)
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        await message.reply_text(view.refused("range") + "\n" + _("Coba lagi, atau /batal."))
        return
    try:
        async with context.transaction() as session:
            await prasyarat.set_hasil(session, me, unit.id, context.today().year,
                                      **{args[1]: value})
            context.me = await users.set_pending_input(session, me.id, None)
    except prasyarat.PrasyaratRefused as exc:
        await message.reply_text(view.refused(exc.reason) + "\n" + _("Coba lagi, atau /batal."))
        return
    screen, keyboard = await _hasil_screen(context, unit)
    await message.reply_text(_("Tersimpan ✅") + "\n\n" + screen, reply_markup=keyboard)
