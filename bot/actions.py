"""The one router of button presses: decode, check the caller's permission, run the action.

Every action is registered with the permission it needs; the router refuses a press whose
data this bot did not sign for this user, names an unknown action, or needs a permission the
caller's current role (loaded from the database by the gate) lacks. Refusals change nothing,
are answered with one clear sentence and are recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update

from bot import callback
from bot.context import ZiContext
from bot.i18n import _
from bot.messaging import answer
from bot.pending import forget
from bot.refusal import Stale, refuse
from zi_core.domain.errors import NotFound
from zi_core.domain.roles import Permission, may

__all__ = ["ACTIONS", "Action", "Stale", "action", "refuse", "refuse_command", "route"]

Run = Callable[[Update, ZiContext, callback.Callback], Awaitable[None]]


@dataclass(frozen=True)
class Action:
    """A kind of button: its name in callback data, the permission it needs, its handler."""

    name: str
    permission: Permission | None
    run: Run


ACTIONS: dict[str, Action] = {}


def action(name: str, permission: Permission | None = None) -> Callable[[Run], Run]:
    """Register a handler for buttons named `name` (any registered user when no permission)."""

    def register(run: Run) -> Run:
        if name in ACTIONS:
            raise ValueError(f"action {name!r} registered twice")
        ACTIONS[name] = Action(name, permission, run)
        return run

    return register


async def route(update: Update, context: ZiContext) -> None:
    """Handle a button press by the registered action, or refuse it."""
    query = update.callback_query
    me = context.me
    assert query is not None and me is not None
    if not me.active or me.onboarding_step is not None:  # the gate stops these; twice is safer
        await answer(query, _("Anda belum dapat memakai menu ini."), alert=True)
        return
    try:
        pressed = callback.decode(context.signing_key, query.from_user.id, query.data)
        chosen = ACTIONS.get(pressed.action)
        if chosen is None:
            raise callback.CallbackInvalid(f"unknown action {pressed.action}")
    except callback.CallbackInvalid as exc:
        await _invalid(context, query, exc)
        return
    if chosen.permission is not None and not may(me.role, chosen.permission):
        await refuse(context, "permission", {"action": chosen.name,
                                             "needs": chosen.permission.value})
        await answer(query, _("Anda tidak berwenang melakukan tindakan ini."), alert=True)
        return
    if me.pending_input is not None and not context.already_applied:
        await forget(context)  # a button pressed: whatever was being typed is abandoned
    try:
        await chosen.run(update, context, pressed)
    except (Stale, NotFound):
        await answer(query, _("Menu ini sudah usang: datanya telah berubah. Buka /menu lagi."),
                     alert=True)
    except callback.CallbackInvalid as exc:  # signed, but its arguments are not the action's
        await _invalid(context, query, exc)


async def _invalid(context: ZiContext, query, error: callback.CallbackInvalid) -> None:
    await refuse(context, "callback_invalid", {"data": (query.data or "")[:64],
                                               "why": str(error)})
    await answer(query, _("Tombol ini tidak berlaku. Buka /menu untuk menu terbaru."),
                 alert=True)


async def refuse_command(update: Update, context: ZiContext, *permissions: Permission,
                         why: str | None = None) -> bool:
    """Refuse a command the caller's role may not use: none of `permissions` (True when
    refused, and recorded). `why` says who the command is for, instead of the plain refusal."""
    me = context.me
    if me is not None and any(may(me.role, permission) for permission in permissions):
        return False
    await refuse(context, "permission", {"command": "|".join(p.value for p in permissions)})
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        why or _("Anda tidak berwenang memakai perintah ini."))
    return True

