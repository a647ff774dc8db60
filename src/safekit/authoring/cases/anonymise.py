"""Anonymisation check: finds details in a text that could identify a real person.

Used on case files by ``safekit validate``, on questionnaire free text before a report shows
it and on shared reflections before the trainer puts them on screen. It reports:

- phone numbers (``phonenumbers``), IBANs, BSNs, Bulgarian EGNs, card numbers and other
  identity numbers (``python-stdnum``, and numbers the text calls a passport or ID number);
- e-mail and web addresses, social-media handles (``@name``, or named: ``Instagram: lisa_k99``),
  court and case numbers (``parketnummer 13/123456-26``, ``zaaknummer``, ``дело №``),
  licence plates of the Netherlands, Hungary, Bulgaria and North Macedonia, street addresses
  in local styles, exact dates (a date of birth is one);
- company names with a legal form (``B.V.``, ``Kft.``, ``ЕООД``, ``ДООЕЛ``, ``Ltd``) and the
  organisations of the kit's directory;
- person names, first or last, Latin or Cyrillic, from Faker's name lists of every locale.

Words that look like names but are not (places such as Sofia, months such as Augustus,
everyday words at the start of a sentence) are left alone. The word lists are built once, on
first use (:mod:`safekit.authoring.cases.anonymise_lexicon`); a participant's kernel never
imports this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from safekit.authoring.cases import anonymise_patterns as detect
from safekit.authoring.cases.anonymise_lexicon import (
    common_words,
    key,
    person_names,
    place_names,
    spellings,
    wordlike_surnames,
)
from safekit.core.i18n import N_

LABELS = {  # in order of precedence where two detectors claim the same words
    "email": N_("e-mail address"),
    "url": N_("web address"),
    "handle": N_("social-media handle"),
    "iban": N_("bank account number (IBAN)"),
    "card": N_("bank card number"),
    "case-number": N_("court or case file number"),
    "licence-plate": N_("licence plate"),
    "phone": N_("phone number"),
    "id-number": N_("passport or ID-like number"),
    "address": N_("street address"),
    "date": N_("exact date (could be a date of birth)"),
    "employer": N_("company name (could be a real employer)"),
    "organisation": N_("name of a real organisation"),
    "name": N_("person name not declared as fictional"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str  # msgid, translate on output
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# A capitalised word, Latin or Cyrillic (with Dutch particles and apostrophes inside names).
_TOKEN = re.compile(r"(?<![\w@/.])[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЀ-ЏЅЈЉЊЋЌЍЎЃ][\w'’-]*")
_PARTICLE = re.compile(r"(?:\b(?:[Vv]an|De|Der|Den|Ter|Ten|Van der|Van den|van der|van den|van de)\s+)$")
_HU_SUFFIX = re.compile(r"(?:nak|nek|val|vel|hoz|hez|höz|tól|től|ról|ről|nál|nél|né|ért|(?<=[áé])t)$")


def _at_sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 8) : at].rstrip(" \"'“„«(-")
    return (at <= 8 and not before) or before[-1:] in (".", "!", "?", ":", ";", "…", "\n")


def _is_name(word: str, names: frozenset[str]) -> bool:
    k = key(re.sub(r"['’]s$", "", word))
    if k in names:
        return True
    stem = _HU_SUFFIX.sub("", k)  # Hungarian endings: Annának, Kovácsnak, Nagyné
    if stem != k and len(stem) > 2:
        return stem in names or stem[:-1] + {"á": "a", "é": "e"}.get(stem[-1], stem[-1]) in names
    return False


def _names(text: str, allowed: frozenset[str], common: frozenset[str]) -> list[Finding]:
    names, places, everyday, wordlike = person_names(), place_names(), common_words(), wordlike_surnames()

    def plain_word(word: str) -> bool:  # a capitalised word that could be part of a name
        k = key(word)
        return (
            word[:1].isupper()
            and not word.isupper()
            and not (k in allowed or k in places or k in common or k in everyday)
        )

    found: list[Finding] = []
    tokens = list(_TOKEN.finditer(text))
    for i, m in enumerate(tokens):
        word = m.group(0).rstrip("'’-")
        if len(word) < 2:
            continue
        k = key(re.sub(r"['’]s$", "", word))
        if k in allowed or k in places or k in common or not _is_name(word, names):
            continue
        if any(key(spelled) in allowed for spelled in spellings(word)) or _inflected(k, allowed):
            continue  # a declared name in the other script (Ana as Ана), or inflected (Anának)
        if k in everyday or re.sub(r"['’]s$", "", word).isupper():  # an acronym (ILO, GRETA's)
            continue
        if k in wordlike and _at_sentence_start(text, m.start()):  # "Walls, guards and ..."
            continue
        start, end = m.start(), m.start() + len(word)
        particle = _PARTICLE.search(text[:start])
        if particle and not (found and found[-1].end >= particle.start() - 1):
            start = particle.start()
        # a whole name is one finding, also when one part is not in the lists: "Gjorgji Nikolovski"
        before = tokens[i - 1] if i else None
        if (
            before is not None
            and text[before.end() : start] == " "
            and plain_word(before.group(0))
            and not (found and found[-1].start == before.start())
            and not _at_sentence_start(text, before.start())
        ):
            start = before.start()
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            after is not None
            and text[end : after.start()] == " "
            and plain_word(after.group(0).rstrip("'’-"))
        ):
            end = after.start() + len(after.group(0).rstrip("'’-"))
        if found and found[-1].kind == "name" and found[-1].end >= start - 1:
            start = min(start, found.pop().start)  # one finding for "Ivan Petrov"
        found.append(Finding("name", LABELS["name"], text[start:end], start))
    return found


# Hungarian case endings a name takes (Anának, Zsófit, Péterrel): a declared name with one of
# them is still the declared name. A final a or e lengthens before the ending (Ana → Anának).
_HU_ENDINGS = tuple(
    sorted(
        [
            "t",
            "ot",
            "et",
            "öt",
            "at",
            "nak",
            "nek",
            "val",
            "vel",
            "ral",
            "rel",
            "nal",
            "nel",
            "hoz",
            "hez",
            "höz",
            "ról",
            "ről",
            "tól",
            "től",
            "ba",
            "be",
            "ban",
            "ben",
            "ból",
            "ből",
            "ra",
            "re",
            "nál",
            "nél",
            "ig",
            "ért",
            "ként",
            "é",
            "ék",
            "éval",
            "ével",
            "éhoz",
            "éhez",
            "ék",
        ],
        key=len,
        reverse=True,
    )
)
_LONG = str.maketrans({"a": "á", "e": "é"})


def _inflected(word_key: str, allowed: frozenset[str]) -> bool:
    """Whether ``word_key`` is a declared name (of three letters or more) with a Hungarian case
    ending, or a doubled final consonant before one (Péterrel, Tamással)."""
    for ending in _HU_ENDINGS:
        if not word_key.endswith(ending) or len(word_key) - len(ending) < 3:
            continue
        stem = word_key[: -len(ending)]
        candidates = {stem, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem}
        for name in allowed:
            if len(name) >= 3 and (name in candidates or name[:-1] + name[-1].translate(_LONG) in candidates):
                return True
    return False


def _allowed(declared: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for d in declared:
        for spelled in spellings(d):
            out.add(key(spelled))
            out.update(key(w) for w in re.split(r"[\s-]+", spelled) if w)
    return frozenset(out)


def scan(
    text: str, declared: Iterable[str] = frozenset(), common: frozenset[str] = frozenset()
) -> list[Finding]:
    """All findings in one text, in order. ``declared``: the case's fictional names and
    accepted words; ``common``: words that occur in lower case elsewhere in the same document
    (capitalised, they are not names)."""
    allowed = _allowed(declared)
    declared_text = [d for d in declared if len(d) > 1]
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    spans = [*detect.numbers(text), *detect.patterns(text), *detect.phones(text), *detect.organisations(text)]
    order = list(LABELS)
    spans.sort(key=lambda s: (order.index(s[0]), s[1], -s[2]))
    for kind, start, end in spans:
        piece = text[start:end].strip().rstrip(".,;:")
        if not piece or any(a < end and start < b for a, b in taken):
            continue
        if key(piece) in allowed or any(piece in d for d in declared_text):
            continue
        words = [w for w in re.split(r"[^\w]+", piece) if w]
        if kind in ("organisation", "employer") and all(key(w) in allowed for w in words):
            continue  # declared word by word: not_names: [Open, Gate]
        taken.append((start, end))
        findings.append(Finding(kind, LABELS[kind], piece, start + text[start:end].find(piece)))
    for f in _names(text, allowed, common):
        if not any(a < f.end and f.start < b for a, b in taken):
            findings.append(f)
    return sorted(findings, key=lambda f: f.start)


def lowercase_words(texts: Iterable[str]) -> frozenset[str]:
    """Words that appear in lower case somewhere: capitalised elsewhere, they are not names."""
    return frozenset(key(w) for t in texts for w in re.findall(r"(?<![\w'’-])[^\W\d_A-ZА-Я][\w'’-]+", t))


MASK = "[…]"


def mask(text: str) -> tuple[str, list[str]]:
    """A text a person wrote with every identifying detail replaced by ``[…]``, and the
    labels (msgids) of what was replaced, each once."""
    found = scan(text, common=lowercase_words([text]))
    for f in reversed(found):
        text = text[: f.start] + MASK + text[f.end :]
    return text, list(dict.fromkeys(f.label for f in found))


@lru_cache(maxsize=4096)
def labels(text: str) -> tuple[str, ...]:
    """For a text a person wrote (a shared reflection): the kinds of identifying detail it seems
    to hold, as msgids, each once; empty when none. Cached: the room view asks every second."""
    found = scan(text, common=lowercase_words([text]))
    return tuple(dict.fromkeys(f.label for f in found))
