"""The ``safekit`` command. Each command is thin and hands off to a module.

Each command imports its module inside the command: importing them all (Voilà, nbgrader, pandas,
WeasyPrint) would add seconds to every command, ``safekit validate`` and ``--help`` included.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from safekit import __version__
from safekit.core.i18n import _, default_language, tn
from safekit.core.vocab import MODULES


def _project_or_cwd() -> Path:
    from safekit.authoring.syllabus import find_project

    return find_project() or Path.cwd()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="safekit")
def main() -> None:
    """safekit: training on early identification of trafficking victims and a safe future."""
    from safekit.authoring.syllabus import find_project, use_course_locales

    use_course_locales(find_project())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check case files (default: the project's cases/ and syllabus.yaml)."""
    from safekit.authoring.cases.validate import case_files, check_paths
    from safekit.authoring.syllabus import check_course, course_languages, find_project

    project = find_project()
    languages = course_languages(project)
    targets = list(paths) or [(project or Path.cwd()) / "cases"]
    for target in targets:
        if not target.exists():
            click.echo(_("{path}: no such file or folder", path=target), err=True)
            sys.exit(2)
    warnings: list = []
    cases, problems = check_paths(targets, languages, warnings)
    whole_course = project is not None and (
        not paths or any(p.is_dir() and p.resolve() == (project / "cases").resolve() for p in paths)
    )
    if whole_course:  # a listed case that did not load is reported as missing or invalid
        problems += check_course(project, {c.id: c.module for c in cases})
    for problem in problems:
        click.echo(str(problem))
    for warning in warnings:
        click.echo(_("{where} (advice, not an error)", where=str(warning)))
    n_files = len(case_files(targets))
    summary = _("{files} case file(s) checked, {problems} problem(s)", files=n_files, problems=len(problems))
    if warnings:
        summary += " " + _("and {n} piece(s) of advice", n=len(warnings))
    click.echo(summary, err=bool(problems))
    sys.exit(1 if problems else 0)


@main.command("new-case")
@click.argument("case_id")
@click.option(
    "--module",
    "--kind",
    "module",
    type=click.Choice(list(MODULES)),
    default="early-identification",
    show_default=True,
)
@click.option("--setting", default="social-services", show_default=True)
@click.option("--title", default=None, help="Title of the case (both languages until translated).")
def new_case(case_id: str, module: str, setting: str, title: str | None) -> None:
    """Create cases/CASE_ID.yaml from the template and list it in the syllabus."""
    from safekit.authoring.scaffold import ScaffoldError
    from safekit.authoring.scaffold import new_case as scaffold

    try:
        path = scaffold(_project_or_cwd(), case_id, module=module, setting=setting, title=title)
    except ScaffoldError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(_("Created {path}. Edit it, then run: safekit validate {path}", path=path))


@main.command()
@click.argument("case", required=False)
@click.option("--port", type=int, default=8868, show_default=True)
@click.option("--no-browser", is_flag=True, help="Do not open the browser; only print the address.")
def studio(case: str | None, port: int, no_browser: bool) -> None:
    """Write and annotate a case in the browser, with the validator and the participant's view
    beside it (on this computer only; stop it with Ctrl+C). CASE is a case id of cases/."""
    from safekit.server.studio import serve

    sys.exit(serve(_project_or_cwd(), case, port, open_browser=not no_browser))


