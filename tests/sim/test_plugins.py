"""Behaviours and scenarios come from plugins, through the hooks, resolved once per run."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import attrs
import pytest

import sorgende
from sorgende import Settings
from sorgende.sim.agents import Resident, SimRequest
from sorgende.sim.api import Need, ScenarioBase
from sorgende.sim.behaviours import DefaultHelping
from sorgende.sim.config import BehaviourChoice
from sorgende.sim.errors import InvalidPlugin, UnknownBehaviour, UnknownScenario
from sorgende.sim.model import CareModel
from tests.sim.conftest import SETTINGS, SMALL, simulate


@attrs.define
class NearbyOnly:
    """Helpers answer only requests in their own village (and count how often asked)."""

    kind: str = "helping"
    name: str = "nearby_only"
    asked: int = 0

    def viewers(self, model: Any, request: SimRequest, rng: random.Random) -> Sequence[Resident]:
        return [
            h for h in model.eligible(request.category, request.place) if h.place == request.place
        ]

    def accepts(
        self, model: Any, helper: Resident, request: SimRequest, rng: random.Random
    ) -> bool:
        self.asked += 1
        return True


@attrs.frozen
class OnlyShopping:
    """Everyone who asks asks for shopping, tomorrow at ten."""

    kind: str = "needs"
    name: str = "default"  # replaces the built-in behaviour of the same name

    def daily_rate(self, model: Any, resident: Resident) -> float:
        return 0.02 if resident.group != "none" else 0.0

    def season(self, model: Any, day: object) -> float:
        return 1.0

    def need(self, model: Any, resident: Resident, rng: random.Random) -> Need | None:
        return Need("shopping", 1.0, lead_days=1, hour=10)


class BehaviourPlugin:
    def __init__(self) -> None:
        self.nearby = NearbyOnly()
        self.calls = 0

    @sorgende.hookimpl
    def sorgende_sim_behaviours(self) -> list[object]:
        self.calls += 1
        return [self.nearby, OnlyShopping()]


def test_a_behaviour_from_a_plugin_is_used() -> None:
    plugin = BehaviourPlugin()
    config = attrs.evolve(SMALL, behaviours=BehaviourChoice(helping="nearby_only"))
    model = CareModel(config, plugins=[plugin], settings=SETTINGS)
    result = model.run()
    assert plugin.calls == 1  # asked once, when the run was set up
    # each yes became an exchange on the platform, and all of them were confirmed,
    # cancelled, did not take place, or are still to come
    exchanges = model.service.exchanges()
    assert plugin.nearby.asked == len(exchanges) > 0
    assert result.summary["exchanges_confirmed"] + model.cancelled + model.no_shows <= len(
        exchanges
    )
    # the plugin's needs replaced the built-in default of the same name
    assert {r.category for r in model.service.requests()} == {"shopping"}
    # every exchange happened within one village
    for exchange in model.service.exchanges():
        helper = model.resident_of(exchange.helper_id)
        assert helper is not None and model.place_ids[helper.place] == exchange.place_id


class Heatwave(ScenarioBase):
    """A scenario of a plugin: everyone asks three times as often in the second week."""

    name: ClassVar[str] = "heatwave"
    titles: ClassVar[Mapping[str, str]] = {"de": "Hitzewelle", "en": "Heatwave"}

    def before_day(self, model: Any) -> None:
        factor = model.config.extra["heatwave"]["factor"]
        if model.day == 7:
            model.need_multiplier = [m * factor for m in model.need_multiplier]
        if model.day == 14:
            model.need_multiplier = [m / factor for m in model.need_multiplier]


class HeatwavePlugin:
    @sorgende.hookimpl
    def sorgende_sim_scenarios(self) -> list[object]:
        return [Heatwave()]


def test_a_scenario_from_a_plugin_runs_with_its_own_parameters() -> None:
    config = attrs.evolve(SMALL, days=21, extra={"heatwave": {"factor": 3.0}})
    hot = simulate(config, scenario="heatwave", plugins=[HeatwavePlugin()]).steps
    base = simulate(config).steps

    def posted(rows: list[dict[str, Any]], days: range) -> int:
        return sum(
            r["requests_posted"] for r in rows if r["level"] == "community" and r["day"] in days
        )

    assert posted(hot, range(7)) == posted(base, range(7))
    assert posted(hot, range(7, 14)) > 2 * posted(base, range(7, 14))


def test_unknown_names_are_refused_with_the_known_ones() -> None:
    with pytest.raises(UnknownScenario, match="coordinator") as caught:
        CareModel(attrs.evolve(SMALL, scenario="tsunami"), settings=SETTINGS)
    assert "tsunami" in caught.value.message("de")
    with pytest.raises(UnknownBehaviour, match="'lazy'"):
        CareModel(
            attrs.evolve(SMALL, behaviours=BehaviourChoice(helping="lazy")), settings=SETTINGS
        )


def test_a_disabled_scenario_is_not_there() -> None:
    settings = Settings(load_entrypoints=False, disabled_plugins=("flood",))
    with pytest.raises(UnknownScenario):
        CareModel(attrs.evolve(SMALL, scenario="flood"), settings=settings)
    # the others still are
    CareModel(attrs.evolve(SMALL, scenario="coordinator", days=1), settings=settings).run()


def test_something_that_is_no_behaviour_is_refused() -> None:
    class Broken:
        @sorgende.hookimpl
        def sorgende_sim_behaviours(self) -> list[object]:
            return [DefaultHelping(), object()]

    with pytest.raises(InvalidPlugin, match="has no kind"):
        CareModel(SMALL, plugins=[Broken()], settings=SETTINGS)

    @attrs.frozen
    class Incomplete:
        kind: str = "helping"
        name: str = "incomplete"

        def viewers(self, model: Any, request: Any, rng: Any) -> list[Any]:
            return []

    class Half:
        @sorgende.hookimpl
        def sorgende_sim_behaviours(self) -> list[object]:
            return [Incomplete()]

    with pytest.raises(InvalidPlugin, match="lacks accepts"):
        CareModel(SMALL, plugins=[Half()], settings=SETTINGS)


def test_a_veto_of_the_platform_applies_in_the_simulation() -> None:
    """The policy tested is the policy deployed: a plugin's veto refuses simulated acts too."""

    class NoRides:
        @sorgende.hookimpl
        def sorgende_veto(self, action: str, subject: Any) -> str | None:
            if action == "propose" and getattr(subject, "category", None) == "rides":
                return "rides are not insured"
            return None

    model = CareModel(SMALL, plugins=[NoRides()], settings=SETTINGS)
    result = model.run()
    assert model.refusals > 0
    assert not [e for e in model.service.exchanges() if e.category == "rides"]
    rides = [r for r in model.service.requests() if r.category == "rides"]
    assert rides and all(r.status.value in ("expired", "open") for r in rides)
    assert result.summary["refusals"] == model.refusals


def test_a_refused_confirmation_leaves_the_need_open() -> None:
    """A plugin may refuse confirmations (an overdraft rule, say): the run goes on."""

    class NoGardenHours:
        @sorgende.hookimpl
        def sorgende_veto(self, action: str, subject: Any) -> str | None:
            if action == "confirm" and getattr(subject, "category", None) == "garden":
                return "garden help is not counted"
            return None

    config = attrs.evolve(SMALL, days=60, start=SMALL.start.replace(month=4, day=6))
    model = CareModel(config, plugins=[NoGardenHours()], settings=SETTINGS)
    result = model.run()
    garden = [e for e in model.service.exchanges() if e.category == "garden"]
    assert garden and model.refusals >= len([e for e in garden if e.state.value == "completed"])
    assert not [e for e in garden if e.state.value == "confirmed"]
    assert {e.state.value for e in garden} <= {"completed", "cancelled", "no_show", "accepted"}
    assert result.summary["ledger_checked"] is True
    assert result.summary["requests_pending"] >= sum(e.state.value == "completed" for e in garden)
