"""Translations (Babel/gettext) chosen per user, and locale-aware numbers and dates.

`_()` translates into the locale of the update being handled (set by the gate handler, or by
`use_locale` in jobs that write to many users); `N_()` marks module-level strings for
extraction and is translated at render time. Catalogues live in `locales/`; the `.po` files
are compiled in memory at start when no up-to-date `.mo` exists, so nothing compiled is ever
edited by hand or committed.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from zi_core.figures import shown

LOCALES = ("id", "en")
DEFAULT_LOCALE = "id"
DOMAIN = "messages"
TIMEZONE = ZoneInfo("Asia/Pontianak")

_current: ContextVar[str] = ContextVar("zi_locale", default=DEFAULT_LOCALE)


def locales_dir() -> Path:
    """The catalogue folder: shipped inside the package, or the checkout's `locales/`."""
    packaged = Path(__file__).parent / "locales"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "locales"


@lru_cache(maxsize=len(LOCALES))
def translations(locale: str) -> NullTranslations:
    """The compiled catalogue of a locale (from `.mo`, else compiled from `.po`)."""
    folder = locales_dir() / locale / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def pick_locale(stored: str | None, telegram_language: str | None) -> str:
    """Stored choice, else Telegram's language_code, else Indonesian."""
    if stored in LOCALES:
        return stored  # type: ignore[return-value]
    if telegram_language:
        base = telegram_language.split("-")[0].lower()
        if base in LOCALES:
            return base
    return DEFAULT_LOCALE


def set_locale(locale: str) -> None:
    """Translate the rest of this update into `locale`."""
    _current.set(locale if locale in LOCALES else DEFAULT_LOCALE)


def current_locale() -> str:
    return _current.get()


@contextlib.contextmanager
def use_locale(locale: str) -> Iterator[None]:
    """Translate inside the block into `locale` (jobs writing to many users)."""
    token = _current.set(locale if locale in LOCALES else DEFAULT_LOCALE)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """Translate into the current locale."""
    return translations(_current.get()).gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a module-level string for extraction; translate it later with `_()`."""
    return message


def number(value: Decimal | Fraction | int, places: int = 2) -> str:
    """A number in the current locale (`75,00` in Indonesian); a Fraction as the core shows it."""
    if isinstance(value, Fraction):
        value = shown(value)
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=_current.get())


def day(value: date) -> str:
    """A date in the current locale (`24 November 2026`)."""
    return format_date(value, format="long", locale=_current.get())


def moment(value: datetime) -> str:
    """A moment in Asia/Pontianak time and the current locale."""
    locale = _current.get()
    pattern = "d MMMM y HH.mm 'WIB'" if locale == "id" else "d MMMM y HH:mm 'WIB'"
    return format_datetime(value, format=pattern, tzinfo=TIMEZONE, locale=Locale.parse(locale))
