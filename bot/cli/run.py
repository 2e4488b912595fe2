"""`zi-bot run`: the bot itself, polling through the durable inbox."""

from __future__ import annotations

import logging
import re

from bot.cli.database import settings
from bot.cli.errors import CliError
from bot.settings import SettingsError


def run(webhook: bool = False) -> None:
    """Start the bot with the settings of the environment; returns when it was stopped."""
    config = settings()
    try:
        config.token()
    except SettingsError as exc:
        raise CliError(str(exc)) from exc
    if webhook and not (config.webhook_url and config.webhook_secret):
        raise CliError("mode webhook memerlukan WEBHOOK_URL dan WEBHOOK_SECRET")
    if webhook and not re.fullmatch(r"[A-Za-z0-9_-]{16,256}",
                                    config.webhook_secret.get_secret_value()):
        raise CliError("WEBHOOK_SECRET harus 16-256 karakter A-Z, a-z, 0-9, '_' atau '-'")
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL, and the Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from bot.runner import run as serve

    serve(config, webhook=webhook)
