"""`zi-bot run`: the bot itself, polling through the durable inbox."""

from __future__ import annotations

import logging

from bot.cli.database import settings
from bot.cli.errors import CliError
from bot.settings import SettingsError


def run() -> None:
    """Start the bot with the settings of the environment; returns when it was stopped."""
    config = settings()
    try:
        config.token()
    except SettingsError as exc:
        raise CliError(str(exc)) from exc
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL, and the Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from bot.runner import run as serve

    serve(config)
