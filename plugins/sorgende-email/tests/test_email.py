"""The e-mail channel against a real SMTP server (aiosmtpd on a free loopback port)."""

from __future__ import annotations

import email
import email.policy
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sorgende_email
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sorgende_email import EmailConfig, message_id

import sorgende
from sorgende import ActorKind, Consent, Platform, TimeWindow
from sorgende.config import Settings
from sorgende.errors import ConfigError
from sorgende.notifications.records import DeliveryStatus

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # 09:00 in Daun
SENDER = "Sorgende Gemeinschaft Daun <hallo@daun.example>"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Mailbox:
    """The SMTP server's handler: keeps every message it accepts."""

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """An aiosmtpd server on one port that the test stops and starts again."""

    def __init__(self, port: int, **options: Any) -> None:
        self.port = port
        self.options = options
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(
            self.mailbox, hostname="127.0.0.1", port=self.port, **self.options
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server(free_port())
    yield running
    running.stop()


def settings(port: int, **email_settings: Any) -> Settings:
    table = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "sender": SENDER,
        "unsubscribe_url": "https://daun.example/benachrichtigungen/{community}/{actor}",
        "unsubscribe_mailto": "mailto:abmelden@daun.example",
        "site_url": "https://daun.example",
        "timeout": 5,
    }
    table.update(email_settings)
    return Settings(
        load_entrypoints=False,
        plugins={"email": table, "notifications": {"backoff_base": 60, "backoff_cap": 600}},
    )


def open_platform(url: str, clock: Clock, config: Settings) -> Platform:
    return sorgende.open(url, plugins=[sorgende_email], clock=clock, settings=config)


def settle(platform: Platform, anna_name: str = "Anna Schmitz") -> tuple[Any, ...]:
    c = platform.create_community("Verbandsgemeinde Daun")
    mehren = c.add_place("Mehren")
    yes = Consent(contact=True)
    anna = c.register_actor(
        ActorKind.PERSON, anna_name, home_place_id=mehren.id, email="anna@example.org", consent=yes
    )
    ben = c.register_actor(ActorKind.PERSON, "Ben Müller", email="ben@example.org", consent=yes)
    return c, mehren, anna, ben


def proposal(c: Any, mehren: Any, anna: Any, ben: Any, clock: Clock) -> Any:
    start = clock.now + timedelta(days=1)
    window = TimeWindow(start, start + timedelta(hours=2))
    request = c.post_request(anna.id, "shopping", mehren.id, window, 1.5, title="Wocheneinkauf")
    return c.propose(request_id=request.id, by=ben.id)


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    # the message travels with CRLF line ends (SMTP); compare as text
    return (
        text.get_content().replace("\r\n", "\n"),
        html.get_content().replace("\r\n", "\n"),
    )


def test_a_use_case_commits_while_the_server_is_down_and_its_mail_arrives_once(
    server: Server, tmp_path: Path
) -> None:
    server.start()
    server.stop()  # the mail server goes down
    clock = Clock(MONDAY)
    url = f"sqlite:///{tmp_path / 'daun.db'}"
    with open_platform(url, clock, settings(server.port)) as platform:
        c, mehren, anna, ben = settle(platform)
        exchange = proposal(c, mehren, anna, ben, clock)
        assert c.exchange(exchange.id).state is sorgende.ExchangeState.PROPOSED  # committed
        report = platform.notifications.flush()
        assert (report.sent, report.retried) == (0, 1)
        (waiting,) = platform.notifications.deliveries(status=DeliveryStatus.PENDING)
        assert waiting.last_error is not None and "nicht versandt" not in waiting.last_error
        assert "ConnectionRefusedError" in waiting.last_error
        assert server.mailbox.received == []

        server.start()  # back again
        clock.now = waiting.next_attempt_at
        assert platform.notifications.flush().sent == 1
        for _ in range(3):  # later passes send nothing again
            clock.now += timedelta(hours=1)
            assert platform.notifications.flush().busy is False

    (envelope,) = server.mailbox.received
    assert envelope.mail_from == "hallo@daun.example"
    assert envelope.rcpt_tos == ["anna@example.org"]
    (message,) = server.mailbox.messages()
    assert message["From"] == SENDER
    assert message["To"] == "Anna Schmitz <anna@example.org>"
    assert message["Subject"] == "Ben Müller möchte Ihnen helfen: Einkaufen"
    assert message["Message-ID"] == message_id(waiting.key, "daun.example")
    assert message["X-Sorgende-Key"] == waiting.key
    community, actor = c.community_id, anna.id
    assert message["List-Unsubscribe"] == (
        f"<mailto:abmelden@daun.example>, "
        f"<https://daun.example/benachrichtigungen/{community}/{actor}>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Content-Language"] == "de"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    assert text.startswith("Guten Tag Anna Schmitz,\n\nBen Müller möchte Ihnen helfen: Einkaufen")
    assert "am Dienstag, 3. März 2026, 09:00 Uhr." in text
    assert "Wo:     Mehren" in text
    assert "Umfang: 1,5 Std." in text
    assert "Gesuch: Wocheneinkauf" in text
    assert "Benachrichtigungen abbestellen: https://daun.example/benachrichtigungen/" in text
    assert '<html lang="de">' in html
    assert "<p>Guten Tag Anna Schmitz,</p>" in html
    assert "<td>Dienstag, 3. März 2026, 09:00 Uhr</td>" in html
    assert ">Benachrichtigungen abbestellen</a>" in html


