"""The web hooks: plugins add routes, menu entries, templates, UI pieces and a theme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from litestar import get
from litestar.response import Template
from litestar.testing import TestClient
from sorgende_web import create_app
from sorgende_web.testing import World, sign_in

from sorgende.errors import InvalidValue, PluginError, SorgendeError
from sorgende.hookspecs import hookimpl
from sorgende.ui import MenuItem, Theme, UIExtension


@get("/plugin/secret", sync_to_thread=False)
def secret() -> str:
    return "for members"


@get("/plugin/coordination", sync_to_thread=False, opt={"role": "coordinator"})
def coordination() -> str:
    return "for coordinators"


@get("/plugin/hello", sync_to_thread=False, opt={"public": True})
def hello() -> Template:
    return Template("plugin_hello.html")


class Plugin:
    def __init__(self, templates: Path) -> None:
        self.templates = templates

    @hookimpl
    def sorgende_web_routes(self) -> list[Any]:
        return [secret, coordination, hello]

    @hookimpl
    def sorgende_web_menu(self) -> list[MenuItem]:
        return [
            MenuItem({"de": "Für alle", "en": "For all"}, "/plugin/hello", order=5),
            MenuItem(
                {"de": "Nur Koordination", "en": "Coordination only"},
                "/plugin/coordination",
                role="coordinator",
            ),
        ]

    @hookimpl
    def sorgende_ui_extensions(self) -> list[UIExtension]:
        return [
            UIExtension("footer", "<p id='plugin-footer'>Ehrenamtsbüro</p>", order=1),
            UIExtension("dashboard", "plugin_tile.html", template=True),
        ]

    @hookimpl
    def sorgende_web_template_dirs(self) -> list[str]:
        return [str(self.templates)]


@pytest.fixture
def plugged(world: World, tmp_path: Path) -> TestClient[Any]:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plugin_hello.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1 id="hello">{{ _("Board") }}</h1>'
        "{% endblock %}"
    )
    (templates / "plugin_tile.html").write_text('<p id="tile">{{ web().lang }}</p>')
    world.platform.plugins.register(Plugin(templates))
    return TestClient(create_app(world.platform))


def test_plugin_routes_deny_by_default(plugged: TestClient[Any]) -> None:
    assert plugged.get("/plugin/secret", follow_redirects=False).status_code == 303
    assert plugged.get("/plugin/hello").status_code == 200
    sign_in(plugged, "anna")
    assert plugged.get("/plugin/secret").text == "for members"
    assert plugged.get("/plugin/coordination").status_code == 403


def test_plugin_route_for_coordinators(plugged: TestClient[Any]) -> None:
    sign_in(plugged, "petra")
    assert plugged.get("/plugin/coordination").text == "for coordinators"


def test_plugin_template_uses_the_layout(plugged: TestClient[Any]) -> None:
    page = plugged.get("/plugin/hello")
    assert '<h1 id="hello">Schwarzes Brett</h1>' in page.text
    assert 'class="skip-link"' in page.text


def test_menu_entries_by_role(plugged: TestClient[Any]) -> None:
    sign_in(plugged, "anna")
    board = plugged.get("/board").text
    assert ">Für alle</a>" in board and "Nur Koordination" not in board
    # order 5 puts it before the platform's first entry
    assert board.index(">Für alle</a>") < board.index(">Schwarzes Brett</a>")
    plugged.cookies.clear()
    sign_in(plugged, "petra")
    assert ">Nur Koordination</a>" in plugged.get("/board").text


def test_ui_extensions_in_their_slots(plugged: TestClient[Any]) -> None:
    assert "<p id='plugin-footer'>Ehrenamtsbüro</p>" in plugged.get("/login").text
    sign_in(plugged, "petra")
    assert '<p id="tile">de</p>' in plugged.get("/dashboard").text


def test_default_theme(client: TestClient[Any]) -> None:
    assert '<span class="brand-name">sorgende</span>' in client.get("/login").text
    assert client.get("/theme/logo").status_code == 404
    assert client.get("/theme.css").text.strip() == ":root {\n\n}"


def test_theme_accepts_only_colours() -> None:
    with pytest.raises(InvalidValue):
        Theme("X", colours={"primary": "red; background: url(//evil)"})
    with pytest.raises(InvalidValue):
        Theme("X", colours={"font": "#000000"})
    assert Theme("X", colours={"primary": "#abc"}).colours == {"primary": "#abc"}


@pytest.mark.parametrize(
    "href", ["//evil.example/", "https://evil.example/", "javascript:x", "rathaus"]
)
def test_menu_links_stay_on_the_site(href: str) -> None:
    with pytest.raises(InvalidValue):
        MenuItem({"de": "x"}, href)
    with pytest.raises(InvalidValue):
        MenuItem({"de": "x"}, "/x", role="king")


def test_a_failing_plugin_stops_the_start(world: World) -> None:
    class Broken:
        @hookimpl
        def sorgende_web_menu(self) -> list[MenuItem]:
            raise RuntimeError("boom")

    world.platform.plugins.register(Broken())
    with pytest.raises(PluginError):
        create_app(world.platform)


def test_unknown_slot_stops_the_start(world: World) -> None:
    class Odd:
        @hookimpl
        def sorgende_ui_extensions(self) -> list[UIExtension]:
            return [UIExtension("sidebar", "<p>x</p>")]

    world.platform.plugins.register(Odd())
    with pytest.raises(SorgendeError):
        create_app(world.platform)


def test_theme_of_the_last_plugin_wins(world: World) -> None:
    class First:
        @hookimpl
        def sorgende_web_theme(self) -> Theme:
            return Theme("Erste")

    class Second:
        @hookimpl
        def sorgende_web_theme(self) -> Theme | None:
            return Theme("Zweite")

    world.platform.plugins.register(First())
    world.platform.plugins.register(Second())
    with TestClient(create_app(world.platform)) as client:
        assert "Zweite" in client.get("/login").text


def test_the_theme_is_a_first_result_hook(world: World) -> None:
    from sorgende_web import hookspecs
    from sorgende_web.hooks import WebHooks

    assert world.platform.plugins.hook.sorgende_web_theme.spec.opts["firstresult"] is True
    asked: list[str] = []

    class Earlier:
        @hookimpl
        def sorgende_web_theme(self) -> Theme:
            asked.append("earlier")
            return Theme("Früher")

    class Later:
        @hookimpl
        def sorgende_web_theme(self) -> Theme:
            asked.append("later")
            return Theme("Später")

    class Undecided:
        @hookimpl
        def sorgende_web_theme(self) -> None:
            asked.append("undecided")

    plugins = world.platform.plugins
    plugins.register(Earlier(), name="earlier")
    plugins.register(Later(), name="later")
    plugins.register(Undecided(), name="undecided")
    hooks = WebHooks(plugins)
    assert hooks.web_theme() == ("later", Theme("Später"))
    assert asked == ["undecided", "later"]  # the earlier plugin is not asked
    assert plugins.hook.sorgende_web_theme() == Theme("Später")  # pluggy agrees
    assert WebHooks.unmatched() == []
    assert hookspecs.sorgende_web_theme.__name__ in plugins.specified_hooks()


def test_web_hooks_are_known_only_with_the_web_plugin(tmp_path: Path) -> None:
    import sorgende
    from sorgende.errors import UnknownHook

    class Menu:
        @hookimpl
        def sorgende_web_menu(self) -> list[MenuItem]:
            return []

    with pytest.raises(UnknownHook, match="sorgende_web_menu"):
        sorgende.open("memory://", plugins=[Menu()], load_entrypoints=False)
    import sorgende_web

    platform = sorgende.open("memory://", plugins=[Menu(), sorgende_web], load_entrypoints=False)
    assert "sorgende_web_menu" in platform.plugins.specified_hooks()
