"""What an exercise kind reads of the course beyond the case and the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from safekit.core.catalogue import Catalogue
from safekit.core.shapes import Organisation


@dataclass(frozen=True)
class Context:
    """What a kind may need beyond the case and the answer, all from the course bundle: the
    indicator catalogue, the social map's organisations and the worksheets' definitions."""

    catalogue: Catalogue
    organisations: list[Organisation] = field(default_factory=list)
    worksheets: list[dict[str, Any]] = field(default_factory=list)
    # the identification and referral route of the session's country (None: no country chosen)
    route: dict[str, Any] | None = None
