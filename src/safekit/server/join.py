"""The join page: a participant enters the session code (or arrives with it in the link) and
accepts or picks a pseudonym. Plain server-rendered HTML from ``templates/join.html.j2``: no
kernel, no script, fast on a poor connection; while the participant reads it, the browser
fetches the workshop page's files. Real names are never asked for."""

from __future__ import annotations

import random
from functools import cache
from urllib.parse import urlencode

import tornado.web
import yaml
from markupsafe import Markup

from safekit.core.i18n import DRAFT_NOTE, N_, SOURCE_LANGUAGE, locale_dirs, preferred_language, translate
from safekit.core.text import clean_text
from safekit.server.static import SEEN
from safekit.templating import render

PSEUDONYMS = "pseudonyms.yaml"  # beside a language's catalogue: the made-up names it offers


@cache
def pseudonym_words(lang: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The (adjectives, nouns) groups of ``lang`` (a later locale folder wins), else English's."""
    for folder in reversed(locale_dirs()):
        path = folder / lang / PSEUDONYMS
        if path.is_file():
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            return tuple((tuple(g["adjectives"]), tuple(g["nouns"])) for g in raw.get("groups") or [])
    return pseudonym_words(SOURCE_LANGUAGE) if lang != SOURCE_LANGUAGE else ()


def generate_pseudonym(lang: str = SOURCE_LANGUAGE, rng: random.Random | None = None) -> str:
    """A made-up name in ``lang``: an adjective and a noun that agree, and a number."""
    rng = rng or random.SystemRandom()
    adjectives, nouns = rng.choice(pseudonym_words(lang))
    return f"{rng.choice(adjectives)} {rng.choice(nouns)} {rng.randint(10, 99)}"


WAIT = N_("Too many wrong session codes from this device. Wait a minute, then try again.")
ONE_DEVICE = N_(
    "This device has already joined the workshop. Go back to your open page, or ask your trainer "
    "if you need to join again."
)


class JoinHandler(tornado.web.RequestHandler):
    """GET shows the form; POST checks the code, registers the pseudonym, and sends the
    participant to their own link (which is what identifies them from then on)."""

    def initialize(self, sessions, languages, attempts, joins, drafts=()):
        self.sessions = sessions  # object with .find(code) -> (session, store) | None
        self.languages = languages
        self.drafts = drafts  # languages not yet reviewed by a native professional
        self.attempts = attempts  # safekit.server.guard.Attempts: wrong codes per address
        self.joins = joins  # safekit.server.guard.Joins: participants per address

    def _find(self, code: str):
        """The session of ``code``; a wrong code counts against the address (GET or POST alike)."""
        if not code or self.attempts.locked(self.request.remote_ip):
            return None
        found = self.sessions.find(code)
        if found is None:
            self.attempts.wrong(self.request.remote_ip)
        return found

    def _refuse(self, code: str, pseudonym: str, message: str, found: bool = False) -> None:
        self.set_status(429)
        self.set_header("Retry-After", "60")
        self.render_form(code, pseudonym, translate(message, self._lang()), found)

    def _lang(self) -> str:
        """The language asked for in the link, else the browser's preferred one among those the
        session offers, else the session's first."""
        lang = self.get_argument("lang", "")
        if lang in self.languages:
            return lang
        return (
            preferred_language(self.request.headers.get("Accept-Language", ""), self.languages)
            or (self.languages[0])
        )

    def render_form(self, code: str = "", pseudonym: str = "", error: str = "", found: bool = False) -> None:
        lang = self._lang()
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")
        self.write(
            render(
                __package__,
                "join.html.j2",
                lang=lang,
                languages=[(x, f"join?{urlencode({'lang': x, 's': code})}") for x in self.languages],
                draft=lang in self.drafts,
                draft_note=DRAFT_NOTE,
                # the participant page's scripts and styles, for the browser to fetch while the
                # participant chooses a name (see safekit.server.static)
                prefetch=SEEN.urls(),
                error=error,
                xsrf=Markup(self.xsrf_form_html()),
                found=found,  # no need to show the code
                code=code,
                pseudonym=pseudonym,
            )
        )

    def get(self) -> None:
        code = self.get_argument("s", "")
        self.render_form(code, generate_pseudonym(self._lang()), found=self._find(code) is not None)

    def post(self) -> None:
        lang = self._lang()
        code = self.get_argument("s", "").strip()
        pseudonym = clean_text(self.get_argument("pseudonym", ""), limit=40)
        if self.attempts.locked(self.request.remote_ip):
            self._refuse(code, pseudonym, WAIT)
            return
        found = self._find(code)
        if found is None:
            self.set_status(403)
            self.render_form(
                code,
                pseudonym or generate_pseudonym(self._lang()),
                translate("This session code is not known. Check it with your trainer.", lang),
            )
            return
        session, store = found
        if self.joins.full(self.request.remote_ip):
            self._refuse(code, pseudonym, ONE_DEVICE, found=True)
            return
        if not pseudonym:
            pseudonym = generate_pseudonym(self._lang())
        if store.pseudonym_taken(session.id, pseudonym):
            self.render_form(
                code,
                generate_pseudonym(self._lang()),
                translate("That name is already taken in this workshop; here is another.", lang),
                found=True,
            )
            return
        participant = store.add_participant(session.id, pseudonym, lang)
        self.joins.add(self.request.remote_ip)
        self.redirect(f"{self.settings.get('base_url', '/')}?{urlencode({'p': participant.token})}")
