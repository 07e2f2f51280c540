"""``sorgende db check``: stored records that break the model's rules, one line each.

Records written before a rule existed may break it: a request dated in year 1, an
exchange reported as done before it began, a helper accepted twice at one hour, an open
request of a person who was erased. The use cases refuse to make such records now; this
command finds those already stored, so the operator can repair or withdraw them. Rows
the storage cannot read at all (the board and the lists leave them out) are listed too,
by the storages that can tell (the SQL storage).

The exit code is 0 when nothing was found, 1 otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import click

from sorgende.commands import STORAGE_HELP, open_platform, state
from sorgende.domain.checks import (
    Finding,
    double_bookings,
    exchange_findings,
    inactive_findings,
    offer_findings,
    request_findings,
)
from sorgende.domain.windows import WindowRules
from sorgende.i18n import localise, register_messages, translate, translate_count

MESSAGES = {
    "cli.db.check.finding": {
        "de": "{community}: {kind} {id}: {field}: {problem}",
        "en": "{community}: {kind} {id}: {field}: {problem}",
    },
    "cli.db.check.damaged": {
        "de": "{community}: {table} {id}: nicht lesbar ({problem}); Listen lassen den "
        "Datensatz aus",
        "en": "{community}: {table} {id}: cannot be read ({problem}); lists leave it out",
    },
    "cli.db.check.none": {
        "de": "Keine Probleme gefunden.",
        "en": "No problems found.",
    },
    "cli.db.check.found.one": {
        "de": "{count} Problem gefunden.",
        "en": "{count} problem found.",
    },
    "cli.db.check.found.other": {
        "de": "{count} Probleme gefunden.",
        "en": "{count} problems found.",
    },
    "cli.db.check.kind.request": {"de": "Hilfegesuch", "en": "request"},
    "cli.db.check.kind.offer": {"de": "Hilfsangebot", "en": "offer"},
    "cli.db.check.kind.exchange": {"de": "Einsatz", "en": "exchange"},
}
register_messages(__name__, MESSAGES)


def findings(uow: Any) -> list[Finding]:
    """What breaks the rules in the community of ``uow`` (a unit of work to read)."""
    community = uow.community.get()
    rules = WindowRules.of(community)
    requests = list(uow.requests.list())
    offers = list(uow.offers.list(statuses=None))
    exchanges = list(uow.exchanges.list())
    found: list[Finding] = []
    for request in requests:
        found += request_findings(request, rules)
    for offer in offers:
        found += offer_findings(offer, rules)
    for exchange in exchanges:
        found += exchange_findings(exchange, rules.time_zone)
    found += double_bookings(exchanges, rules.time_zone)
    actors = {a.id: a for a in uow.actors.list()}
    found += inactive_findings(requests, offers, exchanges, actors)
    return found


def check_lines(platform: Any, language: str) -> Iterator[str]:
    """One line per problem in every community of the platform's storage."""
    damaged = getattr(platform.storage, "damaged", None)
    for community_id in platform.storage.community_ids():
        name = _name(platform, community_id)
        if damaged is not None:
            for row in damaged(community_id):
                yield translate(
                    "cli.db.check.damaged",
                    language,
                    community=name,
                    table=row.table,
                    id=row.id,
                    problem=row.problem,
                )
        with platform.read(community_id) as uow:
            for finding in findings(uow):
                yield translate(
                    "cli.db.check.finding",
                    language,
                    community=name,
                    kind=translate(f"cli.db.check.kind.{finding.kind}", language),
                    id=finding.id,
                    field=finding.field,
                    problem=localise(finding.problem, language),
                )


def _name(platform: Any, community_id: uuid.UUID) -> str:
    with platform.read(community_id) as uow:
        return str(uow.community.get().name)


@click.command("check")
@click.option("--storage", default=None, help=STORAGE_HELP)
@click.pass_context
def db_check_command(ctx: click.Context, storage: str | None) -> None:
    """List stored records that break the model's rules (exit code 1 if any)."""
    current = state(ctx)
    count = 0
    with open_platform(current, storage) as platform:
        for line in check_lines(platform, current.language):
            click.echo(line)
            count += 1
    if count == 0:
        click.echo(translate("cli.db.check.none", current.language))
        return
    click.echo(translate_count("cli.db.check.found", count, current.language))
    ctx.exit(1)
