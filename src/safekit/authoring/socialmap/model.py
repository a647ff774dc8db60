"""One organisation of the social map, and the closed vocabularies its fields use.

The directory is a CSV file (one organisation a row); this model is its schema, and the field
reference in ``docs/socialmap.md`` is generated from the descriptions here. Lists inside a cell
are separated by ``;``. An empty cell means *not known*: the kit shows it as such and never
fills it in.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from safekit.core.i18n import N_, _
from safekit.core.socialmap_vocab import (  # noqa: F401 - the schema's vocabularies, re-exported
    COLUMNS,
    EUROPE_WIDE,
    SERVICES,
    STATUS_SHORT,
    STATUSES,
    TARGET_GROUPS,
    TYPES,
    URL,
    countries,
    country_name,
)


def _split(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def _blank_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


Codes = Annotated[list[str], BeforeValidator(_split)]


def _known(value: list[str], vocabulary: dict, message: str) -> list[str]:
    bad = [v for v in value if v not in vocabulary]
    if bad:
        raise ValueError(_(message, bad=", ".join(bad), known=", ".join(vocabulary)))
    return value


class Organisation(BaseModel):
    """An organisation that supports victims of trafficking (or refers them), in one country."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(
        pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$",
        max_length=60,
        description="Stable id, e.g. `bg_animus`: lower case, digits and `_`. Merges match on it.",
    )
    name: str = Field(min_length=1, description="Name as the organisation uses it.")
    country: str = Field(
        description="ISO 3166-1 alpha-2 code where it works (e.g. `BG`, `MK`, `GB`); `EU` for Europe-wide bodies."
    )
    type: Literal["NGO", "IO", "GOV", "NR", "NC", "NET", "PORTAL", "OTHER"] = Field(
        description="NGO · IO (intergovernmental) · GOV · NR (national rapporteur) · NC (national "
        "coordinator) · NET (network) · PORTAL (information/referral website) · OTHER."
    )
    type_note: str = Field("", description="More about the type, as stated (e.g. `LSI member`).")
    services: Codes = Field(
        default_factory=list,
        description="Service codes separated by `;`: "
        + ", ".join(f"`{k}` {v.lower()}" for k, v in SERVICES.items())
        + ". Empty: not known.",
    )
    services_note: str = Field("", description="The services as the source describes them.")
    target_groups: Codes = Field(
        default_factory=list,
        description="Separated by `;`: " + ", ".join(f"`{k}`" for k in TARGET_GROUPS) + ". Empty: not known.",
    )
    languages: Codes = Field(
        default_factory=list,
        description="ISO 639-1 codes of languages it works in, separated by `;`. Empty: not known.",
    )
    website: str = Field(
        "", description="Only a website a source states (a domain or an http(s) address); never guessed."
    )
    website_note: str = Field("", description="How the website (and any e-mail or phone) was stated.")
    status: Literal["verified", "partial", "unverified"] = Field(
        description="`verified`: existence and services seen in a cited source; `partial`: existence seen, "
        "services partly or not confirmed; `unverified`: not checked."
    )
    status_note: str = Field("", description="Why the status is what it is, if more needs saying.")
    last_checked: Annotated[dt.date | None, BeforeValidator(_blank_none)] = Field(
        None, description="When the entry was last checked, `YYYY-MM-DD`; empty: not known."
    )
    safe_partner: str = Field(
        "", description="Whether a source names it as a SAFE! partner (`yes`, `no`, `unconfirmed`, ...)."
    )
    source: str = Field("", description="Where the information comes from.")
    notes: str = Field("", description="Anything else worth knowing.")

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if value != EUROPE_WIDE and value not in countries():
            raise ValueError(_("'{value}' is not an ISO 3166-1 alpha-2 country code (or EU)", value=value))
        return value

    @field_validator("services")
    @classmethod
    def _services(cls, value: list[str]) -> list[str]:
        return _known(value, SERVICES, N_("unknown service code(s) {bad}; known: {known}"))

    @field_validator("target_groups")
    @classmethod
    def _groups(cls, value: list[str]) -> list[str]:
        return _known(value, TARGET_GROUPS, N_("unknown target group(s) {bad}; known: {known}"))

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not re.fullmatch(r"[a-z]{2}", v)]
        if bad:
            raise ValueError(_("not ISO 639-1 language code(s): {bad}", bad=", ".join(bad)))
        return value

    @field_validator("website")
    @classmethod
    def _website(cls, value: str) -> str:
        if value and not URL.match(value):
            raise ValueError(
                _(
                    "'{value}' does not look like a web address (e.g. example.org or https://example.org)",
                    value=value,
                )
            )
        return value

    def row(self) -> dict[str, str]:
        """The organisation as a CSV row (lists joined with `;`, unknown as empty)."""
        data = self.model_dump()
        out = {}
        for column in COLUMNS:
            value = data[column]
            if isinstance(value, list):
                value = ";".join(value)
            elif value is None:
                value = ""
            out[column] = str(value)
        return out

    def record(self) -> dict:
        """Plain data for the course bundle and the widgets (no pydantic needed to read it)."""
        return self.model_dump(mode="json")