def test_starttls_with_login(tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the server's certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        # handled=False: the server answers a refusal with 535 itself
        return AuthResult(success=data.password == b"geheim", handled=False)

    server = Server(
        free_port(),
        tls_context=tls,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
    )
    server.start()
    try:
        clock = Clock(MONDAY)
        good = settings(
            server.port,
            security="starttls",
            ca_file=str(cert),
            username="sorgende",
            password="geheim",
        )
        with open_platform("memory://", clock, good) as platform:
            c, mehren, anna, ben = settle(platform)
            proposal(c, mehren, anna, ben, clock)
            assert platform.notifications.flush().sent == 1
        assert logins == [(b"sorgende", b"geheim")]
        assert len(server.mailbox.received) == 1
        # a wrong password is refused: the delivery waits for a retry
        bad = settings(
            server.port, security="starttls", ca_file=str(cert), username="x", password="falsch"
        )
        with open_platform("memory://", clock, bad) as platform:
            c, mehren, anna, ben = settle(platform)
            proposal(c, mehren, anna, ben, clock)
            assert platform.notifications.flush().retried == 1
            (waiting,) = platform.notifications.deliveries(status=DeliveryStatus.PENDING)
            assert "SMTPAuthenticationError" in (waiting.last_error or "")
        # a certificate nobody vouches for is refused too
        untrusted = settings(server.port, security="starttls")
        with open_platform("memory://", clock, untrusted) as platform:
            c, mehren, anna, ben = settle(platform)
            proposal(c, mehren, anna, ben, clock)
            assert platform.notifications.flush().retried == 1
        assert len(server.mailbox.received) == 1
    finally:
        server.stop()


def test_english_and_a_daily_digest(server: Server) -> None:
    server.start()
    clock = Clock(MONDAY)
    with open_platform("memory://", clock, settings(server.port)) as platform:
        c, mehren, anna, ben = settle(platform)
        c.set_notification_preferences(ben.id, by=ben.id, language="en")
        c.set_notification_preferences(anna.id, by=anna.id, digest=["email"])
        exchange = proposal(c, mehren, anna, ben, clock)
        c.accept(exchange.id, by=anna.id)  # Ben hears it at once, in English
        clock.now += timedelta(hours=2)
        second = proposal(c, mehren, anna, ben, clock)
        platform.notifications.flush()
        (to_ben,) = server.mailbox.messages()
        assert to_ben["To"] == "Ben Müller <ben@example.org>"
        assert to_ben["Subject"] == "Agreed: Shopping on Tuesday, 3 March 2026, 09:00"
        assert to_ben["Content-Language"] == "en"
        text, html = parts(to_ben)
        assert text.startswith("Hello Ben Müller,\n\nIt is agreed: Ben Müller helps Anna Schmitz")
        assert "Time:    1.5 h" in text
        assert '<html lang="en">' in html
        clock.now = datetime(2026, 3, 3, 6, 5, tzinfo=UTC)  # Tuesday 07:05 in Daun
        report = platform.notifications.digest()
        assert (report.composed, report.delivery.sent) == (1, 1)
        assert second is not None
    digest = server.mailbox.messages()[1]
    assert digest["To"] == "Anna Schmitz <anna@example.org>"
    assert digest["Subject"] == "Ihre Zusammenfassung: 2 Neuigkeiten aus Verbandsgemeinde Daun"
    assert digest["Message-ID"].startswith("<sorgende.digest-")
    text, html = parts(digest)
    assert "hier ist Ihre Zusammenfassung bis Dienstag, 3. März 2026, 07:00 Uhr:" in text
    assert text.count("* Ben Müller möchte Ihnen helfen: Einkaufen") == 2
    assert html.count("<h2") == 2


def test_a_redelivered_message_has_the_same_message_id(server: Server) -> None:
    """A dispatcher that died after sending, before recording it: the mail comes twice,
    recognisably the same."""
    server.start()
    clock = Clock(MONDAY)
    with open_platform("memory://", clock, settings(server.port)) as platform:
        c, mehren, anna, ben = settle(platform)
        proposal(c, mehren, anna, ben, clock)
        dispatcher = platform.notifications.dispatcher
        dispatcher.fan_out()
        (claimed,) = platform.storage.outbox().claim(clock.now, clock.now + timedelta(minutes=5), 1)
        channel = platform.notification_channels.by_name["email"].channel
        channel.send(dispatcher._notification(claimed, claimed.event, anna))  # then it died
        clock.now += timedelta(minutes=5)
        assert platform.notifications.flush().sent == 1
    first, second = server.mailbox.messages()
    assert first["Message-ID"] == second["Message-ID"] == message_id(claimed.key, "daun.example")


def test_names_are_text_in_html(server: Server) -> None:
    server.start()
    clock = Clock(MONDAY)
    with open_platform("memory://", clock, settings(server.port)) as platform:
        c, mehren, anna, ben = settle(platform, anna_name="Anna <b>&</b> Co")
        proposal(c, mehren, anna, ben, clock)
        platform.notifications.flush()
    text, html = parts(server.mailbox.messages()[0])
    assert "Guten Tag Anna <b>&</b> Co," in text
    assert "Guten Tag Anna &lt;b&gt;&amp;&lt;/b&gt; Co," in html


def test_people_without_an_address_get_no_mail(server: Server) -> None:
    server.start()
    clock = Clock(MONDAY)
    with open_platform("memory://", clock, settings(server.port)) as platform:
        c, mehren, _, ben = settle(platform)
        nomail = c.register_actor(ActorKind.PERSON, "Norbert", consent=Consent(contact=True))
        proposal(c, mehren, nomail, ben, clock)
        report = platform.notifications.flush()
        assert (report.fanned_out, report.sent, report.retried) == (1, 0, 0)
    assert server.mailbox.received == []


def test_a_theme_overrides_templates(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a directory given in the settings, and a theme package
    directory = tmp_path / "daun-theme" / "de" / "kinds"
    directory.mkdir(parents=True)
    (directory / "ExchangeProposed.j2").write_text(
        "{% block subject %}Hilfe für Sie aus Mehren: {{ d.category }}{% endblock %}\n"
        "{% block intro %}{{ d.counterpart }} ist bereit.{% endblock %}\n",
        encoding="utf-8",
    )
    package = tmp_path / "pkgs" / "sorgende_theme_vulkaneifel"
    (package / "email_templates").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "email_templates" / "layout.html").write_text(
        '<html lang="{{ lang }}"><body class="vulkaneifel">{% block content %}{% endblock %}'
        "<footer>{% block footer %}{% endblock %}</footer></body></html>",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "pkgs"))
    server.start()
    clock = Clock(MONDAY)
    themed = settings(
        server.port,
        templates=[str(tmp_path / "daun-theme")],
        themes=["sorgende_theme_vulkaneifel"],
    )
    with open_platform("memory://", clock, themed) as platform:
        c, mehren, anna, ben = settle(platform)
        proposal(c, mehren, anna, ben, clock)
        platform.notifications.flush()
    (message,) = server.mailbox.messages()
    assert message["Subject"] == "Hilfe für Sie aus Mehren: Einkaufen"
    text, html = parts(message)
    assert "Ben Müller ist bereit." in text
    assert '<body class="vulkaneifel">' in html and "Ben Müller ist bereit." in html


