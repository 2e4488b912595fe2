"""The one way a user-supplied value enters a message: `html(template, **values)` escapes
every value (a translated template keeps its own tags), unless it is already `Html`."""

from __future__ import annotations

from html import escape


class Html(str):
    """Text already in Telegram HTML (a rendered screen): not escaped again."""


def html(template: str, /, **values: object) -> Html:
    """`template.format(**values)` with every value HTML-escaped, except `Html` ones."""
    safe = {key: value if isinstance(value, Html) else escape(str(value))
            for key, value in values.items()}
    return Html(template.format(**safe))
