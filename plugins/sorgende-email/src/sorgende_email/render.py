"""Messages from Jinja2 templates: a subject, a plain-text part and an HTML part.

Templates are looked up by name in this order: the directories of the ``templates``
setting, the ``email_templates`` folders of the ``themes`` packages, then the ones
shipped here (``sorgende_email/templates``). A theme overrides any file by giving one
of the same name, for instance ``de/message.html`` for the look of every German message
or ``en/kinds/ExchangeAccepted.j2`` for one kind's wording.

Per language (``de``, ``en``):

* ``kinds/<Kind>.j2`` (``kinds/default.j2`` for kinds without their own): the blocks
  ``subject`` and ``intro`` (plain text) of one kind of event;
* ``message.txt`` / ``message.html``: the whole message around the intro;
* ``digest_subject.txt``, ``digest.txt`` / ``digest.html``: the daily digest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    Template,
    select_autoescape,
)
from markupsafe import Markup, escape

from sorgende.i18n import format_hours, format_when, translate, translate_count
from sorgende.notifications import Digest, DirectMessage, Notification
from sorgende_email import messages as _messages  # noqa: F401  (registers the texts)
from sorgende_email.config import EmailConfig

LANGUAGES = ("de", "en")


@attrs.frozen
class Rendered:
    subject: str
    text: str
    html: str


def loader(config: EmailConfig) -> BaseLoader:
    loaders: list[BaseLoader] = [FileSystemLoader(list(config.templates))]
    loaders += [PackageLoader(theme, "email_templates") for theme in config.themes]
    loaders.append(PackageLoader("sorgende_email", "templates"))
    return ChoiceLoader(loaders)


class Renderer:
    """Renders notifications and digests in the person's language."""

    def __init__(self, config: EmailConfig) -> None:
        self.config = config
        found = loader(config)
        # plain text is not escaped; HTML is, so a name like "<Anna>" stays text
        self.text = Environment(loader=found, autoescape=False, keep_trailing_newline=True)
        self.html = Environment(loader=found, autoescape=select_autoescape(default=True))
        for env in (self.text, self.html):
            env.filters["when"] = self.when
            env.filters["hours"] = _hours
        self.html.filters["paragraphs"] = _paragraphs
        self.html.filters["linked"] = _linked

    # -- formatting ---------------------------------------------------------------

    def when(self, value: datetime | None, language: str = "de") -> str:
        """``Dienstag, 4. März 2025, 10:00 Uhr`` / ``Tuesday, 4 March 2025, 10:00``."""
        if value is None:
            return ""
        lang = language if language in LANGUAGES else "de"
        return format_when(value.astimezone(self.config.time_zone), lang)

    # -- messages -----------------------------------------------------------------

    def _language(self, language: str) -> str:
        return language if language in LANGUAGES else "de"

    def _kind(self, language: str, kind: str) -> Template:
        # a theme's template for one language comes first, then one for every language
        return self.text.select_template(
            [
                f"{language}/kinds/{kind}.j2",
                f"kinds/{kind}.j2",
                f"{language}/kinds/default.j2",
                "kinds/default.j2",
            ]
        )

    @staticmethod
    def _template(env: Environment, language: str, name: str) -> Template:
        return env.select_template([f"{language}/{name}", name])

    @staticmethod
    def _words(language: str) -> dict[str, Any]:
        """``t`` and ``tn``: the catalogue's texts in ``language``, for the templates."""

        def t(key: str, **values: object) -> str:
            return translate(key, language, **values)

        def tn(key: str, count: int, **values: object) -> str:
            return translate_count(key, count, language, **values)

        return {"t": t, "tn": tn}

    def _parts(self, notification: Notification, language: str) -> tuple[str, str]:
        """The subject and intro of one notification."""
        template = self._kind(language, notification.kind)
        context = template.new_context(self._context(notification, language))
        subject = " ".join("".join(template.blocks["subject"](context)).split())
        intro = "".join(template.blocks["intro"](context)).strip()
        return subject, intro

    def _context(self, notification: Notification, language: str) -> dict[str, Any]:
        recipient = notification.recipient
        return {
            "n": notification,
            "d": _Details(notification.details),
            "kind": notification.kind,
            "lang": language,
            "name": recipient.name if recipient is not None else "",
            "site_url": self.config.site_url,
        } | self._words(language)

    def message(self, notification: Notification, unsubscribe: str | None) -> Rendered:
        language = self._language(notification.language)
        subject, intro = self._parts(notification, language)
        context = self._context(notification, language) | {
            "subject": subject,
            "intro": intro,
            "unsubscribe": unsubscribe,
        }
        return Rendered(
            subject,
            self._template(self.text, language, "message.txt").render(context),
            self._template(self.html, language, "message.html").render(context),
        )

    def direct(self, message: DirectMessage) -> Rendered:
        """A :class:`DirectMessage`: its own subject and text in the site's look
        (``direct.txt`` / ``direct.html``, which a theme may override too)."""
        language = self._language(message.language)
        context = {
            "m": message,
            "subject": message.subject,
            "text": message.text,
            "lang": language,
            "name": message.name,
            "site_url": self.config.site_url,
        } | self._words(language)
        return Rendered(
            message.subject,
            self._template(self.text, language, "direct.txt").render(context),
            self._template(self.html, language, "direct.html").render(context),
        )

    def digest(self, digest: Digest, unsubscribe: str | None) -> Rendered:
        language = self._language(digest.language)
        items = []
        for notification in digest.notifications:
            subject, intro = self._parts(notification, language)
            items.append({"subject": subject, "intro": intro, "n": notification})
        recipient = digest.recipient
        first = digest.notifications[0].details if digest.notifications else {}
        context = {
            "community": first.get("community", ""),
            "items": items,
            "count": len(items),
            "until": digest.until,
            "lang": language,
            "name": recipient.name if recipient is not None else "",
            "site_url": self.config.site_url,
            "unsubscribe": unsubscribe,
        } | self._words(language)
        subject = " ".join(
            self._template(self.text, language, "digest_subject.txt").render(context).split()
        )
        context["subject"] = subject
        return Rendered(
            subject,
            self._template(self.text, language, "digest.txt").render(context),
            self._template(self.html, language, "digest.html").render(context),
        )


