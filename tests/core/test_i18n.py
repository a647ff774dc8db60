"""Translations: complete for every language, placeholders intact, a new language is files only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import safekit.core.i18n as i18n
from safekit.authoring.messages import missing_translations, source_strings


def test_source_strings_are_found():
    strings = source_strings()
    assert "required field is missing" in strings
    assert len(strings) > 50


def test_strings_in_templates_are_found():
    """The pages and documents say most of their words in their templates: each literal they
    pass to ``translate`` is a source string, also where no Python file has it."""
    package = Path(i18n.__file__).resolve().parents[1]
    templates = list(package.rglob("*.html.j2"))
    in_templates = {
        m.group(2)
        for path in templates
        for m in re.finditer(r"""translate\((["'])(.+?)\1""", path.read_text(encoding="utf-8"))
    }
    in_code = " ".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))
    only_there = {s for s in in_templates if s not in in_code}
    assert len(only_there) > 20  # e.g. the participant sheet's and the join page's text
    assert in_templates - source_strings() == set()


def test_no_missing_translations():
    missing = missing_translations()
    assert missing, "expected at least one language besides English"
    assert {lang: ids for lang, ids in missing.items() if ids} == {}


@pytest.mark.parametrize("lang", [lang for lang in i18n.available_languages() if lang != "en"])
def test_placeholders_survive_translation(lang):
    for msgid, msgstr in i18n.messages(lang).items():
        assert set(re.findall(r"\{\w+\}", msgid)) == set(re.findall(r"\{\w+\}", msgstr)), msgid


def test_dutch_is_used_when_asked(monkeypatch):
    monkeypatch.setenv("SAFEKIT_LANG", "nl")
    assert i18n._("required field is missing") != "required field is missing"
    monkeypatch.setenv("SAFEKIT_LANG", "xx")
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert i18n.default_language() == "nl"


def test_a_third_language_is_only_files(tmp_path, monkeypatch):
    locales = tmp_path / "locales"
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "fr" / "LC_MESSAGES" / "safekit.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "required field is missing"\nmsgstr "champ obligatoire manquant"\n\n'
        f'msgid "{i18n.LANGUAGE_NAME}"\nmsgstr "Français"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(i18n.ENV_LOCALES, str(locales))
    assert "fr" in i18n.available_languages()
    assert i18n.language_name("fr") == "Français"
    assert i18n.translate("required field is missing", "fr") == "champ obligatoire manquant"
    assert i18n.translate("not translated yet", "fr") == "not translated yet"
    assert len(missing_translations()["fr"]) == len(source_strings()) - 2


def test_the_po_reader_agrees_with_babel():
    from babel.messages.pofile import read_po

    for lang in i18n.available_languages():
        path = i18n.catalogue_path(lang)
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        expected = {
            m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
        }
        expected |= {  # messages with a plural, every form translated
            i18n.PLURAL_SEP.join(m.id): i18n.PLURAL_SEP.join(m.string)
            for m in catalog
            if isinstance(m.id, tuple) and all(m.string) and not m.fuzzy
        }
        expected[i18n.PLURAL_RULE] = catalog.plural_expr
        assert i18n.read_po(path.read_text(encoding="utf-8")) == expected, lang


def test_the_po_reader_skips_fuzzy_and_context_entries():
    text = (
        'msgid ""\nmsgstr "Language: xx\\n"\n\n#, fuzzy\nmsgid "a"\nmsgstr "A?"\n\n'
        'msgctxt "menu"\nmsgid "b"\nmsgstr "B in a menu"\n\nmsgid "c"\nmsgstr ""\n"C, "\n"continued"\n\n'
        '#, python-brace-format\nmsgid "d {n}"\nmsgstr "D {n}"\n'
    )
    assert i18n.read_po(text) == {"c": "C, continued", "d {n}": "D {n}"}


def test_plural_forms_follow_each_languages_rule():
    from safekit.core.i18n import translate_n

    def said(lang, n):
        return translate_n("{n} participant", "{n} participants", n, lang)

    assert [said("en", n) for n in (1, 2)] == ["1 participant", "2 participants"]
    assert [said("bg", n) for n in (1, 2)] == ["1 участник", "2 участници"]
    assert said("hu", 2) == "2 résztvevő"  # a noun after a number stays singular in Hungarian
    # Macedonian: one form for 1, 21, 31 ..., but not 11
    assert [said("mk", n) for n in (1, 11, 21)] == ["1 учесник", "11 учесници", "21 учесник"]
    assert translate_n("{n} thing", "{n} things", 3, "mk") == "3 things"  # untranslated: English
