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
from pathlib import Path

from safekit.authoring.cases.model import Case
from safekit.core.i18n import translate
from safekit.documents.sheets import esc, loc, participant_sheet, trainer_sheet

__all__ = ["build_handouts", "page", "participant_sheet", "trainer_sheet", "write_page"]

CSS = """
@page {
  size: A4;
  margin: 16mm 16mm 18mm 16mm;
  @top-left { content: string(kind); font-size: 8pt; color: #555; }
  @top-right { content: string(case); font-size: 8pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; }
}
html { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif;
  font-size: 11pt; line-height: 1.4; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 178mm; padding: 0 2mm; }
h1 { font-size: 18pt; line-height: 1.2; margin: 0 0 2mm; string-set: case content(); }
h2 { font-size: 13.5pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 1pt solid #999;
  break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
h4 { font-size: 11pt; font-weight: normal; font-style: italic; margin: 2mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2mm; orphans: 2; widows: 2; }
ul, ol { margin: 0 0 2mm; padding-left: 6mm; }
li { margin-bottom: 1mm; }
header { margin-bottom: 3mm; }
.kind { string-set: kind content(); text-transform: uppercase; letter-spacing: 0.08em;
  font-size: 9pt; color: #444; margin: 0 0 1mm; }
dl.meta { margin: 0; font-size: 10pt; }
dl.meta div { display: inline-block; margin: 0 5mm 1mm 0; }
dl.meta dt { display: inline; color: #444; }
dl.meta dt::after { content: ": "; }
dl.meta dd { display: inline; margin: 0; font-weight: bold; }
.intro, .hint { font-size: 10pt; color: #333; }
.content-note { border: 1.5pt solid #111; padding: 3mm 4mm; margin: 0 0 5mm; break-inside: avoid; }
.content-note h2 { margin: 0 0 1.5mm; border: none; padding: 0; font-size: 12pt; }
.content-note p { margin: 0; }
.stage { margin-bottom: 3mm; }
.stage > p { text-align: left; }
mark { background: none; border-bottom: 1.2pt solid #333; color: inherit; }
mark.key { border-bottom: 2.4pt solid #111; font-weight: bold; }
mark.dis { border-bottom: 1pt dashed #777; }
sup { font-size: 7pt; font-weight: bold; line-height: 0; padding-left: 0.5pt; }
ol.signals, ol.options { list-style: none; padding: 0; margin: 2mm 0 3mm; }
li.signal, li.option { break-inside: avoid; border-left: 1pt solid #999; padding: 0.5mm 0 0.5mm 9mm;
  margin-bottom: 2.5mm; position: relative; font-size: 10pt; }
li.signal p, li.option p { margin: 0 0 0.8mm; }
li.signal.key { border-left: 3pt solid #111; }
li.signal.dis { border-left: 1pt dashed #777; color: #222; }
.num { position: absolute; left: 2mm; top: 0.5mm; font-weight: bold; }
.quote { font-style: italic; }
.ind { color: #333; }
.tag { display: inline-block; font-style: normal; font-size: 8pt; font-weight: bold;
  text-transform: uppercase; letter-spacing: 0.04em; border: 0.8pt solid #333; padding: 0 1.2mm; }
.letter { display: inline-block; font-weight: bold; min-width: 4mm; text-indent: 0; }
.verdict { font-weight: bold; }
li.option.good { border-left: 3pt solid #111; }
li.option.unsafe { border-left: 1pt dashed #555; }
.prompt { font-weight: bold; break-after: avoid; }
section.decide .step { break-inside: avoid; }
ul.rule { padding-left: 5mm; font-size: 10pt; }
ul.rule li.caveat { font-weight: bold; list-style: none; margin-left: -5mm; margin-top: 2mm;
  border: 1pt solid #555; padding: 1.5mm 2.5mm; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 1mm 0 3mm; }
td { border-top: 0.6pt solid #aaa; padding: 1.5mm 2mm 1.5mm 0; vertical-align: top; }
tr, table.palermo { break-inside: avoid; }
ul.choices { list-style: none; padding: 0; }
ul.choices li { margin-bottom: 1.5mm; padding-left: 6mm; text-indent: -6mm; }
ul.choices.cols { columns: 2; column-gap: 8mm; }
ul.choices.row li { display: inline-block; margin-right: 8mm; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.9pt solid #222;
  margin-right: 2.5mm; vertical-align: -0.5mm; text-indent: 0; }
.lines { margin: 1mm 0 4mm; }
.line { height: 8mm; border-bottom: 0.6pt solid #888; }
.label { margin: 2mm 0 0; font-size: 10pt; color: #333; }
div.q, section.notes { break-inside: avoid; }
section.decide .step + .step { margin-top: 5mm; }
.index td { padding-right: 4mm; }
a { color: #111; }
@media screen { body { padding: 8mm; } }
"""