class _Details(Mapping[str, Any]):
    """The notification's details, where a missing one reads as empty (templates test it)."""

    def __init__(self, details: Mapping[str, Any]) -> None:
        self._details = details

    def __getitem__(self, key: str) -> Any:
        return self._details[key]

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        return self._details.get(key)

    def __iter__(self) -> Any:
        return iter(self._details)

    def __len__(self) -> int:
        return len(self._details)


def _hours(minutes: int | None, language: str = "de") -> str:
    return "" if minutes is None else format_hours(minutes, language)


#: an address written out in a message's text (up to the next space or closing bracket)
_URL = re.compile(r"https?://[^\s<>()\"']+")


def _linked(text: str) -> Markup:
    """Plain text as HTML paragraphs in which written-out addresses are links: a link
    in a direct message (an invitation) is meant to be clicked."""
    out = []
    for paragraph in (p.strip() for p in text.split("\n\n") if p.strip()):
        lines = []
        for line in paragraph.split("\n"):
            pieces, at = [], 0
            for found in _URL.finditer(line):
                pieces.append(escape(line[at : found.start()]))
                url = found.group(0)
                pieces.append(Markup('<a href="{}" style="color:#0b5394;">{}</a>').format(url, url))
                at = found.end()
            pieces.append(escape(line[at:]))
            lines.append(Markup("").join(pieces))
        out.append(Markup("<p>{}</p>").format(Markup("<br>\n").join(lines)))
    return Markup("\n").join(out)


def _paragraphs(text: str) -> Markup:
    """Plain text as HTML paragraphs: blank lines part them, single newlines break lines."""
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(line) for line in p.split("\n")))
        for p in parts
    )
