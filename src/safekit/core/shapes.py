"""The typed shapes of a compiled course bundle, as participants' kernels read them.

They mirror the authoring models (:mod:`safekit.authoring.cases.model` and friends) field for
field: a test compares the two, so neither can change without the other. Kernels get plain
JSON, so these are ``TypedDict``s, not classes to construct.
"""

from __future__ import annotations

from typing import Any, TypedDict

Localized = dict[str, str]  # text per language, e.g. {"en": ..., "nl": ...}


class Person(TypedDict):
    age_group: str
    age: int | None
    gender: str
    origin_region: str
    return_country: str | None


class Anonymisation(TypedDict):
    checked_by: str
    checked_on: str


class Stage(TypedDict):
    id: str
    title: Localized
    text: Localized


class Evidence(TypedDict):
    id: str
    stage: str
    indicator: str
    passage: Localized
    explanation: Localized
    also: list[str]
    key: bool
    points: int


class Distractor(TypedDict):
    id: str
    stage: str
    passage: Localized
    looks_like: str | None
    explanation: Localized


class LintAllowance(TypedDict):
    text: str
    reason: str


class Fact(TypedDict):
    fact: Localized
    source: str
    url: str | None
    checked_on: str
    caveat: Localized | None


class PalermoClaim(TypedDict):
    evidenced: bool
    note: Localized


class Palermo(TypedDict):
    act: PalermoClaim
    means: PalermoClaim
    purpose: PalermoClaim


class Option(TypedDict):
    id: str
    label: Localized
    consequence: Localized
    feedback: Localized
    verdict: str
    points: int
    next: str | None


class DecisionStep(TypedDict):
    id: str
    prompt: Localized
    options: list[Option]


class RiskFactor(TypedDict):
    id: str
    level: str
    kind: str
    label: Localized
    present: bool
    explanation: Localized


class PlanItem(TypedDict):
    id: str
    area: str
    level: str
    label: Localized
    appropriate: bool
    feedback: Localized


class OrderStep(TypedDict):
    id: str
    label: Localized
    why: Localized


class OrderQuestion(TypedDict):
    prompt: Localized
    steps: list[OrderStep]


class Questions(TypedDict):
    forms_feedback: Localized
    decide: list[DecisionStep]
    risk_factors: list[RiskFactor]
    plan_items: list[PlanItem]
    order: OrderQuestion | None


class Case(TypedDict):
    schema_version: int
    id: str
    title: Localized
    module: str
    setting: str
    audiences: list[str]
    country: str
    person: Person
    forms: list[str]
    also_forms: list[str]
    contrast: bool
    indicator_set: str | None
    content_note: Localized
    objectives: list[Localized]
    stages: list[Stage]
    evidence: list[Evidence]
    distractors: list[Distractor]
    palermo: Palermo
    questions: Questions
    key_points: list[Localized]
    debrief: Localized
    discussion: list[Localized]
    fictional_names: list[str]
    not_names: list[str]
    facts: list[Fact]
    lint_allow: list[LintAllowance]
    anonymisation: Anonymisation
    delphi_set: str  # added by the compiler: the indicator set that applies


class Organisation(TypedDict):
    """One organisation of the social map's directory."""

    id: str
    name: str
    country: str
    type: str
    type_note: str
    services: list[str]
    services_note: str
    target_groups: list[str]
    languages: list[str]
    website: str
    website_note: str
    status: str
    status_note: str
    last_checked: str | None
    safe_partner: str
    source: str
    notes: str


Answer = dict[str, Any]  # an exercise's saved answer: JSON, its shape owned by the exercise kind
