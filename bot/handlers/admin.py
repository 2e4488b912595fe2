"""The admin's screens: people (`/pengguna`), invites (`/undangan`) and units (`/unit`)."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot import callback, outbox
from bot.actions import Stale, action, refuse_command
from bot.commands import set_user_commands
from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import answer, show
from bot.views import admin as view
from bot.views.html import html
from zi_core import queries
from zi_core.domain.errors import InviteInvalid
from zi_core.domain.people import UserDTO
from zi_core.domain.roles import Permission, Role
from zi_core.services import invites, people

log = logging.getLogger(__name__)

async def _edit(update: Update, screen: tuple, toast: str | None = None) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *screen, toast=toast)


async def _reply(update: Update, screen: tuple) -> None:
    assert update.effective_message is not None
    text, keyboard = screen
    await update.effective_message.reply_text(text, reply_markup=keyboard)


async def _people_screen(context: ZiContext, page: int) -> tuple:
    found = await queries.people.people(context, active_only=False)
    return view.users_page(found, page, context.buttons)


async def users_command(update: Update, context: ZiContext) -> None:
    """`/pengguna`."""
    if not await refuse_command(update, context, Permission.MANAGE_USERS):
        await _reply(update, await _people_screen(context, 0))


@action("users", Permission.MANAGE_USERS)
async def users_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """A page of the people list."""
    await _edit(update, await _people_screen(context, pressed.int_arg(0)))


async def _person(context: ZiContext, user_id: int) -> tuple:
    return await queries.people.person_and_unit(context, user_id)


@action("user", Permission.MANAGE_USERS)
async def user_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """One person."""
    person, unit = await _person(context, pressed.int_arg(0))
    await _edit(update, view.user_detail(person, unit, context.buttons))


@action("urole", Permission.MANAGE_USERS)
async def role_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Choose a person's new role."""
    person, _unit = await _person(context, pressed.int_arg(0))
    await _edit(update, view.role_choice(person, context.buttons))


@action("uset", Permission.MANAGE_USERS)
async def set_role_button(update: Update, context: ZiContext,
                          pressed: callback.Callback) -> None:
    """Give the chosen role; a unit role first asks for the unit."""
    user_id, role = pressed.int_arg(0), _role(pressed.arg(1))
    if role.has_unit:
        person, _unit = await _person(context, user_id)
        found = await queries.units.every_unit(context)
        title = html(_("Peran {role} untuk {name}."), role=view.role_name(role),
                     name=person.full_name or "—")
        await _edit(update, view.unit_choice(title, found, pressed.int_arg(2),
                                             context.buttons, ("usetu", user_id, role.value),
                                             ("uset", user_id, role.value), ("urole", user_id)))
        return
    await _apply_role(update, context, user_id, role, None)


@action("usetu", Permission.MANAGE_USERS)
async def set_role_unit_button(update: Update, context: ZiContext,
                               pressed: callback.Callback) -> None:
    """Give a unit role in the chosen unit."""
    await _apply_role(update, context, pressed.int_arg(0), _role(pressed.arg(1)),
                      pressed.int_arg(2))


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError as exc:
        raise Stale(text) from exc


async def _apply_role(update: Update, context: ZiContext, user_id: int, role: Role,
                      unit_id: int | None) -> None:
    me = context.me
    assert me is not None
    unit = await queries.units.unit(context, unit_id)
    try:
        async with context.transaction() as session:
            person = await people.change_role(session, me, user_id, role, unit_id)
            await _tell(session, context, person, lambda: view.role_changed(person, unit))
    except people.PeopleError as exc:
        await _people_refused(update, exc)
        return
    await _edit(update, view.user_detail(person, unit, context.buttons), _("Tersimpan ✅"))
    await set_user_commands(context.bot, person)


