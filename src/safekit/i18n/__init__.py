"""Translations for every string a participant, trainer or author sees.

Catalogues are gettext ``.po`` files in ``locales/<lang>/LC_MESSAGES/safekit.po``, read with
Babel at run time (no compile step). A third language is a new folder with a ``.po`` file:
:func:`available_languages` finds it, nothing in the code names a language.

Use ``_()`` around a literal in the code (so ``pybabel extract`` finds it) and
``translate(msgid, lang)`` where the language is not the process default.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources

DOMAIN = "safekit"
SOURCE_LANGUAGE = "en"


def _locales_dir():
    return resources.files(__name__).joinpath("locales")


@cache
def available_languages() -> tuple[str, ...]:
    """Languages that have a catalogue, source language first."""
    found = sorted(
        entry.name
        for entry in _locales_dir().iterdir()
        if entry.is_dir() and entry.joinpath("LC_MESSAGES", f"{DOMAIN}.po").is_file()
    )
    return tuple([SOURCE_LANGUAGE] + [lang for lang in found if lang != SOURCE_LANGUAGE])


_installed: dict[str, dict[str, str]] = {}


def install_messages(lang: str, messages: dict[str, str]) -> None:
    """Use these compiled messages for ``lang`` (course bundles: no Babel in the kernel)."""
    _installed[lang] = dict(messages)
    _catalog.cache_clear()


@cache
def _catalog(lang: str) -> dict[str, str]:
    if lang in _installed:
        return _installed[lang]
    from babel.messages.pofile import read_po

    path = _locales_dir().joinpath(lang, "LC_MESSAGES", f"{DOMAIN}.po")
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return {
        msg.id: msg.string
        for msg in catalog
        if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy
    }


def default_language() -> str:
    """The language from ``SAFEKIT_LANG`` or the locale environment, if we have it."""
    for var in ("SAFEKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split(".")[0].split("_")[0].lower()
        if code in available_languages():
            return code
    return SOURCE_LANGUAGE


def translate(msgid: str, lang: str | None = None, /, **params: object) -> str:
    """Translate ``msgid`` into ``lang`` (default: :func:`default_language`).

    Missing translations fall back to the source text, so a half-translated language still
    works; ``safekit i18n-check`` reports what is missing.
    """
    text = _catalog(lang or default_language()).get(msgid, msgid)
    return text.format(**params) if params else text


def _(msgid: str, /, **params: object) -> str:
    return translate(msgid, None, **params)


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return msgid


def language_name(lang: str) -> str:
    from babel import Locale

    return Locale.parse(lang).get_display_name(lang).capitalize()


# Names of languages in their own language, for the language switch (no Babel needed).
_NATIVE_NAMES = {
    "en": "English",
    "nl": "Nederlands",
    "fr": "Français",
    "de": "Deutsch",
    "hu": "Magyar",
    "bg": "Български",
    "mk": "Македонски",
}


def language_name_static(lang: str) -> str:
    return _NATIVE_NAMES.get(lang, lang.upper())
