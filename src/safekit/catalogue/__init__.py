"""Indicator catalogue (ILO/EC operational indicators, ILO forced-labour indicators) and the
operational decision rule."""

from safekit.catalogue.model import Catalogue, Dimension, Indicator, IndicatorSet, labels, load_catalogue
from safekit.catalogue.rule import DimensionResult, RuleResult, dimension_clause, evaluate

__all__ = [
    "Catalogue",
    "Dimension",
    "DimensionResult",
    "Indicator",
    "IndicatorSet",
    "RuleResult",
    "dimension_clause",
    "evaluate",
    "labels",
    "load_catalogue",
]
