"""Prerequisites of Lampiran II: the instansi's per year (admin), and each unit's per year
(its TPI evaluators or its leader)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from telegram import Update

from bot import callback, pending
from bot.actions import Stale, action
from bot.context import ZiContext
from bot.i18n import N_, _, day, number
from bot.keyboards import markup
from bot.messaging import answer, refuse_input, send_text, show
from bot.parsing import ParseError
from bot.parsing import day as parse_day
from bot.views import nilai as refusals
from bot.views.common import crumbs
from zi_core import queries
from zi_core.domain.roles import Permission
from zi_core.domain.unit import UnitDTO
from zi_core.services import prasyarat

PERCENTS = {"tindak_lanjut_percent": N_("Tindak lanjut hasil pemeriksaan"),
            "lhkpn_percent": N_("Penyampaian LHKPN"), "lhkasn_percent": N_("Penyampaian LHKASN")}
FLAGS = {"core_service": N_("Unit pelaksana layanan inti"),
         "significant_impact": N_("Berdampak signifikan pada masyarakat"),
         "holds_wbk": N_("Sudah berpredikat WBK")}
INSTANSI = {"opini_bpk": (N_("Opini BPK"), "opini_bpk"), "sakip": (N_("SAKIP"), "sakip"),
            "indeks_rb": (N_("Indeks RB"), "indeks_rb"), "spip_level": (N_("Level SPIP"), "")}


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else (_("ya") if value else _("tidak"))


async def _unit_for_prereq(context: ZiContext, unit_id: int) -> UnitDTO:
    """The unit, if the caller evaluates it or leads it."""
    assert context.me is not None
    return await queries.units.unit_for_prerequisites(context, context.me, unit_id)


async def _unit_screen(context: ZiContext, unit: UnitDTO) -> tuple:
    year = context.today().year
    async with context.reading() as session:
        row = await prasyarat.unit_prerequisite_for(session, unit.id, year)
    buttons = context.buttons
    lines = [crumbs(unit.name, _("Prasyarat unit"), str(year))]
    rows = []
    for key, label in PERCENTS.items():
        value = getattr(row, key, None) if row else None
        lines.append(f"{_(label)}: {number(value) + '%' if value is not None else '—'}")
        rows.append([buttons.button(f"✏️ {_(label)}"[:60], "pup", unit.id, key)])
    sakip = getattr(row, "sakip_internal", None) if row else None
    lines.append(_("Nilai SAKIP unit: {value}").format(value=sakip or "—"))
    rows.append([buttons.button(("✅ " if sakip == v else "") + v, "pus", unit.id, v)
                 for v in context.lke.scales["sakip"]])
    for key, label in FLAGS.items():
        value = getattr(row, key, None) if row else None
        lines.append(f"{_(label)}: {_yes_no(value)}")
        flipped = not value if value is not None else True
        rows.append([buttons.button(f"{_(label)} → {_yes_no(flipped)}"[:60], "pub", unit.id,
                                    key, 1 if flipped else 0)])
    sk = getattr(row, "wbk_predicate_date", None) if row else None
    lines.append(_("Tanggal SK predikat WBK: {date}").format(
        date=day(sk) if sk else _("belum diisi")))
    rows.append([buttons.back("menu")])
    return "\n".join(lines), markup(rows)


@action("pu")
async def unit_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """A unit's prerequisites of this year."""
    assert update.callback_query is not None
    unit = await _unit_for_prereq(context, pressed.int_arg(0))
    await show(update.callback_query, *await _unit_screen(context, unit))


async def _save_unit(update: Update, context: ZiContext, unit: UnitDTO,
                     **fields: object) -> bool:
    me = context.me
    assert me is not None
    try:
        async with context.transaction(answered=True) as session:
            await prasyarat.set_unit_prerequisite(session, me, context.lke, unit.id,
                                                  context.today().year, **fields)
    except prasyarat.PrasyaratRefused as exc:
        await refuse_input(update, refusals.refused(exc.reason))
        return False
    return True


@action("pus")
async def sakip_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    unit = await _unit_for_prereq(context, pressed.int_arg(0))
    if await _save_unit(update, context, unit, sakip_internal=pressed.arg(1)):
        assert update.callback_query is not None
        await show(update.callback_query, *await _unit_screen(context, unit), _("Tersimpan ✅"))


@action("pub")
async def flag_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    unit = await _unit_for_prereq(context, pressed.int_arg(0))
    key = pressed.arg(1)
    if key not in FLAGS:
        raise Stale(key)
    value = pressed.int_arg(2) == 1
    fields: dict[str, object] = {key: value}
    if key == "holds_wbk" and not value:
        fields["wbk_predicate_date"] = None   # no predicate, no SK
    if await _save_unit(update, context, unit, **fields):
        assert update.callback_query is not None and context.me is not None
        await show(update.callback_query, *await _unit_screen(context, unit), _("Tersimpan ✅"))
        if key == "holds_wbk" and value:
            await pending.ask(context, "pusk", unit.id)
            await send_text(context.bot, context.me.telegram_id,
                            _("Tulis tanggal SK predikat WBK, misalnya 20-11-2025, atau /batal. "
                              "Masa satu tahun menuju WBBM dihitung dari tanggal ini."))


