"""The relational schema: one table per kind of record, every row owned by a community.

Each table keeps the record whole in ``data`` (the converter's JSON) and copies out, as
indexed columns, exactly what queries filter and sort on: the community, the version
for compare-and-set updates, and the references and states of the list filters.
``seq`` orders rows that share a timestamp by when they were written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    Uuid,
    text,
)

metadata = MetaData()


def _record_table(name: str, *columns: Any, versioned: bool = True) -> Table:
    base: list[Any] = [
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("id", Uuid, nullable=False, unique=True),
        Column("community_id", Uuid, nullable=False, index=True),
    ]
    if versioned:
        base.append(Column("version", Integer, nullable=False))
    return Table(name, metadata, *base, *columns, Column("data", JSON, nullable=False))


communities = _record_table("communities")
places = _record_table("places", versioned=False)
categories = Table(
    "categories",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("community_id", Uuid, nullable=False),
    Column("code", String(100), nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_categories_community_code", "community_id", "code", unique=True),
)
actors = _record_table("actors", Column("kind", String(20), nullable=False))
#: persons by home and skill in name order, for matching (sorgende.default_plugins.sql.matching):
#: one row per person for the home (skill '') and one per skill; erased persons have none.
#: Name and skill are kept as UTF-8 bytes: every database orders them by code point, and
#: a skill is free text (any length, any character, NUL too)
actor_match = Table(
    "actor_match",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("community_id", Uuid, nullable=False),
    Column("actor_id", Uuid, nullable=False),
    Column("home_place_id", Uuid),
    Column("skill", LargeBinary, nullable=False),
    Column("name_key", LargeBinary, nullable=False),
    Index("ix_actor_match_page", "community_id", "home_place_id", "skill", "name_key", "actor_id"),
    Index("ix_actor_match_actor", "community_id", "actor_id"),
)
#: who named whom their trusted person (0012): the inbox asks for whom a person acts
#: (``actors.trusting``) on every page; one row per (person, trusted person)
actor_trust = Table(
    "actor_trust",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("community_id", Uuid, nullable=False),
    Column("trusted_id", Uuid, nullable=False),
    Column("actor_id", Uuid, nullable=False),
    Index("ix_actor_trust_trusted", "community_id", "trusted_id"),
    Index("ix_actor_trust_actor", "community_id", "actor_id"),
)
requests = _record_table(
    "requests",
    Column("status", String(20), nullable=False),
    Column("place_id", Uuid, nullable=False),
    Column("category", String(100), nullable=False),
    Column("recipient_id", Uuid, nullable=False),
    Column("posted_by", Uuid, nullable=False),
    Column("posted_at", BigInteger, nullable=False),
    # the board's order (sorgende.domain.help.board_order): 0 for urgent, 1 otherwise,
    # so that one ascending index serves "urgent first, then by when help is needed"
    Column("priority", SmallInteger, nullable=False),
    Column("needed_from", BigInteger, nullable=False),
    # from when the daily expiry must look at the request (sorgende.domain.help.expiry_due),
    # NULL when it never closes it as it is: the partial index holds only the due ones
    Column("expiry_due", BigInteger),
    # who organises it (NULL: the community itself), for an organisation's dashboard (0013)
    Column("organisation_id", Uuid),
    # the board: open requests by place and category
    Index("ix_requests_board", "community_id", "status", "place_id", "category"),
    Index("ix_requests_board_order", "community_id", "status", "priority", "needed_from", "id"),
    Index("ix_requests_recipient", "community_id", "recipient_id"),
    Index("ix_requests_poster", "community_id", "posted_by"),
    Index(
        "ix_requests_expiry",
        "community_id",
        "expiry_due",
        sqlite_where=text("expiry_due IS NOT NULL"),
        postgresql_where=text("expiry_due IS NOT NULL"),
    ),
    # the dashboard's waiting list and counts by age: open requests by posting time, of
    # the community and of one organisation (0013)
    Index("ix_requests_waiting", "community_id", "status", "posted_at", "id"),
    Index(
        "ix_requests_waiting_org", "community_id", "organisation_id", "status", "posted_at", "id"
    ),
    # the coordination's queue: open requests urgent first, then by posting time (0014)
    Index("ix_requests_queue", "community_id", "status", "priority", "posted_at", "id"),
)
offers = _record_table(
    "offers",
    Column("status", String(20), nullable=False),
    Column("category", String(100), nullable=False),
    Column("helper_id", Uuid, nullable=False),
    Column("posted_at", BigInteger, nullable=False),
    Index("ix_offers_board", "community_id", "status", "category"),
    Index("ix_offers_helper", "community_id", "helper_id"),
)
exchanges = _record_table(
    "exchanges",
    Column("request_id", Uuid),
    Column("offer_id", Uuid),
    Column("helper_id", Uuid, nullable=False),
    Column("recipient_id", Uuid, nullable=False),
    Column("state", String(20), nullable=False),
    Column("scheduled", BigInteger, nullable=False),
    # who organises it (NULL: the community itself), for an organisation's dashboard (0013)
    Column("organisation_id", Uuid),
    Index("ix_exchanges_request", "community_id", "request_id"),
    Index("ix_exchanges_offer", "community_id", "offer_id"),
    # a person's exchanges, and the confirmed help that commitments count
    Index("ix_exchanges_helper", "community_id", "helper_id", "state"),
    Index("ix_exchanges_recipient", "community_id", "recipient_id"),
    # the exchanges in one state (the coordination's disputes), not the whole history (0012)
    Index("ix_exchanges_state", "community_id", "state"),
    # the exchanges since a date (the dashboard's active helpers), of the community and
    # of one organisation, latest first (0013)
    Index("ix_exchanges_scheduled", "community_id", "scheduled", "id"),
    Index("ix_exchanges_scheduled_org", "community_id", "organisation_id", "scheduled", "id"),
)
commitments = _record_table(
    "commitments",
    Column("actor_id", Uuid, nullable=False),
    Column("made_at", BigInteger, nullable=False),
    Index("ix_commitments_actor", "community_id", "actor_id"),
)
postings = _record_table(
    "postings",
    Column("at", BigInteger, nullable=False),
    # the ledger in order of time, for statements
    Index("ix_postings_at", "community_id", "at"),
    versioned=False,
)
entries = Table(
    "entries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("posting_id", Uuid, ForeignKey("postings.id"), nullable=False),
    Column("community_id", Uuid, nullable=False),
    Column("account", Uuid, nullable=False),
    Column("minutes", Integer, nullable=False),
    # account statements and balances
    Index("ix_entries_account", "community_id", "account"),
)
recognitions = _record_table(
    "recognitions",
    Column("actor_id", Uuid, nullable=False),
    Column("awarded_at", BigInteger, nullable=False),
    Index("ix_recognitions_actor", "community_id", "actor_id"),
    versioned=False,
)

# --- notifications ------------------------------------------------------------------

notification_preferences = _record_table("notification_preferences")
#: the events of committed use cases, waiting for a dispatcher's fan-out (then deleted)
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Uuid, nullable=False, unique=True),
    Column("community_id", Uuid, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    # the events as a JSON list (the converter's form, each with its "type")
    Column("data", JSON, nullable=False),
)
#: one row per event, recipient and channel (or per digest)
deliveries = Table(
    "deliveries",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Uuid, nullable=False, unique=True),
    # the idempotency key: a second fan-out of the same event cannot add a duplicate
    Column("key", String(300), nullable=False, unique=True),
    Column("community_id", Uuid, nullable=False),
    Column("channel", String(100), nullable=False),
    Column("kind", String(100), nullable=False),
    Column("recipient_id", Uuid),
    Column("language", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", BigInteger, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("sent_at", BigInteger),
    Column("last_error", Text),
    # the event (or a digest's items), in the converter's form
    Column("data", JSON, nullable=False),
    # partial indexes: a delivery is in them only while it waits, so they stay small
    # however many sent ones accumulate, and a change of status touches one of them
    # what dispatchers claim: pending deliveries by when they are due
    Index(
        "ix_deliveries_due",
        "next_attempt_at",
        "seq",
        sqlite_where=text("status = 'pending'"),
        postgresql_where=text("status = 'pending'"),
    ),
    # what digests collect: held deliveries by person
    Index(
        "ix_deliveries_held",
        "recipient_id",
        sqlite_where=text("status = 'held'"),
        postgresql_where=text("status = 'held'"),
    ),
)

# --- the event log ------------------------------------------------------------------

#: every committed domain event, numbered per community from 1 without gaps
event_log = Table(
    "event_log",
    metadata,
    Column("community_id", Uuid, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    # the event's time (microseconds since 1970, sortable), who acted and for whom
    Column("at", BigInteger, nullable=False),
    Column("actor", Uuid),
    Column("acted_for", Uuid),
    Column("type", String(200), nullable=False),
    # the event in the converter's form, with its "type"
    Column("data", JSON, nullable=False),
)
#: the highest sequence number per community, on PostgreSQL: the writers of one community
#: update this row in their transaction, and its row lock serialises them, so numbers are
#: never taken twice nor skipped. SQLite has one writer at a time and numbers in the
#: insert itself (see event_log.py); there the table stays empty
event_log_heads = Table(
    "event_log_heads",
    metadata,
    Column("community_id", Uuid, primary_key=True),
    Column("head", BigInteger, nullable=False),
)
#: how far each reader got in each community's log
event_cursors = Table(
    "event_cursors",
    metadata,
    Column("reader", String(200), primary_key=True),
    Column("community_id", Uuid, primary_key=True),
    Column("seq", BigInteger, nullable=False),
)
#: the core kind without a typed repository (sorgende.records.HELPER_TOTALS), laid out as
#: every kind's table (sql/kinds.py queries it); declared here for the schema's comparison
helper_totals = Table(
    "k_helper_totals",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("key", Uuid, nullable=False),
    Column("community_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("i_actor_id", Uuid),
    Column("data", JSON, nullable=False),
    Index("ux_k_helper_totals_key", "community_id", "key", unique=True),
    Index("ix_k_helper_totals_actor_id", "community_id", "i_actor_id"),
)
#: the ledger's adjustments (sorgende.records.ADJUSTMENTS), a core kind without a typed
#: repository like helper_totals: declared here for the schema's comparison (0009)
adjustments = Table(
    "k_adjustment",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("key", Uuid, nullable=False),
    Column("community_id", Uuid, nullable=False),
    Column("version", Integer, nullable=False),
    Column("i_state", String),
    Column("i_asked_at", BigInteger),
    Column("i_posting_id", Uuid),
    Column("i_from_account", Uuid),
    Column("i_to_account", Uuid),
    Column("i_asked_by", Uuid),
    Column("i_decided_by", Uuid),
    Column("data", JSON, nullable=False),
    Index("ux_k_adjustment_key", "community_id", "key", unique=True),
    Index("ix_k_adjustment_state", "community_id", "i_state"),
    Index("ix_k_adjustment_asked_at", "community_id", "i_asked_at", "seq"),
    Index("ix_k_adjustment_posting_id", "community_id", "i_posting_id"),
    Index("ix_k_adjustment_from_account", "community_id", "i_from_account"),
    Index("ix_k_adjustment_to_account", "community_id", "i_to_account"),
    Index("ix_k_adjustment_asked_by", "community_id", "i_asked_by"),
    Index("ix_k_adjustment_decided_by", "community_id", "i_decided_by"),
)


def _kind_table(
    name: str, columns: dict[str, Any], *, key: Any, versioned: bool = True, order: str = ""
) -> Table:
    """A core kind's table as ``sorgende.migrations.create_kind_table`` makes it."""
    table = "k_" + name.replace(".", "_")
    parts: list[Any] = [
        Column("seq", Integer, primary_key=True, autoincrement=True),
        Column("key", key, nullable=False),
        Column("community_id", Uuid, nullable=False),
    ]
    if versioned:
        parts.append(Column("version", Integer, nullable=False))
    parts.extend(Column(f"i_{field}", kind) for field, kind in columns.items())
    parts.append(Column("data", JSON, nullable=False))
    parts.append(Index(f"ux_{table}_key", "community_id", "key", unique=True))
    parts.extend(
        Index(
            f"ix_{table}_{field}",
            "community_id",
            f"i_{field}",
            *(["seq"] if field == order else []),
        )
        for field in columns
    )
    return Table(table, metadata, *parts)


#: the housekeeping's marks, leases and settings (0010) and the exchanges' conversations
#: (0011): core kinds without typed repositories, declared here for the schema's comparison
housekeeping_marks = _kind_table(
    "housekeeping.mark", {"job": String, "done_at": BigInteger}, key=String,
    versioned=False, order="done_at",
)  # fmt: skip
housekeeping_leases = _kind_table("housekeeping.lease", {}, key=String)
housekeeping_settings = _kind_table("housekeeping.settings", {}, key=Uuid)
conversation_messages = _kind_table(
    "conversation.message",
    {"exchange_id": Uuid, "sent_at": BigInteger, "author_id": Uuid, "written_for": Uuid},
    key=Uuid, versioned=False, order="sent_at",
)  # fmt: skip
conversation_reads = _kind_table(
    "conversation.read", {"exchange_id": Uuid, "person_id": Uuid}, key=String
)
conversation_consents = _kind_table(
    "conversation.contact_consent", {"recipient_id": Uuid, "given_by": Uuid}, key=Uuid,
    versioned=False,
)  # fmt: skip
