"""Word lists for the anonymisation check: person names, places, calendar words, organisations.

Everything comes from well-kept data or from the kit's own data, built once, on first use:

- person names (first and last) from Faker's person providers of the course countries and the
  countries of origin, Cyrillic names both as written and transliterated, plus a short
  packaged list of surnames Faker lacks;
- places: country names from ``data/socialmap/countries.csv`` and Babel's territory names in
  the five course languages, and the packaged city list ``data/lint/places.txt``;
- months and weekdays in English, Dutch, Hungarian, Bulgarian and Macedonian from Babel;
- company suffixes of every Faker locale (B.V., Kft., ЕООД, ДООЕЛ, ...) and the names of the
  NGOs and other helping organisations in ``data/socialmap/organisations.csv``.
"""

from __future__ import annotations

import csv
import importlib
import pkgutil
import re
from functools import cache
from importlib import resources

from safekit.core.text import TRANSLIT

LANGUAGES = ("en", "nl", "hu", "bg", "mk")

# The Macedonian system writes some letters differently; both spellings are recognised.
TRANSLIT_MK = {**TRANSLIT, "ц": "c", "ч": "č", "ш": "š", "ж": "ž", "џ": "dž", "ѓ": "ǵ", "ќ": "ḱ"}
_FOLD = str.maketrans({"č": "ch", "š": "sh", "ž": "zh", "ǵ": "gj", "ḱ": "kj", "ć": "kj", "đ": "dj"})

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_OR_CYRILLIC = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ\u0400-\u04ff'’ -]{2,}")