def page(title: str, body: str, lang: str) -> str:
    """A complete, self-contained HTML document: inline style, no scripts, fonts or links out."""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _index(
    title: str, lang: str, rows: list[tuple[str, Case]], pdf: bool, worksheets: list[tuple[str, str]] = ()
) -> str:
    t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
    body = [f'<header><p class="kind">{esc(t("Handouts"))}</p><h1>{esc(title)}</h1></header>']
    body.append(
        '<p class="intro">'
        + esc(
            t(
                "Print the participant sheets for the room. Keep the trainer sheets for yourself: "
                "they hold the signals, the verdicts and the debrief."
            )
        )
        + "</p>"
    )
    current = None
    for module_title, case in rows:
        if module_title != current:
            if current is not None:
                body.append("</table>")
            body.append(f'<h2>{esc(module_title)}</h2><table class="index">')
            current = module_title
        links = []
        for kind, label in (("participant", t("Participant sheet")), ("trainer", t("Trainer sheet"))):
            stem = f"{case.id}-{kind}"
            link = f'<a href="{stem}.html">{esc(label)}</a>'
            if pdf:
                link += f' (<a href="{stem}.pdf">PDF</a>)'
            links.append(link)
        body.append(
            f"<tr><td><strong>{esc(loc(case.title, lang))}</strong></td><td>{' · '.join(links)}</td></tr>"
        )
    if current is not None:
        body.append("</table>")
    if worksheets:  # (file stem, title)
        body.append(f'<h2>{esc(t("Worksheets for a safe future"))}</h2><table class="index">')
        for stem, label in worksheets:
            link = f'<a href="{stem}.html">{esc(label)}</a>'
            if pdf:
                link += f' (<a href="{stem}.pdf">PDF</a>)'
            body.append(f"<tr><td>{link}</td></tr>")
        body.append("</table>")
    return page(f"{t('Handouts')}: {title}", "".join(body), lang)


def write_page(path: Path, html: str, pdf: bool) -> list[Path]:
    """Write a page, and its PDF beside it on request; returns the files written."""
    path.write_text(html, encoding="utf-8")
    written = [path]
    if pdf:
        from weasyprint import HTML

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
) -> list[Path]:
    """Write the sheets of every valid case (or of ``case_ids``) in each language; return the paths.

    ``languages`` defaults to the course languages; text missing in a language falls back to
    English, as everywhere in the kit.
    """
    from safekit.authoring.catalogue import load_catalogue
    from safekit.authoring.syllabus import load_syllabus
    from safekit.documents.coverage import load_cases

    syllabus = load_syllabus(project)
    cat = load_catalogue()
    by_id = {c.id: c for c in load_cases(project)}
    wanted = set(case_ids) if case_ids is not None else None
    order = [
        (module, by_id[cid])
        for module in syllabus.modules
        for cid in module.cases
        if cid in by_id and (wanted is None or cid in wanted)
    ]
    written: list[Path] = []
    for lang in list(languages or syllabus.languages):
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for _module, case in order:
            title = loc(case.title, lang)
            sheets = (
                ("participant", translate("Participant sheet", lang), participant_sheet(case, lang)),
                ("trainer", translate("Trainer sheet", lang), trainer_sheet(case, lang, cat)),
            )
            for kind, label, body in sheets:
                html = page(f"{title}: {label}", body, lang)
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
    from safekit.documents.worksheets import blank_sheet
    from safekit.worksheets import definitions

    out = []
    for sheet in definitions():
        title = loc(sheet["title"], lang)
        html = page(f"{translate('Worksheet', lang)}: {title}", blank_sheet(sheet, lang), lang)
        out += [(path, title) for path in write_page(folder / f"worksheet-{sheet['id']}.html", html, pdf)]
    return out
