"""``safekit handouts``: printable sheets per case, for rooms without Wi-Fi and for the debrief.

For every case and language: a participant sheet (story and questions, no answer key) and a
trainer sheet (signals, rule, verdicts, debrief), as self-contained HTML and, on request, PDF
(WeasyPrint, offline), plus an index page per language::

    OUT/<lang>/index.html
    OUT/<lang>/<case-id>-participant.html   (.pdf)
    OUT/<lang>/<case-id>-trainer.html       (.pdf)
    OUT/<lang>/worksheet-<id>.html          (.pdf)  blank safe-future worksheets
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from pathlib import Path

from weasyprint import HTML

from safekit.authoring.cases.model import Case
from safekit.authoring.catalogue import load_catalogue
from safekit.authoring.syllabus import load_syllabus
from safekit.authoring.translations import draft_languages
from safekit.authoring.worksheets import bundle_worksheets
from safekit.core.errors import CourseError
from safekit.core.i18n import _
from safekit.documents.coverage import load_cases
from safekit.documents.sheets import document, loc, mark_drafts, participant_sheet, trainer_sheet
from safekit.documents.worksheets import blank_sheet

__all__ = ["build_handouts", "document", "participant_sheet", "trainer_sheet", "write_page"]


def _index(
    title: str, lang: str, rows: list[tuple[str, Case]], pdf: bool, worksheets: list[tuple[str, str]] = ()
) -> str:
    """The index page: ``rows`` (module title, case) in teaching order; ``worksheets`` (file
    stem, title)."""
    modules = [
        (module_title, [(loc(case.title, lang), case.id) for _m, case in group])
        for module_title, group in groupby(rows, key=lambda row: row[0])
    ]
    return document(
        "index.html.j2", lang=lang, title=title, modules=modules, worksheets=list(worksheets), pdf=pdf
    )


def write_page(path: Path, html: str, pdf: bool) -> list[Path]:
    """Write a page, and its PDF beside it on request; returns the files written."""
    path.write_text(html, encoding="utf-8")
    written = [path]
    if pdf:
        target = path.with_suffix(".pdf")
        HTML(string=html, base_url=None).write_pdf(target)
        written.append(target)
    return written


def build_handouts(
    project: Path,
    out: Path,
    languages: Iterable[str] | None = None,
    *,
    pdf: bool = True,
    case_ids: Iterable[str] | None = None,
    skip_invalid: bool = False,
) -> list[Path]:
    """Write the sheets of every valid case (or of ``case_ids``) in each language; return the paths.

    ``languages`` defaults to the course languages; text missing in a language falls back to
    English, as everywhere in the kit.
    """

    syllabus = load_syllabus(project)
    cat = load_catalogue()
    by_id = {c.id: c for c in load_cases(project, skip_invalid)}
    wanted = set(case_ids) if case_ids is not None else None
    unknown = sorted((wanted or set()) - set(by_id))
    if unknown:
        raise CourseError(_("no valid case with id {ids} in this course", ids=", ".join(unknown)))
    order = [
        (module, by_id[cid])
        for module in syllabus.modules
        for cid in module.cases
        if cid in by_id and (wanted is None or cid in wanted)
    ]
    written: list[Path] = []
    langs = list(languages or syllabus.languages)
    mark_drafts(draft_languages(project, langs))
    for lang in langs:
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for _module, case in order:
            sheets = (
                ("participant", participant_sheet(case, lang)),
                ("trainer", trainer_sheet(case, lang, cat)),
            )
            for kind, html in sheets:
                written += write_page(folder / f"{case.id}-{kind}.html", html, pdf)
        safe_future = any(c.module == "safe-future" for _m, c in order)
        worksheets = _blank_worksheets(folder, lang, pdf) if safe_future else []
        written += [path for path, _label in worksheets]
        sheet_links = [(path.stem, label) for path, label in worksheets if path.suffix == ".html"]
        rows = [(loc(m.title, lang), c) for m, c in order]
        index = folder / "index.html"
        index.write_text(_index(loc(syllabus.title, lang), lang, rows, pdf, sheet_links), encoding="utf-8")
        written.append(index)
    return written


def _blank_worksheets(folder: Path, lang: str, pdf: bool) -> list[tuple[Path, str]]:
    """The blank safe-future worksheets in ``lang``: (path written, worksheet title)."""

    out = []
    for sheet in bundle_worksheets():
        title = loc(sheet["title"], lang)
        html = blank_sheet(sheet, lang)
        out += [(path, title) for path in write_page(folder / f"worksheet-{sheet['id']}.html", html, pdf)]
    return out
