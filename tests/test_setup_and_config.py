"""Setting up a community (places, categories, roles) and reading settings."""

from __future__ import annotations

from pathlib import Path

import pytest

import sorgende
from sorgende import OPERATOR, ActorKind, Category, CommunityRole, PlaceKind, Role, SolidarityPolicy
from sorgende.config import Settings, load_settings
from sorgende.errors import ConfigError, ConflictError, InvalidValue, NotFound, PermissionDenied
from tests.conftest import World


def test_add_place_checks_its_input(world: World) -> None:
    for bad in ({"lat": 91.0}, {"lon": -181.0}, {"population": -1}):
        with pytest.raises(InvalidValue):
            world.c.add_place("Nirgendwo", **bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="name"):
        world.c.add_place(" ")
    with pytest.raises(PermissionDenied):
        world.c.add_place("Gillenfeld", by=world.ben.id)
    gillenfeld = world.c.add_place("Gillenfeld", PlaceKind.VILLAGE, by=world.carla.id)
    assert gillenfeld in world.c.places()
    km = world.daun.distance_km(world.mehren)
    assert km is not None and 3 < km < 5  # Daun to Mehren, as the crow flies


def test_a_community_adds_its_own_category(world: World) -> None:
    firewood = Category("firewood", {"de": "Brennholz", "en": "Firewood"})
    world.c.add_category(firewood, by=world.carla.id)
    assert world.c.post_request(world.anna.id, "firewood", world.daun.id, world.window(), 2)
    with pytest.raises(ConflictError):
        world.c.add_category(firewood)
    with pytest.raises(PermissionDenied):
        world.c.add_category(Category("x", {"de": "X"}), by=world.ben.id)
    assert world.c.categories()[0].name("de")  # names in German by default


def test_memberships_and_who_coordinates(world: World) -> None:
    assert world.c.is_coordinator(world.carla.id)
    assert not world.c.is_coordinator(world.ben.id)
    with pytest.raises(PermissionDenied):
        world.c.add_membership(world.ben.id, world.verein.id, Role.COORDINATOR, by=world.dora.id)
    with pytest.raises(InvalidValue):
        world.c.add_membership(world.verein.id, world.ben.id)
    # municipal staff coordinate the community once the community grants the role to
    # the administration ("Hauptamt stärkt Ehrenamt"), not by their employer's kind
    town_hall = world.c.register_actor(
        ActorKind.MUNICIPALITY, "Verbandsgemeindeverwaltung Daun", by=OPERATOR
    )
    world.c.add_membership(world.dora.id, town_hall.id, Role.STAFF, by=world.carla.id)
    assert not world.c.is_coordinator(world.dora.id)
    world.c.grant_role(town_hall.id, CommunityRole.COORDINATOR, by=OPERATOR)
    assert world.c.is_coordinator(world.dora.id)
    # the staff of the backbone association hold its role too; a plain member does not
    world.c.add_membership(world.ben.id, world.verein.id, Role.STAFF, by=world.carla.id)
    assert world.c.is_coordinator(world.ben.id)
    world.c.add_membership(world.ben.id, world.verein.id, Role.MEMBER, by=world.carla.id)
    assert not world.c.is_coordinator(world.ben.id)
    # a sports club's coordinator coordinates the club's work only
    club = world.c.register_actor(ActorKind.ASSOCIATION, "SV Daun", by=OPERATOR)
    world.c.add_membership(world.stranger.id, club.id, Role.COORDINATOR)
    assert not world.c.is_coordinator(world.stranger.id)


def test_platform_lists_and_finds_communities(platform: sorgende.Platform, world: World) -> None:
    gerolstein = platform.create_community("VG Gerolstein", solidarity_policy=SolidarityPolicy.ALL)
    assert [c.name for c in platform.communities()] == ["VG Gerolstein", "Verbandsgemeinde Daun"]
    assert platform.find_community("VG Gerolstein").community_id == gerolstein.community_id
    assert gerolstein.info().solidarity_policy is SolidarityPolicy.ALL
    with pytest.raises(NotFound):
        platform.find_community("Atlantis")
    with pytest.raises(NotFound):
        platform.community(world.anna.id)


def test_settings_file_then_environment_then_arguments(tmp_path: Path) -> None:
    config = tmp_path / "sorgende.toml"
    config.write_text(
        '[sorgende]\nstorage = "memory://file"\nlanguage = "en"\ndisabled_plugins = ["matching"]\n'
    )
    settings = load_settings(config, environ={})
    assert settings == Settings("memory://file", ("matching",), "en", True)
    env = {"SORGENDE_STORAGE": "memory://env", "SORGENDE_DISABLE_PLUGINS": "a, b"}
    settings = load_settings(config, environ=env)
    assert (settings.storage, settings.disabled_plugins) == ("memory://env", ("a", "b"))
    assert load_settings(config, environ=env, storage="memory://arg").storage == "memory://arg"


def test_settings_without_a_file_are_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}) == Settings()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[sorgende\n", "not valid TOML"),
        ('[sorgende]\nlanguage = "fr"\n', "language 'fr'"),
        ("[sorgende]\nstorage = 5\n", "$.storage"),
        ('[sorgende]\nstorrage = "memory://"\n', "storrage"),
        ('sorgende = "x"\n', "must be a table"),
    ],
)
def test_bad_settings_name_the_file_and_the_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    config = tmp_path / "sorgende.toml"
    config.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(config, environ={})
    assert str(config) in str(info.value) and problem in str(info.value)
    assert "Konfiguration" in info.value.message("de")


def test_open_uses_the_settings() -> None:
    settings = Settings(disabled_plugins=("categories",), load_entrypoints=False)
    with sorgende.open(settings=settings) as platform:
        assert platform.create_community("Daun").categories() == []


def test_plugin_settings_come_from_their_table_then_the_environment(tmp_path: Path) -> None:
    file = tmp_path / "sorgende.toml"
    file.write_text(
        '[sorgende]\nstorage = "memory://"\n\n'
        '[plugins.email]\nhost = "mail.example.org"\nport = 587\n',
        encoding="utf-8",
    )
    settings = load_settings(file, environ={"SORGENDE_EMAIL_PORT": "2525", "OTHER": "x"})
    assert settings.plugin("email") == {"host": "mail.example.org", "port": "2525"}
    assert settings.plugin("webhooks") == {}
    platform = sorgende.open(settings=settings, load_entrypoints=False)
    assert platform.settings.plugin("email")["host"] == "mail.example.org"


def test_a_plugin_section_that_is_no_table_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "sorgende.toml"
    file.write_text('[plugins]\nemail = "smtp://"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[plugins.email\]"):
        load_settings(file, environ={})
