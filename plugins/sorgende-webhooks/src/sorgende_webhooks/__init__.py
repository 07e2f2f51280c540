"""sorgende-webhooks: domain events as signed JSON POSTs to an operator's own systems.

Configure endpoints in ``[plugins.webhooks]`` (see the README); each becomes a
notification channel of the ``events`` audience named ``webhooks:NAME``, fed by the
outbox, so a receiver that is down gets the events once it is back. Receivers check a
request with :func:`verify`.
"""

from __future__ import annotations

import click

import sorgende
from sorgende.config import Settings
from sorgende_webhooks.channel import (
    Endpoint,
    WebhookChannel,
    WebhookDeliveryFailed,
    endpoints,
)
from sorgende_webhooks.signatures import (
    DEFAULT_TOLERANCE,
    HEADER_ID,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    MissingWebhookHeader,
    WebhookRejected,
    WebhookSignatureMismatch,
    WebhookTimestampOutOfRange,
    generate_secret,
    sign,
    signed_headers,
    verify,
)


@sorgende.hookimpl
def sorgende_notification_channels(settings: Settings) -> list[WebhookChannel]:
    return [WebhookChannel(endpoint) for endpoint in endpoints(settings)]


@sorgende.hookimpl
def sorgende_register_commands(cli: click.Group) -> None:
    cli.add_command(webhooks_command)


@click.group("webhooks")
def webhooks_command() -> None:
    """Signed webhooks of domain events ([plugins.webhooks])."""


@webhooks_command.command("secret")
def secret_command() -> None:
    """Print a new random secret (whsec_...) for an endpoint and its receiver."""
    click.echo(generate_secret())


__all__ = [
    "DEFAULT_TOLERANCE",
    "HEADER_ID",
    "HEADER_SIGNATURE",
    "HEADER_TIMESTAMP",
    "Endpoint",
    "MissingWebhookHeader",
    "WebhookChannel",
    "WebhookDeliveryFailed",
    "WebhookRejected",
    "WebhookSignatureMismatch",
    "WebhookTimestampOutOfRange",
    "endpoints",
    "generate_secret",
    "sign",
    "signed_headers",
    "verify",
]