@main.command()
@click.option("--port", type=int, default=8866, show_default=True)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where sessions are kept (default: workshops/ in the project).",
)
@click.option("--session", "session_id", default=None, help="Resume this session.")
@click.option("--new", is_flag=True, help="Start a new session instead of resuming today's.")
@click.option(
    "--pool-size", type=int, default=4, show_default=True, help="Kernels kept warm for new participants."
)
@click.option(
    "--module",
    "module_id",
    type=click.Choice(list(MODULES)),
    default=None,
    help="Serve one module only.",
)
@click.option(
    "--room-size",
    type=int,
    default=None,
    help="Participants expected: keeps that many kernels warm, and no more than a few extra.",
)
@click.option("--lan", is_flag=True, help="Serve participants on this computer's network address.")
@click.option("--address", default=None, help="With --lan: the room address to serve (default: found).")
@click.option(
    "--joins-per-device",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Participants one device (network address) may register.",
)
@click.option(
    "--page-opens-per-minute",
    type=click.IntRange(1),
    default=6,
    show_default=True,
    help="Times one participant may open the workshop page within a minute (each opening starts a kernel).",
)
@click.option(
    "--kernel-memory",
    type=click.IntRange(0),
    default=512,
    show_default=True,
    help="Memory ceiling of each participant's kernel, in MiB (0: none).",
)
@click.option(
    "--cull-idle-timeout",
    type=click.IntRange(1),
    default=1800,
    show_default=True,
    help="Seconds after which a kernel with no activity is shut down, even with its page open.",
)
@click.option("--cull-interval", type=click.IntRange(1), default=60, show_default=True, hidden=True)
@click.option("--tls", is_flag=True, help="Serve over HTTPS with a certificate made for this computer.")
@click.option("--tls-cert", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option(
    "--languages",
    default=None,
    help="Languages the session offers participants, comma-separated (e.g. hu,en; default: every "
    "language of the course). The first is where the join page starts when the browser asks for none.",
)
@click.option(
    "--country",
    default=None,
    help="Country the session is taught for (NL, HU, BG, MK, or any with a route file): the "
    "feedback names its referral route and organisations.",
)
@click.option(
    "--lang", "trainer_lang", default=None, help="Language of the trainer's pages (default: yours)."
)
@click.option("--check", is_flag=True, help="Only check the course and show what it teaches.")
def workshop(
    port: int,
    data_dir: Path | None,
    session_id: str | None,
    new: bool,
    pool_size: int,
    module_id: str | None,
    room_size: int | None,
    lan: bool,
    address: str | None,
    joins_per_device: int,
    page_opens_per_minute: int,
    kernel_memory: int,
    cull_idle_timeout: int,
    cull_interval: int,
    tls: bool,
    tls_cert: Path | None,
    tls_key: Path | None,
    languages: str | None,
    country: str | None,
    trainer_lang: str | None,
    check: bool,
) -> None:
    """Serve the workshop to participants' browsers (Ctrl+C stops it; answers are kept)."""
    from safekit.authoring.overview import overview
    from safekit.authoring.syllabus import course_languages

    project = _project_or_cwd()
    code = overview(project)
    course = course_languages(project)
    offered = [x.strip().lower() for x in languages.split(",") if x.strip()] if languages else None
    unknown = [x for x in [*(offered or []), *([trainer_lang] if trainer_lang else [])] if x not in course]
    if unknown:
        _usage_error(
            _(
                "The course has no language '{lang}' (it has: {langs}).",
                lang=unknown[0],
                langs=", ".join(course),
            )
        )
    if country:
        from safekit.authoring.countries import countries_dir

        routes = sorted(p.stem for p in countries_dir(project).glob("*.yaml"))
        if country.upper() not in routes:
            _usage_error(
                _(
                    "No route for the country '{code}' (there are: {codes}).",
                    code=country,
                    codes=", ".join(routes),
                )
            )
    if code or check:
        sys.exit(code)
    from safekit.server.workshop import WorkshopOptions, serve

    options = WorkshopOptions(
        project=project,
        data_dir=(data_dir or project / "workshops").resolve(),
        port=port,
        pool_size=pool_size,
        session=session_id,
        new=new,
        notebook=f"{module_id}.ipynb" if module_id else "participant.ipynb",
        lan=lan,
        room_size=room_size,
        address=address,
        joins_per_device=joins_per_device,
        page_opens_per_minute=page_opens_per_minute,
        kernel_memory_mib=kernel_memory,
        cull_idle_timeout=cull_idle_timeout,
        cull_interval=cull_interval,
        tls=tls or bool(tls_cert),
        tls_cert=tls_cert,
        tls_key=tls_key,
        languages=offered,
        country=country.upper() if country else None,
        trainer_language=trainer_lang or default_language(),
    )
    sys.exit(serve(options))


def _usage_error(message: str) -> None:
    """A choice the command cannot take: said on standard error, exit code 2 (as click does)."""
    click.echo(message, err=True)
    sys.exit(2)


def _data_dir(data_dir: Path | None) -> Path:
    return (data_dir or _project_or_cwd() / "workshops").resolve()


def _session_or_exit(data_dir: Path | None, session_id: str) -> Path:
    """The folder of a session, or a clear message and exit code 1."""
    from safekit.sessions.folders import session_folder

    try:
        return session_folder(_data_dir(data_dir), session_id)
    except FileNotFoundError:
        click.echo(_("No session '{id}' in {path}", id=session_id, path=_data_dir(data_dir)), err=True)
        sys.exit(1)


_data_dir_option = click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where sessions are kept (default: workshops/ in the project).",
)


