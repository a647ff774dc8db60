"""The trainer's pages: the room view for the projector, and its controls.

Reachable only from the trainer's own machine, or from another device with the trainer secret
(``/trainer?t=...``, kept in a cookie afterwards). Participants' devices get 403.
"""

from __future__ import annotations

import io
import ipaddress
import json
from importlib import resources
from pathlib import Path

import segno
import tornado.web

from safekit.core.i18n import DRAFT_NOTE, N_, translate
from safekit.core.text import opaque_id
from safekit.exercises.registry import BY_NAME
from safekit.server.guard import host_allowed
from safekit.templating import render

COOKIE = "safekit_trainer"


def is_local(remote_ip: str) -> bool:
    try:
        return ipaddress.ip_address(remote_ip.split("%")[0]).is_loopback
    except ValueError:
        return False


class TrainerBase(tornado.web.RequestHandler):
    def initialize(self, room):
        self.room = room  # safekit.server.app.Room

    def prepare(self):
        if not host_allowed(self.request.host, self.room.port, self.room.lan_host):
            # a page elsewhere whose name was pointed at this machine (DNS rebinding)
            self.set_status(403)
            self.finish()
            return
        secret = self.room.session.trainer_secret
        given = self.get_argument("t", "") or (self.get_secure_cookie(COOKIE) or b"").decode()
        if not (is_local(self.request.remote_ip) or (given and given == secret)):
            self.set_status(403)
            self.finish(
                translate(
                    "The trainer's pages are only available on the trainer's computer.", self.room.language
                )
            )
            return
        if self.get_argument("t", ""):
            secure = self.request.protocol == "https"
            self.set_secure_cookie(
                COOKIE, secret, httponly=True, samesite="Strict", expires_days=1, secure=secure
            )
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Referrer-Policy", "no-referrer")


class TrainerPage(TrainerBase):
    def get(self):
        self.xsrf_token  # noqa: B018 - sets the cookie the page's POSTs send back
        self.set_header(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
        )
        languages = list(self.room.bundle.languages)
        lang = self.get_argument("lang", self.room.language)
        lang = lang if lang in languages else self.room.language
        strings = {key: translate(msg, lang) for key, msg in TRAINER_STRINGS.items()}
        # the language button offers the next of the course's languages, round and round
        at = languages.index(lang) if lang in languages else -1
        next_lang = languages[(at + 1) % len(languages)] if len(languages) > 1 else ""
        config = {"strings": strings, "lang": lang}
        draft = lang in self.room.bundle.drafts
        self.write(
            render(
                __package__,
                "trainer.html.j2",
                lang=lang,
                next_lang=next_lang,
                config=config,
                draft=draft,
                draft_note=DRAFT_NOTE,
            )
        )


class TrainerScript(TrainerBase):
    def get(self):
        self.set_header("Content-Type", "application/javascript; charset=utf-8")
        self.write(
            resources.files("safekit").joinpath("server", "share", "trainer.js").read_text(encoding="utf-8")
        )


class StateHandler(TrainerBase):
    def get(self):
        lang = self.get_argument("lang", self.room.language)
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps(self.room.state(lang)))


class RevealHandler(TrainerBase):
    def post(self):
        body = json.loads(self.request.body or b"{}")
        self.room.store.reveal(str(body["case"]), str(body["exercise"]), bool(body.get("shown", True)))
        self.set_status(204)


class ApproveHandler(TrainerBase):
    def post(self):
        body = json.loads(self.request.body or b"{}")
        case_id, key = str(body["case"]), str(body["key"])
        for token, c, kind, payload, _at in self.room.store.all_answers(self.room.session.id):
            if c == case_id and kind in BY_NAME and BY_NAME[kind].shares_text and opaque_id(token) == key:
                if body.get("approve", True) and payload.get("share"):
                    self.room.store.approve(token, case_id, payload.get("text", ""))
                else:
                    self.room.store.withdraw(token, case_id)
        self.set_status(204)


class QrHandler(TrainerBase):
    def get(self):
        buf = io.BytesIO()
        segno.make(self.room.participant_link, error="m").save(buf, kind="svg", scale=8, border=2)
        self.set_header("Content-Type", "image/svg+xml")
        self.write(buf.getvalue())


TRAINER_STRINGS = {
    "title": N_("Room view"),
    "joined": N_("Joined"),
    "join_here": N_("Join the workshop"),
    "code": N_("Session code"),
    "answered": N_("answered"),
    "reveal": N_("Show the room's answers"),
    "hide": N_("Hide the answers"),
    "hidden": N_("Answers are hidden until you show them."),
    "too_few": N_("Shown once at least {n} participants have answered."),
    "shared": N_("Shared reflections: only those you show appear on screen"),
    "review": N_("Review shared reflections ({n} new)"),
    "review_done": N_("Close the review"),
    "approve": N_("Show on screen"),
    "identifying": N_("May identify someone: {what}. Check before you show it."),
    "withdraw": N_("Remove from screen"),
    "approved": N_("Reflections from the room"),
    "none_shared": N_("No reflections shared yet."),
    "exercise": N_("Exercise"),
    "join_screen": N_("Join screen"),
    "room_screen": N_("Room"),
    "progress": N_("Progress per exercise"),
    "fingerprint": N_("Certificate authority (SHA-256):"),
    "personal": N_("Worksheets are personal: this view shows only how many participants worked on them."),
}


def handlers(room) -> list:
    args = {"room": room}
    return [
        (r"/trainer", TrainerPage, args),
        (r"/trainer/trainer.js", TrainerScript, args),
        (r"/trainer/api/state", StateHandler, args),
        (r"/trainer/api/reveal", RevealHandler, args),
        (r"/trainer/api/approve", ApproveHandler, args),
        (r"/trainer/qr.svg", QrHandler, args),
    ]


def read_bundle_languages(path: Path) -> list[str]:
    return json.loads(path.read_text(encoding="utf-8"))["syllabus"]["languages"]
