"""Closed vocabularies of the case model. Labels for each value are translated in the
i18n catalogues (see ``safekit.core.i18n``); the ids themselves never change."""

from __future__ import annotations

from typing import Literal

from safekit.core.i18n import N_

SCHEMA_VERSION = 1

Module = Literal["early-identification", "safe-future"]
MODULES = {
    "early-identification": N_("Early identification"),
    "safe-future": N_("A safe future"),
}

Setting = Literal[
    "asylum-reception",
    "border-airport",
    "labour-inspection",
    "police",
    "health-care",
    "shelter",
    "school-youth-work",
    "guardianship",
    "return-counselling",
    "social-services",
]
SETTINGS = {
    "asylum-reception": N_("Asylum reception"),
    "border-airport": N_("Border or airport"),
    "labour-inspection": N_("Labour inspection"),
    "police": N_("Police"),
    "health-care": N_("Health care"),
    "shelter": N_("Shelter"),
    "school-youth-work": N_("School or youth work"),
    "guardianship": N_("Guardianship"),
    "return-counselling": N_("Return counselling"),
    "social-services": N_("Social services"),
}

# Directive 2011/36/EU Art. 2, as amended by Directive (EU) 2024/1712.
Form = Literal[
    "sexual",
    "labour",
    "begging",
    "criminal-activities",
    "slavery-servitude",
    "organ-removal",
    "forced-marriage",
    "illegal-adoption",
    "surrogacy",
]
FORMS = {
    "sexual": N_("Sexual exploitation"),
    "labour": N_("Forced labour or services"),
    "begging": N_("Forced begging"),
    "criminal-activities": N_("Exploitation of criminal activities"),
    "slavery-servitude": N_("Slavery or servitude"),
    "organ-removal": N_("Removal of organs"),
    "forced-marriage": N_("Forced marriage"),
    "illegal-adoption": N_("Illegal adoption"),
    "surrogacy": N_("Exploitation of surrogacy"),
}

AgeGroup = Literal["adult", "child"]
AGE_GROUPS = {"adult": N_("Adult"), "child": N_("Child (under 18)")}

Gender = Literal["female", "male", "non-binary", "not-stated"]
GENDERS = {
    "female": N_("Female"),
    "male": N_("Male"),
    "non-binary": N_("Non-binary"),
    "not-stated": N_("Not stated"),
}

# Generic regions only: a case never names a town, a village or an exact country of origin
# that, with the other details, could point at a real person.
Region = Literal[
    "west-africa",
    "east-africa",
    "north-africa",
    "central-africa",
    "southern-africa",
    "middle-east",
    "south-asia",
    "central-asia",
    "south-east-asia",
    "east-asia",
    "eastern-europe",
    "south-eastern-europe",
    "central-europe",
    "western-europe",
    "latin-america",
    "caribbean",
    "netherlands",
]
REGIONS = {
    "west-africa": N_("West Africa"),
    "east-africa": N_("East Africa"),
    "north-africa": N_("North Africa"),
    "central-africa": N_("Central Africa"),
    "southern-africa": N_("Southern Africa"),
    "middle-east": N_("Middle East"),
    "south-asia": N_("South Asia"),
    "central-asia": N_("Central Asia"),
    "south-east-asia": N_("South-East Asia"),
    "east-asia": N_("East Asia"),
    "eastern-europe": N_("Eastern Europe"),
    "south-eastern-europe": N_("South-Eastern Europe"),
    "central-europe": N_("Central Europe"),
    "western-europe": N_("Western Europe"),
    "latin-america": N_("Latin America"),
    "caribbean": N_("Caribbean"),
    "netherlands": N_("The Netherlands"),
}

PalermoElement = Literal["act", "means", "purpose"]
PALERMO = {"act": N_("Act"), "means": N_("Means"), "purpose": N_("Purpose")}

Verdict = Literal["good", "partly", "unsafe"]
VERDICTS = {"good": N_("Good choice"), "partly": N_("Partly right"), "unsafe": N_("Unsafe")}

# Safe future: IOM's four levels for risk and protective factors, and its 3x3 reintegration grid.
RiskLevel = Literal["individual", "family", "community", "structural"]
RISK_LEVELS = {
    "individual": N_("Individual"),
    "family": N_("Family"),
    "community": N_("Community"),
    "structural": N_("Structural"),
}
FactorKind = Literal["risk", "protective"]
FACTOR_KINDS = {"risk": N_("Risk factor"), "protective": N_("Protective factor")}
PlanArea = Literal["economic", "social", "psychosocial"]
PLAN_AREAS = {"economic": N_("Economic"), "social": N_("Social"), "psychosocial": N_("Psychosocial")}
PlanLevel = Literal["individual", "community", "structural"]
PLAN_LEVELS = {"individual": N_("Individual"), "community": N_("Community"), "structural": N_("Structural")}

Audience = Literal[
    "police", "reception", "guardians", "labour-inspection", "health", "ngo", "youth-work", "border"
]
AUDIENCES = {
    "police": N_("Police"),
    "reception": N_("Asylum-reception staff"),
    "guardians": N_("Guardians"),
    "labour-inspection": N_("Labour inspectors"),
    "health": N_("Health workers"),
    "ngo": N_("NGO case workers"),
    "youth-work": N_("Teachers and youth workers"),
    "border": N_("Border guards"),
}

# Questionnaires: the option id that means "the respondent wrote their own answer".
SURVEY_OTHER = "other"

# The countries a session can be taught for: its referral steps name that country's route
# (``data/countries/<code>.yaml``).
SESSION_COUNTRIES = {
    "NL": N_("the Netherlands"),
    "HU": N_("Hungary"),
    "BG": N_("Bulgaria"),
    "MK": N_("North Macedonia"),
}
