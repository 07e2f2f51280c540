"""``sorgende events``: the event log for operators (``tail``, ``list --since N``).

Each event is one line: its sequence number, the local date and time, what happened
and who did it (by name where the community knows the person; an erased person's
pseudonym, or anyone the community does not know, as the first characters of the id).
The description of an event type comes from the message catalogue under
``events.type.<TypeName>`` (the core's in :mod:`sorgende.domain.event_texts`); a plugin
adds texts for its own types with :func:`sorgende.i18n.register_messages`, and a type
without one is shown by its name.
"""

from __future__ import annotations

import json
import signal
import threading
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import click

from sorgende.domain import event_texts as _event_texts  # noqa: F401  (the types' texts)
from sorgende.domain.events import LoggedEvent
from sorgende.i18n import format_datetime, is_registered, register_messages, translate

MESSAGES = {
    "cli.events.which": {
        "de": "Welche Gemeinschaft? Bitte mit --community angeben: {names}",
        "en": "Which community? Name it with --community: {names}",
    },
    "cli.events.none": {
        "de": "Keine Ereignisse.",
        "en": "No events.",
    },
    "cli.events.line": {
        "de": "{seq:>6}  {at}  {what}  {who}",
        "en": "{seq:>6}  {at}  {what}  {who}",
    },
    "cli.events.by": {"de": "von {name}", "en": "by {name}"},
    "cli.events.by_for": {
        "de": "von {name} für {person}",
        "en": "by {name} for {person}",
    },
    "cli.events.system": {"de": "vom System", "en": "by the system"},
    "cli.events.following": {
        "de": "Warte auf neue Ereignisse (alle {poll} s); Strg+C beendet.",
        "en": "Waiting for new events (every {poll} s); Ctrl+C stops.",
    },
}
register_messages(__name__, MESSAGES)

_STORAGE_HELP = "Storage URL (default: the settings' storage)."
_COMMUNITY_HELP = "The community's name (if several)."


def describe(entry: LoggedEvent, lang: str) -> str:
    """What happened, in ``lang``: the type's text, or its name if it has none."""
    key = f"events.type.{entry.type}"
    return translate(key, lang) if is_registered(key) else entry.type


class _Names:
    """People's names by id, looked up once per id in one read of the community."""

    def __init__(self, platform: Any, community_id: uuid.UUID) -> None:
        self.platform = platform
        self.community_id = community_id
        self.known: dict[uuid.UUID, str] = {}

    def __call__(self, actor_id: uuid.UUID) -> str:
        name = self.known.get(actor_id)
        if name is None:
            with self.platform.storage.unit_of_work(self.community_id) as uow:
                actor = uow.actors.find(actor_id)
            name = self.known[actor_id] = actor.name if actor is not None else str(actor_id)[:8]
        return name


def line(entry: LoggedEvent, lang: str, name_of: Any) -> str:
    """One event as the command shows it."""
    if entry.actor is None:
        who = translate("cli.events.system", lang)
    elif entry.acted_for is None:
        who = translate("cli.events.by", lang, name=name_of(entry.actor))
    else:
        who = translate(
            "cli.events.by_for", lang, name=name_of(entry.actor), person=name_of(entry.acted_for)
        )
    return translate(
        "cli.events.line",
        lang,
        seq=entry.seq,
        at=format_datetime(entry.at.astimezone(), lang),
        what=describe(entry, lang),
        who=who,
    )


def as_json(entry: LoggedEvent) -> str:
    from sorgende.serialization import converter

    return json.dumps(
        {
            "seq": entry.seq,
            "community_id": str(entry.community_id),
            "at": entry.at.isoformat(),
            "actor": None if entry.actor is None else str(entry.actor),
            "acted_for": None if entry.acted_for is None else str(entry.acted_for),
            "type": entry.type,
            "event": converter.unstructure(entry.event),
        },
        ensure_ascii=False,
    )


def _open(current: Any, storage: str | None) -> Any:
    import sorgende

    return sorgende.open(
        storage or current.settings.storage,
        plugins=current.extra_plugins,
        settings=current.settings,
    )


