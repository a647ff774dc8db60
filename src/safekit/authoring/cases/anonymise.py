"""Anonymisation lint: finds details in case text that could identify a real person.

It looks for e-mail addresses, URLs, social-media handles, phone numbers, IBANs,
passport/ID-like numbers, exact dates (a date of birth is one), street addresses and
postcodes, and person names that the case did not declare as fictional. Person names are
recognised with the first-name lists of Faker's locale data (many countries, Latin script).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import faker.providers.person as person

from safekit.core.i18n import N_

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "januari|februari|maart|mei|juni|juli|augustus|oktober"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MON = r"(?:0?[1-9]|1[0-2])"

PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    ("email", N_("e-mail address"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "url",
        N_("web address"),
        re.compile(
            r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|nl|org|net|eu|bg|hu|mk|be|de|uk|info|io|ng)\b(?:/\S*)?",
            re.I,
        ),
    ),
    ("handle", N_("social-media handle"), re.compile(r"(?<![\w@.])@[A-Za-z0-9_.]{2,}")),
    (
        "iban",
        N_("bank account number (IBAN)"),
        re.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4}\b"),
    ),
    (
        "phone",
        N_("phone number"),
        re.compile(
            r"(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\))?[\s.-]?\d(?:[\s.-]?\d){6,11}\b"
            r"|(?<![\w+])0\d(?:[\s.-]?\d){7,9}\b"
        ),
    ),
    (
        "date",
        N_("exact date (could be a date of birth)"),
        re.compile(
            rf"\b{_DAY}[-/.]{_MON}[-/.](?:19|20)\d\d\b|\b(?:19|20)\d\d-{_MON}-{_DAY}\b"
            rf"|\b{_DAY}(?:st|nd|rd|th)?\s+(?:{MONTHS})\s+(?:19|20)\d\d\b"
            rf"|\b(?:{MONTHS})\s+{_DAY}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b",
            re.I,
        ),
    ),
    (
        "id-number",
        N_("passport or ID-like number"),
        re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{7,12}\b|\b\d{8,12}\b"),
    ),
    (
        "address",
        N_("street address"),
        re.compile(
            r"\b[A-Z][\w'-]*(?:straat|weg|laan|plein|gracht|kade|singel|dijk|steeg|hof|markt)\s+\d+\w?\b"
            r"|\b\d+\w?\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Street|Road|Avenue|Lane|Drive|Square|Close)\b"
            r"|\b(?:[A-Z][\w'-]+\s+){1,3}(?:Street|Road|Avenue|Lane)\s+\d+\b"
            r"|\b[1-9]\d{3}\s?[A-Z]{2}\b(?=\s+[A-Z])"
        ),
    ),
]

_NOT_NAMES = resources.files("safekit").joinpath("data", "lint", "not-names.txt")
COMMON_WORDS = frozenset(
    line.strip().lower()
    for line in _NOT_NAMES.read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str  # msgid, translate on output
    text: str
    start: int


@cache
def common_words() -> frozenset[str]:
    """Everyday English and Dutch words (Faker's lorem word lists) plus the kit's own list:
    capitalised at the start of a sentence, they are not names."""
    words = set(COMMON_WORDS)
    for locale in ("en_US", "nl_NL"):
        provider = importlib.import_module(f"faker.providers.lorem.{locale}").Provider
        words.update(w.lower() for w in provider.word_list)
    return frozenset(words)


@cache
def first_names() -> frozenset[str]:
    """Latin-script first names from Faker's person providers, all locales."""

    names: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{mod.name}").Provider
        for attr in ("first_names", "first_names_female", "first_names_male"):
            pool = provider.__dict__.get(attr) or getattr(provider, attr, ())
            if not isinstance(pool, (tuple, list, dict, set, frozenset)):
                continue
            for name in pool:
                if isinstance(name, str) and re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž'-]{2,}", name):
                    names.add(name)
    return frozenset(names)


_TOKEN = re.compile(r"(?<![\w@])[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž'’-]+")


def scan(
    text: str, declared: frozenset[str] = frozenset(), common: frozenset[str] = frozenset()
) -> list[Finding]:
    """All findings in one text. ``declared``: fictional names and accepted words of the case;
    ``common``: words that occur uncapitalised elsewhere in the case (so they are not names)."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, label, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            findings.append(Finding(kind, label, m.group(0).strip(), m.start()))
    names = first_names()
    declared_lower = {d.lower() for d in declared}
    for m in _TOKEN.finditer(text):
        word = m.group(0).rstrip("'’-")
        base = re.sub(r"['’]s$", "", word)
        if base not in names or base.lower() in declared_lower:
            continue
        if base.lower() in common_words() or base.lower() in common:
            continue
        findings.append(Finding("name", N_("person name not declared as fictional"), base, m.start()))
    return sorted(findings, key=lambda f: f.start)


def lowercase_words(texts: list[str]) -> frozenset[str]:
    """Words that appear in lower case somewhere: capitalised elsewhere, they are not names."""
    return frozenset(w for t in texts for w in re.findall(r"\b[a-zà-ÿ][a-zà-ÿ'-]+\b", t))
