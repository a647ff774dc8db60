"""The detectors of the anonymisation check that are not names.

Libraries where they exist: ``phonenumbers`` finds phone numbers (its ``PhoneNumberMatcher``,
for the course countries and the countries of origin in the cases), ``python-stdnum`` checks
BSNs, IBANs, the Bulgarian EGN and card numbers (Luhn). The kit's own patterns cover what no
library does: licence plates, social-media handles, court and case numbers, street addresses
in local styles, exact dates with month names in five languages, e-mail and web addresses.
Each detector yields ``(kind, start, end)`` spans of one text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import phonenumbers
from stdnum import iban, luhn
from stdnum.bg import egn
from stdnum.nl import bsn

from safekit.authoring.cases.anonymise_lexicon import LANGUAGES, company_suffixes, organisation_names

Span = tuple[str, int, int]

# Home countries first, then the countries of origin of the cases.
REGIONS = [
    "NL",
    "HU",
    "BG",
    "MK",
    "NG",
    "UG",
    "MD",
    "RO",
    "PL",
    "VN",
    "PH",
    "AF",
    "SY",
    "ER",
    "MA",
    "UA",
    "AL",
    "RS",
    "TR",
    "CN",
    "TH",
    "IN",
    "GH",
    "KE",
    "ET",
    "IQ",
    "IR",
    "ER",
    "GB",
    "DE",
    "BE",
]

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЀ-ЏЅЈЉЊЋЌЍЎЃ"
_LOW = "a-zß-öø-ÿā-žа-яѐ-џѕјљњћќѝўѓ"
_WORD = rf"[{_UP}][{_LOW}{_UP}'’.-]*"

# What an identifier is called when a case writer names it, in the five languages.
_ID_WORDS = (
    r"bsn|burgerservicenummer|sofinummer|sofi-nummer|v-nummer|vreemdelingennummer|paspoort\w*|"
    r"passport|id(?:-| )?(?:card|kaart|number|nummer)|identiteitskaart|documentnummer|"
    r"ssn|national insurance|personal number|"
    r"egn|егн|лнч|ембг|embg|единен граждански номер|лична карта|паспорт|"
    r"személyi(?: szám| igazolvány)?|adóazonosító(?: jel)?|taj(?:-szám| szám)?|útlevél\w*|"
    r"matični broj|lk"
)
_ID_NEAR = re.compile(rf"(?i)(?<!\w)(?:{_ID_WORDS})(?!\w)[^.\n\d]{{0,25}}$")
_PHONE_WORDS = re.compile(
    r"(?i)(?:tel\b|tel\.|phone|mobile|number|nummer|mobiel|bel\b|whats ?app|viber|signal|telegram|"
    r"telefon|szám|hívd|телефон|тел\.|моб\.|номер|вайбър|вибер|број)[^.\n\d]{0,20}$"
)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


# -- phone numbers ---------------------------------------------------------------------------
_CANDIDATE = re.compile(r"[+(]?\d(?:[\s./()-]{0,2}\d){5,}")


def phones(text: str) -> Iterator[Span]:
    """Each run of digits that could be a phone number is handed, with a little context, to
    ``PhoneNumberMatcher`` for each region in turn, until one region takes it."""
    for cand in _CANDIDATE.finditer(text):
        lo, hi = max(0, cand.start() - 3), min(len(text), cand.end() + 3)
        window = text[lo:hi]
        for region in REGIONS:
            matches = list(
                phonenumbers.PhoneNumberMatcher(window, region, leniency=phonenumbers.Leniency.VALID)
            )
            for m in matches:
                start = lo + m.start
                # a number in local or international form; other digit strings only when the
                # text calls them a phone number (a WhatsApp number written without its 0)
                if m.raw_string[0] in "+0(" or _PHONE_WORDS.search(text[max(0, start - 60) : start]):
                    yield "phone", start, lo + m.end
            if matches:
                break
        else:
            # no region holds it as a valid number: one that only looks possible (a range kept
            # for drama, a new prefix) counts when written internationally or called a phone,
            # and stands on its own (not the digits of a longer code such as XR4711902)
            before = text[cand.start() - 1] if cand.start() else " "
            called = cand.group(0).startswith("+") or _PHONE_WORDS.search(
                text[max(0, cand.start() - 60) : cand.start()]
            )
            if not called or before.isalnum():
                continue
            for m in phonenumbers.PhoneNumberMatcher(window, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
                yield "phone", lo + m.start, lo + m.end


# -- numbers checked by python-stdnum --------------------------------------------------------
_NUMBER_RUN = re.compile(r"(?<![\w.,/-])\d(?:[ .-]?\d){7,18}(?![\w/-]|[.,]\d)")
_IBAN_SHAPE = re.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4}\b")


_DIGIT = re.compile(r"\d")


def numbers(text: str) -> Iterator[Span]:
    if not _DIGIT.search(text):
        return
    for m in _IBAN_SHAPE.finditer(text):
        yield "iban", m.start(), m.end()
    for m in _NUMBER_RUN.finditer(text):
        raw, digits = m.group(0), _digits(m.group(0))
        if 13 <= len(digits) <= 19 and luhn.is_valid(digits):
            yield "card", m.start(), m.end()
        elif (
            (len(digits) == 9 and bsn.is_valid(digits))
            or (len(digits) == 10 and egn.is_valid(digits))
            or _ID_NEAR.search(text[max(0, m.start() - 60) : m.start()])
            or re.fullmatch(r"\d{8,13}", raw)  # a long number on its own: an identifier
        ):
            yield "id-number", m.start(), m.end()
    # passport and ID-card numbers: letters and digits mixed
    for m in re.finditer(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{7,12}\b", text):
        if not iban.is_valid(m.group(0)):
            yield "id-number", m.start(), m.end()
    for m in re.finditer(rf"(?i)(?<!\w)(?:{_ID_WORDS})(?!\w)[\s:№#-]*(?:no\.?|nr\.?|number|nummer|№)?\s*"
                         r"([A-Z]{0,3}\d[\d ./-]{4,}\d)", text):  # fmt: skip
        yield "id-number", m.start(1), m.end(1)


# -- the kit's own patterns -------------------------------------------------------------------
@cache
def _months() -> str:
    from babel import Locale

    from safekit.authoring.cases.anonymise_lexicon import spellings

    words: set[str] = set()
    for lang in LANGUAGES:
        loc = Locale.parse(lang)
        for context in loc.months.values():
            for width, names in context.items():
                if width in ("wide", "abbreviated"):
                    for n in names.values():
                        words.update(s.strip(".").lower() for s in spellings(n))
    return "|".join(sorted((re.escape(w) for w in words if len(w) > 2), key=len, reverse=True))


@cache
def _date_pattern() -> re.Pattern[str]:
    day, mon, year = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])", r"(?:19|20)\d\d"
    months = _months()
    return re.compile(
        rf"(?<![\d/.-]){day}\s?[-/.]\s?{mon}\s?[-/.]\s?{year}(?!\d)"
        rf"|(?<!\d){year}\.?\s?[-/.]\s?{mon}\s?[-/.]\s?{day}\b\.?"
        rf"|\b{day}(?:st|nd|rd|th|\.|-?(?:ти|ви|ри|ми))?\s+(?:of\s+)?(?:{months})\.?,?\s+{year}\b(?:\s?г\.)?"
        rf"|\b(?:{months})\.?\s+{day}(?:st|nd|rd|th)?,?\s+{year}\b"
        rf"|\b{year}\.\s+(?:{months})\.?\s+{day}\.?",
        re.I,
    )


_NL_STREET = (
    r"straat|str\.|weg|laan|plein|gracht|kade|singel|dijk|steeg|hof|markt|pad|dreef|park|baan|"
    r"plantsoen|wal|erf|veld|burg|haven|brink|dam|lei"
)
_HU_STREET = r"utca|u\.|út|útja|tér|tere|körút|krt\.|köz|sor|fasor|rakpart|sétány|lakótelep|ltp\."
_CYR_STREET = (
    r"ул\.|улица|бул\.|булевар|булевард|ж\.к\.|жк|кв\.|ul\.|ulica|bul\.|blvd\.?|bulevar|"
    r"ulitsa|zh\.k\.|str\."
)
_PLATFORMS = (
    r"instagram|insta|ig|snapchat|snap|tiktok|tik tok|telegram|facebook|fb|twitter|signal|viber|"
    r"whatsapp|skype|discord|onlyfans|vk|vkontakte|wechat|kik|"
    r"инстаграм|снапчат|телеграм|фейсбук|тикток|вайбър|вибер|фб"
)
# A handle named as such: the platform, then within a few words either a handle-shaped word
# (with a digit, a dot or an underscore) or any word after "is", ":" and the like. The
# platform is written with a capital (a signal of control is not Signal the app).
_HANDLE = re.compile(
    rf"(?<!\w)(?=(?-i:[A-ZА-Я]))(?:{_PLATFORMS})(?!\w)[^.!?\n]{{0,40}}?"
    r"(?:(?<=\s)|(?<=:)|(?<=[\"'„“«]))(@?(?=[a-z0-9_.]*[a-z])(?=[a-z0-9_.]*(?:[0-9_]|\.[a-z0-9]))[a-z0-9_.]{3,30}[a-z0-9_])(?![\w@])"
    rf"|(?<!\w)(?=(?-i:[A-ZА-Я]))(?:{_PLATFORMS})(?!\w)(?:[- ]?(?:account|profile|profiel|profil|name|naam|név|fiókja?|"
    r"username|gebruikersnaam|handle|акаунт|профил|профилот|име))?\s*"
    r"(?:(?:is|was|:|als|heet|heette|called|named|neve|е|беше)\s*)+"
    r"['\"„“«]?(@?(?=[a-z0-9_.]*[a-z])[a-z0-9_.]{3,30}[a-z0-9_])(?![\w@])",
    re.I,
)
# A handle-shaped word (a letter, and a digit, an underscore or an inner dot) right after the
# word "profile"/"account", or right before "on <Platform>": "профила mimi.sofia02 в TikTok".
_HANDLE_WORD = r"@?(?=[\w.]*[^\W\d_])(?=[\w.]*(?:\d|_|\.[^\W_]))[\w.]{3,30}[^\W_]"
_HANDLE_AROUND = re.compile(
    r"(?i:profile|profiel|profil|profila|profilot|account|acc|fiók|fiókja|fiókot|профил|профила|профилот|"
    r"акаунт|акаунта|акаунтот|сметка|сметката)\s+[\"'„“«]?(" + _HANDLE_WORD + r")(?![\w@])"
    rf"|(?<![\w@])({_HANDLE_WORD})\s+(?i:on|in|op|в|на|во|от|from)\s+(?=(?-i:[A-ZА-Я]))(?i:{_PLATFORMS})(?!\w)"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "url",
        re.compile(
            r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|nl|org|net|eu|bg|hu|mk|be|de|uk|info|io|ng|ro|md)\b(?:/\S*)?",
            re.I,
        ),
    ),
    ("handle", re.compile(r"(?<![\w@.])@[A-Za-z0-9_.]{2,}[A-Za-z0-9_]")),
    (
        "case-number",
        re.compile(
            r"\b\d{2}/\d{6}-\d{2}\b"  # parketnummer 13/123456-26
            r"|\b[A-Z]{1,3}\.\s?\d{1,6}/(?:19|20)\d\d(?:/\d{1,3})?"  # Hungarian court file B.1782/2022/4
            r"|(?<!\w)[А-ЯЃЌЉЊЏЅЈ]{2,5}\.?\s?(?:бр\.|br\.)\s?\d{1,6}/\d{2,4}\b"  # КОК бр. 58/23
            r"|(?i:(?:parketnummer|parketnr\.?|zaaknummer|zaaknr\.?|dossiernummer|dossiernr\.?|dossier|"
            r"case (?:number|no\.?|file)|file (?:number|no\.?)|court case|reference|ref\.|"
            r"kenmerk|ügyszám|iktatószám|ügyiratszám|дело|досие|преписка|предмет|пр\.|н\.о\.х\.д\.|"
            r"досие бр\.?|број на предмет)"
            r"\s*(?:no\.?|nr\.?|number|nummer|№|бр\.|број|#)?\s*[:#№]?\s*)"
            r"([A-ZА-Я]{0,4}[ .-]?\d[\dA-Z/.\-]*\d[A-Z]?)"
        ),
    ),
    (
        "licence-plate",
        re.compile(
            r"\b(?:[A-Z]{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
            r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|\d{2}-[A-Z]{2}-\d{2}"
            r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|[A-Z]{2}-\d{2}-\d{2}|[A-Z]-\d{2}-[A-Z]{3})\b"  # NL
            r"|\b[A-Z]{3}-\d{3}\b|\b[A-Z]{2} [A-Z]{2}-\d{3}\b"  # HU
            r"|\b[A-Z]{2}\d{2} ?[A-Z]{3}\b"  # UK (the vans and cars of the cases' countries of origin)
            r"|(?<![\w])[ABEKMHOPCTYXАВЕКМНОРСТУХ]{1,2} ?\d{4} ?[ABEKMHOPCTYXАВЕКМНОРСТУХ]{2}(?!\w)"  # BG
            r"|(?<![\w])(?:SK|BT|KU|TE|OH|GV|ST|VE|PP|KI|GE|KO|KA|KP|KR|KS|NE|RA|SR|DH|DE|BE|VI|MB|SU|"
            r"СК|БТ|КУ|ТЕ|ОХ|ГВ|СТ|ВЕ|ПП|КИ|ГЕ|КО|КА|КП|КР|КС|РА|СР|ДХ|ВИ|МБ|СУ)[ -]?\d{3,4}[ -]?"
            r"[A-ZА-ЯЃЌЉЊЏЅЈ]{1,2}(?!\w)"  # MK
        ),
    ),
    ("handle", _HANDLE),
    ("handle", _HANDLE_AROUND),
    (
        "address",
        re.compile(
            rf"\b[{_UP}][{_LOW}'-]*(?:{_NL_STREET})\s+\d+(?:\s?-?[a-zA-Z]\b|-\d+)?"  # Kerkstraat 12
            rf"|\b(?!(?:Az?|Egy|Ez|Az út)\s)(?:{_WORD}\s+){{0,3}}(?!(?:Az?|Egy|Ez)\s)[{_UP}][{_LOW}'-]*\s+(?:{_HU_STREET})\s+\d+(?:/[A-Za-z0-9]+)?\.?"  # Váci utca 23.
            rf"|(?<!\w)(?:{_CYR_STREET})\s*[„\"“«]?(?:{_WORD}\s*){{1,4}}[“\"”»]?,?\s*(?:№|бр\.|br\.|no\.?|nr\.?)?\s*\d+[а-яa-z]?"
            rf"|(?<!\w)(?:{_CYR_STREET})\s*\d+"
            rf"|\b\d+\w?\s+(?:{_WORD}\s+){{1,3}}(?:Street|Road|Avenue|Lane|Drive|Square|Close|Way)\b"
            rf"|\b(?:{_WORD}\s+){{1,3}}(?:Street|Road|Avenue|Lane)\s+\d+\b"
            rf"|\b[1-9]\d{{3}}\s?[A-Z]{{2}}\b(?=\s+[{_UP}])"  # Dutch postcode before a town
            rf"|\b(?:бл\.|блок|bl\.)\s*\d+"  # Bulgarian block of flats
        ),
    ),
]


_NEEDS_DIGIT = {"case-number", "licence-plate", "address"}
_NEEDS_AT = {"email"}
_YEAR = re.compile(r"(?:19|20)\d\d")


def patterns(text: str) -> Iterator[Span]:
    has_digit, has_at = bool(_DIGIT.search(text)), "@" in text
    for kind, pattern in _PATTERNS:
        if (kind in _NEEDS_DIGIT and not has_digit) or (kind in _NEEDS_AT and not has_at):
            continue
        for m in pattern.finditer(text):
            group = next((g for g in range(1, pattern.groups + 1) if m.group(g)), 0)
            yield kind, m.start(group), m.end(group)
    if _YEAR.search(text):
        for m in _date_pattern().finditer(text):
            yield "date", m.start(), m.end()


# -- companies and organisations --------------------------------------------------------------
@cache
def _company_pattern() -> re.Pattern[str]:
    suffix = "|".join(re.escape(s) for s in company_suffixes())
    quoted = r"[„\"“«][^\"“”»\n]{2,40}[“\"”»]"
    return re.compile(
        rf"(?:(?<![\w])(?:{_WORD}[ &]+){{1,4}}|{quoted}\s*)(?:{suffix})(?![\w])"
        rf"|(?<![\w])(?:{suffix})\s*{quoted}"
    )


@cache
def _organisation_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in organisation_names())
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


@cache
def _suffix_pattern() -> re.Pattern[str]:
    return re.compile("(?<![\\w])(?:" + "|".join(re.escape(s) for s in company_suffixes()) + ")(?![\\w])")


def organisations(text: str) -> Iterator[Span]:
    if _suffix_pattern().search(text):  # the full pattern only where a legal form occurs
        for m in _company_pattern().finditer(text):
            yield "employer", m.start(), m.end()
    for m in _organisation_pattern().finditer(text):
        yield "organisation", m.start(), m.end()
