"""`/konsultasi` (Pasal 6(2)a): unit users ask the TPI, the TPI answers from a queue, both
sides see the whole thread and are told of each new message."""

from __future__ import annotations

from telegram import Update

from bot import callback, outbox, pending
from bot.actions import action, refuse_command
from bot.context import ZiContext
from bot.i18n import N_, _, moment
from bot.keyboards import markup
from bot.messaging import answer, send_text, show
from bot.views.html import html
from zi_core import queries
from zi_core.domain.roles import Permission, may
from zi_core.services import konsultasi

STATUS = {"open": N_("⏳ menunggu jawaban"), "answered": N_("💬 dijawab"),
          "closed": N_("✅ selesai")}
REFUSALS = {"empty": N_("Pertanyaan kosong."),
            "too_long": N_("Teks terlalu panjang (maksimal 3.500 karakter)."),
            "closed": N_("Konsultasi ini sudah ditutup."),
            "not_allowed": N_("Anda tidak berwenang pada konsultasi ini.")}


def _is_tpi(context: ZiContext) -> bool:
    return context.me is not None and may(context.me.role, Permission.ANSWER_CONSULTATION)


async def _home(context: ZiContext) -> tuple:
    me = context.me
    assert me is not None
    buttons = context.buttons
    found = await queries.konsultasi.home(context, me)
    threads, names = found.threads, found.unit_codes
    if _is_tpi(context):
        title = _("<b>Konsultasi</b> — antrean pertanyaan unit ({count})").format(
            count=len(threads))
    else:
        title = _("<b>Konsultasi dengan TPI</b>")
    rows = [[buttons.button(f"#{c.id} {names.get(c.unit_id, '')} {_(STATUS[c.status])}"[:60],
                            "kt", c.id)] for c in threads[:20]]
    if not _is_tpi(context):
        rows.insert(0, [buttons.button(_("❓ Tanya TPI"), "kask")])
    if not threads:
        title += "\n" + _("Belum ada konsultasi.")
    rows.append([buttons.back()])
    return title, markup(rows)


async def konsultasi_command(update: Update, context: ZiContext) -> None:
    """`/konsultasi`."""
    message = update.effective_message
    assert message is not None
    if await refuse_command(update, context, Permission.ASK_TPI, Permission.ANSWER_CONSULTATION,
                            why=_("Konsultasi untuk pegawai unit dan TPI.")):
        return
    text, keyboard = await _home(context)
    await message.reply_text(text, reply_markup=keyboard)


@action("kons")
async def home_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *await _home(context))


@action("kask", Permission.ASK_TPI)
async def ask_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Ask for the question's text."""
    assert update.callback_query is not None and context.me is not None
    await pending.ask(context, "kq")
    await answer(update.callback_query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis pertanyaan Anda untuk TPI (boleh menyebut indikatornya), atau "
                      "/batal."))


@pending.expects("kq", Permission.ASK_TPI)
async def question_typed(update: Update, context: ZiContext, _args: tuple[str, ...]) -> None:
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    try:
        async with context.transaction(answered=True) as session:
            thread = await konsultasi.ask(session, me, message.text or "")
            unit, readers = await queries.konsultasi.asked_of(session, thread.unit_id)
            await outbox.owe(session, context, readers, lambda: html(_(
                "❓ Konsultasi baru #{id} dari {unit}:\n{text}\n\nJawab lewat /konsultasi."
            ), id=thread.id, unit=unit.name, text=message.text or ""),
                "kq")
    except konsultasi.KonsultasiRefused as exc:
        await message.reply_text(_(REFUSALS.get(exc.reason, REFUSALS["not_allowed"])))
        return
    text, keyboard = await _thread(context, thread.id)
    await message.reply_text(_("Pertanyaan terkirim ke TPI ✅") + "\n\n" + text,
                             reply_markup=keyboard)


async def _visible(context: ZiContext, consultation_id: int):
    me = context.me
    assert me is not None
    found = await queries.konsultasi.visible_thread(context, me, consultation_id)
    return found.thread, found.messages, found.people


async def _thread(context: ZiContext, consultation_id: int) -> tuple:
    thread, messages, people = await _visible(context, consultation_id)
    lines = [_("<b>Konsultasi #{id}</b> · {status}").format(id=thread.id,
                                                             status=_(STATUS[thread.status]))]
    for item in messages:
        author = people.get(item.author_user_id)
        who = author.full_name if author else "—"
        lines.append(html("\n<b>{who}</b> · {at}\n{text}", who=who or "—",
                          at=moment(item.created_at), text=item.text))
    buttons = context.buttons
    rows = []
    if thread.status != "closed":
        rows.append([buttons.button(_("✍️ Balas"), "krep", thread.id),
                     buttons.button(_("✅ Tutup"), "kclose", thread.id)])
    rows.append([buttons.back("kons")])
    return "\n".join(lines), markup(rows)


@action("kt")
async def thread_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One thread with its history."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _thread(context, pressed.int_arg(0)))


@action("krep")
async def reply_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    assert update.callback_query is not None and context.me is not None
    thread, _messages, _people = await _visible(context, pressed.int_arg(0))
    await pending.ask(context, "kr", thread.id)
    await answer(update.callback_query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis balasan untuk konsultasi #{id}, atau /batal.").format(id=thread.id))


@pending.expects("kr", Permission.ASK_TPI, Permission.ANSWER_CONSULTATION)
async def reply_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """The reply: stored and relayed to the other side."""
    message = update.effective_message
    me = context.me
    assert message is not None and me is not None
    thread, _messages, people = await _visible(context, int(args[0]))
    try:
        async with context.transaction(answered=True) as session:
            await konsultasi.reply(session, me, thread.id, message.text or "")
            _t, history = await konsultasi.thread(session, thread.id)
            await outbox.owe(session, context, _other_side(context, thread, history, people),
                             lambda: html(_("💬 Balasan pada konsultasi #{id} dari {name}:\n{text}"
                                       "\n\nBuka /konsultasi untuk melihat seluruh "
                                       "percakapan."),
                                 id=thread.id, name=me.full_name or "",
                                 text=message.text or ""), "kr")
    except konsultasi.KonsultasiRefused as exc:
        await message.reply_text(_(REFUSALS.get(exc.reason, REFUSALS["not_allowed"])))
        return
    text, keyboard = await _thread(context, thread.id)
    await message.reply_text(_("Balasan terkirim ✅") + "\n\n" + text, reply_markup=keyboard)


def _other_side(context: ZiContext, thread, history, people: dict) -> list:
    """Who is told of a reply: the asker when the TPI replied, else the evaluators who
    wrote in the thread."""
    me = context.me
    assert me is not None
    if _is_tpi(context):
        return [people[thread.asked_by_user_id]] if thread.asked_by_user_id in people else []
    return [people[m.author_user_id] for m in history
            if m.author_user_id in people and m.author_user_id != me.id
            and may(people[m.author_user_id].role, Permission.ANSWER_CONSULTATION)]


@action("kclose")
async def close_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    assert update.callback_query is not None and context.me is not None
    thread, _messages, _people = await _visible(context, pressed.int_arg(0))
    try:
        async with context.transaction() as session:
            await konsultasi.close(session, context.me, thread.id)
    except konsultasi.KonsultasiRefused as exc:
        await answer(update.callback_query, _(REFUSALS.get(exc.reason,
                                                           REFUSALS["not_allowed"])), alert=True)
        return
    await show(update.callback_query, *await _thread(context, thread.id), _("Ditutup ✅"))
