"""The exercise kinds, in teaching order: the one list of them.

Adding a kind is its module (exporting ``KIND``) and one line here; see docs/exercise-kinds.md.
"""

from __future__ import annotations

from safekit.core.bundle import Bundle
from safekit.core.shapes import Case
from safekit.exercises import assess, decide, future, order, referral, reflect, spot, worksheet
from safekit.exercises.kind import Context, Kind

KINDS: tuple[Kind, ...] = (
    spot.KIND,
    assess.KIND,
    decide.KIND,
    order.KIND,
    future.KIND,
    referral.KIND,
    worksheet.KIND,
    reflect.KIND,
)
BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}


def kind(name: str) -> Kind:
    """The kind called ``name`` (KeyError for an unknown one)."""
    return BY_NAME[name]


def exercises_for(case: Case) -> list[str]:
    """The exercises a case offers, in teaching order."""
    return [k.name for k in KINDS if k.applies(case)]


def graded() -> tuple[Kind, ...]:
    """The kinds an nbgrader assessment asks, in order."""
    return tuple(k for k in KINDS if k.grade is not None)


def context_for(bundle: Bundle) -> Context:
    """What the kinds read of a loaded course bundle."""
    return Context(
        catalogue=bundle.catalogue,
        organisations=bundle.socialmap,
        worksheets=bundle.worksheets,
        route=bundle.route,
    )


__all__ = ["BY_NAME", "KINDS", "Context", "Kind", "context_for", "exercises_for", "graded", "kind"]
