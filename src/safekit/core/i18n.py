"""Translations for every string a participant, trainer or author sees.

Catalogues are gettext ``.po`` files, ``<lang>/LC_MESSAGES/safekit.po``, in the packaged
``data/locales/`` folder and in any folder named by ``SAFEKIT_LOCALES`` (several joined with the
path separator). They are read here with the standard library, with no compile step. A new
language is a new folder with a ``.po`` file: :func:`available_languages` finds it, and the
catalogue itself says what the language is called (the translation of :data:`LANGUAGE_NAME`).

Use ``_()`` around a literal in the code (so the extractor finds it) and
``translate(msgid, lang)`` where the language is not the process default. A course bundle
carries the messages, so a participant's kernel reads no ``.po`` file at all.
"""

from __future__ import annotations

import gettext
import json
import os
from functools import cache
from importlib import resources
from pathlib import Path

DOMAIN = "safekit"
SOURCE_LANGUAGE = "en"
ENV_LOCALES = "SAFEKIT_LOCALES"


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return msgid


# Each catalogue translates this into the language's own name, for the language switch.
LANGUAGE_NAME = N_("(the name of this language, in this language)")

# What pages and handouts say in a language whose texts are not yet all reviewed by a native
# professional (see safekit.authoring.translations).
DRAFT_NOTE = N_("Draft translation: not yet reviewed by a native professional.")


def locale_dirs() -> list[Path]:
    """Folders that hold catalogues: the kit's own, then any named by ``SAFEKIT_LOCALES``."""
    extra = [Path(p) for p in os.environ.get(ENV_LOCALES, "").split(os.pathsep) if p]
    return [Path(str(resources.files("safekit").joinpath("data", "locales"))), *extra]


def catalogue_path(lang: str) -> Path | None:
    """The ``.po`` file of ``lang`` (a later folder overrides an earlier one), if any."""
    found = None
    for folder in locale_dirs():
        path = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            found = path
    return found


def available_languages() -> tuple[str, ...]:
    """Languages that have a catalogue, source language first."""
    found = {
        entry.name
        for folder in locale_dirs()
        if folder.is_dir()
        for entry in folder.iterdir()
        if (entry / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    }
    return tuple([SOURCE_LANGUAGE] + sorted(found - {SOURCE_LANGUAGE}))


_installed: dict[str, dict[str, str]] = {}


def install_messages(lang: str, messages: dict[str, str]) -> None:
    """Use these messages for ``lang`` (a course bundle's: no ``.po`` reading in the kernel)."""
    _installed[lang] = dict(messages)


def messages(lang: str) -> dict[str, str]:
    """Every translated message of ``lang``: msgid -> text."""
    if lang in _installed:
        return _installed[lang]
    path = catalogue_path(lang)
    if path is None:
        return {}
    return _read_po(path, path.stat().st_mtime_ns)


@cache
def _read_po(path: Path, _mtime: int) -> dict[str, str]:
    return read_po(path.read_text(encoding="utf-8"))


def read_po(text: str) -> dict[str, str]:
    """The translated, non-fuzzy, context-free singular messages of a ``.po`` file's text."""
    entries: list[dict] = []
    entry: dict | None = None
    key = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith('"'):
            if entry is not None and key:
                entry[key] += json.loads(line)
            continue
        word, _, rest = line.partition(" ")
        starts = line.startswith("#") or word in ("msgctxt", "msgid")
        if starts and entry is not None and any(k.startswith("msgstr") for k in entry):
            entries.append(entry)
            entry = None
        if entry is None:
            entry = {"#flags": ""}
        if line.startswith("#"):
            if line.startswith("#,"):
                entry["#flags"] += line[2:] + ","
            continue
        key = word
        entry[key] = json.loads(rest)
    if entry is not None:
        entries.append(entry)
    out = {}
    for e in entries:
        msgid, msgstr = e.get("msgid"), e.get("msgstr", e.get("msgstr[0]"))
        fuzzy = "fuzzy" in {f.strip() for f in e["#flags"].split(",")}
        if msgid == "" and msgstr:  # the header: how the language chooses a plural form
            for line in msgstr.splitlines():
                if line.startswith("Plural-Forms:") and "plural=" in line:
                    out[PLURAL_RULE] = line.split("plural=", 1)[1].strip().rstrip(";")
        if not msgid or fuzzy or "msgctxt" in e:
            continue
        if "msgid_plural" in e:
            forms = [e[k] for k in sorted(e, key=lambda k: (len(k), k)) if k.startswith("msgstr[")]
            if forms and all(forms):
                out[msgid + PLURAL_SEP + e["msgid_plural"]] = PLURAL_SEP.join(forms)
        elif msgstr:
            out[msgid] = msgstr
    return out


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
    text = messages(lang or default_language()).get(msgid, msgid)
    return text.format(**params) if params else text


def _(msgid: str, /, **params: object) -> str:
    return translate(msgid, None, **params)


# Plural messages are kept as "singular\0plural" -> "form 0\0form 1...", beside the rule of the
# language's catalogue header (e.g. Macedonian: n % 10 != 1 || n % 100 == 11).
PLURAL_SEP = "\x00"
PLURAL_RULE = "\x00plural"


@cache
def _plural_index(rule: str):
    return gettext.c2py(rule)


def translate_n(singular: str, plural: str, n: int, lang: str | None = None, /, **params: object) -> str:
    """The form of a message for the number ``n`` in ``lang``, by the language's own plural rule
    (``{n}`` is filled in). Untranslated: the English singular for 1, else the plural."""
    found = messages(lang or default_language())
    forms = found.get(singular + PLURAL_SEP + plural)
    if forms:
        choices = forms.split(PLURAL_SEP)
        index = _plural_index(found.get(PLURAL_RULE, "n != 1"))(n)
        text = choices[min(index, len(choices) - 1)]
    else:
        text = singular if n == 1 else plural
    return text.format(n=n, **params)


def tn(singular: str, plural: str, n: int, /, **params: object) -> str:
    """:func:`translate_n` in the process's language (for the command line)."""
    return translate_n(singular, plural, n, None, **params)


def language_name(lang: str) -> str:
    """The language's name in that language, as its catalogue gives it (else its code)."""
    name = messages(lang).get(LANGUAGE_NAME)
    return name or lang.upper()


def preferred_language(accept_language: str, offered: list[str] | tuple[str, ...]) -> str | None:
    """The first of ``offered`` that the browser asks for in its ``Accept-Language`` header,
    by the weights it gives (``hu-HU,hu;q=0.9,en;q=0.8`` asks for Hungarian first), or None."""
    asked = []
    for n, part in enumerate(accept_language.split(",")):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        code = tag.strip().split("-")[0].split("_")[0].lower()
        if code and weight > 0:
            asked.append((-weight, n, code))
    for _weight, _n, code in sorted(asked):
        if code in offered:
            return code
    return None
