"""Small text helpers shared by widgets, printed documents, the room view and exports."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from typing import Any


def loc(text: dict[str, str] | None, lang: str) -> str:
    """The text in ``lang``, falling back to English, then to any language."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or next(iter(text.values()))


def esc(text: object) -> str:
    """Text made safe inside HTML (for the small snippets widgets show; pages use templates)."""
    return html.escape(str(text), quote=True)


SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"'”’)]*|$)")
"""One sentence of a story, as the Spot exercise shows it to mark (and the checks read it)."""


def norm(text: str) -> str:
    """Whitespace folded to single spaces."""
    return " ".join(text.split())


def paragraph_texts(text: str) -> list[str]:
    """Plain text split at blank lines, each paragraph's whitespace folded."""
    return [norm(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def paragraphs(text: str) -> str:
    """Plain case text as HTML paragraphs (escaped; a blank line starts a new paragraph)."""
    return "".join(f"<p>{esc(p)}</p>" for p in paragraph_texts(text))


# Free text a participant types is kept to this many characters (a page of notes is ~3,000).
MAX_TEXT = 5000

# C0 and C1 control characters (tab and newline are handled apart), bidirectional overrides,
# embeddings, isolates and marks, and zero-width characters: invisible, and able to reorder or hide
# what a projector or a spreadsheet shows.
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clean_text(text: str, multiline: bool = False, limit: int | None = None) -> str:
    """Text as a participant may leave it: without control, bidirectional and zero-width
    characters; newlines kept only in ``multiline`` text (else all whitespace is folded to single
    spaces); cut at ``limit`` characters."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _UNSEEN.sub("", text)
    text = text if multiline else norm(text)
    return text[:limit] if limit is not None else text


def no_formula(value: Any) -> Any:
    """A cell value that a spreadsheet will not run as a formula."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def opaque_id(token: str) -> str:
    """A stable handle for a participant that reveals neither token nor pseudonym."""
    return hashlib.sha256(token.encode()).hexdigest()[:12]


# The alphabets of the course languages, for sorting names as a reader of that language expects
# (Python's default order puts the Macedonian ѓ, ѕ, ј, љ, њ, ќ and џ after я, and Hungarian ö
# after z). Letters within one group sort as one letter at first (á with a), then by the group's
# order; letters of no alphabet keep their place after the listed ones.
ALPHABETS = {
    "bg": "а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ь ю я",
    "mk": "а б в г д ѓ е ж з ѕ и ј к л љ м н њ о п р с т ќ у ф х ц ч џ ш",
    "hu": "aá b c d eé f g h ií j k l m n oó öő p q r s t uú üű v w x y z",
    "nl": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "en": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
}


def _order(lang: str) -> dict[str, tuple[int, int]]:
    latin = ALPHABETS["hu" if lang == "hu" else "en"].split()
    cyrillic = ALPHABETS["mk" if lang == "mk" else "bg"].split()
    if lang not in ("bg", "mk"):  # a Latin-script reader: both Cyrillic alphabets in one order
        cyrillic = [
            "а",
            "б",
            "в",
            "г",
            "д",
            "ѓ",
            "е",
            "ж",
            "з",
            "ѕ",
            "и",
            "й",
            "ј",
            "к",
            "л",
            "љ",
            "м",
            "н",
            "њ",
            "о",
            "п",
            "р",
            "с",
            "т",
            "ќ",
            "у",
            "ф",
            "х",
            "ц",
            "ч",
            "џ",
            "ш",
            "щ",
            "ъ",
            "ь",
            "ю",
            "я",
        ]
    # the reader's own script first, then the other
    groups = cyrillic + latin if lang in ("bg", "mk") else latin + cyrillic
    order: dict[str, tuple[int, int]] = {}
    for n, group in enumerate(groups):
        for m, letter in enumerate(group):
            order.setdefault(letter, (n, m))
    return order


_ORDERS: dict[str, dict[str, tuple[int, int]]] = {}


def collation_key(text: str, lang: str) -> tuple:
    """A key that sorts ``text`` in the alphabetical order of ``lang``: in Macedonian Ѓорѓи
    comes between Ана and Жана, in Hungarian Ödön after Oszkár; the reader's own script first."""
    order = _ORDERS.setdefault(lang, _order(lang))
    letters = [ch for ch in text.casefold() if ch.isalnum()]
    unlisted = len(order) + 1  # letters of no listed alphabet, and digits: after, by code point
    primary = tuple(order[ch][0] if ch in order else unlisted + ord(ch) for ch in letters)
    secondary = tuple(order[ch][1] if ch in order else 0 for ch in letters)
    return (primary, secondary, text)


# Bulgarian and Macedonian Cyrillic to Latin (the Bulgarian streamlined system and the
# Macedonian official one), with the letters Russian and Ukrainian add.
TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    "ѓ": "gj", "ќ": "kj", "љ": "lj", "њ": "nj", "џ": "dzh", "ѕ": "dz", "ј": "j",
    "ы": "y", "э": "e", "ё": "yo", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip


def ascii_slug(text: str, limit: int = 30) -> str:
    """``text`` as part of a file name: Latin lower-case letters, digits and dashes, Cyrillic
    transliterated and accents dropped (``Тиха Чапла 42`` → ``tiha-chapla-42``)."""
    latin = "".join(TRANSLIT.get(ch, ch) for ch in text.lower())
    plain = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-")
