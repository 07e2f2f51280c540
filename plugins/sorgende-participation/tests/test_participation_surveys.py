"""Surveys: the audience (a place, an age group), one answer per person, results with
no cell under the threshold published, the CSV export, forums as events of the
projects plugin, notifications."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sorgende_participation import Participation, Question, QuestionKind
from sorgende_participation.results import suppressed
from sorgende_participation.testing import Clock, World, build_world

import sorgende
from sorgende.errors import InvalidValue, PermissionDenied, SorgendeError

QUESTIONS = (
    Question("Wo soll der Spielplatz hin?", QuestionKind.SINGLE, ("Am Maar", "Am Dorfplatz")),
    Question("Was fehlt?", QuestionKind.MULTIPLE, ("Schaukel", "Rutsche", "Bank")),
    Question("Wie wichtig ist er?", QuestionKind.SCALE),
    Question("Was noch?", QuestionKind.TEXT),
)


def open_for_mehren(part: Participation, world: World, clock: Clock, **audience: object):
    return part.open_survey(
        "Spielplatz Mehren",
        QUESTIONS,
        opens_at=clock.now,
        closes_at=clock.now + timedelta(days=14),
        place_id=world.places["Mehren"].id,
        by=world.staff.id,
        **audience,  # type: ignore[arg-type]
    )


def test_someone_outside_the_audience_is_refused_clearly(
    part: Participation, world: World, clock: Clock
) -> None:
    survey = open_for_mehren(part, world, clock)
    with pytest.raises(PermissionDenied) as refused:
        part.answer_survey(survey.id, [["Am Maar"], [], ["3"], ""], by=world.daun[0].id)
    assert refused.value.message("de") == (
        "Karl Daun darf nicht an der Umfrage „Spielplatz Mehren“ teilnehmen: die Umfrage "
        "richtet sich an die Einwohnerinnen und Einwohner von „Mehren“"
    )
    assert "for the residents of “Mehren”" in refused.value.message("en")
    youth = part.open_survey(
        "Jugendforum",
        QUESTIONS[:1],
        opens_at=clock.now,
        closes_at=clock.now + timedelta(days=3),
        min_age=14,
        max_age=17,
        by=world.staff.id,
    )
    with pytest.raises(PermissionDenied) as adult:
        part.answer_survey(youth.id, [["Am Maar"]], by=world.mehren[0].id)
    assert "14 bis 17 Jahren" in adult.value.message("de")
    part.record_consent(world.young.id, "Petra Jung", by=world.staff.id)
    part.answer_survey(youth.id, [["Am Maar"]], by=world.young.id)
    assert part.answered(youth.id, world.young.id)


def test_nobody_answers_twice_and_the_survey_closes(
    part: Participation, world: World, clock: Clock
) -> None:
    survey = open_for_mehren(part, world, clock)
    me = world.mehren[0].id
    part.answer_survey(survey.id, [["Am Maar"], ["Bank"], ["4"], "Mehr Schatten"], by=me)
    with pytest.raises(SorgendeError) as twice:
        part.answer_survey(survey.id, [["Am Dorfplatz"], [], ["1"], ""], by=me)
    assert "schon beantwortet" in twice.value.message("de")
    assert part.may_answer(survey.id, by=me) is not None
    with pytest.raises(InvalidValue) as bad:
        part.answer_survey(survey.id, [["Mond"], [], [], ""], by=world.mehren[1].id)
    assert bad.value.params["field_name"] == "answers[1]"
    with pytest.raises(InvalidValue):
        part.answer_survey(
            survey.id, [["Am Maar", "Am Dorfplatz"], [], [], ""], by=world.mehren[1].id
        )
    clock.advance(days=15)
    with pytest.raises(SorgendeError) as closed:
        part.answer_survey(survey.id, [["Am Maar"], [], [], ""], by=world.mehren[1].id)
    assert "beendet" in closed.value.message("de")
    assert part.results(survey.id).respondents is None  # one answer: under the threshold


def test_no_cell_under_the_threshold_is_published(clock: Clock) -> None:
    import sorgende_participation
    import sorgende_projects

    with sorgende.open(
        "memory://",
        plugins=[sorgende_projects, sorgende_participation],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as platform:
        world = build_world(platform, residents=14)
        part = Participation(platform, world.community_id)
        survey = open_for_mehren(part, world, clock)
        # 9 at the Maar, 3 at the village square (a small cell), 2 do not say
        for i, p in enumerate(world.mehren[:14]):
            where = ["Am Maar"] if i < 9 else ["Am Dorfplatz"] if i < 12 else []
            what = ["Schaukel", "Bank"] if i < 6 else ["Rutsche"]
            part.answer_survey(survey.id, [where, what, [str(1 + i % 5)], f"Text {i}"], by=p.id)
        shown = part.results(survey.id)
        assert shown.respondents == 14
        cells = {(q.text, c.option): c.count for q in shown.questions for c in q.cells}
        assert all(v is None or v >= 5 for v in cells.values()), cells
        assert cells[("Wo soll der Spielplatz hin?", "Am Dorfplatz")] is None
        # secondary suppression: 14 - 9 would reveal the small cell
        assert cells[("Wo soll der Spielplatz hin?", "Am Maar")] is None
        assert cells[("Was fehlt?", "Schaukel")] == 6
        assert cells[("Was fehlt?", "Rutsche")] == 8
        assert cells[("Was fehlt?", "Bank")] == 6
        rows = list(csv.reader(io.StringIO(part.results_csv(survey.id, "en"))))
        assert rows[0] == ["Question", "Option", "Count"]
        assert rows[1] == ["Respondents", "", "14"]
        counts = [r[2] for r in rows[2:]]
        assert all(c == "<5" or int(c) >= 5 for c in counts), rows
        assert len(part.free_texts(survey.id, 3, by=world.staff.id)) == 14
        with pytest.raises(PermissionDenied):
            part.free_texts(survey.id, 3, by=world.mehren[0].id)
        # the answers stay as counts when a respondent is erased
        platform.community(world.community_id).erase_person(
            world.mehren[0].id, by=sorgende.OPERATOR
        )
        assert part.results(survey.id).respondents == 14


def test_suppression_of_a_lone_small_cell() -> None:
    assert suppressed([9, 3, 2], 5, additive=True) == [9, None, None]
    assert suppressed([9, 7, 3], 5, additive=True) == [9, None, None]
    assert suppressed([9, 3], 5, additive=False) == [9, None]
    assert suppressed([0, 6, 6], 5, additive=True) == [None, None, 6]


def test_survey_and_forum_tell_the_people_concerned(
    platform: sorgende.Platform, part: Participation, world: World, clock: Clock
) -> None:
    survey = open_for_mehren(part, world, clock)
    forum = part.plan_forum(
        "Dorfwerkstatt Mehren",
        "village_workshop",
        organisation_id=world.municipality.id,
        starts_at=clock.now + timedelta(days=5),
        ends_at=clock.now + timedelta(days=5, hours=3),
        places=2,
        place_id=world.places["Mehren"].id,
        agenda=["Spielplatz", "Sitzbank"],
        by=world.staff.id,
    )
    assert part.register(forum.id, by=world.mehren[0].id) == "confirmed"
    assert part.register(forum.id, by=world.mehren[1].id) == "confirmed"
    assert part.register(forum.id, by=world.mehren[2].id) == "waiting"
    assert part.remind_forums() == 1
    assert part.remind_forums() == 0
    idea = part.post_idea("Bücherschrank", "", forum_id=forum.id, by=world.mehren[0].id)
    assert [i.id for i in part.forum_ideas(forum.id)] == [idea.id]
    assert part.record_forum_minutes(forum.id, "Zwei Ideen gesammelt.", by=world.staff.id).minutes
    assert survey.id and forum.event_id is not None
