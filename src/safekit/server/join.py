"""The join page: a participant enters the session code (or arrives with it in the link) and
accepts or picks a pseudonym. Plain server-rendered HTML: no kernel, no script, fast on a
poor connection; while the participant reads it, the browser fetches the workshop page's
files. Real names are never asked for."""

from __future__ import annotations

import html
import random
from urllib.parse import urlencode

import tornado.web

from safekit.core.i18n import translate

ADJECTIVES = [
    "Blue",
    "Green",
    "Quiet",
    "Bright",
    "Calm",
    "Swift",
    "Brave",
    "Kind",
    "Clear",
    "Warm",
    "Steady",
    "Gentle",
    "Bold",
    "Wise",
    "Silver",
    "Golden",
]
NOUNS = [
    "Heron",
    "Falcon",
    "Otter",
    "Maple",
    "River",
    "Harbor",
    "Lantern",
    "Meadow",
    "Comet",
    "Cedar",
    "Willow",
    "Beacon",
    "Badger",
    "Puffin",
    "Orchid",
    "Aspen",
]


def generate_pseudonym(rng: random.Random | None = None) -> str:
    rng = rng or random.SystemRandom()
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.randint(10, 99)}"


PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{prefetch}<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f6f6f3; color: #1b1b1f;
  margin: 0; font-size: 18px; line-height: 1.5; }}
main {{ max-width: 520px; margin: 0 auto; padding: 24px 16px; }}
h1 {{ font-size: 24px; }}
label {{ display: block; font-weight: 600; margin: 16px 0 6px; }}
input[type=text] {{ font-size: 20px; width: 100%; box-sizing: border-box; min-height: 52px; padding: 8px 12px;
  border: 2px solid #8a8f98; border-radius: 10px; }}
button {{ font-size: 19px; min-height: 52px; width: 100%; margin-top: 20px; border: 0; border-radius: 10px;
  background: #0b5cab; color: #fff; font-weight: 600; }}
button:focus-visible, input:focus-visible, a:focus-visible {{ outline: 3px solid #ffbf47; outline-offset: 2px; }}
.hint {{ color: #4a4a55; font-size: 16px; }}
.error {{ background: #fde2e1; padding: 10px 12px; border-radius: 10px; }}
.ok {{ background: #e3f3e6; padding: 10px 12px; border-radius: 10px; }}
.langs a {{ margin-right: 12px; }}
</style></head>
<body><main>
<p class="langs">{langs}</p>
<h1>{heading}</h1>
{error}
<form method="post" action="join">
{xsrf}
<input type="hidden" name="lang" value="{lang}">
{code_field}
<label for="name">{name_label}</label>
<input type="text" id="name" name="pseudonym" value="{pseudonym}" maxlength="40" autocomplete="off" required
 aria-describedby="name-hint">
<p class="hint" id="name-hint">{name_hint}</p>
<button type="submit">{submit}</button>
</form>
</main></body></html>"""


class JoinHandler(tornado.web.RequestHandler):
    """GET shows the form; POST checks the code, registers the pseudonym, and sends the
    participant to their own link (which is what identifies them from then on)."""

    def initialize(self, sessions, languages):
        self.sessions = sessions  # object with .find(code) -> (session, store) | None
        self.languages = languages

    def _lang(self) -> str:
        lang = self.get_argument("lang", "")
        return lang if lang in self.languages else self.languages[0]

    def render_form(self, code: str = "", pseudonym: str = "", error: str = "") -> None:
        lang = self._lang()
        t = lambda m, **kw: html.escape(translate(m, lang, **kw))  # noqa: E731
        langs = " ".join(
            f'<a href="join?{urlencode({"lang": x, "s": code})}" lang="{x}">{html.escape(name)}</a>'
            for x, name in ((x, {"en": "English", "nl": "Nederlands"}.get(x, x)) for x in self.languages)
        )
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")
        self.write(
            PAGE.format(
                prefetch=self._prefetch(),
                lang=lang,
                title=t("Join the workshop"),
                heading=t("Join the workshop"),
                langs=langs,
                error=f'<p class="error" role="alert">{html.escape(error)}</p>' if error else "",
                xsrf=self.xsrf_form_html(),
                code_field=self._code_field(code, t),
                pseudonym=html.escape(pseudonym),
                name_label=t("Your name in this workshop"),
                name_hint=t("A made-up name is best; please do not use your real name. Others never see it."),
                submit=t("Start"),
            )
        )

    def _prefetch(self) -> str:
        """The participant page's scripts and styles, for the browser to fetch while the
        participant chooses a name (see :mod:`safekit.server.static`)."""
        from safekit.server.static import SEEN

        return "".join(f'<link rel="prefetch" href="{html.escape(url)}">\n' for url in SEEN.urls())

    def _code_field(self, code: str, t) -> str:
        found = self.sessions.find(code) if code else None
        if found is not None:  # arrived with a valid link: no need to show the code
            return (
                f'<input type="hidden" name="s" value="{html.escape(code)}">'
                f'<p class="ok">{t("Session found. Choose your name and start.")}</p>'
            )
        return (
            f'<label for="code">{t("Session code")}</label>'
            f'<input type="text" id="code" name="s" value="{html.escape(code)}" autocomplete="off" '
            f'autocapitalize="characters" required>'
        )

    def get(self) -> None:
        self.render_form(code=self.get_argument("s", ""), pseudonym=generate_pseudonym())

    def post(self) -> None:
        lang = self._lang()
        code = self.get_argument("s", "").strip()
        pseudonym = " ".join(self.get_argument("pseudonym", "").split())[:40]
        found = self.sessions.find(code)
        if found is None:
            self.set_status(403)
            self.render_form(
                code,
                pseudonym or generate_pseudonym(),
                translate("This session code is not known. Check it with your trainer.", lang),
            )
            return
        session, store = found
        if not pseudonym:
            pseudonym = generate_pseudonym()
        if store.pseudonym_taken(session.id, pseudonym):
            self.render_form(
                code,
                generate_pseudonym(),
                translate("That name is already taken in this workshop; here is another.", lang),
            )
            return
        participant = store.add_participant(session.id, pseudonym, lang)
        self.redirect(f"{self.settings.get('base_url', '/')}?{urlencode({'p': participant.token})}")
