"""Loading the indicator catalogue and its labels from the packaged data (``data/catalogue/``).

Labels come from one file per language in ``data/catalogue/labels/``; a new language is a new
file there.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from safekit.authoring.yamlio import load_data
from safekit.core.catalogue import Catalogue, Dimension, Indicator, IndicatorSet


def _data_dir():
    return resources.files("safekit").joinpath("data", "catalogue")


@cache
def load_catalogue() -> Catalogue:
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
                # a weight taken over from the base set keeps the base set's doubt about it
                if ind.id not in overrides and s["base"] in ind.disputed:
                    ind.disputed[s["id"]] = ind.disputed[s["base"]]
    forced = {f["id"]: f["number"] for f in raw["forced_labour_indicators"]}
    every = {lang: labels(lang) for lang in label_languages()}
    return Catalogue(dimensions, indicators, sets, forced, raw["rule"], every)


@cache
def labels(lang: str) -> dict[str, dict[str, str]]:
    """All labels of one language, flattened: id -> {label, description}."""
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
