"""The plugin's record kinds keep the storage contract on memory, with few examples per
kind. On SQL the contract suite costs about 100 s for the nine kinds (a fresh database
per example), beyond the plugin's CI budget: the migration is exercised on PostgreSQL by
test_participation_concurrency.py and on SQLite by test_an_sqlite_file_keeps_everything
below."""

from __future__ import annotations

import sorgende_participation

from sorgende.default_plugins.memory_storage import MemoryStorage
from sorgende.testing.kinds import KindContract


class ParticipationKinds:
    plugins = (sorgende_participation,)
    max_examples = 3

    def kinds(self):
        return [k for k in super().kinds() if k.name.startswith("participation.")]  # type: ignore[misc]


class TestParticipationKindsOnMemory(ParticipationKinds, KindContract):
    def make_storage(self, registry):
        return MemoryStorage(registry=registry)


def test_an_sqlite_file_keeps_everything(tmp_path) -> None:
    from datetime import timedelta

    from sorgende_participation import Participation, Question, QuestionKind
    from sorgende_participation.testing import build_world

    import sorgende

    url = f"sqlite:///{tmp_path / 'daun.db'}"
    settings = sorgende.Settings(load_entrypoints=False)
    with sorgende.open(url, plugins=[sorgende_participation], settings=settings) as platform:
        world = build_world(platform)
        part = Participation(platform, world.community_id)
        idea = part.post_idea("Sitzbank", "am Maar", by=world.mehren[0].id)
        part.support(idea.id, by=world.mehren[1].id)
        part.comment(idea.id, "Gern", by=world.mehren[2].id)
        now = platform.clock()
        survey = part.open_survey(
            "Laden",
            [Question("Ja?", QuestionKind.SINGLE, ("Ja", "Nein"))],
            opens_at=now - timedelta(minutes=1),
            closes_at=now + timedelta(days=1),
            by=world.staff.id,
        )
        part.answer_survey(survey.id, [["Ja"]], by=world.mehren[1].id)
        community_id = world.community_id
    with sorgende.open(url, plugins=[sorgende_participation], settings=settings) as platform:
        part = Participation(platform, community_id)
        assert part.supporters(idea.id) == 1
        assert [c.text for c in part.comments(idea.id, by=sorgende.OPERATOR)] == ["Gern"]
        assert part.answered(survey.id, world.mehren[1].id)
        assert part.ideas(place_id=None)[0].title == "Sitzbank"
