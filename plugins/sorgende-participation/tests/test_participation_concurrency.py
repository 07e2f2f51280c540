"""Eight processes on PostgreSQL support one idea and answer one survey at the same
moment (a barrier releases them together).

Each worker opens its own platform on the same database. Round one: eight persons
support one idea: the count equals the eight distinct supporters. Round two: each of
four persons supports another idea from two processes at once: exactly one of each
pair succeeds, the other is told she supports it already, and the count is four. Round
three: the same with a survey's answer: four ballots, four responses, one refusal per
pair. A lost race on a support's or ballot's key is run again from its reads, so no
conflict or database error reaches a worker.
"""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import sorgende
from sorgende.testing.databases import postgresql_database, postgresql_server

SETTINGS = sorgende.Settings(load_entrypoints=False)
PROCESSES = 8


def open_platform(url: str) -> sorgende.Platform:
    import sorgende_participation

    return sorgende.open(url, plugins=[sorgende_participation], settings=SETTINGS)


def worker(url: str, community_id: uuid.UUID, jobs: Any, barrier: Any, results: Any) -> None:
    from sorgende_participation import Participation

    with open_platform(url) as platform:
        part = Participation(platform, community_id)
        while (job := jobs.get()) is not None:
            what, subject, person = job
            barrier.wait(timeout=60)
            try:
                if what == "support":
                    part.support(subject, by=person)
                else:
                    part.answer_survey(subject, [["Ja"]], by=person)
                results.put("ok")
            except sorgende.SorgendeError as refused:
                results.put(f"refused: {refused.message('en')}")
            except Exception as error:  # reported, so that the test says what escaped
                results.put(f"error: {error!r}")


def test_eight_processes_support_and_answer_at_once_on_postgresql() -> None:  # noqa: PLR0915
    server = postgresql_server()
    if server is None:
        pytest.skip("no PostgreSQL: set SORGENDE_TEST_POSTGRESQL_URL (bash .ci/run does)")
    from sorgende_participation import Participation, Question, QuestionKind
    from sorgende_participation.kinds import BALLOT, RESPONSE
    from sorgende_participation.testing import build_world

    with postgresql_database(server, "participation_race") as url:
        # the world first, in a platform closed again before the workers are forked:
        # they inherit no connection (forked, they start in a fraction of the time
        # spawned interpreters need to import everything again)
        with open_platform(url) as platform:
            world = build_world(platform, residents=PROCESSES + 1)
            part = Participation(platform, world.community_id)
            author, *people = world.mehren
            first = part.post_idea("Sitzbank am Maar", "", by=author.id)
            second = part.post_idea("Bücherschrank", "", by=author.id)
            now = datetime.now(UTC)
            survey = part.open_survey(
                "Dorfladen",
                [Question("Braucht Mehren einen Dorfladen?", QuestionKind.SINGLE, ("Ja", "Nein"))],
                opens_at=now - timedelta(minutes=1),
                closes_at=now + timedelta(days=1),
                by=world.staff.id,
            )
        ctx = multiprocessing.get_context("fork")
        barrier = ctx.Barrier(PROCESSES)
        results = ctx.Queue()
        queues = [ctx.Queue() for _ in range(PROCESSES)]
        workers = [
            ctx.Process(target=worker, args=(url, world.community_id, queues[i], barrier, results))
            for i in range(PROCESSES)
        ]
        for process in workers:
            process.start()
        platform = open_platform(url)
        part = Participation(platform, world.community_id)

        def race(what: str, subject: uuid.UUID, persons: list[uuid.UUID]) -> list[str]:
            for queue, person in zip(queues, persons, strict=True):
                queue.put((what, subject, person))
            outcome = [results.get(timeout=120) for _ in persons]
            assert not [o for o in outcome if o.startswith("error")], outcome
            return outcome

        try:
            distinct = [p.id for p in people[:PROCESSES]]
            assert race("support", first.id, distinct) == ["ok"] * PROCESSES
            assert part.supporters(first.id) == PROCESSES

            pairs = [p.id for p in people[:4] for _ in range(2)]
            outcome = race("support", second.id, pairs)
            assert outcome.count("ok") == 4, outcome
            assert all("supported already" in o for o in outcome if o != "ok")
            assert part.supporters(second.id) == 4

            outcome = race("answer", survey.id, pairs)
            assert outcome.count("ok") == 4, outcome
            assert all("answered already" in o for o in outcome if o != "ok")
            with platform.read(world.community_id) as uow:
                assert uow.of(BALLOT).count(where={"survey_id": survey.id}) == 4
                assert uow.of(RESPONSE).count(where={"survey_id": survey.id}) == 4
            # withdrawn and erased: the count follows the records
            part.withdraw_support(first.id, by=people[0].id)
            platform.community(world.community_id).erase_person(people[1].id, by=sorgende.OPERATOR)
            assert part.supporters(first.id) == PROCESSES - 1
        finally:
            for q in queues:
                q.put(None)
            for process in workers:
                process.join(timeout=60)
            platform.close()
        assert all(p.exitcode == 0 for p in workers)
