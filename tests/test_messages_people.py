"""Refusals a person understands: people, places, categories and qualifications by name and
label in the reader's language, times in local form; never an id, a code or an ISO time."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import attrs
import pytest

import sorgende
from sorgende import (
    ActorKind,
    Category,
    CommunityRole,
    ExchangeState,
    Platform,
    Qualification,
    QualificationKind,
    TimeWindow,
)
from sorgende.domain.actors import Actor
from sorgende.errors import (
    IllegalTransition,
    MissingQualification,
    NotFound,
    PermissionDenied,
    RequestFull,
    SorgendeError,
    naming,
)
from sorgende.i18n import (
    Labelled,
    Listing,
    LocalDate,
    LocalDateTime,
    Message,
    Named,
    Term,
    rendering,
    translate,
)
from tests.conftest import Clock

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # a Monday
#: the occurrence of the issue: Tuesday, 18 March 2025, 9:00 in Berlin
TUESDAY = datetime(2025, 3, 18, 8, 0, tzinfo=UTC)
KITA = Category(
    "kita_reading",
    {"de": "Vorlesestunde in der Kita", "en": "Reading hour at the kita"},
    frozenset({QualificationKind.POLICE_CERTIFICATE_EXTENDED}),
)
EXPIRED = Qualification(
    QualificationKind.POLICE_CERTIFICATE_EXTENDED, date(2020, 3, 16), date(2025, 3, 15)
)

GERMAN = (
    "Marie Schmitz kann bei „Vorlesestunde in der Kita“ am Dienstag, 18. März nicht helfen: "
    "ihr erweitertes Führungszeugnis ist seit dem 15. März abgelaufen."
)
ENGLISH = (
    "Marie Schmitz cannot help with “Reading hour at the kita” on Tuesday, 18 March: "
    "her extended police certificate expired on 15 March."
)


@attrs.frozen
class Person:
    """A person's record with the grammatical form of address a platform may know."""

    name: str
    id: uuid.UUID
    qualifications: tuple[Qualification, ...]
    pronoun: str | None = None


def test_the_issues_example_word_for_word() -> None:
    marie = Person("Marie Schmitz", uuid.uuid4(), (EXPIRED,), pronoun="she")
    refused = MissingQualification(marie, KITA, TUESDAY, KITA.required_qualifications)
    with rendering(today=NOW.date()):
        assert refused.message("de") == GERMAN
        assert refused.message("en") == ENGLISH
    # for developers: the codes and ids are there, outside the text
    assert refused.params["actor_id"] == marie.id
    assert refused.params["category_code"] == "kita_reading"
    assert refused.params["missing"] == ("police_certificate_extended",)


def test_without_a_form_of_address_the_message_says_the_certificate() -> None:
    marie = Person("Marie Schmitz", uuid.uuid4(), (EXPIRED,))
    refused = MissingQualification(marie, KITA, TUESDAY, ["police_certificate_extended"])
    with rendering(today=NOW.date()):
        assert refused.message("de").endswith(
            "nicht helfen: das erweiterte Führungszeugnis ist seit dem 15. März abgelaufen."
        )
        assert refused.message("en").endswith(
            "on Tuesday, 18 March: the extended police certificate expired on 15 March."
        )


def test_a_missing_a_future_and_a_plugins_proof_are_told_apart() -> None:
    later = Qualification(QualificationKind.FIRST_AID, date(2025, 4, 1))
    ben = Person("Ben", uuid.uuid4(), (later,), pronoun="he")
    refused = MissingQualification(
        ben, KITA, date(2025, 3, 18), ["first_aid", "driving_licence", "jugendleitercard"]
    )
    with rendering(today=NOW.date()):
        assert refused.message("de") == (
            "Ben kann bei „Vorlesestunde in der Kita“ am Dienstag, 18. März nicht helfen: "
            "es fehlt der Führerschein, sein Erste-Hilfe-Nachweis gilt erst ab dem 1. April "
            "und es fehlt der Nachweis „jugendleitercard“."
        )
        assert "his first aid certificate is valid only from 1 April" in refused.message("en")


