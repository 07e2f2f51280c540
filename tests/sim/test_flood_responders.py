"""The flood's responder (``flood.responder``, hook ``sorgende_sim_responders``): a
plugin organises the spontaneous helpers and the flood relief instead of the platform's
requests and exchanges; without one the flood runs as before."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs
import pytest

from sorgende import Settings
from sorgende.errors import InvalidValue
from sorgende.hookspecs import hookimpl
from sorgende.sim.config import FloodConfig, PopulationConfig, SimConfig
from sorgende.sim.model import CareModel
from sorgende.sim.scenarios.flood import FLOOD_RELIEF, Responder

CONFIG = SimConfig(
    days=8,
    scenario="flood",
    population=PopulationConfig(scale=0.025),
    load_entrypoints=False,
    flood=FloodConfig(start_day=2, days=3, spontaneous_share=0.05),
)


class Tally:
    """A responder that only counts what the flood hands it."""

    name = "tally"
    titles: Mapping[str, str] = {"de": "Strichliste", "en": "tally"}

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.places: list[int] = []
        self.days: list[int] = []
        self.needs: list[tuple[int, int, datetime]] = []

    def start(self, model: Any, places: Sequence[int]) -> None:
        self.calls["start"] += 1
        self.places = list(places)

    def volunteer(self, model: Any, resident: Any, until_day: int) -> None:
        self.calls["volunteer"] += 1
        assert until_day == 2 + 3 + 3

    def need(self, model: Any, resident: Any, need: Any, start: datetime) -> None:
        self.needs.append((resident.unique_id, need.helpers, start))

    def day(self, model: Any) -> None:
        self.days.append(model.day)

    def stop(self, model: Any) -> None:
        self.calls["stop"] += 1
        assert model.day == 5

    def summary(self, model: Any) -> Mapping[str, Any]:
        return {"tally_needs": len(self.needs)}


class TallyPlugin:
    def __init__(self, responder: Tally) -> None:
        self.responder = responder

    @hookimpl
    def sorgende_sim_responders(self) -> list[Any]:
        return [self.responder]


def run(responder: str, plugins: Sequence[object] = ()) -> CareModel:
    config = attrs.evolve(CONFIG, flood=attrs.evolve(CONFIG.flood, responder=responder))
    model = CareModel(config, plugins=plugins, settings=Settings(load_entrypoints=False))
    model.run()
    return model


def spontaneous(model: CareModel) -> int:
    """The most spontaneous helpers on the platform on one day."""
    rows = model.datacollector.rows
    return max(r["spontaneous_helpers"] for r in rows if r["level"] == "community")


def test_a_responder_gets_the_helpers_and_the_relief_the_platform_got_before() -> None:
    tally = Tally()
    assert isinstance(tally, Responder)
    handed = run("tally", [TallyPlugin(tally)])
    before = run("")
    flood_places = [p.name for p in handed.places]
    assert [flood_places[i] for i in tally.places] == list(CONFIG.flood.places)
    assert tally.calls["start"] == 1 and tally.calls["stop"] == 1
    assert tally.days == [2, 3, 4, 5]  # the crisis days and the day after (relief for tomorrow)
    # the same draws as without a responder: what went to the platform now goes to it
    relief = [r for r in before.service.requests() if r.category == FLOOD_RELIEF.code]
    assert len(tally.needs) == len(relief) > 0
    assert sorted(n[1] for n in tally.needs) == sorted(r.helpers_needed for r in relief)
    assert tally.calls["volunteer"] == spontaneous(before) > 0
    # nothing of the flood on the platform
    assert not [r for r in handed.service.requests() if r.category == FLOOD_RELIEF.code]
    assert spontaneous(handed) == 0
    assert handed.result().summary["tally_needs"] == len(relief)


def test_a_responder_no_plugin_gives_is_refused_by_name() -> None:
    with pytest.raises(InvalidValue) as refused:
        run("crisis")
    assert refused.value.params["field_name"] == "flood.responder"
    assert "crisis" in refused.value.message("en")
    assert "install sorgende-crisis" in refused.value.message("en")
    assert "kein Plugin gibt die Koordination crisis" in refused.value.message("de")
