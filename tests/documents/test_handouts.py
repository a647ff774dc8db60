"""Printed handouts: both sheets for every case and language, no answers on the participant
sheet, everything on the trainer sheet, nothing fetched from outside, and a real PDF."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from safekit.authoring.syllabus import load_syllabus
from safekit.authoring.translations import draft_languages
from safekit.authoring.worksheets import bundle_worksheets
from safekit.core.i18n import DRAFT_NOTE, translate
from safekit.core.rule import CAVEATS
from safekit.core.vocab import VERDICTS
from safekit.documents.coverage import load_cases
from safekit.documents.handouts import build_handouts
from safekit.documents.sheets import participant_sheet
from tests.conftest import ROOT

PDF_CASE = "girl-with-uncle-airport"  # all PDFs take about a minute; one case shows they work


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return norm(" ".join(parser.parts))


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    written = build_handouts(ROOT, out, pdf=False)
    return out, written


@pytest.fixture(scope="module")
def cases():
    """The taught cases: an assessment's cases get no handout (the trainer sheet is its key)."""
    taught = load_syllabus(ROOT).case_ids()
    return [c for c in load_cases(ROOT) if c.id in taught]


@pytest.fixture(scope="module")
def languages():
    return load_syllabus(ROOT).languages


def sheet(out, lang, case_id, kind) -> str:
    return (out / lang / f"{case_id}-{kind}.html").read_text(encoding="utf-8")


def answer_texts(case, lang) -> dict[str, list[str]]:
    """What only the trainer may see, by kind, in ``lang``."""
    q = case.questions
    options = [o for step in q.decide for o in step.options]
    return {
        "evidence explanation": [e.explanation[lang] for e in case.evidence],
        "distractor explanation": [d.explanation[lang] for d in case.distractors],
        "option feedback": [o.feedback[lang] for o in options],
        "option consequence": [o.consequence[lang] for o in options],
        "forms feedback": [q.forms_feedback[lang]],
        "palermo note": [getattr(case.palermo, el).note[lang] for el in ("act", "means", "purpose")],
        "risk factor explanation": [f.explanation[lang] for f in q.risk_factors],
        "plan item feedback": [p.feedback[lang] for p in q.plan_items],
        "debrief": [case.debrief[lang]],
        "key point": [k[lang] for k in case.key_points],
    }


def verdict_words(case, lang) -> set[str]:
    return {translate(VERDICTS[o.verdict], lang) for step in case.questions.decide for o in step.options}


def test_every_case_has_both_sheets_in_every_language(built, cases, languages):
    out, written = built
    assert len(cases) >= 10
    expected = {out / lang / "index.html" for lang in languages}
    for lang in languages:
        index = (out / lang / "index.html").read_text(encoding="utf-8")
        for case in cases:
            for kind in ("participant", "trainer"):
                path = out / lang / f"{case.id}-{kind}.html"
                assert path.is_file(), path
                assert f'href="{case.id}-{kind}.html"' in index
                assert f'lang="{lang}"' in path.read_text(encoding="utf-8")
                expected.add(path)
        for sheet in bundle_worksheets():  # the blank safe-future worksheets
            path = out / lang / f"worksheet-{sheet['id']}.html"
            assert f'href="{path.name}"' in index
            expected.add(path)
    assert set(written) == expected
    assert not any(p.suffix == ".pdf" for p in out.rglob("*"))


def test_participant_sheet_holds_no_answers(built, cases, languages):
    """Nothing that the trainer sheet reveals may appear on the participant sheet. Each
    forbidden text is first shown to be on the trainer sheet, so the check cannot pass by
    looking for text that is printed nowhere."""
    out, _ = built
    leaks = []
    for lang in languages:
        for case in cases:
            participant = sheet(out, lang, case.id, "participant")
            trainer = sheet(out, lang, case.id, "trainer")
            p_text, t_text = visible_text(participant), visible_text(trainer)
            for kind, texts in answer_texts(case, lang).items():
                for text in texts:
                    assert norm(text) in t_text, (case.id, lang, kind, text)
                    if norm(text) in p_text:
                        leaks.append((case.id, lang, kind, text[:60]))
            for word in verdict_words(case, lang) | {translate("Key signal", lang)}:
                pattern = rf"\b{re.escape(word)}\b"
                assert re.search(pattern, t_text), (case.id, lang, word)
                if re.search(pattern, p_text):
                    leaks.append((case.id, lang, "verdict word", word))
            ids = {e.indicator for e in case.evidence}
            ids |= {d.looks_like for d in case.distractors if d.looks_like}
            leaks += [(case.id, lang, "indicator id", i) for i in ids if i in participant]
    assert leaks == []


def test_participant_sheet_asks_the_questions(built, cases, languages):
    out, _ = built
    for lang in languages:
        for case in cases:
            text = visible_text(sheet(out, lang, case.id, "participant"))
            wanted = [case.title[lang], *(s.title[lang] for s in case.stages)]
            wanted += [s.text[lang] for s in case.stages]
            for step in case.questions.decide:
                wanted += [step.prompt[lang], *(o.label[lang] for o in step.options)]
            wanted += [f.label[lang] for f in case.questions.risk_factors]
            wanted += [p.label[lang] for p in case.questions.plan_items]
            wanted += [d[lang] for d in case.discussion]
            wanted += [translate("Participant sheet", lang), translate("Your notes", lang)]
            missing = [w for w in wanted if norm(w) not in text]
            assert missing == [], (case.id, lang)