@main.command()
@_data_dir_option
def sessions(data_dir: Path | None) -> None:
    """List workshop sessions, newest last."""

    from safekit.documents.sheets import moment
    from safekit.sessions.folders import RETENTION_DAYS, list_sessions

    found = list_sessions(_data_dir(data_dir))
    if not found:
        click.echo(_("No sessions in {path}", path=_data_dir(data_dir)))
        return
    for s in found:
        created = moment(s.created_at, default_language())
        flag = (
            "  " + _("(older than {days} days: export it if needed, then purge it)", days=RETENTION_DAYS)
            if s.expired
            else ""
        )
        participants = tn("{n} participant", "{n} participants", s.participants)
        answers = tn("{n} answer", "{n} answers", s.answers)
        click.echo(
            _("{id}  created {created}", id=s.id, created=created) + f"  {participants}  {answers}" + flag
        )


@main.command()
@click.argument("session_id")
@_data_dir_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("exports"), show_default=True)
def export(session_id: str, data_dir: Path | None, out: Path) -> None:
    """Write a session's answers as CSV and XLSX, with pseudonyms only."""
    from safekit.room.export import export_session

    folder = _session_or_exit(data_dir, session_id)
    for path in export_session(folder, out):
        click.echo(_("Wrote {path}", path=path))


@main.command()
@click.argument("session_id")
@_data_dir_option
@click.option("--participant", default=None, help="Only this participant (by pseudonym).")
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Default: exports/SESSION-worksheets."
)
@click.option("--pdf", is_flag=True, help="Also write PDF.")
def worksheets(
    session_id: str, data_dir: Path | None, participant: str | None, out: Path | None, pdf: bool
) -> None:
    """Print participants' filled safe-future worksheets: one file per participant and case."""
    from safekit.documents.filled_worksheets import NoSuchParticipant, export_worksheets

    folder = _session_or_exit(data_dir, session_id)
    try:
        target = out or Path("exports") / f"{session_id}-worksheets"
        written = export_worksheets(folder, target, participant, pdf=pdf)
    except NoSuchParticipant:
        click.echo(_("No participant '{name}' in session {id}", name=participant, id=session_id), err=True)
        sys.exit(1)
    for path in written:
        click.echo(_("Wrote {path}", path=path))
    if not written:
        click.echo(_("No worksheets saved in this session yet."), err=True)


