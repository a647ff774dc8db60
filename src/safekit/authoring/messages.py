"""Which source strings a language does not translate yet.

Source strings are extracted from the package with Babel, the same way ``pybabel extract``
does (keywords ``_``, ``N_``, ``translate`` and the exercises' ``t``): from the code, and with
Jinja2's extractor from the page and document templates (``*.html.j2``).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from safekit.core.i18n import (
    DOMAIN,
    PLURAL_SEP,
    SOURCE_LANGUAGE,
    available_languages,
    catalogue_path,
    messages,
)

KEYWORDS = {"_": None, "N_": None, "translate": (1,), "t": (1,), "tn": (1, 2), "translate_n": (1, 2)}
# the code, and the page and document templates (which call ``translate`` as the code does)
METHODS = [("**.py", "python"), ("**.html.j2", "jinja2.ext:babel_extract")]


# Babel's Python extractor does not look inside f-strings (on Python 3.11); this catches the
# single-literal calls written there, e.g. f"<h3>{esc(t('Found', lang))}</h3>". Pages and
# documents come from templates; the kernel-side snippets of the exercises and the social map
# cards still write such calls.
_CALL = re.compile(r"""(?<![\w.])(?:_|N_|t|translate)\(\s*((?P<q>['"])(?:\\.|(?!(?P=q)).)*(?P=q))\s*[,)]""")


@cache
def source_strings() -> frozenset[str | tuple[str, ...]]:
    package = Path(__file__).resolve().parents[1]
    found: set[str | tuple[str, ...]] = set()
    for path in package.rglob("*.py"):
        for m in _CALL.finditer(path.read_text(encoding="utf-8")):
            value = ast.literal_eval(m.group(1))
            if value and "{" not in m.group(1)[:1]:
                found.add(value)
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(package), method_map=METHODS, keywords=KEYWORDS
    ):
        if isinstance(message, str) and message:
            found.add(message)
        elif isinstance(message, tuple) and all(message):  # singular and plural
            found.add(message[:2])
    return frozenset(found)


def _key(message: str | tuple[str, ...]) -> str:
    """How a source string is looked up in a language's messages."""
    return message if isinstance(message, str) else PLURAL_SEP.join(message)


def missing_translations() -> dict[str, list[str]]:
    result = {}
    for lang in available_languages():
        if lang == SOURCE_LANGUAGE:
            continue
        have = messages(lang)
        result[lang] = sorted((m for m in source_strings() if _key(m) not in have), key=_key)
    return result


def update_catalogues() -> list[Path]:
    """Add new source strings (empty) to every catalogue and drop unused ones."""

    written = []
    template = Catalog(domain=DOMAIN)
    for msg in sorted(source_strings(), key=_key):
        template.add(msg)
    for lang in available_languages():
        path = catalogue_path(lang)
        if path is None:
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
        written.append(path)
    return written