def test_trainer_sheet_has_every_passage_and_the_rule_caveat(built, cases, languages):
    out, _ = built
    drafts = draft_languages(ROOT, languages)
    for lang in languages:
        caveat = translate(CAVEATS[0], lang)
        assert caveat != CAVEATS[0] or lang == "en"
        for case in cases:
            text = visible_text(sheet(out, lang, case.id, "trainer"))
            passages = [e.passage[lang] for e in case.evidence] + [d.passage[lang] for d in case.distractors]
            assert [p for p in passages if norm(p) not in text] == [], (case.id, lang)
            assert caveat in text, (case.id, lang)
            # a draft translation says so first, then the content note comes before anything else
            draft = norm(translate(DRAFT_NOTE, lang))
            assert text.startswith(draft) == (lang in drafts), (case.id, lang)
            assert text.removeprefix(draft).lstrip().startswith(translate("Content note", lang)), (
                case.id,
                lang,
            )
            note, title = text.find(norm(case.content_note[lang])), text.find(case.title[lang])
            assert 0 <= note < title, (case.id, lang)
            for fact in case.facts:  # every checked fact, with its source, in the debrief
                assert norm(fact.fact[lang]) in text and norm(fact.source) in text, (case.id, lang)
                if fact.caveat:
                    assert norm(fact.caveat[lang]) in text, (case.id, lang)


def test_trainer_sheet_shows_facts_sources_dates_and_the_neutral_rule(cases):
    from datetime import date

    from safekit.authoring.cases.model import Fact
    from safekit.authoring.catalogue import load_catalogue
    from safekit.documents.sheets import trainer_sheet

    case = cases[0]
    fact = Fact(
        fact={lang: f"A checked fact ({lang})." for lang in case.title},
        source="Staatscourant 2023, 13577",
        url="https://zoek.officielebekendmakingen.nl/stcrt-2023-13577.html",
        checked_on=date(2026, 12, 3),
        caveat={lang: f"Sources disagree ({lang})." for lang in case.title},
    )
    case = case.model_copy(update={"facts": [fact], "contrast": True})
    text = visible_text(trainer_sheet(case, "nl", load_catalogue()))
    for words in (
        "A checked fact (nl).",
        "Staatscourant 2023, 13577",
        "3 december 2026",
        "Sources disagree (nl).",
    ):
        assert words in text
    assert translate("Contrast case", "nl") in text
    assert "neutra" in text  # the hint says every other sentence is neutral


def test_sheets_are_self_contained(built):
    out, _ = built
    for path in out.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for needle in ("<script", "<link", "<img", "@import", "url(", "src="):
            assert needle not in html, (path.name, needle)
        # a fact's source may print its address, as text only: nothing is fetched or linked
        assert not re.search(r"=\s*[\"']?https?://", html), path.name
        assert "@page" in html and "A4" in html


def test_case_text_is_escaped(cases):
    case = cases[0]
    title = {lang: "<script>alert(1)</script> & co" for lang in case.title}
    html = participant_sheet(case.model_copy(update={"title": title}), "en")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


@pytest.mark.slow  # WeasyPrint lays out and renders every page: seconds, not milliseconds
def test_pdf_of_one_case(tmp_path, languages):
    written = build_handouts(ROOT, tmp_path, pdf=True, case_ids=[PDF_CASE])
    pdfs = [p for p in written if p.suffix == ".pdf"]
    assert sorted(p.name for p in pdfs) == sorted(
        f"{PDF_CASE}-{kind}.pdf" for kind in ("participant", "trainer") for _ in languages
    )
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        try:
            from pypdf import PdfReader
        except ImportError:
            assert len(data) > 1000
        else:
            assert len(PdfReader(pdf).pages) >= 1


def test_the_command_writes_html_only_when_asked(tmp_path, monkeypatch):
    from safekit.cli import main

    monkeypatch.setenv("SAFEKIT_PROJECT", str(ROOT))
    result = CliRunner().invoke(main, ["handouts", "--out", str(tmp_path), "--lang", "nl", "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "nl" / "index.html").is_file()
    assert not (tmp_path / "en").exists()
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.slow
def test_a_bulgarian_pdf_prints_its_cyrillic_title(tmp_path, cases):
    from pypdf import PdfReader

    case = next(c for c in cases if c.id == "bg-returned-farm-worker")
    written = build_handouts(ROOT, tmp_path, ["bg"], pdf=True, case_ids=[case.id])
    pdf = next(p for p in written if p.name == f"{case.id}-participant.pdf")
    text = norm(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    title = norm(case.title["bg"])
    assert any("\u0400" <= ch <= "\u04ff" for ch in title)
    assert title in text  # every letter drawn from a font that has it: nothing lost to boxes
    assert norm(translate(DRAFT_NOTE, "bg")) in text