@main.command()
@click.argument("session_id", required=False)
@_data_dir_option
@click.option("--expired", is_flag=True, help="Purge every session older than the retention period.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(session_id: str | None, data_dir: Path | None, expired: bool, yes: bool) -> None:
    """Delete a session's data for good, and say what was deleted."""
    from safekit.sessions.folders import SessionInUse, list_sessions, purge_session, session_folder

    root = _data_dir(data_dir)
    export_dirs = [_project_or_cwd() / "exports", Path("exports")]  # where the export commands write
    if expired:
        folders = [s.folder for s in list_sessions(root) if s.expired]
    elif session_id:
        try:
            folders = [session_folder(root, session_id)]
        except FileNotFoundError:
            click.echo(_("No session '{id}' in {path}", id=session_id, path=root), err=True)
            sys.exit(1)
    else:
        click.echo(_("Name a session (see 'safekit sessions') or use --expired."), err=True)
        sys.exit(2)
    for folder in folders:
        if not yes and not click.confirm(
            _("Delete session {id} and all its answers for good?", id=folder.name)
        ):
            click.echo(_("Nothing deleted."))
            continue
        try:
            counts = purge_session(folder, export_dirs)
        except SessionInUse:
            click.echo(
                _(
                    "Session {id} is being served by a running workshop. Stop the workshop "
                    "(Ctrl+C in its window), then purge it. Nothing deleted.",
                    id=folder.name,
                ),
                err=True,
            )
            sys.exit(1)
        click.echo(
            _(
                "Deleted session {id}: {participant} participant(s), {answer} answer(s), "
                "{event} saved change(s), {files} file(s), {exports} exported file(s).",
                id=folder.name,
                **counts,
            )
        )


SKIP_INVALID = click.option(
    "--skip-invalid", is_flag=True, help="Leave broken cases out instead of stopping (they are listed)."
)


def _course_problems(exc: Exception) -> None:
    click.echo(str(exc), err=True)
    sys.exit(1)


@main.command()
@click.option("--write", is_flag=True, help="Also write the table to docs/coverage.md.")
@SKIP_INVALID
def coverage(write: bool, skip_invalid: bool) -> None:
    """Print which forms, settings, age groups and indicators the cases cover."""
    from safekit.core.errors import CourseError
    from safekit.documents.coverage import coverage_report, write_coverage_doc

    project = _project_or_cwd()
    try:
        click.echo(coverage_report(project, skip_invalid))
        if write:
            click.echo(_("Wrote {path}", path=write_coverage_doc(project)))
    except CourseError as exc:
        _course_problems(exc)


@main.command()
@click.argument("case_ids", nargs=-1)
@click.option("--out", type=click.Path(path_type=Path), default=Path("handouts"), show_default=True)
@click.option("--lang", "languages", multiple=True, help="Languages (default: all course languages).")
@click.option("--pdf/--no-pdf", default=True, show_default=True)
@SKIP_INVALID
def handouts(
    case_ids: tuple[str, ...], out: Path, languages: tuple[str, ...], pdf: bool, skip_invalid: bool
) -> None:
    """Write printable participant and trainer sheets per case (HTML and PDF); only the cases named,
    if any."""
    from safekit.core.errors import CourseError
    from safekit.documents.handouts import build_handouts

    try:
        written = build_handouts(
            _project_or_cwd(),
            out,
            languages or None,
            pdf=pdf,
            case_ids=case_ids or None,
            skip_invalid=skip_invalid,
        )
    except CourseError as exc:
        _course_problems(exc)
    for path in written:
        click.echo(str(path))
    click.echo(_("{n} file(s) written to {out}", n=len(written), out=out), err=True)


@main.command()
@click.argument("case_id")
@click.option("--lang", "languages", multiple=True, help="Languages (default: all course languages).")
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Folder (default: a temporary one)."
)
@click.option("--no-browser", is_flag=True, help="Only print where the sheets are.")
def preview(case_id: str, languages: tuple[str, ...], out: Path | None, no_browser: bool) -> None:
    """Show the participant and trainer sheets of one case in the browser."""
    import tempfile
    import webbrowser

    from safekit.core.errors import CourseError
    from safekit.documents.handouts import build_handouts

    folder = out or Path(tempfile.mkdtemp(prefix=f"safekit-preview-{case_id}-"))
    try:
        written = build_handouts(_project_or_cwd(), folder, languages or None, pdf=False, case_ids=[case_id])
    except CourseError as exc:
        _course_problems(exc)
    sheets = [p for p in written if p.name.startswith(case_id)]
    for path in sheets:
        click.echo(str(path))
    if sheets and not no_browser:
        for path in sheets[:2]:  # the participant and the trainer sheet of the first language
            webbrowser.open(path.resolve().as_uri())


@main.command()
def docs() -> None:
    """Regenerate the generated docs (case format reference, catalogue, coverage). Refuses a course
    with a broken case, so that no document is written with a case left out."""
    from safekit.core.errors import CourseError
    from safekit.documents.docs import write_docs

    try:
        written = write_docs(_project_or_cwd())
    except CourseError as exc:
        _course_problems(exc)
    for path in written:
        click.echo(_("Wrote {path}", path=path))


@main.command()
def build() -> None:
    """Regenerate the nbgrader notebooks: solutions/ (with the key) and exercises/ (released)."""
    from safekit.core.errors import CourseError
    from safekit.grading.build import BuildError
    from safekit.grading.build import build as build_all

    project = _project_or_cwd()
    try:
        released = build_all(project)
    except (BuildError, CourseError) as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for path in released:
        click.echo(_("Released {path}", path=path.relative_to(project)))
    if not released:
        click.echo(_("The syllabus lists no assessments."))