def _community(platform: Any, name: str | None, lang: str) -> uuid.UUID:
    if name is not None:
        return platform.find_community(name).community_id  # type: ignore[no-any-return]
    communities = platform.communities()
    if len(communities) != 1:
        names = ", ".join(c.name for c in communities) or "-"
        raise click.UsageError(translate("cli.events.which", lang, names=names))
    return communities[0].id  # type: ignore[no-any-return]


def _show(entries: Iterable[LoggedEvent], lang: str, name_of: Any, json_lines: bool) -> int:
    shown = 0
    for entry in entries:
        click.echo(as_json(entry) if json_lines else line(entry, lang, name_of))
        shown += 1
    return shown


def _options(function: Any) -> Any:
    for option in (
        click.option("--json", "json_lines", is_flag=True, help="Print JSON lines."),
        click.option("--community", "name", default=None, help=_COMMUNITY_HELP),
        click.option("--storage", default=None, help=_STORAGE_HELP),
    ):
        function = option(function)
    return function


@click.group("events")
def events_command() -> None:
    """The event log: every committed change, numbered per community."""


@events_command.command("list")
@click.option(
    "--since",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Show the events after this sequence number.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@_options
@click.pass_context
def events_list_command(
    ctx: click.Context,
    since: int,
    limit: int | None,
    storage: str | None,
    name: str | None,
    json_lines: bool,
) -> None:
    """List the events after sequence number N, oldest first."""
    from sorgende.commands import state

    current = state(ctx)
    lang = current.language
    with _open(current, storage) as platform:
        community_id = _community(platform, name, lang)
        entries = platform.storage.event_log().read(community_id, since, limit)
        if not _show(entries, lang, _Names(platform, community_id), json_lines):
            click.echo(translate("cli.events.none", lang), err=True)


@events_command.command("tail")
@click.option(
    "-n",
    "--lines",
    "count",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="How many of the last events.",
)
@click.option("--follow", "-f", is_flag=True, help="Then wait for new events and show them.")
@click.option(
    "--poll",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="Seconds between looks for new events (with --follow).",
)
@_options
@click.pass_context
def events_tail_command(
    ctx: click.Context,
    count: int,
    follow: bool,
    poll: float,
    storage: str | None,
    name: str | None,
    json_lines: bool,
) -> None:
    """Show the last events; with --follow, keep showing new ones until stopped."""
    from sorgende.commands import state

    current = state(ctx)
    lang = current.language
    with _open(current, storage) as platform:
        community_id = _community(platform, name, lang)
        log = platform.storage.event_log()
        names = _Names(platform, community_id)
        seen = max(log.head(community_id) - count, 0)
        seen = _tail(log, community_id, seen, lang, names, json_lines)
        if not follow:
            return
        click.echo(translate("cli.events.following", lang, poll=poll), err=True)
        with _StopOnInterrupt() as stop:
            while not stop.wait(poll):
                seen = _tail(log, community_id, seen, lang, names, json_lines)


class _StopOnInterrupt:
    """An event set by Ctrl-C (SIGINT) while following.

    A KeyboardInterrupt may be raised anywhere, also inside the storage while it holds a
    connection pool's lock, and the platform's close then waits for that lock for ever;
    so the signal only asks the loop to stop after its current look. Off the main thread
    (where no signal handler can be set) Ctrl-C stops the loop as an exception."""

    def __enter__(self) -> threading.Event:
        self.stop = threading.Event()
        self.previous: Any = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, lambda *_: self.stop.set())
        return self.stop

    def __exit__(self, kind: Any, error: Any, trace: Any) -> bool:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        return kind is KeyboardInterrupt


def _tail(
    log: Any, community_id: uuid.UUID, after: int, lang: str, names: Any, json_lines: bool
) -> int:
    """Show the events after ``after``; the last sequence number shown."""
    entries: Sequence[LoggedEvent] = log.read(community_id, after, 1000)
    while entries:
        _show(entries, lang, names, json_lines)
        after = entries[-1].seq
        entries = log.read(community_id, after, 1000)
    return after