@pending.expects("pusk", Permission.SCORE, Permission.LEAD_UNIT)
async def sk_date_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    """The date of the SK giving the WBK predicate, typed."""
    message = update.effective_message
    assert message is not None
    unit = await _unit_for_prereq(context, int(args[0]))
    try:
        on = parse_day(message.text or "")
    except ParseError:
        await message.reply_text(_("Tanggal tidak dikenali. Tulis seperti 20-11-2025, "
                                   "atau /batal."))
        return
    if on > context.today():
        await message.reply_text(_("Tanggal SK tidak boleh di masa depan."))
        return
    if await _save_unit(update, context, unit, wbk_predicate_date=on):
        screen, keyboard = await _unit_screen(context, unit)
        await message.reply_text(_("Tersimpan ✅") + "\n\n" + screen, reply_markup=keyboard)


@action("pup")
async def percent_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask for a percentage (0–100)."""
    query = update.callback_query
    assert query is not None and context.me is not None
    unit = await _unit_for_prereq(context, pressed.int_arg(0))
    key = pressed.arg(1)
    if key not in PERCENTS:
        raise Stale(key)
    await pending.ask(context, "pupv", unit.id, key)
    await answer(query)
    await send_text(context.bot, context.me.telegram_id,
                    _("Tulis persentase {name} (0 sampai 100), misalnya 100 atau 97,5, atau "
                      "/batal.").format(name=_(PERCENTS[key])))


@pending.expects("pupv", Permission.SCORE, Permission.LEAD_UNIT)
async def percent_typed(update: Update, context: ZiContext, args: tuple[str, ...]) -> None:
    message = update.effective_message
    assert message is not None
    unit = await _unit_for_prereq(context, int(args[0]))
    text = (message.text or "").strip().rstrip("%").strip().replace(",", ".")
    try:
        value = Decimal(text)
        if not value.is_finite() or not 0 <= value <= 100:
            raise InvalidOperation
    except InvalidOperation:
        await message.reply_text(_("Tulis angka 0 sampai 100, misalnya 97,5, atau /batal."))
        return
    if await _save_unit(update, context, unit, **{args[1]: value}):
        screen, keyboard = await _unit_screen(context, unit)
        await message.reply_text(_("Tersimpan ✅") + "\n\n" + screen, reply_markup=keyboard)


async def _instansi_screen(context: ZiContext) -> tuple:
    year = context.today().year
    async with context.reading() as session:
        row = await prasyarat.instansi_for(session, year)
    buttons = context.buttons
    lines = [crumbs(_("Prasyarat instansi"), str(year))]
    rows = []
    for key, (label, _scale) in INSTANSI.items():
        value = getattr(row, key, None) if row else None
        lines.append(f"{_(label)}: {value if value is not None else '—'}")
        rows.append([buttons.button(f"✏️ {_(label)}", "pif", key)])
    rows.append([buttons.back()])
    return "\n".join(lines), markup(rows)


@action("pi", Permission.MANAGE_UNITS)
async def instansi_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """The regency's prerequisites of this year."""
    assert update.callback_query is not None
    await show(update.callback_query, *await _instansi_screen(context))


@action("pif", Permission.MANAGE_UNITS)
async def instansi_field(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """The values one prerequisite can take."""
    assert update.callback_query is not None
    key = pressed.arg(0)
    if key not in INSTANSI:
        raise Stale(key)
    label, scale = INSTANSI[key]
    values = list(context.lke.scales[scale]) if scale else ["1", "2", "3", "4", "5"]
    buttons = context.buttons
    rows = [[buttons.button(v, "piv", key, v) for v in values[i:i + 4]]
            for i in range(0, len(values), 4)]
    rows.append([buttons.back("pi")])
    await show(update.callback_query, _("Pilih {name}:").format(name=_(label)), markup(rows))


@action("piv", Permission.MANAGE_UNITS)
async def instansi_value(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Store the chosen value."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    key, value = pressed.arg(0), pressed.arg(1)
    if key not in INSTANSI:
        raise Stale(key)
    try:
        async with context.transaction() as session:
            await prasyarat.set_instansi(session, me, context.lke,
                                         context.today().year,
                                         **{key: int(value) if key == "spip_level" else value})
    except (prasyarat.PrasyaratRefused, ValueError) as exc:
        reason = exc.reason if isinstance(exc, prasyarat.PrasyaratRefused) else "scale"
        await answer(query, refusals.refused(reason), alert=True)
        return
    await show(query, *await _instansi_screen(context), _("Tersimpan ✅"))