def transliterate(text: str, table: dict[str, str] = TRANSLIT) -> str:
    """Cyrillic to Latin, keeping capitals (``Ѓорѓи`` → ``Gjorgji``)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in table:
            latin = table[low]
            out.append(latin[:1].upper() + latin[1:] if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out)


def spellings(word: str) -> set[str]:
    """A word as written and, for Cyrillic, in both Latin spellings (and without háčeks)."""
    if not CYRILLIC.search(word):
        return {word}
    mk = transliterate(word, TRANSLIT_MK)
    return {word, transliterate(word), mk, mk.translate(_FOLD)}


def key(word: str) -> str:
    """How words are compared: lower case, apostrophes unified."""
    return word.replace("’", "'").casefold()


def _data(*parts: str) -> str:
    return resources.files("safekit").joinpath("data", *parts).read_text("utf-8")


def _lines(*parts: str) -> list[str]:
    return [s.strip() for s in _data(*parts).splitlines() if s.strip() and not s.startswith("#")]


# -- person names ----------------------------------------------------------------------------
PARTICLES = {"van", "de", "der", "den", "het", "ter", "te", "ten", "la", "le", "du", "di", "da", "von"}


# Faker locales of the course countries, of the countries of origin in the cases (Nigeria,
# Uganda, Moldova, Romania, Poland, Vietnam, the Philippines, Afghanistan, Syria, Eritrea,
# Morocco, Ukraine, Albania, Serbia, Turkey, China, Thailand, India, Ghana, Kenya) and of the
# languages whose names are common across Europe. Faker has no Albanian, Serbian or Tigrinya
# names; names.txt fills in the most common ones.
NAME_LOCALES = (
    "en", "en_US", "en_GB", "en_IE", "en_NG", "en_IN", "en_KE", "en_PK", "en_TH", "en_NZ",
    "nl_NL", "nl_BE", "hu_HU", "bg_BG", "mk_MK", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "sw",
    "ro_RO", "pl_PL", "vi_VN", "fa_IR", "ar_AA", "ar_SA", "ar_PS", "ar_DZ", "fr_DZ", "tr_TR",
    "uk_UA", "ru_RU", "zh_CN", "hr_HR", "sl_SI", "cs_CZ", "sk_SK", "el_GR", "es_ES", "pt_PT",
    "it_IT", "fr_FR", "de_DE", "da_DK", "sv_SE", "no_NO", "ga_IE", "zu_ZA", "hi_IN",
)  # fmt: skip

# Locales whose surnames are often everyday words of the course languages (Walls, Lange,
# Bakker): at the start of a sentence such a surname alone is not taken for a name.
_WORDLIKE = ("en", "en_US", "en_GB", "en_IE", "en_NZ", "de_", "nl_", "fr_", "ga_", "da_", "no_", "sv_", "zu_")


# Latin-script locales whose names are the same names Macedonians and Bulgarians write in
# Cyrillic; and how (Serbo-Croatian Latin to Macedonian Cyrillic, digraphs first).
_SOUTH_SLAVIC = ("hr_HR", "sl_SI")
_TO_CYRILLIC = (
    ("dž", "џ"), ("lj", "љ"), ("nj", "њ"), ("a", "а"), ("b", "б"), ("c", "ц"), ("č", "ч"),
    ("ć", "ќ"), ("d", "д"), ("đ", "ѓ"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
    ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
    ("s", "с"), ("š", "ш"), ("t", "т"), ("u", "у"), ("v", "в"), ("z", "з"), ("ž", "ж"),
)  # fmt: skip


def to_cyrillic(name: str) -> str:
    """A South Slavic name in Latin letters as Macedonian writes it in Cyrillic (Ivana → Ивана)."""
    out, i, low = [], 0, name.lower()
    while i < len(name):
        for latin, cyr in _TO_CYRILLIC:
            if low.startswith(latin, i):
                out.append(cyr.upper() if name[i].isupper() else cyr)
                i += len(latin)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


@cache
def _faker_names() -> tuple[frozenset[str], frozenset[str]]:
    """(all names, surnames of the word-like locales that are nobody's first name)."""
    import faker.providers.person as person

    raw: set[str] = set(_lines("lint", "names.txt"))
    wordlike: set[str] = set()
    first: set[str] = set()
    available = {m.name for m in pkgutil.iter_modules(person.__path__)}
    for locale in (loc for loc in NAME_LOCALES if loc in available):
        provider = importlib.import_module(f"{person.__name__}.{locale}").Provider
        for attr, pool in vars(provider).items():
            if not (attr.startswith(("first_name", "last_name")) or attr.endswith("romanized_names")):
                continue
            if isinstance(pool, (dict, tuple, list, set, frozenset)):
                strings = {n for n in pool if isinstance(n, str)}
                if locale in _SOUTH_SLAVIC:  # Ivana is also written Ивана in Skopje and Sofia
                    strings |= {to_cyrillic(n) for n in strings}
                raw |= strings
                if attr.startswith("first"):
                    first |= strings
                elif locale in _WORDLIKE or locale.startswith(_WORDLIKE[5:]):
                    wordlike |= strings
    names: set[str] = set()
    for name in raw:
        if not LATIN_OR_CYRILLIC.fullmatch(name):
            continue
        for spelled in spellings(name):
            low = key(spelled)
            names.add(low)
            if " " in low:  # "de Vries" is also "vries"
                names.update(w for w in low.split() if len(w) > 2 and w not in PARTICLES)
    keys = {key(n) for n in wordlike} - {key(n) for n in first}
    return frozenset(n for n in names if len(n) > 1), frozenset(keys)


def person_names() -> frozenset[str]:
    """First and last names of Faker's locales ``NAME_LOCALES`` (Latin and Cyrillic, with transliterations),
    and of ``data/lint/names.txt``, as comparison keys. A Dutch surname such as ``de Vries``
    also gives its last word ``vries``."""
    return _faker_names()[0]


def wordlike_surnames() -> frozenset[str]:
    """Surnames that are also everyday words somewhere (English, German, Dutch, ... lists)."""
    return _faker_names()[1]


# -- words that are not names ----------------------------------------------------------------
@cache
def calendar_words() -> frozenset[str]:
    """Months and weekdays in the five course languages (wide and short, both grammatical
    contexts), with Cyrillic transliterated: ``Augustus``, ``Март``, ``Mart``, ``Szerda``."""
    from babel import Locale

    words: set[str] = set()
    for lang in LANGUAGES:
        loc = Locale.parse(lang)
        for table in (loc.months, loc.days):
            for context in table.values():
                for width in context.values():
                    for word in width.values():
                        for w in spellings(word.strip(".")):
                            words.add(key(w))
    return frozenset(words)


@cache
def place_names() -> frozenset[str]:
    """Countries and languages (the kit's list and Babel's names in the five languages) and the
    packaged cities, each whole and word by word where a word is long enough to stand alone:
    ``Sofia`` the city and ``Engels`` the language are not people."""
    from babel import Locale

    raw: set[str] = set(_lines("lint", "places.txt"))
    for row in csv.DictReader(_data("socialmap", "countries.csv").splitlines()):
        raw.update((row["en"], row["nl"]))
    for lang in LANGUAGES:
        loc = Locale.parse(lang)
        raw.update(loc.territories.values())
        raw.update(loc.languages.values())
    places: set[str] = set()
    for place in raw:
        for spelled in spellings(place):
            places.add(key(spelled))
            places.update(key(w) for w in re.split(r"[\s,()-]+", spelled) if len(w) > 3)
    return frozenset(places)


@cache
def common_words() -> frozenset[str]:
    """Everyday words (Faker's lorem lists of the course languages and the kit's own list in
    ``data/lint/not-names.txt``): capitalised at the start of a sentence, they are not names."""
    import faker.providers.lorem as lorem

    words = {key(w) for w in _lines("lint", "not-names.txt")}
    available = {m.name for m in pkgutil.iter_modules(lorem.__path__)}
    for locale in ("en_US", "nl_NL", "nl_BE", "mk_MK", "ru_RU"):
        if locale in available:
            provider = importlib.import_module(f"{lorem.__name__}.{locale}").Provider
            words.update(key(w) for w in getattr(provider, "word_list", ()))
    return frozenset(words | calendar_words())


# -- organisations ---------------------------------------------------------------------------
@cache
def company_suffixes() -> tuple[str, ...]:
    """Legal-form suffixes of every Faker locale and a few it lacks, longest first."""
    import faker.providers.company as company

    suffixes = set(_lines("lint", "company-suffixes.txt"))
    for mod in pkgutil.iter_modules(company.__path__):
        provider = importlib.import_module(f"{company.__name__}.{mod.name}").Provider
        for s in vars(provider).get("company_suffixes", ()):
            if isinstance(s, str) and len(s.strip(".")) >= 2:
                suffixes.add(s)
    # two capital letters alone (AD, ET, SD) would match too much in Latin script
    keep = {s for s in suffixes if not re.fullmatch(r"[A-Z]{2}", s)}
    return tuple(sorted(keep, key=len, reverse=True))


# Organisations whose name could lead to a person: the places where victims find shelter and
# help (NGOs and the like). Authorities, international bodies, rapporteurs and networks are
# public institutions; naming one says nothing about where someone is.
_PLACES_OF_HELP = {"NGO", "OTHER"}


@cache
def organisation_names() -> tuple[str, ...]:
    """Names of the NGOs and other helping organisations in the kit's directory, split at
    dashes, slashes and brackets (``CoMensha``, ``Animus Association Foundation``, ``Open
    Gate``), longest first; a part that is a place (``Sofia``) is left out."""
    names: set[str] = set()
    for row in csv.DictReader(_data("socialmap", "organisations.csv").splitlines()):
        if row["type"] not in _PLACES_OF_HELP:
            continue
        for part in re.split(r"\s+[–/+]\s+|[()]|;|\s+-\s+", row["name"]):
            part = part.strip(' "').removeprefix("incl. ")
            if len(part) >= 3 and part[0].isupper() and not re.search(r"\d|verified|expansion", part):
                names.add(part)
    places = place_names()
    return tuple(sorted((n for n in names if key(n) not in places), key=len, reverse=True))
