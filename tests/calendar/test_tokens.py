"""Feed addresses: tokens that only the operator's secret can make, and their settings."""

from __future__ import annotations

import base64
import uuid

import pytest

import sorgende
from sorgende.calendar import (
    calendar_response,
    calendar_settings,
    feed_token,
    feed_url,
    person_for_token,
)
from sorgende.config import Settings
from sorgende.errors import ConfigError, UnknownFeedToken
from tests.calendar.conftest import OLD_SECRET, SECRET
from tests.conftest import World

COMMUNITY = uuid.UUID("5b0f7c3e-0d55-4c38-9d1c-0b6c7e0a1f11")
PERSON = uuid.UUID("0e1d2c3b-4a59-4687-a5b4-c3d2e1f00112")


def test_a_token_names_its_community_and_person() -> None:
    token = feed_token(SECRET, COMMUNITY, PERSON)
    assert person_for_token(SECRET, token) == (COMMUNITY, PERSON)
    assert len(token) == 66
    # URL-safe: fits into a path without escaping
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    # the same person always gets the same address; another person another one
    assert feed_token(SECRET, COMMUNITY, PERSON) == token
    assert feed_token(SECRET, COMMUNITY, uuid.uuid4()) != token


def test_a_changed_token_is_refused() -> None:
    token = feed_token(SECRET, COMMUNITY, PERSON)
    raw = bytearray(base64.urlsafe_b64decode(token + "=="))
    for position in (0, 5, 20, len(raw) - 1):  # version, community, person, signature
        changed = bytearray(raw)
        changed[position] ^= 1
        forged = base64.urlsafe_b64encode(bytes(changed)).rstrip(b"=").decode()
        with pytest.raises(UnknownFeedToken):
            person_for_token(SECRET, forged)


@pytest.mark.parametrize("token", ["", "abc", "not a token!", "ä" * 66, "A" * 66, "A" * 65])
def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(UnknownFeedToken) as refused:
        person_for_token(SECRET, token)
    assert refused.value.message("de") == (
        "Diese Kalenderadresse ist nicht (mehr) gültig; bitte eine neue anfordern"
    )


def test_a_token_of_another_secret_is_refused() -> None:
    token = feed_token(OLD_SECRET, COMMUNITY, PERSON)
    with pytest.raises(UnknownFeedToken):
        person_for_token(SECRET, token)
    # another person's id with this token's signature does not pass either
    mine = base64.urlsafe_b64decode(feed_token(SECRET, COMMUNITY, PERSON) + "==")
    other = base64.urlsafe_b64decode(feed_token(SECRET, COMMUNITY, uuid.uuid4()) + "==")
    spliced = base64.urlsafe_b64encode(other[:33] + mine[33:]).rstrip(b"=").decode()
    with pytest.raises(UnknownFeedToken):
        person_for_token(SECRET, spliced)


def test_rotation_keeps_old_addresses_until_the_old_secret_is_removed(world: World) -> None:
    old_token = feed_token(OLD_SECRET, world.c.community_id, world.ben.id)
    world.accepted()
    export = list(world.c._platform.export_community(world.c.community_id))

    def platform(calendar: dict[str, object]) -> sorgende.Platform:
        settings = Settings(load_entrypoints=False, plugins={"calendar": calendar})
        opened = sorgende.open("memory://", settings=settings, clock=world.clock)
        opened.import_community(export)
        return opened

    rotating = platform({"secret": SECRET, "previous_secrets": [OLD_SECRET]})
    assert calendar_response(rotating, old_token).startswith(b"BEGIN:VCALENDAR")
    # new addresses are made with the new secret
    new = feed_url(rotating.settings, world.c.community_id, world.ben.id)
    assert person_for_token(SECRET, new) == (world.c.community_id, world.ben.id)

    rotated = platform({"secret": SECRET})
    with pytest.raises(UnknownFeedToken):
        calendar_response(rotated, old_token)
    assert calendar_response(rotated, new) == calendar_response(rotating, new)


def test_a_valid_token_of_an_unknown_community_or_person_is_refused(world: World) -> None:
    platform = world.c._platform
    for community, person in ((uuid.uuid4(), world.ben.id), (world.c.community_id, uuid.uuid4())):
        with pytest.raises(UnknownFeedToken):
            calendar_response(platform, feed_token(SECRET, community, person))


def test_the_url_template(world: World) -> None:
    settings = Settings(
        plugins={"calendar": {"secret": SECRET, "url": "https://daun.example/kalender/{token}.ics"}}
    )
    url = feed_url(settings, world.c.community_id, world.ben.id)
    assert url.startswith("https://daun.example/kalender/") and url.endswith(".ics")
    token = url.removeprefix("https://daun.example/kalender/").removesuffix(".ics")
    assert person_for_token(SECRET, token) == (world.c.community_id, world.ben.id)


# --- settings ---------------------------------------------------------------------------


def test_settings_from_the_environment() -> None:
    settings = Settings(
        environ={
            "SORGENDE_CALENDAR_SECRET": SECRET,
            "SORGENDE_CALENDAR_PREVIOUS_SECRETS": f"{OLD_SECRET}, {'x' * 40}",
            "SORGENDE_CALENDAR_TIMEZONE": "Europe/Vienna",
            "SORGENDE_CALENDAR_PAST_DAYS": "30",
        }
    )
    conf = calendar_settings(settings)
    assert conf.secrets == (SECRET, OLD_SECRET, "x" * 40)
    assert (conf.timezone, conf.past_days, conf.url) == ("Europe/Vienna", 30, None)


def test_another_time_zone(world: World) -> None:
    world.accepted()
    export = list(world.c._platform.export_community(world.c.community_id))
    settings = Settings(
        load_entrypoints=False,
        plugins={"calendar": {"secret": SECRET, "timezone": "Europe/Lisbon"}},
    )
    platform = sorgende.open("memory://", settings=settings, clock=world.clock)
    platform.import_community(export)
    body = calendar_response(platform, feed_token(SECRET, world.c.community_id, world.ben.id))
    assert b"TZID:Europe/Lisbon" in body
    assert b"DTSTART;TZID=Europe/Lisbon:20260303T080000" in body


@pytest.mark.parametrize(
    ("calendar", "key", "german"),
    [
        ({}, "secret", "kein Geheimnis"),
        ({"secret": "kurz"}, "secret", "mindestens 32 Zeichen"),
        ({"secret": SECRET, "previous_secrets": ["kurz"]}, "previous_secrets[0]", "mindestens"),
        ({"previous_secrets": [OLD_SECRET]}, "secret", "kein aktuelles secret"),
        ({"secret": SECRET, "previous_secrets": 3}, "previous_secrets", "Liste"),
        ({"secret": SECRET, "timezone": "Mars/Olympus"}, "timezone", "kein Zeitzonenname"),
        ({"secret": SECRET, "url": "https://x.example/feed"}, "url", "{token}"),
        ({"secret": SECRET, "past_days": 0}, "past_days", "ganze Zahl"),
        ({"secret": SECRET, "past_days": "viele"}, "past_days", "ganze Zahl"),
        ({"secret": SECRET, "secrets": [SECRET]}, "", "unbekannte Schlüssel secrets"),
    ],
)
def test_bad_settings_name_the_key(calendar: dict[str, object], key: str, german: str) -> None:
    settings = Settings(plugins={"calendar": calendar})
    with pytest.raises(ConfigError) as bad:
        feed_url(settings, COMMUNITY, PERSON)
    assert f"[plugins.calendar] {key}".strip() in str(bad.value)
    assert german in bad.value.message("de")
