"""``sorgende audit``: the audit trail of a community for its operator.

One line per privileged act (an adjustment and its approval, an export or an erasure
of a person, a role, a membership, a settings change, acting for someone...), oldest
first: the local date and time in the community's time zone, who acted (for whom) and
what, with names, never ids. The command acts as the operator
(``CommunityService.audit_trail(by=OPERATOR)``).
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time

import click

from sorgende.default_plugins.events_command import _community, _open
from sorgende.i18n import register_messages, translate

MESSAGES = {
    "cli.audit.none": {
        "de": "Keine Einträge im Protokoll der Befugnisse.",
        "en": "No entries in the audit trail.",
    },
}
register_messages(__name__, MESSAGES)


@click.command("audit")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1, max=10_000),
    default=50,
    show_default=True,
    help="Show at most this many of the latest entries.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only entries from this day on (YYYY-MM-DD, in the community's time zone).",
)
@click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default=None,
    help="The language of the lines (default: the command line's).",
)
@click.option("--community", "name", default=None, help="The community's name (if several).")
@click.option("--storage", default=None, help="Storage URL (default: the settings' storage).")
@click.pass_context
def audit_command(
    ctx: click.Context,
    limit: int,
    since: datetime | None,
    lang: str | None,
    name: str | None,
    storage: str | None,
) -> None:
    """The audit trail: who used which power, when, for whom."""
    from sorgende import OPERATOR
    from sorgende.commands import state

    current = state(ctx)
    lang = lang or current.language
    with _open(current, storage) as platform:
        community_id = _community(platform, name, lang)
        service = platform.community(community_id)
        start = None
        if since is not None:
            zone = zoneinfo.ZoneInfo(service.info().time_zone)
            start = datetime.combine(since.date(), time(), tzinfo=zone)
        entries = service.audit_trail(by=OPERATOR, since=start, limit=limit)
        for entry in entries:
            click.echo(entry.text(lang))
        if not entries:
            click.echo(translate("cli.audit.none", lang), err=True)
