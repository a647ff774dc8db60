"""The vignette model: one case file in ``cases/`` is one :class:`Case`.

This module is the single source of truth for the case format: the authors' field
reference (``docs/case-format.md``) is generated from the field descriptions here.
Checks that need more than one field (passages that must exist in the text, ids that must
exist in the catalogue, every language present) live in :mod:`safekit.authoring.cases.validate`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from safekit.core.vocab import (
    AgeGroup,
    Audience,
    FactorKind,
    Form,
    Gender,
    Module,
    PlanArea,
    PlanLevel,
    Region,
    RiskLevel,
    Setting,
    Verdict,
)

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Localized = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")], Text],
    Field(description="Text per language, e.g. `{en: ..., nl: ...}`; every course language is required."),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Person(_Model):
    """Who the case is about: a fictional composite, described only in generic terms."""

    age_group: AgeGroup = Field(description="`adult` or `child` (under 18); decides which rule applies.")
    age: int | None = Field(None, ge=0, le=99, description="Approximate age, optional.")
    gender: Gender = Field(description="`female`, `male`, `non-binary` or `not-stated`.")
    origin_region: Region = Field(description="A generic region of origin, never a town or village.")
    return_country: str | None = Field(
        None,
        pattern=r"^[A-Z]{2}$",
        description="Safe-future cases: ISO country code the person may return to (for referrals).",
    )


class Anonymisation(_Model):
    """Who checked that the case describes no real person, and when."""

    checked_by: Text = Field(description="A role or team, e.g. `course team`; not a personal name.")
    checked_on: dt.date = Field(description="Date of the check, `YYYY-MM-DD`.")


class LintAllowance(_Model):
    """A detail the anonymisation check reports that the case keeps on purpose, and why."""

    text: Text = Field(description="The words as the check reports them, e.g. `15 July 2026`.")
    reason: Text = Field(description="Why it stays, e.g. `legal deadline, not a date of birth`.")


class Stage(_Model):
    """One part of the narrative, in the order it is revealed."""

    id: Slug = Field(description="Short id, e.g. `first-contact`, `later`.")
    title: Localized
    text: Localized = Field(description="The narrative of this stage (plain text or Markdown).")


class Evidence(_Model):
    """A passage of the narrative that is a signal, linked to an indicator of the catalogue."""

    id: Slug
    stage: Slug = Field(description="The stage whose text contains the passage.")
    indicator: str = Field(description="Indicator id from the catalogue, e.g. `cd_debt_bondage`.")
    passage: Localized = Field(
        description="The exact words in that stage's text, per language (copy them, do not paraphrase)."
    )
    explanation: Localized = Field(description="Why this is a signal, shown in feedback.")
    also: list[str] = Field(
        default_factory=list,
        description="Other indicator ids that are also right for this passage (acceptable alternatives); "
        "a participant who tags one of them has found the signal with the right indicator.",
    )
    key: bool = Field(False, description="`true` for the strongest signals a participant must not miss.")
    points: int = Field(1, ge=0, le=5, description="Points for finding this signal in an assessment.")


class Distractor(_Model):
    """A passage that looks like a signal but is not one in this case: marking it is over-reading,
    and costs a point in an assessment. Every sentence that holds neither a signal nor a
    distractor is neutral: marking it never costs a point."""

    id: Slug
    stage: Slug
    passage: Localized
    looks_like: str | None = Field(None, description="Indicator id it might be mistaken for.")
    explanation: Localized = Field(description="Why this is not (on its own) a signal; shown in feedback.")


class Fact(_Model):
    """A legal or practice fact the case relies on, with the public source that was checked."""

    fact: Localized = Field(description="The fact, in one or two sentences.")
    source: Text = Field(
        description="The public source: title and publisher, e.g. a law, a decree or an official page."
    )
    url: str | None = Field(
        None, pattern=r"^https?://", description="Where the source can be read, if online."
    )
    checked_on: dt.date = Field(
        description="When the fact was last checked against the source, `YYYY-MM-DD`."
    )
    caveat: Localized | None = Field(
        None, description="Where sources disagree, are old or could not be checked: say so here."
    )


class PalermoClaim(_Model):
    evidenced: bool
    note: Localized


class Palermo(_Model):
    """Which elements of the legal definition the case evidences (act, means, purpose)."""

    act: PalermoClaim
    means: PalermoClaim
    purpose: PalermoClaim


class Option(_Model):
    """One choice at a decision point, with what follows from it."""

    id: Slug
    label: Localized
    consequence: Localized = Field(description="What happens next in the story if this is chosen.")
    feedback: Localized = Field(description="Why this choice is good, partly right or unsafe.")
    verdict: Verdict = Field(description="`good`, `partly` or `unsafe`.")
    points: int = Field(ge=0, le=5)
    next: Slug | None = Field(None, description="Id of the next decision step; empty ends the scenario.")


class DecisionStep(_Model):
    """A decision point in the branching scenario; the first step is where it starts."""

    id: Slug
    prompt: Localized
    options: list[Option] = Field(min_length=2)


class RiskFactor(_Model):
    """Safe future: a risk or protective factor the participant should (or should not) name."""

    id: Slug
    level: RiskLevel
    kind: FactorKind
    label: Localized
    present: bool = Field(True, description="`false` for a plausible factor that this case does not show.")
    explanation: Localized


class PlanItem(_Model):
    """Safe future: a possible item of the reintegration plan."""

    id: Slug
    area: PlanArea
    level: PlanLevel
    label: Localized
    appropriate: bool = Field(description="Whether it belongs in this person's plan.")
    feedback: Localized


class OrderStep(_Model):
    """Put the steps in order: one step, listed at its right place."""

    id: Slug
    label: Localized = Field(description="The step as participants see it, one short line.")
    why: Localized = Field(description="Why the step has this place; shown in the feedback.")


class OrderQuestion(_Model):
    """Put the steps in order: participants order the first actions after a disclosure."""

    prompt: Localized = Field(description="The question, e.g. what you do first after she tells you.")
    steps: list[OrderStep] = Field(
        min_length=3, max_length=8, description="Three to eight steps, in the right order; unique ids."
    )


class Questions(_Model):
    """What the exercises ask, beyond spotting the annotated signals."""

    forms_feedback: Localized = Field(description="Feedback on the form(s) of exploitation.")
    decide: list[DecisionStep] = Field(min_length=1, description="The branching scenario, first step first.")
    risk_factors: list[RiskFactor] = Field(default_factory=list)
    plan_items: list[PlanItem] = Field(default_factory=list)
    order: OrderQuestion | None = Field(
        None, description="Optional: put the first actions after a disclosure in order."
    )


class Case(_Model):
    """A case vignette: a fictional composite used to practise identification or a safe future."""

    schema_version: Literal[1] = Field(description="Version of this format; currently `1`.")
    id: Slug = Field(description="Unique id; the file is `cases/<id>.yaml`.")
    title: Localized
    module: Module
    setting: Setting
    audiences: list[Audience] = Field(default_factory=list, description="Professions it suits best.")
    country: str = Field(
        pattern=r"^[A-Z]{2}$",
        description="ISO code of the country where the case is set, e.g. `NL`, `HU`, `BG`, `MK`.",
    )
    person: Person
    forms: list[Form] = Field(
        min_length=1,
        description="Forms of exploitation (Directive 2011/36/EU as amended); for a contrast case, the form it "
        "resembles.",
    )
    also_forms: list[Form] = Field(
        default_factory=list,
        description="Forms that are also acceptable answers (a secondary form the feedback names); choosing "
        "them costs nothing.",
    )
    contrast: bool = Field(
        False,
        description="`true` for a contrast case: the decision rule is not met (for example an exploited worker "
        "who is not a victim of trafficking), and participants learn the difference.",
    )
    indicator_set: Literal["adult-labour", "child-labour", "adult-sexual", "child-sexual"] | None = Field(
        None, description="Delphi set to apply; by default from age group and forms."
    )
    content_note: Localized = Field(description="For trainers: what the case touches on, before it is used.")
    objectives: list[Localized] = Field(min_length=1, description="Learning objectives.")
    stages: list[Stage] = Field(min_length=1)
    evidence: list[Evidence] = Field(min_length=1)
    distractors: list[Distractor] = Field(default_factory=list)
    palermo: Palermo
    questions: Questions
    key_points: list[Localized] = Field(min_length=1, description="What participants should take away.")
    debrief: Localized = Field(description="Notes for the trainer's debrief.")
    discussion: list[Localized] = Field(min_length=1, description="Discussion questions for the room.")
    fictional_names: list[Text] = Field(
        default_factory=list, description="Every person name used in the text, declared as fictional."
    )
    not_names: list[Text] = Field(
        default_factory=list,
        description="Capitalised words the name check should accept (e.g. a generic place).",
    )
    lint_allow: list[LintAllowance] = Field(
        default_factory=list,
        description=(
            "Details the anonymisation check may report that the case keeps on purpose, each with "
            'its reason: `[{text: "15 July 2026", reason: "legal deadline"}]`. '
            "`safekit validate` lists every allowance it applied."
        ),
    )
    facts: list[Fact] = Field(
        default_factory=list,
        description="Every legal or practice fact the case relies on, with its public source and the date it "
        "was checked; shown in the trainer's debrief.",
    )
    anonymisation: Anonymisation

    @property
    def delphi_set(self) -> str:
        if self.indicator_set:
            return self.indicator_set
        form = "sexual" if "sexual" in self.forms else "labour"
        return f"{self.person.age_group}-{form}"

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def all_text(self, lang: str) -> str:
        return "\n".join(s.text.get(lang, "") for s in self.stages)
