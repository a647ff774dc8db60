"""Pieces of the generated Markdown docs."""

from __future__ import annotations

from collections.abc import Mapping

from safekit.core.i18n import available_languages, language_name, translate


def vocabulary_table(mapping: Mapping[str, str]) -> str:
    """A closed vocabulary as a table: each value with its label in every language."""
    langs = available_languages()
    out = ["| value | " + " | ".join(language_name(x) for x in langs) + " |\n"]
    out.append("|---" * (len(langs) + 1) + "|\n")
    for key, label in mapping.items():
        out.append(f"| `{key}` | " + " | ".join(translate(label, x) for x in langs) + " |\n")
    return "".join(out)
