"""``sorgende.PluginCases``: a plugin's facade runs its use cases as the core runs its own."""

from __future__ import annotations

import contextlib
import io
import re
import uuid
from pathlib import Path

import pytest

import sorgende
from sorgende import ActorKind, Place
from sorgende.errors import ConflictError
from sorgende.services.base import Work

PLUGINS_DOC = Path(__file__).parent.parent / "docs" / "plugins.md"


def _section() -> str:
    text = PLUGINS_DOC.read_text(encoding="utf-8")
    return text.split("## A facade of use cases: `sorgende.PluginCases`\n", 1)[1].split("\n## ", 1)[
        0
    ]


def test_the_example_of_plugins_md_runs_and_prints_what_it_says() -> None:
    code, printed = re.findall(r"^```(?:python|text)\n(.*?)^```$", _section(), re.M | re.S)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/plugins.md (PluginCases)", "exec"), {"__name__": "__doc__"})
    assert out.getvalue() == printed


class _Counting(sorgende.PluginCases):
    contended_attempts = 7

    def __init__(self, platform: sorgende.Platform, community_id: uuid.UUID, losses: int) -> None:
        super().__init__(platform, community_id)
        self.losses = losses
        self.runs = 0

    def add(self, name: str, *, contended: bool = False) -> Place:
        def run(w: Work) -> Place:
            self.runs += 1
            if self.runs <= self.losses:
                # a race lost to another writer: nothing of this run may stay
                w.uow.places.add(Place(self.community_id, f"{name} (lost)"))
                raise ConflictError(kind="place", id=uuid.uuid4(), expected=1)
            place = Place(self.community_id, name)
            w.uow.places.add(place)
            return place

        return self._write(run, contended=contended)


@pytest.fixture
def platform() -> sorgende.Platform:
    settings = sorgende.Settings(conflict_attempts=3)
    return sorgende.open("memory://", settings=settings, load_entrypoints=False)


def test_a_lost_race_runs_again_and_writes_only_the_last_run(platform: sorgende.Platform) -> None:
    daun = platform.create_community("Daun")
    cases = _Counting(platform, daun.community_id, losses=2)
    cases.add("Gerolstein")
    assert cases.runs == 3
    assert sorted(p.name for p in daun.places()) == ["Gerolstein"]


def test_the_platform_s_attempts_bound_an_ordinary_use_case(platform: sorgende.Platform) -> None:
    daun = platform.create_community("Daun")
    cases = _Counting(platform, daun.community_id, losses=5)
    with pytest.raises(ConflictError):
        cases.add("Gerolstein")
    assert cases.runs == 3
    assert daun.places() == []


def test_a_contended_use_case_runs_up_to_the_facade_s_attempts(platform: sorgende.Platform) -> None:
    daun = platform.create_community("Daun")
    cases = _Counting(platform, daun.community_id, losses=6)
    cases.add("Gerolstein", contended=True)
    assert cases.runs == 7
    assert [p.name for p in daun.places()] == ["Gerolstein"]
    beyond = _Counting(platform, daun.community_id, losses=7)
    with pytest.raises(ConflictError):
        beyond.add("Hillesheim", contended=True)
    assert beyond.runs == 7


def test_reads_and_the_acting_person_come_from_the_platform(platform: sorgende.Platform) -> None:
    daun = platform.create_community("Daun")
    anna = daun.register_actor(ActorKind.PERSON, "Anna")
    cases = sorgende.PluginCases(platform, daun.community_id)
    assert cases._read(lambda uow: uow.actors.get(anna.id).name) == "Anna"
    assert cases._read(lambda uow: cases._acting(uow, anna.id).id) == anna.id
    with pytest.raises(sorgende.NotFound):
        cases._read(lambda uow: cases._acting(uow, uuid.uuid4()))
