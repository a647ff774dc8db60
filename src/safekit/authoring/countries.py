"""The identification and referral route of a country a session is taught for.

One file per country in ``safekit/data/countries/<CC>.yaml`` (a course may bring its own in
``countries/``): the steps a professional takes there once they suspect trafficking, who takes
each, the public source each step was checked against (with a caveat where the sources are thin
or old), and the social map's organisations to name. The participant's feedback on an
identification ("what next") shows the route of the session's country; a new country is a new
file. Problems are reported as ``file:line: field: message`` like the case validator does.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from safekit.authoring.cases.model import Localized, Text
from safekit.authoring.datafile import load_model
from safekit.authoring.yamlio import line_of
from safekit.core.errors import CourseError, Problem


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RouteStep(_Model):
    """One step of the route, with the public source it was checked against."""

    step: Localized = Field(description="What happens, in one or two sentences.")
    who: Localized = Field(description="Who takes the step (an authority or organisation).")
    source: Text = Field(description="The public source: title and publisher.")
    url: str | None = Field(None, pattern=r"^https?://")
    checked_on: dt.date
    caveat: Localized | None = Field(None, description="Where the sources are thin, old or disagree.")


class CountryRoute(_Model):
    schema_version: Literal[1]
    country: str = Field(pattern=r"^[A-Z]{2}$")
    title: Localized
    steps: list[RouteStep] = Field(min_length=2)
    organisations: list[str] = Field(
        default_factory=list, description="Ids of the social map's organisations to name."
    )
    note: Localized | None = Field(None, description="What the route leaves out, or how certain it is.")


def countries_dir(project: Path | None = None) -> Path:
    """The course's own ``countries/`` folder when it has one, else the kit's."""
    own = project / "countries" if project is not None else None
    if own is not None and own.is_dir():
        return own
    return Path(str(files("safekit").joinpath("data", "countries")))


def _texts(route: CountryRoute):
    yield ("title",), route.title
    if route.note:
        yield ("note",), route.note
    for i, step in enumerate(route.steps):
        for key in ("step", "who", "caveat"):
            if getattr(step, key):
                yield ("steps", i, key), getattr(step, key)


def load_route(
    path: Path, languages: tuple[str, ...], organisations: set[str] | None = None
) -> tuple[CountryRoute | None, list[Problem]]:
    """One country's route, or the problems that keep it from loading."""
    route, problems, raw = load_model(path, CountryRoute, _texts, languages, "country")
    if route is None:
        return None, problems
    for i, org in enumerate(route.organisations):
        if organisations is not None and org not in organisations:
            problems.append(
                Problem(
                    path,
                    line_of(raw, ("organisations", i)),
                    f"organisations[{i}]",
                    f"no organisation {org!r} on the social map",
                )
            )
    return (None if problems else route), problems


def route_record(
    project: Path, country: str, languages: tuple[str, ...], organisations: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The route of ``country`` for the course bundle (organisations as their social-map records),
    or None when no country is chosen; a broken or missing file is a ``CourseError``."""
    if not country:
        return None
    path = countries_dir(project) / f"{country}.yaml"
    if not path.is_file():
        raise CourseError(f"{path}: no route for the country {country}")
    by_id = {org["id"]: org for org in organisations}
    route, problems = load_route(path, languages, set(by_id))
    if route is None:
        raise CourseError("\n".join(str(p) for p in problems))
    data = route.model_dump(mode="json")
    data["organisations"] = [by_id[o] for o in route.organisations]
    return data


def check_routes(project: Path | None, languages: tuple[str, ...], organisations: set[str]) -> list[Problem]:
    """Every country file of the course (or the kit), checked."""
    return [
        p
        for path in sorted(countries_dir(project).glob("*.yaml"))
        for p in load_route(path, languages, organisations)[1]
    ]
