"""The indicator catalogue: dimensions, indicators, weights per set, forced-labour crosswalk.

Loaded once from packaged data (``data/catalogue/``). Labels come from one file per
language in ``data/catalogue/labels/``; a new language is a new file there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from safekit.i18n import SOURCE_LANGUAGE

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
    rule: dict

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
        return cls(dims, inds, sets, dict(raw["forced_labour"]), raw["rule"])

    def weight(self, set_id: str, indicator_id: str) -> str | None:
        return self.indicators[indicator_id].weights.get(set_id)

    def in_dimension(self, dimension_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.dimension == dimension_id]

    def set_for(self, age_group: str, forms: list[str] | tuple[str, ...]) -> str:
        """The Delphi set that fits a person: sexual exploitation uses the sexual set."""
        form = "sexual" if "sexual" in forms else "labour"
        return f"{age_group}-{form}"

    def label(self, item_id: str, lang: str = SOURCE_LANGUAGE) -> str:
        return labels(lang).get(item_id, labels(SOURCE_LANGUAGE).get(item_id, {})).get("label", item_id)

    def description(self, item_id: str, lang: str = SOURCE_LANGUAGE) -> str:
        entry = labels(lang).get(item_id) or labels(SOURCE_LANGUAGE).get(item_id, {})
        return entry.get("description", "")


def _data_dir():
    return resources.files("safekit").joinpath("data", "catalogue")


_installed_labels: dict[str, dict[str, dict[str, str]]] = {}


def install_labels(lang: str, entries: dict[str, dict[str, str]]) -> None:
    """Use these labels for ``lang`` instead of reading the packaged file (course bundles)."""
    _installed_labels[lang] = entries
    labels.cache_clear()


@cache
def load_catalogue() -> Catalogue:
    from safekit.yamlio import load_data

    raw = load_data(Path(str(_data_dir().joinpath("catalogue.yaml"))))
    dimensions = {
        d["id"]: Dimension(d["id"], d["prefix"], d["phase"], tuple(d["palermo"])) for d in raw["dimensions"]
    }
    indicators: dict[str, Indicator] = {}
    for item in raw["indicators"]:
        indicators[item["id"]] = Indicator(
            id=item["id"],
            dimension=item["dimension"],
            weights=dict(item["weights"]),
            disputed=dict(item.get("disputed") or {}),
            forced_labour=tuple(item.get("forced_labour") or ()),
            forced_labour_kit=tuple(item.get("forced_labour_kit") or ()),
        )
    sets = {}
    for s in raw["sets"]:
        sets[s["id"]] = IndicatorSet(s["id"], s["age_group"], s["form"], s["complete"], s["reliability"])
        if "base" in s:  # derived set: the base weights with the known differences
            overrides = s.get("overrides") or {}
            for ind in indicators.values():
                w = overrides.get(ind.id, ind.weights.get(s["base"]))
                if w is not None:
                    ind.weights[s["id"]] = w
    forced = {f["id"]: f["number"] for f in raw["forced_labour_indicators"]}
    return Catalogue(dimensions, indicators, sets, forced, raw["rule"])


@cache
def labels(lang: str) -> dict[str, dict[str, str]]:
    """All labels of one language, flattened: id -> {label, description}."""
    if lang in _installed_labels:
        return _installed_labels[lang]
    from safekit.yamlio import load_data

    path = _data_dir().joinpath("labels", f"{lang}.yaml")
    if not path.is_file():
        return {}
    raw = load_data(Path(str(path)))
    flat: dict[str, dict[str, str]] = {}
    for section in ("dimensions", "indicators", "forced_labour", "sets"):
        for key, value in (raw.get(section) or {}).items():
            flat[key] = value
    for key, value in (raw.get("weights") or {}).items():
        flat[f"weight:{key}"] = {"label": value}
    return flat


def label_languages() -> list[str]:
    return sorted(p.name.removesuffix(".yaml") for p in _data_dir().joinpath("labels").iterdir())
