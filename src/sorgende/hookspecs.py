"""The hooks of sorgende's core, grouped by concern.

A plugin is a module or object with functions decorated ``@sorgende.hookimpl`` whose
names match these specifications; it is loaded from the ``sorgende`` entry point group
or registered in code. A misspelt name fails start-up (:mod:`sorgende.plugins`).
Built-in behaviour (the in-memory storage, the default categories, score terms and
recognition rules) is provided by default plugins through these same hooks, so a
plugin can replace any of it. Hooks that only one part of sorgende, or a plugin,
calls are specified there and added through ``sorgende_addhooks``: the web front
end's in ``sorgende_web.hookspecs``, the simulation's in :mod:`sorgende.sim.hookspecs`.

Hooks come in two flavours:

* **deciding hooks** (storage, vetoes, categories, score terms, recognition rules,
  person export and erasure, CLI commands) shape what a use case does; an exception
  in them propagates to the caller, and the use case writes nothing.
* **best-effort hooks** (``sorgende_events_committed``) run after the use case has
  committed. sorgende calls each implementation on its own: an exception is logged
  with the plugin's name and neither undoes the use case nor stops other plugins.

Arguments are passed by keyword; an implementation may accept any subset of them.
Call sites use the typed facade :class:`sorgende.plugins.Hooks` (``platform.hooks``),
which has one method per hook here and chooses its flavour.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from sorgende.config import Settings
    from sorgende.domain.categories import Category
    from sorgende.domain.events import DomainEvent
    from sorgende.domain.matching import ScoreTerm
    from sorgende.domain.recognition import RecognitionRule
    from sorgende.notifications import NotificationChannel
    from sorgende.ports import Storage
    from sorgende.records import RecordKind, Registry

PROJECT = "sorgende"

hookspec = pluggy.HookspecMarker(PROJECT)
#: decorate plugin functions with this marker
hookimpl = pluggy.HookimplMarker(PROJECT)


# --- the plugin system ----------------------------------------------------------------


@hookspec(historic=True)
def sorgende_addhooks(pluginmanager: pluggy.PluginManager) -> None:
    """Add this package's own hook specifications: ``pluginmanager.add_hookspecs(module)``.

    Historic: called for each implementation as its plugin is registered, also for a
    plugin registered after start-up, so the specifications are there before the
    start-up check (and before this plugin's implementations of them are checked).
    Adding the same module again does nothing, so a plugin implementing another
    package's hooks may add that package's specifications too. Exceptions propagate.

    :param pluginmanager: the :class:`sorgende.plugins.PluginManager`.
    """


# --- storage ------------------------------------------------------------------------


@hookspec(firstresult=True)
def sorgende_open_storage(url: str, registry: Registry) -> Storage | None:
    """Open a storage for ``url``, or return ``None`` if this plugin does not handle it.

    Called by :func:`sorgende.open` once per platform. The first non-``None`` result
    is used (``firstresult``). Decide by the URL's scheme (``memory://``,
    ``sqlite:///...``); an exception (e.g. the database is unreachable) propagates.

    :param url: the storage URL the application was opened with.
    :param registry: the platform's record kinds (:class:`sorgende.records.Registry`):
        the storage gives every kind in ``registry.generic()`` a repository
        (``uow.of(kind)``); a SQL storage also runs ``registry.migrations``.
    :return: an object implementing :class:`sorgende.ports.Storage`, or ``None``.
    """


@hookspec
def sorgende_record_kinds() -> Iterable[RecordKind[Any]]:
    """Kinds of records this plugin stores (:class:`sorgende.records.RecordKind`).

    Called once by :func:`sorgende.open`, before the storage is opened. Every storage
    gives each kind a repository with the core's guarantees (``uow.of(kind)``); the
    community's export and import, a person's export and erasure, the storage contract
    suite and the Hypothesis strategies follow from the declarations. The core
    declares its own kinds through this hook too. Two kinds of one name are an error
    (:class:`sorgende.errors.InvalidRecordKind`) naming both plugins. All results are
    collected.

    :return: :class:`sorgende.records.RecordKind` instances.
    """


@hookspec
def sorgende_migrations() -> Iterable[str]:
    """Directories of Alembic migrations for this plugin's kinds' SQL tables.

    Called once by :func:`sorgende.open` and by ``sorgende db``. Each directory is a
    branch of its own (``branch_labels`` naming the plugin, ``down_revision = None``
    for its first migration); the SQL storage runs them with the core's, and ``sorgende
    db upgrade`` upgrades every branch. :func:`sorgende.migrations.create_kind_table`
    creates a kind's table. All results are collected.

    :return: paths of directories holding Alembic revision files.
    """


@hookspec
def sorgende_storage_schemes() -> Sequence[str]:
    """The URL schemes this plugin's storage handles, e.g. ``["memory"]``.

    Called when no storage accepts a URL (to list the alternatives in the error) and
    by ``sorgende plugins``. All results are collected.
    """


# --- the domain's vocabulary --------------------------------------------------------


@hookspec
def sorgende_categories() -> Iterable[Category]:
    """Categories of help this plugin contributes.

    Called when a community is created: every category from every plugin is stored
    in the new community (a community may add more later with ``add_category``).
    All results are collected; when two plugins give the same ``code``, the plugin
    registered later (external plugins come after the default ones) wins.

    :return: :class:`sorgende.Category` instances.
    """


@hookspec
def sorgende_recognition_rules() -> Iterable[RecognitionRule]:
    """Recognition rules (badges, milestones, volunteer-card eligibility).

    Called once when the platform opens. After every confirmed or resolved exchange
    the helper's record is checked against each rule, in the same unit of work; a
    rule that applies awards its ``code`` once per actor. (Exchanges resolved with no
    hours post nothing and trigger no check.) All results are collected.

    :return: objects with ``code``, ``titles`` and ``applies(record) -> bool``
        (see :class:`sorgende.domain.recognition.RecognitionRule`).
    """


@hookspec
def sorgende_event_types() -> Iterable[type[DomainEvent]]:
    """Domain event classes this plugin records, so the converter and the event log know them.

    Called once when a platform opens (before any use case runs). Each class is a
    frozen attrs subclass of :class:`sorgende.DomainEvent`; it is known by its class
    name (the ``"type"`` of its JSON), so events of it round-trip through
    :data:`sorgende.serialization.converter`, are stored in the event log and read back
    by its readers. All results are collected. Two plugins giving different classes
    of one name fail start-up with :class:`sorgende.errors.DuplicateEventType` naming
    both; look a type up with :func:`sorgende.event_type`.

    :return: subclasses of :class:`sorgende.DomainEvent`.
    """


# --- decisions ----------------------------------------------------------------------


@hookspec
def sorgende_veto(
    action: str, community_id: uuid.UUID, actor_id: uuid.UUID | None, subject: Any
) -> str | None:
    """Refuse an action before it happens, by returning a reason.

    Called inside the use case before anything is written, for each action:
    ``register_actor``, ``post_request``, ``offer_help``, ``propose``, the exchange
    transitions (``accept``, ``decline``, ``cancel``, ``complete``, ``no_show``,
    ``confirm``, ``dispute``, ``resolve``), ``make_commitment`` and ``adjust_hours``.
    All implementations are called; the first non-empty reason refuses the action
    with :class:`sorgende.errors.Vetoed` naming the plugin. Exceptions propagate.

    :param action: the name of the action.
    :param community_id: the community it happens in.
    :param actor_id: who acts (``None`` for a self-registration).
    :param subject: the record as it would be after the action (a request, an
        exchange after the transition, a commitment, an actor, a posting).
    :return: a reason (shown to the person) to refuse, or ``None`` to allow.
    """


@hookspec
def sorgende_score_terms() -> Iterable[ScoreTerm]:
    """Terms that score candidate helpers for a request.

    Called once when the platform opens. ``candidates_for`` adds up each term's
    ``weight * score(context, actor)`` for every eligible helper (right category
    qualifications, not the recipient, not busy at the time). All results are
    collected; the default plugin contributes distance, commitment, offer, load and
    skill. Give each term a unique ``name``: it labels the term's part of the score.

    :return: objects with ``name``, ``weight`` and ``score(context, actor) -> float``
        (see :class:`sorgende.domain.matching.ScoreTerm`).
    """


# --- after commit -------------------------------------------------------------------


@hookspec
def sorgende_events_committed(events: Sequence[DomainEvent]) -> None:
    """Observe the domain events of a use case that has just committed.

    Called once per use case that recorded events, after its commit, with the events
    in the order they happened. Best-effort: each implementation is called on its
    own; an exception is logged with the plugin's name and does not undo the use
    case or stop other observers. Do not call back into the platform from here
    synchronously if that could recurse; queue work instead.

    :param events: instances of :class:`sorgende.domain.events.DomainEvent`.
    """


@hookspec
def sorgende_notification_channels(settings: Settings) -> Iterable[NotificationChannel]:
    """Channels (email, webhooks, chat) that deliver notifications.

    Called once when the platform opens. A plugin reads its configuration with
    ``settings.plugin(name)`` and returns no channel when it is not configured. Each
    channel needs a unique ``name`` (it is part of every idempotency key).

    A use case writes the events it causes into the outbox, in its own transaction
    (nothing when no channel is configured). A dispatcher (``sorgende notify run`` or
    ``flush``, or ``platform.notifications.flush()``) later makes one delivery per
    event, concerned person who consented to contact, and channel of the ``people``
    audience, as the person's preferences allow, and one per event for each channel of
    the ``events`` audience; it hands each to ``send`` as a
    :class:`sorgende.notifications.Notification`. A channel that raises is retried with
    exponential backoff and jitter, and after the last attempt the delivery becomes a
    dead letter; neither affects the use case or the other channels.

    :param settings: the platform's :class:`sorgende.config.Settings`.
    :return: objects with ``name`` and ``send(notification) -> None``, optionally
        ``audience``, ``send_digest(digest)`` and ``reaches(actor)`` (see
        :class:`sorgende.notifications.NotificationChannel`).
    """


# --- personal data (GDPR) -----------------------------------------------------------


@hookspec
def sorgende_export_person(
    community_id: uuid.UUID, actor_id: uuid.UUID
) -> Mapping[str, Any] | None:
    """This plugin's records about a person, for an export under GDPR Art. 15/20.

    Called by ``export_person``. Return JSON-compatible data (or ``None`` if the
    plugin holds nothing); it is included under the plugin's name. Exceptions
    propagate: an export must be complete or fail.
    """


@hookspec
def sorgende_erase_person(community_id: uuid.UUID, actor_id: uuid.UUID) -> None:
    """Erase or pseudonymise this plugin's records about a person (GDPR Art. 17).

    Called by ``erase_person`` before the core erases its own records, so an
    exception (which propagates) leaves everything in place to try again.
    """


# --- interfaces ---------------------------------------------------------------------


@hookspec
def sorgende_register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``sorgende`` command line.

    Called when the ``sorgende`` command starts. Attach commands with
    ``@cli.command()``; the built-in ``demo`` and ``plugins`` commands are added the
    same way.

    :param cli: the ``click.Group`` of the ``sorgende`` command.
    """