def test_values_render_per_language() -> None:
    with rendering(today=date(2025, 1, 1)):
        assert LocalDateTime(TUESDAY).text("de") == "Dienstag, 18. März, 9:00"
        assert LocalDateTime(TUESDAY).text("en") == "Tuesday, 18 March, 9:00"
        assert LocalDateTime(TUESDAY, "America/New_York").text("en") == "Tuesday, 18 March, 4:00"
        assert LocalDate(date(2026, 1, 6)).text("de") == "Dienstag, 6. Januar 2026"
        assert LocalDate(date(2025, 3, 15), weekday=False).text("en") == "15 March"
    # a time late in the evening in UTC is the next day in Berlin
    assert LocalDate(datetime(2025, 3, 17, 23, 30, tzinfo=UTC)).text("de").startswith("Dienstag")
    # Berlin kept its local mean time then
    assert LocalDateTime(datetime(1, 1, 3, tzinfo=UTC)).text("de") == "Mittwoch, 3. Januar 1, 0:53"
    assert Labelled({"de": "Einkaufen", "en": "Shopping"}, "shopping").text("en") == "Shopping"
    assert Labelled({"de": "Einkaufen"}, "shopping").text("en") == "Einkaufen"
    assert Term("transition", "no_show").text("de") == "als nicht zustande gekommen melden"
    assert Term("qualification", "some_plugins_kind").text("de") == "some plugins kind"
    assert Listing(["a", "b", "c"], "or").text("de") == "a, b oder c"
    named = Named("Marie Schmitz")
    assert translate("qualification.missing", "en", proof=named) == "Marie Schmitz is missing"
    assert str(Message("party.helper")) == "the helper"


# -- every typical refusal, through the public API ---------------------------------------

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@attrs.define
class Town:
    c: sorgende.CommunityService
    clock: Clock
    place: uuid.UUID
    kita: Actor
    marie: Actor
    ben: Actor
    anna: Actor
    stranger: Actor
    made: int = 0

    def window(self, days: float = 2) -> TimeWindow:
        """A window of its own for each request: no helper is booked twice at one time."""
        self.made += 1
        start = self.clock.now + timedelta(days=days, hours=3 * self.made)
        return TimeWindow(start, start + timedelta(hours=1))

    def request(self, category: str = "shopping", **kw: object) -> sorgende.HelpRequest:
        return self.c.post_request(
            self.anna.id,
            category,
            self.place,
            kw.pop("window", None) or self.window(),  # type: ignore[arg-type]
            1,
            **kw,  # type: ignore[arg-type]
        )


@pytest.fixture
def town() -> Iterator[Town]:
    clock = Clock(NOW)
    with sorgende.open("memory://", clock=clock, load_entrypoints=False) as platform:
        yield _town(platform, clock)


def _town(platform: Platform, clock: Clock) -> Town:
    c = platform.create_community("Verbandsgemeinde Daun")
    place = c.add_place("Daun").id
    c.add_category(KITA)
    kita = c.register_actor(ActorKind.KITA, "Kita Regenbogen", home_place_id=place)
    kita = c.grant_role(kita.id, CommunityRole.COORDINATOR, by=sorgende.OPERATOR)
    marie = c.register_actor(
        ActorKind.PERSON, "Marie Schmitz", home_place_id=place, qualifications=[EXPIRED]
    )
    # the same person, who said how texts should speak of her
    c.register_actor(
        ActorKind.PERSON,
        "Marie Schmitz",
        home_place_id=place,
        qualifications=[EXPIRED],
        pronoun=sorgende.Pronoun.SHE,
    )
    ben = c.register_actor(ActorKind.PERSON, "Ben Becker", home_place_id=place)
    anna = c.register_actor(ActorKind.PERSON, "Anna Klein", home_place_id=place)
    stranger = c.register_actor(ActorKind.PERSON, "Stefan Fremd")
    return Town(c, clock, place, kita, marie, ben, anna, stranger)