@main.command()
@click.argument("assessment")
@click.option(
    "--course-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="nbgrader course folder with submitted/ (default: the latest session's nbgrader/ folder).",
)
@click.option("--session", "session_id", default=None, help="Grade this session's submissions.")
@_data_dir_option
@click.option("--workers", type=int, default=None, help="Parallel graders (default: cores + 1).")
@click.option("--feedback", is_flag=True, help="Also write nbgrader's feedback (it shows the answer key).")
@click.option("--certificates", is_flag=True, help="Also write certificates of completion.")
@click.option(
    "--pass-mark",
    type=click.IntRange(0, 100),
    default=50,
    show_default=True,
    help="Percent for a certificate.",
)
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Where tables go (default: COURSE/reports)."
)
@click.option("--lang", default="en", show_default=True)
def grade(
    assessment: str,
    course_dir: Path | None,
    session_id: str | None,
    data_dir: Path | None,
    workers: int | None,
    feedback: bool,
    certificates: bool,
    pass_mark: int,
    out: Path | None,
    lang: str,
) -> None:
    """Autograde every submission of ASSESSMENT and write scores per question and per signal."""
    from safekit.grading.grade import GradingError, grade_assessment
    from safekit.grading.submit import course_dir as session_course
    from safekit.sessions.folders import session_dirs

    if course_dir is None:
        folders = session_dirs(_data_dir(data_dir))
        if session_id:
            folders = [f for f in folders if f.name == session_id]
        if not folders:
            click.echo(_("No session found; give --course-dir or --session."), err=True)
            sys.exit(2)
        course_dir = session_course(folders[-1])
    bar = click.progressbar(length=0, label=_("Grading"), file=sys.stderr)

    def progress(report: dict) -> None:
        if report.get("again"):
            click.echo(
                "\n"
                + _(
                    "{student}: grading once more, after: {error}",
                    student=report["student"],
                    error=report["error"],
                ),
                err=True,
            )
            return
        if not report["ok"]:
            click.echo(
                "\n" + _("{student}: not graded ({error})", student=report["student"], error=report["error"]),
                err=True,
            )
        bar.update(1)

    try:
        from safekit.grading.grade import submissions

        bar.length = len(submissions(course_dir, assessment))
        with bar:
            result = grade_assessment(
                _project_or_cwd(),
                course_dir.resolve(),
                assessment,
                workers=workers,
                feedback=feedback,
                with_certificates=certificates,
                pass_mark=pass_mark,
                out=out,
                lang=lang,
                progress=progress,
            )
    except GradingError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    outcome = result["outcome"]
    click.echo(
        tn(
            "Graded {n} submission in {seconds:.1f} s.",
            "Graded {n} submissions in {seconds:.1f} s.",
            len(outcome.graded),
            seconds=outcome.seconds,
        )
    )
    click.echo(result["text"])
    shown = [p for p in result["files"] if p.parent.name != "certificates"]
    for path in shown:
        click.echo(_("Wrote {path}", path=path))
    if len(shown) < len(result["files"]):
        made = (len(result["files"]) - len(shown)) // 2
        click.echo(_("Wrote {n} certificate(s) in {path}", n=made, path=result["files"][-1].parent))
    if feedback:
        click.echo(_("Feedback shows the expected answers: hand it out only when you decide to."))
    sys.exit(1 if outcome.failed else 0)


@main.command("i18n-check")
@click.option("--update", is_flag=True, help="First add new source strings to every catalogue.")
def i18n_check(update: bool) -> None:
    """Report strings that a language does not translate yet, and terms its glossary avoids."""
    from safekit.authoring import glossary
    from safekit.authoring.messages import missing_translations, update_catalogues
    from safekit.authoring.syllabus import find_project
    from safekit.core.i18n import available_languages

    if update:
        for path in update_catalogues():
            click.echo(_("Updated {path}", path=path))
    missing = missing_translations()
    for lang, ids in missing.items():
        for msgid in ids:
            click.echo(f"{lang}: {msgid}")
    total = sum(len(v) for v in missing.values())
    click.echo(_("{n} missing translation(s)", n=total), err=bool(total))
    project = find_project()
    terms = [p for lang in available_languages() for p in glossary.check(lang, project)]
    for problem in terms:
        click.echo(str(problem))
    click.echo(_("{n} term(s) the glossaries avoid", n=len(terms)), err=bool(terms))
    _translation_table(project, available_languages(), missing)
    sys.exit(1 if total or terms else 0)