@action("uact", Permission.MANAGE_USERS)
async def active_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Deactivate (access ends at once) or activate a person."""
    me = context.me
    assert me is not None
    user_id, active = pressed.int_arg(0), pressed.int_arg(1) == 1
    before = await queries.people.person(context, user_id)  # activation keeps the unit
    unit = await queries.units.unit(context, before.unit_id if before else None)
    try:
        async with context.transaction() as session:
            person = await people.set_active(session, me, user_id, active)
            await _tell(session, context, person,
                        view.activated_notice if person.active else view.deactivated_notice)
    except people.PeopleError as exc:
        await _people_refused(update, exc)
        return
    await _edit(update, view.user_detail(person, unit, context.buttons), _("Tersimpan ✅"))
    await set_user_commands(context.bot, person)


async def _people_refused(update: Update, error: people.PeopleError) -> None:
    assert update.callback_query is not None
    texts = {
        "self": _("Anda tidak dapat mengubah peran atau status akun Anda sendiri."),
        "unit_gone": _("Unit itu sudah tidak ada. Buka /menu lagi."),
    }
    await answer(update.callback_query,
                 texts.get(error.reason, _("Perubahan itu tidak dapat dilakukan.")), alert=True)


async def _tell(session: AsyncSession, context: ZiContext, person: UserDTO, text) -> None:
    """Owe the person a notice of the change, in their language, in its transaction."""
    if person.onboarding_step is None:
        await outbox.owe(session, context, [person], text, "user")


async def _invite_screen(context: ZiContext) -> tuple:
    async with context.reading() as session:
        waiting = await invites.outstanding(session)
    return view.invite_roles(len(waiting), context.buttons)


async def invite_command(update: Update, context: ZiContext) -> None:
    """`/undangan`."""
    if not await refuse_command(update, context, Permission.CREATE_INVITE):
        await _reply(update, await _invite_screen(context))


@action("inv", Permission.CREATE_INVITE)
async def invite_button(update: Update, context: ZiContext, _p: callback.Callback) -> None:
    """Start a new invite: choose its role."""
    await _edit(update, await _invite_screen(context))


async def _outstanding_screen(context: ZiContext, page: int) -> tuple:
    async with context.reading() as session:
        waiting = await invites.outstanding(session)
    return view.outstanding_invites(waiting, page, context.buttons)


@action("invls", Permission.CREATE_INVITE)
async def outstanding_button(update: Update, context: ZiContext,
                             pressed: callback.Callback) -> None:
    """The invites not used yet and still valid (a page of them)."""
    await _edit(update, await _outstanding_screen(context, pressed.int_arg(0)))


async def _one_outstanding(update: Update, context: ZiContext, invite_id: int, screen):
    """Show `screen(item)` of an invite still waiting, or say why it is not any more (and
    show the list)."""
    try:
        async with context.reading() as session:
            item = await invites.outstanding_one(session, invite_id)
    except InviteInvalid as exc:
        await _edit_alert(update, await _outstanding_screen(context, 0),
                          view.invite_gone(exc.reason))
        return
    await _edit(update, screen(item))


async def _edit_alert(update: Update, screen: tuple, text: str) -> None:
    assert update.callback_query is not None
    await show(update.callback_query, *screen, text, alert=True)


@action("invd", Permission.CREATE_INVITE)
async def outstanding_one_button(update: Update, context: ZiContext,
                                 pressed: callback.Callback) -> None:
    """One waiting invite: its link again, and the way to revoke it."""
    username = context.bot.username

    def screen(item):
        link = invites.start_link(username, item.invite.code) if username else None
        return view.outstanding_invite(item, link, context.buttons)

    await _one_outstanding(update, context, pressed.int_arg(0), screen)


@action("invx", Permission.CREATE_INVITE)
async def revoke_button(update: Update, context: ZiContext, pressed: callback.Callback) -> None:
    """Ask before revoking an invite."""
    await _one_outstanding(update, context, pressed.int_arg(0),
                           lambda item: view.revoke_confirmation(item, context.buttons))


@action("invxok", Permission.CREATE_INVITE)
async def revoke_confirmed_button(update: Update, context: ZiContext,
                                  pressed: callback.Callback) -> None:
    """Revoke the invite (audited) and show the invites still waiting."""
    if not context.already_applied:
        try:
            async with context.transaction() as session:
                item = await invites.outstanding_one(session, pressed.int_arg(0))
                await invites.revoke(session, item.invite.code, context.me)
        except InviteInvalid as exc:
            await _edit_alert(update, await _outstanding_screen(context, 0),
                              view.invite_gone(exc.reason))
            return
    await _edit(update, await _outstanding_screen(context, 0), _("Undangan dicabut ✅"))


@action("invr", Permission.CREATE_INVITE)
async def invite_role_button(update: Update, context: ZiContext,
                             pressed: callback.Callback) -> None:
    """The invite's role is chosen: a unit role asks for the unit, others are made at once."""
    role = _role(pressed.arg(0))
    if not role.has_unit:
        await _make_invite(update, context, role, None)
        return
    found = await queries.units.every_unit(context)
    title = _("<b>Buat undangan</b> › {role}").format(role=view.role_name(role))
    await _edit(update, view.unit_choice(title, found, pressed.int_arg(1), context.buttons,
                                         ("invu", role.value), ("invr", role.value), ("inv",)))


@action("invu", Permission.CREATE_INVITE)
async def invite_unit_button(update: Update, context: ZiContext,
                             pressed: callback.Callback) -> None:
    """Make an invite for a unit role in the chosen unit."""
    await _make_invite(update, context, _role(pressed.arg(0)), pressed.int_arg(1))


async def _make_invite(update: Update, context: ZiContext, role: Role,
                       unit_id: int | None) -> None:
    me = context.me
    assert me is not None
    unit = await queries.units.unit(context, unit_id)
    if unit_id and unit is None:
        raise Stale(unit_id)
    async with context.transaction() as session:
        if context.already_applied:
            invite = await invites.latest_made_by(session, me.id)
        else:
            invite = await invites.create(
                session, role=role, unit_code=unit.code if unit else None,
                days=context.settings.invite_days, actor_user_id=me.id)
    if invite is None:
        raise Stale(role)
    username = context.bot.username
    link = invites.start_link(username, invite.code) if username else None
    await _edit(update, view.invite_made(invite, unit, link, context.buttons),
                _("Undangan dibuat ✅"))
