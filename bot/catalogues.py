"""Keep the gettext catalogues in step with the code (a developer tool, also used by tests).

`python -m bot.catalogues update` extracts every `_()` and `N_()` string from
`bot/`, writes `locales/messages.pot`, merges it into `id` and `en` (Indonesian is the source
language, so its translations equal the message ids), and keeps existing English
translations. `python -m bot.catalogues check` exits 1 when a string is missing from a
catalogue or the English catalogue has an untranslated entry.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.i18n import DOMAIN, LOCALES, locales_dir

# Indonesian has no plural forms, so texts are written without ngettext.
KEYWORDS = {"_": None, "N_": None}
SOURCE = Path(__file__).parent
HEADER = "Translations of ZI Assistant"


def extract() -> Catalog:
    """Every translatable string in `bot/`."""
    catalog = Catalog(project="zi-bot", header_comment=f"# {HEADER}.")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE), method_map=method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(message, None, [(f"bot/{filename}", lineno)],
                    auto_comments=comments, context=context)
    return catalog


def _po_path(locale: str) -> Path:
    return locales_dir() / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(locale: str) -> Catalog:
    """The committed `.po` catalogue of a locale (empty if there is none yet)."""
    path = _po_path(locale)
    if not path.exists():
        return Catalog(locale=locale)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def update() -> None:
    """Rewrite the template and both catalogues from the code."""
    template = extract()
    locales_dir().mkdir(parents=True, exist_ok=True)
    with (locales_dir() / "messages.pot").open("wb") as handle:
        write_po(handle, template, omit_header=False, sort_output=True)
    for locale in LOCALES:
        old = read_catalog(locale)
        new = Catalog(locale=locale, project="zi-bot", header_comment=f"# {HEADER}.")
        for message in template:
            if not message.id:
                continue
            previous = old.get(message.id, message.context)
            if locale == "id":
                string = message.id
            else:
                string = previous.string if previous is not None else ""
            new.add(message.id, string, message.locations, context=message.context,
                    auto_comments=message.auto_comments)
        path = _po_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, new, omit_header=False, sort_output=True, width=99)
    _fix_indonesian_plural()


def _fix_indonesian_plural() -> None:
    """Indonesian has one plural form; Babel's default header would claim two."""
    path = _po_path("id")
    text = path.read_text(encoding="utf-8")
    text = text.replace("nplurals=2; plural=(n != 1);", "nplurals=1; plural=0;")
    path.write_text(text, encoding="utf-8")


def problems() -> list[str]:
    """What is wrong with the catalogues, one line each (empty when all is well)."""
    found = []
    template = extract()
    for locale in LOCALES:
        catalog = read_catalog(locale)
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id, message.context)
            if entry is None:
                found.append(f"{locale}: missing {message.id!r}")
            elif entry.fuzzy or not entry.string:
                found.append(f"{locale}: untranslated {message.id!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        return 0
    issues = problems()
    for line in issues:
        print(line)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