def test_the_issues_example_through_the_python_api(town: Town) -> None:
    request = town.request("kita_reading", window=TimeWindow(TUESDAY, TUESDAY + timedelta(hours=1)))
    with pytest.raises(MissingQualification) as refused:
        town.c.propose(request_id=request.id, by=town.marie.id)
    # no year: the use case's clock says it is 2025; 9:00 in the community's time zone
    assert refused.value.message("de") == GERMAN.replace("ihr erweitertes", "das erweiterte")
    assert refused.value.message("en") == ENGLISH.replace("her extended", "the extended")


def test_the_issues_example_word_for_word_for_a_person_who_said_she(town: Town) -> None:
    (marie,) = [
        a
        for a in town.c.actors(sorgende.ActorKind.PERSON)
        if a.name == "Marie Schmitz" and a.pronoun is not None
    ]
    request = town.request("kita_reading", window=TimeWindow(TUESDAY, TUESDAY + timedelta(hours=1)))
    with pytest.raises(MissingQualification) as refused:
        town.c.propose(request_id=request.id, by=marie.id)
    assert refused.value.message("de") == GERMAN
    assert refused.value.message("en") == ENGLISH


def _refusals(town: Town) -> Iterator[tuple[str, Callable[[], object]]]:
    c = town.c
    yield (
        "qualification",
        lambda: c.propose(
            request_id=town.request("kita_reading", window=town.window(days=10)).id,
            by=town.marie.id,
        ),
    )
    yield "category", lambda: town.request("kochen")
    yield "place", lambda: c.post_request(town.anna.id, "shopping", uuid.uuid4(), town.window(), 1)
    yield "self help", lambda: c.propose(request_id=town.request().id, by=town.anna.id)

    def full() -> object:
        request = town.request(title="Einkauf für Anna")
        first = c.propose(request_id=request.id, by=town.ben.id)
        c.accept(first.id, by=town.anna.id)
        return c.propose(request_id=request.id, by=town.marie.id)

    yield "full", full

    def closed() -> object:
        request = town.request()
        c.withdraw_request(request.id, by=town.anna.id)
        return c.propose(request_id=request.id, by=town.ben.id)

    yield "closed", closed

    def offer_closed() -> object:
        offer = c.offer_help(town.ben.id, "shopping", [town.place], town.window(), 1)
        c.withdraw_offer(offer.id, by=town.ben.id)
        return c.propose(offer_id=offer.id, by=town.anna.id)

    yield "offer closed", offer_closed

    def stranger() -> object:
        proposed = c.propose(request_id=town.request().id, by=town.ben.id)
        return c.accept(proposed.id, by=town.stranger.id)

    yield "permission", stranger

    def transition() -> object:
        proposed = c.propose(request_id=town.request().id, by=town.ben.id)
        c.accept(proposed.id, by=town.anna.id)
        return c.decline(proposed.id, by=town.anna.id)

    yield "transition", transition

    def withdrawn_twice() -> object:
        request = town.request()
        c.withdraw_request(request.id, by=town.anna.id)
        return c.withdraw_request(request.id, by=town.anna.id)

    yield "status change", withdrawn_twice
    yield "not found", lambda: c.exchange(uuid.uuid4())
    yield (
        "occurrence",
        lambda: c.propose(
            request_id=town.request().id,
            by=town.ben.id,
            scheduled=town.clock.now + timedelta(days=5),
        ),
    )
    yield "window", lambda: TimeWindow(town.clock.now, town.clock.now - timedelta(hours=1))
    yield "naive", lambda: TimeWindow(datetime(2025, 3, 18, 9), datetime(2025, 3, 18, 10))
    yield "hours", lambda: c.post_request(town.anna.id, "shopping", town.place, town.window(), 30)

    def too_early() -> object:
        proposed = c.propose(request_id=town.request().id, by=town.ben.id)
        c.accept(proposed.id, by=town.anna.id)
        return c.complete(proposed.id, by=town.ben.id)

    yield "not yet started", too_early

    def twice() -> object:
        window = town.window()
        first = c.propose(request_id=town.request(window=window).id, by=town.ben.id)
        c.accept(first.id, by=town.anna.id)
        second = c.propose(request_id=town.request(window=window).id, by=town.ben.id)
        return c.accept(second.id, by=town.anna.id)

    yield "double booked", twice
    year_one = datetime(1, 1, 5, 9, tzinfo=UTC)
    yield (
        "year one",
        lambda: town.request(window=TimeWindow(year_one, year_one + timedelta(hours=1))),
    )
    yield (
        "commitment",
        lambda: c.make_commitment(
            town.ben.id, 2, valid_from=date(2025, 3, 20), valid_until=date(2025, 3, 15)
        ),
    )

    def erased() -> object:
        c.erase_person(town.stranger.id, by=sorgende.OPERATOR)
        return c.propose(request_id=town.request().id, by=town.stranger.id)

    yield "erased", erased


