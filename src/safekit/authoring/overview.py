"""What ``safekit workshop`` prints before it serves (and all that ``--check`` does): the course,
validated and listed in teaching order."""

from __future__ import annotations

from pathlib import Path

import click

from safekit.authoring.cases.validate import check_paths
from safekit.authoring.syllabus import check_course, course_languages, load_syllabus
from safekit.core.i18n import _, default_language, translate
from safekit.core.vocab import AGE_GROUPS, FORMS, SETTINGS


def overview(project: Path) -> int:
    """Validate the course and print it in teaching order. Returns an exit code."""

    lang = default_language()
    cases, problems = check_paths([project / "cases"], course_languages(project))
    problems += check_course(project, {c.id: c.module for c in cases})
    if problems:
        for p in problems:
            click.echo(str(p), err=True)
        click.echo(
            _("The course has {n} problem(s); fix them with 'safekit validate'.", n=len(problems)), err=True
        )
        return 1
    syllabus = load_syllabus(project)
    by_id = {c.id: c for c in cases}
    click.echo(syllabus.title.get(lang, syllabus.title["en"]))
    click.echo(_("Languages: {langs}", langs=", ".join(syllabus.languages)))
    for module in syllabus.modules:
        click.echo("")
        click.echo(module.title.get(lang, module.title["en"]))
        for case_id in module.cases:
            case = by_id[case_id]
            forms = ", ".join(translate(FORMS[f], lang) for f in case.forms)
            click.echo(
                f"  - {case.title.get(lang, case.title['en'])}  "
                f"[{translate(SETTINGS[case.setting], lang)}; "
                f"{translate(AGE_GROUPS[case.person.age_group], lang)}; {forms}]"
            )
    if syllabus.assessments:
        click.echo("")
        click.echo(_("Assessments:"))
        for a in syllabus.assessments:
            click.echo(f"  - {a.title.get(lang, a.title['en'])} ({', '.join(a.cases)})")
    click.echo("")
    click.echo(_("The course is valid: {n} case(s) ready.", n=len(cases)))
    return 0
