"""Every user-visible text is translatable, in the catalogues, and translated into English."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.catalog import Catalog

from bot import catalogues
from bot.i18n import _, number, use_locale

BOT = Path(catalogues.__file__).parent
# Calls whose text argument reaches the user; a bare literal there was never translated.
TEXT_CALLS = {"reply_text": 0, "send_message": 1, "answer": 0, "edit_text": 1,
              "send_text": 2, "button": 0, "InlineKeyboardButton": 0, "BotCommand": 1}
NOT_USER_FACING = ("cli", "catalogues.py")


def _literal_texts() -> list[str]:
    found = []
    for path in sorted(BOT.rglob("*.py")):
        if any(part in path.parts or path.name == part for part in NOT_USER_FACING):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            index = TEXT_CALLS.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) \
                    and any(ch.isalpha() for ch in arg.value):
                found.append(f"{path.relative_to(BOT)}:{node.lineno} {arg.value!r}")
    return found


def test_no_user_facing_call_takes_an_untranslated_literal():
    assert _literal_texts() == []


def test_every_string_of_the_code_is_in_both_catalogues_and_english_is_complete():
    assert catalogues.problems() == []


def test_the_check_reports_a_missing_and_an_untranslated_entry(monkeypatch):
    template = Catalog()
    template.add("Teks baru")
    template.add("Menu utama")
    monkeypatch.setattr(catalogues, "extract", lambda: template)
    english = Catalog(locale="en")
    english.add("Menu utama", "")
    indonesian = Catalog(locale="id")
    indonesian.add("Menu utama", "Menu utama")
    monkeypatch.setattr(catalogues, "read_catalog",
                        lambda locale: english if locale == "en" else indonesian)
    assert catalogues.problems() == ["id: missing 'Teks baru'", "en: missing 'Teks baru'",
                                     "en: untranslated 'Menu utama'"]


def test_indonesian_numbers_use_the_decimal_comma_and_english_the_point():
    with use_locale("id"):
        assert number(75) == "75,00" and _("Menu utama") == "Menu utama"
    with use_locale("en"):
        assert number(75) == "75.00" and _("Menu utama") == "Main menu"


def test_the_indonesian_catalogue_declares_one_plural_form():
    po = (catalogues.locales_dir() / "id" / "LC_MESSAGES" / "messages.po").read_text()
    assert "nplurals=1; plural=0;" in po
