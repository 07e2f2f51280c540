"""Housekeeping with an injected clock: expiry, reminders the day before (received by a
real SMTP server, aiosmtpd), requests for confirmation, auto-confirm, qualification
warnings; running twice, or from two workers at once, sends nothing twice."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sorgende_email
from aiosmtpd.controller import Controller
from click.testing import CliRunner

import sorgende
from sorgende import ActorKind, Consent, Platform, TimeWindow
from sorgende.cli import make_cli
from sorgende.config import Settings
from sorgende.domain.actors import CommunityRole, Qualification
from sorgende.errors import InvalidValue, PermissionDenied
from sorgende.services.housekeeping import Housekeeping

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # 09:00 in Daun
SENDER = "Sorgende Gemeinschaft Daun <hallo@daun.example>"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Mailbox:
    def __init__(self) -> None:
        self.received: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope)
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.content, policy=email.policy.default)  # type: ignore[misc]
            for e in self.received
        ]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages() if address in str(m["To"])]


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def settings(port: int) -> Settings:
    return Settings(
        load_entrypoints=False,
        plugins={
            "email": {
                "host": "127.0.0.1",
                "port": port,
                "security": "none",
                "sender": SENDER,
                "site_url": "https://daun.example",
                "timeout": 5,
            }
        },
    )


def open_platform(url: str, clock: Clock, port: int) -> Platform:
    return sorgende.open(url, plugins=[sorgende_email], clock=clock, settings=settings(port))


def settle(platform: Platform, clock: Clock) -> dict[str, Any]:
    c = platform.create_community("Verbandsgemeinde Daun")
    mehren = c.add_place("Mehren")
    yes = Consent(contact=True)
    anna = c.register_actor(
        ActorKind.PERSON, "Anna Schmitz", home_place_id=mehren.id, email="anna@example.org",
        consent=yes,
    )  # fmt: skip
    ben = c.register_actor(ActorKind.PERSON, "Ben Müller", email="ben@example.org", consent=yes)
    clara = c.register_actor(ActorKind.PERSON, "Clara Koch", email="clara@example.org", consent=yes)
    c.grant_role(clara.id, CommunityRole.COORDINATOR, by=sorgende.OPERATOR)
    # Tuesday 10:00 in Daun: tomorrow as seen on Monday morning
    start = clock.now + timedelta(days=1, hours=1)
    window = TimeWindow(start, start + timedelta(hours=2))
    request = c.post_request(anna.id, "shopping", mehren.id, window, 1.5, title="Einkauf")
    exchange = c.propose(request_id=request.id, by=ben.id)
    c.accept(exchange.id, by=anna.id)
    platform.notifications.flush()  # the proposal's and the acceptance's mails
    return {"c": c, "anna": anna, "ben": ben, "clara": clara, "exchange": exchange,
            "request": request, "place": mehren}  # fmt: skip


def test_reminders_the_day_before_reach_both_sides_once(
    mailbox: tuple[Mailbox, int], tmp_path: Path
) -> None:
    box, port = mailbox
    clock = Clock(MONDAY)
    with open_platform(f"sqlite:///{tmp_path / 'daun.db'}", clock, port) as platform:
        world = settle(platform, clock)
        box.received.clear()
        jobs = Housekeeping(platform)
        (report,) = jobs.run()
        assert report.ran and report.reminded == 1
        platform.notifications.flush()
        # again, and from a second worker: nothing new
        clock.now += timedelta(minutes=5)
        assert jobs.run()[0].reminded == 0
        assert Housekeeping(platform, holder="other").run()[0].reminded == 0
        platform.notifications.flush()
    for address in ("anna@example.org", "ben@example.org"):
        (message,) = box.to(address)
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        assert "Erinnerung: Einkaufen ist morgen, Dienstag, 3. März" in text, text
        assert str(world["exchange"].id) not in text
    assert len(box.received) == 2


def test_after_the_help_ask_then_confirm_automatically_when_the_community_chose_it(
    mailbox: tuple[Mailbox, int], tmp_path: Path
) -> None:
    box, port = mailbox
    clock = Clock(MONDAY)
    with open_platform(f"sqlite:///{tmp_path / 'daun.db'}", clock, port) as platform:
        world = settle(platform, clock)
        c, exchange = world["c"], world["exchange"]
        jobs = Housekeeping(platform)
        clock.now += timedelta(days=2)  # the help is over: the helper is asked to report it
        assert jobs.run()[0].asked == 1
        assert jobs.run()[0].asked == 0
        c.complete(exchange.id, by=world["ben"].id)
        assert jobs.run()[0].asked == 1  # now the recipient, to confirm
        box.received.clear()
        platform.notifications.flush()
        texts = [str(m.get_body(("plain",)).get_content()) for m in box.to("anna@example.org")]  # type: ignore[union-attr]
        # the helper's report of it done, and the request to confirm it
        asking = "bitte bestätigen Sie, dass die Hilfe stattgefunden hat"
        assert sum(asking in t for t in texts) == 1
        # default: never confirmed automatically
        clock.now += timedelta(days=30)
        assert jobs.run()[0].confirmed == 0
        assert c.exchange(exchange.id).state is sorgende.ExchangeState.COMPLETED
        with pytest.raises(PermissionDenied):
            jobs.set_auto_confirm(c.community_id, 7, by=world["ben"].id)
        with pytest.raises(InvalidValue) as refused:
            jobs.set_auto_confirm(c.community_id, 0, by=sorgende.OPERATOR)
        assert "1 bis 90" in refused.value.message("de")
        assert "1 to 90" in refused.value.message("en")
        jobs.set_auto_confirm(c.community_id, 7, by=sorgende.OPERATOR)
        assert jobs.run()[0].confirmed == 1
        assert jobs.run()[0].confirmed == 0
        confirmed = c.exchange(exchange.id)
        assert confirmed.state is sorgende.ExchangeState.CONFIRMED
        # the hours are booked as after a person's confirmation
        assert c.balance(world["ben"].id).minutes == 90
        box.received.clear()
        platform.notifications.flush()
        # both sides hear of it: the system, not one of them, confirmed
        assert len(box.to("anna@example.org")) == 1
        assert len(box.to("ben@example.org")) >= 1  # and a recognition of the first help


def test_requests_and_offers_expire(mailbox: tuple[Mailbox, int], tmp_path: Path) -> None:
    _, port = mailbox
    clock = Clock(MONDAY)
    with open_platform(f"sqlite:///{tmp_path / 'daun.db'}", clock, port) as platform:
        world = settle(platform, clock)
        c = world["c"]
        start = clock.now + timedelta(days=3)
        lonely = c.post_request(
            world["anna"].id, "shopping", world["place"].id,
            TimeWindow(start, start + timedelta(hours=1)), 1.0,
        )  # fmt: skip
        offer = c.offer_help(
            world["ben"].id, "shopping", [world["place"].id],
            TimeWindow(start, start + timedelta(hours=4)), 2.0,
        )  # fmt: skip
        jobs = Housekeeping(platform)
        assert jobs.run()[0].expired == 0
        clock.now = start + timedelta(hours=5)
        assert jobs.run()[0].expired == 2
        assert c.request(lonely.id).status is sorgende.RequestStatus.EXPIRED
        assert c.offer(offer.id).status is sorgende.OfferStatus.CLOSED
        assert jobs.run()[0].expired == 0


def test_qualification_warnings_30_days_before(
    mailbox: tuple[Mailbox, int], tmp_path: Path
) -> None:
    box, port = mailbox
    clock = Clock(MONDAY)
    with open_platform(f"sqlite:///{tmp_path / 'daun.db'}", clock, port) as platform:
        world = settle(platform, clock)
        c = world["c"]
        ends = date(2026, 4, 15)
        c.add_qualification(
            world["ben"].id, Qualification("first_aid", date(2024, 4, 15), ends),
            by=sorgende.OPERATOR,
        )  # fmt: skip
        jobs = Housekeeping(platform)
        assert jobs.run()[0].warned == 0  # 44 days ahead: not yet
        clock.now = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)  # 30 days before
        box.received.clear()
        assert jobs.run()[0].warned == 1
        assert jobs.run()[0].warned == 0
        platform.notifications.flush()
    warning = "Erste-Hilfe"
    (clara,) = box.to("clara@example.org")
    text = str(clara.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    assert "Ben Müller" in text and "Mittwoch, 15. April" in text and warning in text, text
    bens = [str(m.get_body(("plain",)).get_content()) for m in box.to("ben@example.org")]  # type: ignore[union-attr]
    assert sum("gilt nur noch bis" in t for t in bens) == 1
    annas = [str(m.get_body(("plain",)).get_content()) for m in box.to("anna@example.org")]  # type: ignore[union-attr]
    assert not any("gilt nur noch bis" in t for t in annas)


def test_two_workers_at_once_send_each_reminder_once(
    mailbox: tuple[Mailbox, int], tmp_path: Path
) -> None:
    box, port = mailbox
    clock = Clock(MONDAY)
    url = f"sqlite:///{tmp_path / 'daun.db'}"
    with open_platform(url, clock, port) as platform:
        settle(platform, clock)
    assert sum(_race(url, clock, port)) == 1
    with open_platform(url, clock, port) as platform:
        box.received.clear()
        platform.notifications.flush()
    assert sorted(str(m["To"]) for m in box.messages()) == [
        "Anna Schmitz <anna@example.org>",
        "Ben Müller <ben@example.org>",
    ]


def _race(url: str, clock: Clock, port: int, workers: int = 4, *, lease: bool = True) -> list[int]:
    """Run the jobs from ``workers`` platforms (as web workers have) behind a barrier;
    ``lease=False`` runs the reminder job itself, bare of the lease: the marks alone
    must keep it to one reminder."""
    platforms = [open_platform(url, clock, port) for _ in range(workers)]
    barrier = threading.Barrier(workers)
    reminded: list[int] = []
    errors: list[BaseException] = []

    def work(platform: Platform) -> None:
        try:
            jobs = Housekeeping(platform)
            barrier.wait()
            for _ in range(3):
                if lease:
                    reminded.extend(r.reminded for r in jobs.run())
                else:
                    (community,) = platform.communities()
                    reminded.append(jobs.remind(community.id))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(p,)) for p in platforms]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in platforms:
        p.close()
    assert errors == []
    return reminded


@pytest.mark.skipif(
    not os.environ.get("SORGENDE_TEST_POSTGRESQL_URL"), reason="needs SORGENDE_TEST_POSTGRESQL_URL"
)
def test_two_workers_on_postgresql_send_each_reminder_once(mailbox: tuple[Mailbox, int]) -> None:
    import sqlalchemy

    box, port = mailbox
    base = os.environ["SORGENDE_TEST_POSTGRESQL_URL"]
    name = f"hk_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + f"/{name}"
    try:
        clock = Clock(MONDAY)
        with open_platform(url, clock, port) as platform:
            settle(platform, clock)
        assert sum(_race(url, clock, port, lease=False)) == 1
        assert sum(_race(url, clock, port)) == 0
        with open_platform(url, clock, port) as platform:
            box.received.clear()
            platform.notifications.flush()
        assert len(box.messages()) == 2
    finally:
        with admin.connect() as conn:
            conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_the_command_runs_the_jobs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'daun.db'}"
    with sorgende.open(url, settings=Settings(load_entrypoints=False)) as platform:
        platform.create_community("Verbandsgemeinde Daun")
    runner = CliRunner()
    main = make_cli(settings=Settings(load_entrypoints=False, storage=url))
    result = runner.invoke(main, ["housekeeping", "run"])
    assert result.exit_code == 0, result.output
    assert "Verbandsgemeinde Daun: 0 abgelaufen, 0 erinnert" in result.output


def test_the_inbox_example_of_docs_web_md_runs() -> None:
    """The example of "The inbox" in docs/web.md, as a reader runs it."""
    import re

    text = (Path(__file__).parent.parent / "docs" / "web.md").read_text(encoding="utf-8")
    section = text[text.index("## The inbox") : text.index("## Conversations of an exchange")]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found is not None
    exec(compile(found.group(1), "docs/web.md (The inbox)", "exec"), {"__name__": "__doc__"})
