"""sorgende-email: notifications by e-mail.

Configured in ``sorgende.toml``::

    [plugins.email]
    host = "smtp.example.org"
    port = 587
    security = "starttls"          # or "ssl", or "none" for a local relay
    username = "sorgende"
    password = "..."               # better: SORGENDE_EMAIL_PASSWORD in the environment
    sender = "Sorgende Gemeinschaft Daun <hallo@daun.example>"
    unsubscribe_url = "https://daun.example/benachrichtigungen"

Without ``host`` the plugin adds no channel. Messages come from Jinja2 templates in
German and English (see :mod:`sorgende_email.render`), each with a plain-text and an
HTML part and a ``List-Unsubscribe`` header; a theme overrides templates through the
``templates`` (directories) or ``themes`` (packages) settings.
"""

from __future__ import annotations

from sorgende.config import Settings
from sorgende.hookspecs import hookimpl
from sorgende_email.channel import EmailChannel, EmailNotSent, NoAddress, message_id
from sorgende_email.config import EmailConfig
from sorgende_email.render import Renderer

#: the plugin's settings table: ``[plugins.email]``
SETTINGS_NAME = "email"


@hookimpl
def sorgende_notification_channels(settings: Settings) -> list[EmailChannel]:
    """The e-mail channel, when ``[plugins.email]`` names a host."""
    config = EmailConfig.from_mapping(settings.plugin(SETTINGS_NAME))
    return [] if config is None else [EmailChannel(config)]


__all__ = [
    "EmailChannel",
    "EmailConfig",
    "EmailNotSent",
    "NoAddress",
    "Renderer",
    "message_id",
    "sorgende_notification_channels",
]
