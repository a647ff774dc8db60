"""Pages and printed documents from Jinja2 templates.

Each package that renders pages keeps its templates in a ``templates/`` folder beside its
modules (``*.html.j2``) and gets its environment with ``environment(__package__)``. Every
environment escapes what it inserts (``autoescape``), fails on a name the template does not get
(``StrictUndefined``) and offers the kit's translation as the code calls it::

    {{ translate("Session code", lang) }}
    {{ translate("Decision {n}", lang, n=n) }}
    {{ case.title | loc(lang) }}

``safekit i18n-check`` finds the strings passed to ``translate`` in the templates.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from safekit.core.i18n import language_name, translate
from safekit.core.text import loc


def _translate_filter(msgid: str, lang: str, **params: Any) -> str:
    return translate(msgid, lang, **params)


@cache
def environment(package: str) -> jinja2.Environment:
    """The template environment of ``package`` (its ``templates/`` folder)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["translate"] = translate
    env.globals["language_name"] = language_name
    env.filters["translate"] = _translate_filter
    env.filters["loc"] = loc
    return env


def render(package: str, name: str, **context: Any) -> str:
    """Render the template ``name`` of ``package`` with ``context``."""
    return environment(package).get_template(name).render(**context)
