"""The flood of ``sorgende.sim`` on the crisis plugin, and the two dispatch strategies.

Triage (``crisis``) serves the tasks by urgency and start, and keeps a helper with a
pump for a task that needs one; first come, first served (``crisis_first_come``) serves
the tasks in the order they came in and sends the helpers in the order they registered.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest
import sorgende_crisis
from crisis_town import START, Town, form
from sorgende_crisis.kinds import HELPER, TASK

from sorgende import Settings
from sorgende.errors import InvalidValue
from sorgende.sim import CareModel, SimConfig
from sorgende.sim.config import FloodConfig, PopulationConfig

#: VG Daun at 10 %, a flood on days 1 to 3 (relief done by day 4), 3 % come forward
CONFIG = SimConfig(
    days=6,
    seed=3,
    scenario="flood",
    population=PopulationConfig(scale=0.1),
    load_entrypoints=False,
    flood=FloodConfig(start_day=1, days=3, spontaneous_share=0.03),
)


def flood(responder: str) -> tuple[CareModel, dict[str, Any]]:
    config = attrs.evolve(CONFIG, flood=attrs.evolve(CONFIG.flood, responder=responder))
    model = CareModel(config, plugins=[sorgende_crisis], settings=Settings(load_entrypoints=False))
    return model, dict(model.run().summary)


def test_the_flood_runs_on_the_plugin_and_triage_staffs_more_than_first_come() -> None:
    model, triage = flood("crisis")
    _, first = flood("crisis_first_come")
    # the same calls for relief and the same helpers (common random numbers)
    for key in ("crisis_tasks", "crisis_places", "crisis_pump_tasks", "crisis_helpers"):
        assert triage[key] == first[key], key
    assert triage["crisis_helpers"] > 20 and triage["crisis_places"] > triage["crisis_helpers"]
    # through the plugin's own records on the model's platform
    with model.platform.read(model.community.id) as uow:
        assert uow.of(HELPER).count() == triage["crisis_helpers"]
        assert uow.of(TASK).count() == triage["crisis_tasks"]
    assert triage["ledger_checked"] and first["ledger_checked"]
    # triage fills the day's tasks first; first come also sends helpers to tomorrow's
    # tasks posted earlier, who then stand idle while today's tasks wait (seed 3:
    # 168 against 139 places, 672 against 556 hours, 0 against 29 idle helper-days)
    assert triage["crisis_places_filled"] > first["crisis_places_filled"]
    assert triage["crisis_tasks_staffed"] > first["crisis_tasks_staffed"]
    assert triage["crisis_hours"] > first["crisis_hours"]
    assert triage["crisis_helper_days_idle"] < first["crisis_helper_days_idle"]
    # and it keeps the helpers with a pump for the flooded cellars
    assert triage["crisis_pump_tasks_staffed"] > first["crisis_pump_tasks_staffed"]
    # no task over its places in either
    assert triage["crisis_places_filled"] <= triage["crisis_places"]


def test_an_unknown_responder_is_named_with_those_there_are() -> None:
    with pytest.raises(InvalidValue) as refused:
        flood("crisis_by_lot")
    assert refused.value.params["field_name"] == "flood.responder"
    text = refused.value.message("en")
    assert "crisis_by_lot" in text and "crisis, crisis_first_come" in text
    assert "sorgende-crisis installieren" in refused.value.message("de")


def two_tasks(town: Town) -> tuple[Any, Any]:
    """Three helpers, the first with a pump; a task for two tomorrow posted first, then
    one for a pump today."""
    crisis = town.crisis
    for i, equipment in enumerate(("pumpe", "", "")):
        crisis.register(town.crisis_id, form(f"0171 234567{i}", equipment=equipment))
    later = crisis.add_task(
        town.crisis_id,
        by=town.staff,
        title="Möbel tragen",
        place_id=town.places[0],
        starts_at=START + timedelta(days=1),
        ends_at=START + timedelta(days=1, hours=4),
        capacity=2,
    )
    pumping = crisis.add_task(
        town.crisis_id,
        by=town.staff,
        title="Keller auspumpen",
        place_id=town.places[1],
        starts_at=START + timedelta(hours=2),
        ends_at=START + timedelta(hours=5),
        capacity=1,
        equipment="Pumpe",
    )
    return later, pumping


def test_first_come_sends_the_pump_to_carry_furniture(town: Town) -> None:
    later, pumping = two_tasks(town)
    crisis = town.crisis
    assert crisis.dispatch_all(town.crisis_id, by=town.staff, strategy="first_come") == 2
    assert crisis.task(later.id).dispatched == 2
    assert crisis.task(pumping.id).dispatched == 0
    with pytest.raises(InvalidValue) as refused:
        crisis.dispatch_all(town.crisis_id, by=town.staff, strategy="by lot")
    assert refused.value.params["field_name"] == "strategy"


def test_triage_keeps_the_pump_for_the_task_that_needs_it(town: Town) -> None:
    later, pumping = two_tasks(town)
    crisis = town.crisis
    assert crisis.dispatch_all(town.crisis_id, by=town.staff, batch_size=1) == 3
    assert crisis.task(pumping.id).dispatched == 1
    assert crisis.task(later.id).dispatched == 2
    (sent,) = crisis.dispatches(task_id=pumping.id)
    assert crisis.helper(sent.helper_id).equipment == ("pumpe",)