def test_the_channel_is_configured_in_settings_or_the_environment(tmp_path: Path) -> None:
    assert sorgende_email.sorgende_notification_channels(Settings()) == []
    environ = {
        "SORGENDE_EMAIL_HOST": "mail.daun.example",
        "SORGENDE_EMAIL_SENDER": SENDER,
        "SORGENDE_EMAIL_SECURITY": "ssl",
        "SORGENDE_EMAIL_USERNAME": "sorgende",
        "SORGENDE_EMAIL_PASSWORD": "geheim",
    }
    (channel,) = sorgende_email.sorgende_notification_channels(Settings(environ=environ))
    config = channel.config
    assert (config.host, config.port, config.security) == ("mail.daun.example", 465, "ssl")
    assert "geheim" not in repr(config)
    problems = [
        ({"host": "h", "sender": "keine Adresse"}, "sender", "ist keine E-Mail-Adresse"),
        ({"host": "h", "sender": SENDER, "security": "tls"}, "security", "ist keins von"),
        ({"host": "h", "sender": SENDER, "port": "smtp"}, "port", "ist keine Zahl"),
        ({"host": "h", "sender": SENDER, "username": "u"}, "username", "beide oder keins"),
        ({"host": "h", "sender": SENDER, "colour": "red"}, "colour", "unbekannte Einstellung"),
        (
            {"host": "h", "sender": SENDER, "templates": [str(tmp_path / "nope")]},
            "templates",
            "ist kein Verzeichnis",
        ),
    ]
    for table, where, german in problems:
        with pytest.raises(ConfigError) as info:
            EmailConfig.from_mapping(table)
        assert f"[plugins.email] {where}" in info.value.message("de")
        assert german in info.value.message("de"), info.value.message("de")