def _translation_table(
    project: Path | None, languages: tuple[str, ...], missing: dict[str, list[str]]
) -> None:
    """Per language: strings and words, missing interface strings, and what no native
    professional has reviewed yet."""
    from safekit.authoring.translations import status

    click.echo(_("Translations (strings, words, missing, unreviewed):"))
    for lang in languages:
        files = status(lang, project)
        strings, words = sum(f.strings for f in files), sum(f.words for f in files)
        unreviewed = [f for f in files if not f.reviewed]
        line = _(
            "  {lang}: {strings} strings, {words} words, {missing} missing",
            lang=lang,
            strings=strings,
            words=words,
            missing=len(missing.get(lang, [])),
        )
        if lang != "en":
            line += _(
                "; unreviewed: {n} strings in {files} of {all} files",
                n=sum(f.strings for f in unreviewed),
                files=len(unreviewed),
                all=len(files),
            )
            line += " " + (_("(draft translation)") if unreviewed else _("(reviewed)"))
        click.echo(line)


@main.command("i18n-review")
@click.argument("lang")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--by", "reviewer", required=True, help="Who reviewed, e.g. a name and role.")
def i18n_review(lang: str, files: tuple[Path, ...], reviewer: str) -> None:
    """Record that a native professional reviewed the LANG texts of FILES as they are now."""
    from safekit.authoring.syllabus import find_project
    from safekit.authoring.translations import record_review

    try:
        written = record_review(lang, list(files), reviewer, find_project())
    except ValueError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for path in written:
        click.echo(_("Wrote {path}", path=path))


@main.group()
def socialmap() -> None:
    """The social map: a directory of organisations that support victims (docs/socialmap.md)."""


def _echo_outcome(outcome) -> None:
    for line in outcome.errors:
        click.echo(line, err=True)
    for line in outcome.lines:
        click.echo(line)
    sys.exit(outcome.code)


@socialmap.command("list")
@click.option("--country", default=None, help="ISO country code, e.g. BG.")
@click.option("--service", default=None, help="Service code, e.g. SH (shelter) or RR (return).")
def socialmap_list(country: str | None, service: str | None) -> None:
    """List organisations: id, name, country, services, status, last checked."""
    from safekit.authoring.syllabus import find_project
    from safekit.socialmap.commands import run_list

    _echo_outcome(run_list(find_project(), country, service))


@socialmap.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--prefer", type=click.Choice(["ours", "theirs"]), default=None, help="How to settle conflicts."
)
@click.option("--dry-run", is_flag=True, help="Only report what would change.")
def socialmap_import(file: Path, prefer: str | None, dry_run: bool) -> None:
    """Check FILE.csv and merge it into the project's directory (socialmap/organisations.csv)."""
    from safekit.socialmap.commands import run_import

    _echo_outcome(run_import(_project_or_cwd(), file, prefer, dry_run))


@socialmap.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def socialmap_export(file: Path) -> None:
    """Write the directory in use to FILE.csv."""
    from safekit.authoring.syllabus import find_project
    from safekit.socialmap.commands import run_export

    _echo_outcome(run_export(find_project(), file))


@socialmap.command("explore")
@click.option("--port", type=int, default=8867, show_default=True)
def socialmap_explore(port: int) -> None:
    """Open the social map explorer (Voilà) on this computer; stop it with Ctrl+C."""
    from safekit.server.socialmap import serve

    sys.exit(serve(_project_or_cwd(), port))


@main.group()
def survey() -> None:
    """Questionnaires: training needs, knowledge check, evaluation."""


@survey.command("report")
@click.argument("session_id")
@_data_dir_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("exports"), show_default=True)
@click.option("--lang", default="en", show_default=True, help="Language of the report.")
def survey_report(session_id: str, data_dir: Path | None, out: Path, lang: str) -> None:
    """Summarise a session's questionnaires: tables (CSV, XLSX), charts and an HTML report."""
    from safekit.core.i18n import available_languages
    from safekit.survey.render import report_session, summary

    if lang not in available_languages():
        click.echo(
            _(
                "No translation for '{lang}'; choose one of: {langs}",
                lang=lang,
                langs=", ".join(available_languages()),
            ),
            err=True,
        )
        sys.exit(2)
    folder = _session_or_exit(data_dir, session_id)
    rep, written = report_session(folder, out / f"{folder.name}-survey", lang)
    click.echo(summary(rep))
    click.echo("")
    for path in written:
        click.echo(_("Wrote {path}", path=path))


if __name__ == "__main__":  # pragma: no cover
    main()
