"""The indicator catalogue: dimensions, indicators, weights per set, forced-labour crosswalk,
and the labels of every item in every language it was loaded with.

Built from packaged data by :func:`safekit.authoring.catalogue.load_catalogue`, or from a course
bundle by :meth:`Catalogue.from_dict` (standard library only, for participants' kernels).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safekit.core.i18n import SOURCE_LANGUAGE

Labels = dict[str, dict[str, dict[str, str]]]  # lang -> item id -> {label, description}

WEIGHTS = ("S", "M", "W")


@dataclass(frozen=True)
class Dimension:
    id: str
    prefix: str
    phase: str  # recruitment | exploitation | destination
    palermo: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    weights: dict[str, str]  # set id -> S/M/W (absent = not in that set)
    disputed: dict[str, str] = field(default_factory=dict)  # set id -> alternative weight
    forced_labour: tuple[str, ...] = ()  # crosswalk given by the source
    forced_labour_kit: tuple[str, ...] = ()  # the kit's own additions


@dataclass(frozen=True)
class IndicatorSet:
    id: str
    age_group: str
    form: str
    complete: bool
    reliability: str


@dataclass(frozen=True)
class Catalogue:
    dimensions: dict[str, Dimension]
    indicators: dict[str, Indicator]
    sets: dict[str, IndicatorSet]
    forced_labour: dict[str, int]  # id -> ILO number
    rule: dict[str, Any]
    labels: Labels = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: dict) -> Catalogue:
        """From the compiled form in a course bundle (weights already expanded per set)."""
        dims = {
            d["id"]: Dimension(d["id"], d["prefix"], d["phase"], tuple(d["palermo"]))
            for d in raw["dimensions"]
        }
        inds = {
            i["id"]: Indicator(
                i["id"],
                i["dimension"],
                dict(i["weights"]),
                dict(i["disputed"]),
                tuple(i["forced_labour"]),
                tuple(i["forced_labour_kit"]),
            )
            for i in raw["indicators"]
        }
        sets = {s["id"]: IndicatorSet(**s) for s in raw["sets"]}
        return cls(dims, inds, sets, dict(raw["forced_labour"]), raw["rule"], dict(raw.get("labels") or {}))

    def weight(self, set_id: str, indicator_id: str) -> str | None:
        return self.indicators[indicator_id].weights.get(set_id)

    def in_dimension(self, dimension_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.dimension == dimension_id]

    def set_for(self, age_group: str, forms: list[str] | tuple[str, ...]) -> str:
        """The Delphi set that fits a person: sexual exploitation uses the sexual set."""
        form = "sexual" if "sexual" in forms else "labour"
        return f"{age_group}-{form}"

    def _entry(self, item_id: str, lang: str) -> dict[str, str]:
        return self.labels.get(lang, {}).get(item_id) or self.labels.get(SOURCE_LANGUAGE, {}).get(item_id, {})

    def label(self, item_id: str, lang: str = SOURCE_LANGUAGE) -> str:
        return self._entry(item_id, lang).get("label", item_id)

    def description(self, item_id: str, lang: str = SOURCE_LANGUAGE) -> str:
        return self._entry(item_id, lang).get("description", "")

    def as_dict(self) -> dict[str, Any]:
        """The form :meth:`from_dict` reads (a course bundle's ``catalogue``)."""
        return {
            "dimensions": [vars(d) | {"palermo": list(d.palermo)} for d in self.dimensions.values()],
            "indicators": [
                vars(i)
                | {"forced_labour": list(i.forced_labour), "forced_labour_kit": list(i.forced_labour_kit)}
                for i in self.indicators.values()
            ],
            "sets": [vars(s) for s in self.sets.values()],
            "forced_labour": self.forced_labour,
            "rule": self.rule,
            "labels": self.labels,
        }
