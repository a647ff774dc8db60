"""What ``safekit socialmap list|import|export`` do; the CLI only passes arguments and prints.

Exit codes of the import: 0 merged (or nothing to do), 1 the file has errors (nothing
written), 3 conflicts left open (the rest was merged; run again with ``--prefer``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from safekit.authoring.socialmap.model import Organisation
from safekit.authoring.socialmap.store import (
    PROJECT_FILE,
    DirectoryError,
    directory_path,
    load_directory,
    read_csv,
    write_csv,
)
from safekit.core.i18n import _, default_language
from safekit.core.text import collation_key
from safekit.socialmap.merge import merge, report

OK, INVALID, CONFLICTS = 0, 1, 3


@dataclass
class Outcome:
    code: int = OK
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def table(orgs: list[Organisation], country: str | None = None, service: str | None = None) -> list[str]:
    """A plain-text table: id, name, country, services, status, last checked."""
    rows = [
        o
        for o in sorted(orgs, key=lambda o: (o.country, collation_key(o.name, default_language())))
        if (not country or o.country == country.upper()) and (not service or service.upper() in o.services)
    ]
    unknown = _("not known")
    head = [_("id"), _("name"), _("country"), _("services"), _("status"), _("last checked")]
    body = [
        [
            o.id,
            o.name if len(o.name) <= 48 else o.name[:47] + "…",
            o.country,
            ";".join(o.services) or unknown,
            o.status,
            o.last_checked.isoformat() if o.last_checked else unknown,
        ]
        for o in rows
    ]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [head, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(_("{n} organisation(s)", n=len(rows)))
    return lines


def _broken(project: Path | None, exc: DirectoryError) -> Outcome:
    """The directory in use does not validate: say where, change nothing."""
    path = directory_path(project)
    return Outcome(INVALID, errors=[str(exc), _("{path}: fix these problems first.", path=path)])


def run_list(project: Path | None, country: str | None = None, service: str | None = None) -> Outcome:
    try:
        return Outcome(lines=table(load_directory(project), country, service))
    except DirectoryError as exc:
        return _broken(project, exc)


def run_import(project: Path | None, file: Path, prefer: str | None = None, dry_run: bool = False) -> Outcome:
    """Validate ``file``, merge it into the directory and write the project's copy."""
    out = Outcome()
    lines: dict[str, int] = {}
    theirs, problems = read_csv(file, lines)
    if problems:
        out.code = INVALID
        out.errors = [str(p) for p in problems]
        out.errors.append(_("{file}: {n} problem(s); nothing was imported.", file=file, n=len(problems)))
        return out
    target = (project or Path.cwd()) / PROJECT_FILE
    source = directory_path(project)
    try:
        ours = load_directory(project)
    except DirectoryError as exc:
        return _broken(project, exc)
    result = merge(ours, theirs, prefer=prefer, lines=lines)
    out.lines = report(result, file)
    if dry_run:
        out.lines.append(_("Dry run: nothing was written."))
    elif result.changed:
        write_csv(result.merged, target)
        out.lines.append(_("Written to {path}", path=target))
        if source != target:
            out.lines.append(_("(started from the directory shipped with the kit)"))
    else:
        out.lines.append(_("Nothing to change."))
    if result.open_conflicts:
        out.code = CONFLICTS
    return out


def run_export(project: Path | None, file: Path) -> Outcome:
    try:
        orgs = load_directory(project)
    except DirectoryError as exc:
        return _broken(project, exc)
    write_csv(orgs, file)
    return Outcome(
        lines=[
            _(
                "{n} organisation(s) from {source} written to {path}",
                n=len(orgs),
                source=directory_path(project),
                path=file,
            )
        ]
    )