def test_no_refusal_shows_an_id_a_code_or_an_iso_time(town: Town) -> None:
    codes = {c.code for c in town.c.categories()} | set(QualificationKind)
    codes |= {s.value for s in ExchangeState}
    seen: dict[str, type[SorgendeError]] = {}
    for name, attempt in _refusals(town):
        with pytest.raises(SorgendeError) as refused:
            attempt()
            pytest.fail(f"not refused: {name}")
        seen[name] = type(refused.value)
        for lang in ("de", "en"):
            text = refused.value.message(lang)
            assert not UUID.search(text), (name, text)
            assert not ISO.search(text), (name, text)
            assert not SNAKE.search(text), (name, text)
            words = set(re.findall(r"[\w-]+", text))
            if lang == "de":  # English labels may be English words, German ones are not
                assert not words & codes, (name, text, words & codes)
    assert seen["full"] is RequestFull and seen["permission"] is PermissionDenied
    assert seen["transition"] is IllegalTransition and seen["not found"] is NotFound


def test_an_illegal_step_names_the_exchange_by_its_category_and_time(town: Town) -> None:
    proposed = town.c.propose(request_id=town.request().id, by=town.ben.id)
    town.c.accept(proposed.id, by=town.anna.id)
    with pytest.raises(IllegalTransition) as refused:
        town.c.decline(proposed.id, by=town.anna.id)
    german = refused.value.message("de")
    # named from the records when the refusal left the use case (the domain knew the id)
    assert german.startswith("Der Einsatz „Einkaufen“ am Mittwoch, 12. März, 13:00 hat")
    assert "hat den Status „zugesagt“: „ablehnen“ ist von dort nicht möglich" in german
    assert "absagen, als erledigt melden oder als nicht zustande gekommen melden" in german
    assert refused.value.params["exchange_id"] == proposed.id


def test_an_id_never_looked_up_reads_as_plain_words() -> None:
    refused = IllegalTransition(uuid.uuid4(), "accepted", "decline", ["cancel"])
    assert refused.message("de") == (
        "Der Einsatz hat den Status „zugesagt“: „ablehnen“ ist von dort nicht möglich "
        "(möglich: absagen)"
    )
    denied = PermissionDenied(uuid.uuid4(), Message("policy.action.adjust_hours"), "nein")
    assert denied.message("de") == "Diese Person darf nicht Stunden umbuchen: nein"

    def broken(kind: str, key: object) -> object:
        raise RuntimeError("the storage is gone")

    assert refused.named(broken).message("en").startswith("The exchange has the status")


def test_a_person_named_twice_is_looked_up_once_and_named_twice(town: Town) -> None:
    looked_up: list[object] = []

    def find(kind: str, key: object) -> object:
        looked_up.append(key)
        return town.ben

    refused = PermissionDenied(
        town.ben.id,
        Message("policy.action.act_for", person=naming.person(town.ben.id)),
        "nein",
    ).named(find)
    assert refused.message("de") == "Ben Becker darf nicht für Ben Becker handeln: nein"
    assert looked_up == [town.ben.id]
