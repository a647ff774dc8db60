"""``safekit worksheets SESSION``: each participant's filled worksheets, one printable file per
participant and case, named and headed by pseudonym only (never a token).

    OUT/<pseudonym>-<case-id>.html   (.pdf with ``pdf=True``)
"""

from __future__ import annotations

from pathlib import Path

from safekit.authoring.worksheets import bundle_worksheets
from safekit.core.bundle import load_bundle
from safekit.core.i18n import translate
from safekit.core.text import loc
from safekit.documents.handouts import write_page
from safekit.documents.sheets import mark_drafts, moment
from safekit.documents.worksheets import filled_sheets
from safekit.sessions import Store, pseudonym_slug


class NoSuchParticipant(LookupError):
    """The session has no participant with this pseudonym."""


def export_worksheets(
    folder: Path, out_dir: Path, participant: str | None = None, *, pdf: bool = False
) -> list[Path]:
    """Write the filled worksheets of a session folder (or of one ``participant``, by pseudonym,
    case-insensitive); return the files written."""

    bundle_path = folder / "runtime" / "bundle.json"
    bundle = load_bundle(bundle_path) if bundle_path.is_file() else None
    mark_drafts(bundle.drafts if bundle else [])  # as the session's pages said
    with Store.for_session_dir(folder) as store:
        session = store.session()
        people = {p.token: p for p in store.participants(session.id)}
        answers = [
            (people[token], case_id, payload, at)
            for token, case_id, kind, payload, at in store.all_answers(session.id)
            if kind == "worksheet" and token in people
        ]
    if participant is not None:
        wanted = participant.strip().casefold()
        if not any(p.pseudonym.casefold() == wanted for p in people.values()):
            raise NoSuchParticipant(participant)
        answers = [a for a in answers if a[0].pseudonym.casefold() == wanted]
    order = bundle.case_order() if bundle else []
    sheets = bundle.worksheets if bundle and bundle.worksheets else bundle_worksheets()
    answers.sort(key=lambda a: (a[0].pseudonym, order.index(a[1]) if a[1] in order else len(order), a[1]))
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for person, case_id, payload, at in answers:
        lang = person.language or (bundle.languages[0] if bundle else "en")
        case = bundle.cases.get(case_id) if bundle else None
        title = loc(case["title"], lang) if case else case_id
        meta = [
            (translate("Participant", lang), person.pseudonym),
            (translate("Session", lang), session.id),
            (translate("Last saved", lang), moment(at, lang)),
        ]
        stem = f"{pseudonym_slug(person.pseudonym)}-{case_id}"
        n = 2
        while stem in used:
            stem, n = f"{pseudonym_slug(person.pseudonym)}-{n}-{case_id}", n + 1
        used.add(stem)
        html = filled_sheets(sheets, title, payload, lang, meta)
        written += write_page(out_dir / f"{stem}.html", html, pdf)
    return written
