"""The ILO/EC operational decision rule, with its explanation.

Step 1 — a dimension is positive when its indicators contain 2+ strong, or 1 strong and
1+ medium/weak, or 3+ medium, or 2 medium and 1+ weak. Step 2 — adults need a positive
recruitment dimension, the exploitation dimension and a positive destination-means
dimension; children need recruitment and exploitation only.

Step 2 is reconstructed from a secondary source and two weights are disputed: the result is
a *teaching aid* that shows how the indicators combine, never a legal test. Every result
carries that caveat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from safekit.core.catalogue import Catalogue
from safekit.core.i18n import N_, translate

RECRUITMENT = ("deceptive_recruitment", "coercive_recruitment", "recruitment_abuse_of_vulnerability")
EXPLOITATION = ("exploitation",)
DESTINATION_MEANS = ("coercion_at_destination", "abuse_of_vulnerability_at_destination")

CLAUSES = {
    "two_strong": N_("two or more strong indicators"),
    "strong_plus": N_("one strong indicator with at least one medium or weak indicator"),
    "three_medium": N_("three or more medium indicators"),
    "two_medium_weak": N_("two medium indicators with at least one weak indicator"),
}

CAVEATS = (
    N_(
        "Teaching aid, not a legal test: the ILO/EC indicators were made for research and data "
        "collection, and identification is a decision for the competent authorities."
    ),
    N_(
        "How positive dimensions combine into a result is reconstructed from a secondary "
        "source and not yet checked against the ILO brochure."
    ),
)


def dimension_clause(strong: int, medium: int, weak: int) -> str | None:
    """Which combination makes a dimension positive, or None. Pure function of the counts."""
    if strong >= 2:
        return "two_strong"
    if strong >= 1 and medium + weak >= 1:
        return "strong_plus"
    if medium >= 3:
        return "three_medium"
    if medium >= 2 and weak >= 1:
        return "two_medium_weak"
    return None


@dataclass(frozen=True)
class DimensionResult:
    dimension: str
    strong: tuple[str, ...]
    medium: tuple[str, ...]
    weak: tuple[str, ...]
    clause: str | None

    @property
    def positive(self) -> bool:
        return self.clause is not None

    @property
    def indicators(self) -> tuple[str, ...]:
        return self.strong + self.medium + self.weak


@dataclass(frozen=True)
class RuleResult:
    set_id: str
    age_group: str
    dimensions: dict[str, DimensionResult]
    not_in_set: tuple[str, ...]
    disputed: tuple[str, ...]
    incomplete_set: bool
    caveats: tuple[str, ...] = field(default=CAVEATS)

    @property
    def recruitment(self) -> bool:
        return any(self.dimensions[d].positive for d in RECRUITMENT)

    @property
    def exploitation(self) -> bool:
        return self.dimensions["exploitation"].positive

    @property
    def destination_means(self) -> bool:
        return any(self.dimensions[d].positive for d in DESTINATION_MEANS)

    @property
    def required(self) -> tuple[str, ...]:
        if self.age_group == "child":
            return ("recruitment", "exploitation")
        return ("recruitment", "exploitation", "destination_means")

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(part for part in self.required if not getattr(self, part))

    @property
    def indicative(self) -> bool:
        """True when the selection meets the rule for this age group."""
        return not self.missing

    @property
    def positive_dimensions(self) -> tuple[str, ...]:
        return tuple(d for d, r in self.dimensions.items() if r.positive)

    def explain(self, lang: str | None, catalogue: Catalogue) -> list[str]:
        """Plain sentences: which dimensions are positive, by which indicators, and the verdict."""
        cat = catalogue
        t = lambda msg, **kw: translate(msg, lang, **kw)  # noqa: E731
        lines: list[str] = []
        for dim_id, res in self.dimensions.items():
            name = cat.label(dim_id, lang or "en")
            if not res.indicators:
                continue
            found = ", ".join(
                f"{cat.label(i, lang or 'en')} ({cat.label('weight:' + w, lang or 'en')})"
                for w, group in (("S", res.strong), ("M", res.medium), ("W", res.weak))
                for i in group
            )
            if res.positive:
                lines.append(
                    t(
                        "{dimension}: positive, because it has {clause}: {found}.",
                        dimension=name,
                        clause=t(CLAUSES[res.clause or ""]),
                        found=found,
                    )
                )
            else:
                lines.append(
                    t(
                        "{dimension}: not positive yet ({found}); one strong indicator alone, "
                        "or two medium ones alone, are not enough.",
                        dimension=name,
                        found=found,
                    )
                )
        if self.age_group == "child":
            lines.append(
                t(
                    "Child rule: recruitment and exploitation are enough; no means need "
                    "to be shown, because a child cannot consent to exploitation."
                )
            )
        else:
            lines.append(
                t(
                    "Adult rule: recruitment, exploitation and a means at the destination "
                    "(coercion or abuse of vulnerability) must all be positive."
                )
            )
        if self.indicative:
            lines.append(t("Result: your selection meets the rule for this person."))
        else:
            parts = ", ".join(t(_PART_NAMES[p]) for p in self.missing)
            lines.append(t("Result: not met yet; still missing: {parts}.", parts=parts))
        if self.not_in_set:
            lines.append(
                t(
                    "Not part of this indicator set, so not counted: {ids}.",
                    ids=", ".join(cat.label(i, lang or "en") for i in self.not_in_set),
                )
            )
        if self.disputed:
            lines.append(
                t(
                    "Uncertain weight (sources disagree): {ids}.",
                    ids=", ".join(cat.label(i, lang or "en") for i in self.disputed),
                )
            )
        if self.incomplete_set:
            lines.append(
                t(
                    "The weights for sexual exploitation are only partly known; this set "
                    "reuses the labour weights with the known differences."
                )
            )
        lines.extend(t(c) for c in self.caveats)
        return lines


_PART_NAMES = {
    "recruitment": N_("a positive recruitment dimension"),
    "exploitation": N_("a positive exploitation dimension"),
    "destination_means": N_("a positive means dimension at the destination"),
}


def evaluate(indicator_ids: Iterable[str], set_id: str, catalogue: Catalogue) -> RuleResult:
    """Apply the rule to a selection of indicator ids under one Delphi set.

    Unknown ids raise ``KeyError``; ids that the set does not contain are reported in
    ``not_in_set`` and not counted. Duplicates count once.
    """
    cat = catalogue
    if set_id not in cat.sets:
        raise KeyError(f"unknown indicator set {set_id!r}")
    chosen = list(dict.fromkeys(indicator_ids))
    for ind in chosen:
        if ind not in cat.indicators:
            raise KeyError(f"unknown indicator {ind!r}")
    groups: dict[str, dict[str, list[str]]] = {d: {"S": [], "M": [], "W": []} for d in cat.dimensions}
    not_in_set, disputed = [], []
    for ind in chosen:
        weight = cat.weight(set_id, ind)
        if weight is None:
            not_in_set.append(ind)
            continue
        groups[cat.indicators[ind].dimension][weight].append(ind)
        if set_id in cat.indicators[ind].disputed:
            disputed.append(ind)
    dims = {
        d: DimensionResult(
            d,
            tuple(g["S"]),
            tuple(g["M"]),
            tuple(g["W"]),
            dimension_clause(len(g["S"]), len(g["M"]), len(g["W"])),
        )
        for d, g in groups.items()
    }
    s = cat.sets[set_id]
    return RuleResult(set_id, s.age_group, dims, tuple(not_in_set), tuple(disputed), not s.complete)
