"""The ``safekit`` command. Each command is thin and hands off to a module."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from safekit import __version__
from safekit.i18n import _


def _project_or_cwd() -> Path:
    from safekit.course import find_project

    return find_project() or Path.cwd()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="safekit")
def main() -> None:
    """safekit: training on early identification of trafficking victims and a safe future."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check case files (default: the project's cases/ and syllabus.yaml)."""
    from safekit.cases.validate import case_files, check_paths
    from safekit.course import check_course, course_languages, find_project

    project = find_project()
    languages = course_languages(project)
    targets = list(paths) or [(project or Path.cwd()) / "cases"]
    for target in targets:
        if not target.exists():
            click.echo(_("{path}: no such file or folder", path=target), err=True)
            sys.exit(2)
    cases, problems = check_paths(targets, languages)
    whole_course = project is not None and (
        not paths or any(p.is_dir() and p.resolve() == (project / "cases").resolve() for p in paths)
    )
    if whole_course:  # a listed case that did not load is reported as missing or invalid
        problems += check_course(project, {c.id: c.module for c in cases})
    for problem in problems:
        click.echo(str(problem))
    n_files = len(case_files(targets))
    summary = _("{files} case file(s) checked, {problems} problem(s)", files=n_files, problems=len(problems))
    click.echo(summary, err=bool(problems))
    sys.exit(1 if problems else 0)


@main.command("new-case")
@click.argument("case_id")
@click.option(
    "--module",
    type=click.Choice(["early-identification", "safe-future"]),
    default="early-identification",
    show_default=True,
)
@click.option("--setting", default="social-services", show_default=True)
@click.option("--title", default=None, help="Title of the case (both languages until translated).")
def new_case(case_id: str, module: str, setting: str, title: str | None) -> None:
    """Create cases/CASE_ID.yaml from the template and list it in the syllabus."""
    from safekit.cases.scaffold import ScaffoldError
    from safekit.cases.scaffold import new_case as scaffold

    try:
        path = scaffold(_project_or_cwd(), case_id, module=module, setting=setting, title=title)
    except ScaffoldError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(_("Created {path}. Edit it, then run: safekit validate {path}", path=path))


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
    type=click.Choice(["early-identification", "safe-future"]),
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
    check: bool,
) -> None:
    """Serve the workshop to participants' browsers (Ctrl+C stops it; answers are kept)."""
    from safekit.course_overview import overview

    project = _project_or_cwd()
    code = overview(project)
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
    )
    sys.exit(serve(options))


def _data_dir(data_dir: Path | None) -> Path:
    return (data_dir or _project_or_cwd() / "workshops").resolve()


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
    import datetime as dt

    from safekit.room.export import RETENTION_DAYS, list_sessions

    found = list_sessions(_data_dir(data_dir))
    if not found:
        click.echo(_("No sessions in {path}", path=_data_dir(data_dir)))
        return
    for s in found:
        created = dt.datetime.fromtimestamp(s.created_at).strftime("%Y-%m-%d %H:%M")
        flag = (
            "  " + _("(older than {days} days: export it if needed, then purge it)", days=RETENTION_DAYS)
            if s.expired
            else ""
        )
        click.echo(
            _(
                "{id}  created {created}  {participants} participant(s)  {answers} answer(s)",
                id=s.id,
                created=created,
                participants=s.participants,
                answers=s.answers,
            )
            + flag
        )


@main.command()
@click.argument("session_id")
@_data_dir_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("exports"), show_default=True)
def export(session_id: str, data_dir: Path | None, out: Path) -> None:
    """Write a session's answers as CSV and XLSX, with pseudonyms only."""
    from safekit.room.export import export_session, session_folder

    try:
        folder = session_folder(_data_dir(data_dir), session_id)
    except FileNotFoundError:
        click.echo(_("No session '{id}' in {path}", id=session_id, path=_data_dir(data_dir)), err=True)
        sys.exit(1)
    for path in export_session(folder, out):
        click.echo(_("Wrote {path}", path=path))


@main.command()
@click.argument("session_id", required=False)
@_data_dir_option
@click.option("--expired", is_flag=True, help="Purge every session older than the retention period.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(session_id: str | None, data_dir: Path | None, expired: bool, yes: bool) -> None:
    """Delete a session's data for good, and say what was deleted."""
    from safekit.room.export import list_sessions, purge_session, session_folder

    root = _data_dir(data_dir)
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
        counts = purge_session(folder)
        click.echo(
            _(
                "Deleted session {id}: {participant} participant(s), {answer} answer(s), "
                "{event} saved change(s), {files} file(s).",
                id=folder.name,
                **counts,
            )
        )


@main.command()
@click.option("--write", is_flag=True, help="Also write the table to docs/coverage.md.")
def coverage(write: bool) -> None:
    """Print which forms, settings, age groups and indicators the cases cover."""
    from safekit.content.coverage import coverage_report, write_coverage_doc

    project = _project_or_cwd()
    click.echo(coverage_report(project))
    if write:
        click.echo(_("Wrote {path}", path=write_coverage_doc(project)))


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("handouts"), show_default=True)
@click.option("--lang", "languages", multiple=True, help="Languages (default: all course languages).")
@click.option("--pdf/--no-pdf", default=True, show_default=True)
def handouts(out: Path, languages: tuple[str, ...], pdf: bool) -> None:
    """Write printable participant and trainer sheets per case (HTML and PDF)."""
    from safekit.content.handouts import build_handouts

    written = build_handouts(_project_or_cwd(), out, languages or None, pdf=pdf)
    for path in written:
        click.echo(str(path))
    click.echo(_("{n} file(s) written to {out}", n=len(written), out=out), err=True)


@main.command()
def docs() -> None:
    """Regenerate the generated docs (case format reference, catalogue, coverage)."""
    from safekit.content.docs import write_docs

    for path in write_docs(_project_or_cwd()):
        click.echo(_("Wrote {path}", path=path))


@main.command("i18n-check")
@click.option("--update", is_flag=True, help="First add new source strings to every catalogue.")
def i18n_check(update: bool) -> None:
    """Report strings that a language does not translate yet."""
    from safekit.i18n.check import missing_translations, update_catalogues

    if update:
        for path in update_catalogues():
            click.echo(_("Updated {path}", path=path))
    missing = missing_translations()
    for lang, ids in missing.items():
        for msgid in ids:
            click.echo(f"{lang}: {msgid}")
    total = sum(len(v) for v in missing.values())
    click.echo(_("{n} missing translation(s)", n=total), err=bool(total))
    sys.exit(1 if total else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
