"""Ideas: posting, supports (one per person, withdrawable, counted after erasure),
comments with moderation, the municipality's answer, and the project it becomes
through the projects plugin's hooks."""

from __future__ import annotations

import pytest
import sorgende_participation
from sorgende_participation import IdeaState, Participation
from sorgende_participation.testing import Clock, World, build_world

import sorgende
from sorgende.errors import InvalidValue, PermissionDenied, SorgendeError


def idea_for_mehren(part: Participation, world: World) -> sorgende_participation.Idea:
    return part.post_idea(
        "Sitzbank am Maar",
        "Eine Bank mit Blick auf das Maar, für die Älteren auf dem Weg zum Bäcker.",
        category="Dorfleben",
        place_id=world.places["Mehren"].id,
        by=world.mehren[0].id,
    )


def test_supports_are_one_per_person_and_withdrawable(part: Participation, world: World) -> None:
    idea = idea_for_mehren(part, world)
    for p in world.mehren[1:4]:
        part.support(idea.id, by=p.id)
    assert part.supporters(idea.id) == 3
    with pytest.raises(SorgendeError) as twice:
        part.support(idea.id, by=world.mehren[1].id)
    assert "schon unterstützt" in twice.value.message("de")
    part.withdraw_support(idea.id, by=world.mehren[1].id)
    assert part.supporters(idea.id) == 2
    assert not part.supports(idea.id, world.mehren[1].id)
    part.support(idea.id, by=world.mehren[1].id)
    assert part.supporters(idea.id) == 3
    with pytest.raises(SorgendeError) as own:
        part.support(idea.id, by=world.mehren[0].id)
    assert "own idea" in own.value.message("en")


def test_an_organisation_cannot_post(part: Participation, world: World) -> None:
    with pytest.raises(PermissionDenied) as refused:
        part.post_idea("Idee", "", by=world.municipality.id)
    assert "Einwohner" in refused.value.message("de")


def test_bad_input_names_the_field(part: Participation, world: World) -> None:
    with pytest.raises(InvalidValue) as empty:
        part.post_idea("  ", "x", by=world.mehren[0].id)
    assert empty.value.params["field_name"] == "title"
    with pytest.raises(InvalidValue) as category:
        part.post_idea("Bank", "x", category="Raumfahrt", by=world.mehren[0].id)
    assert "Raumfahrt" in category.value.message("de")
    assert part.ideas() == []


def test_supports_stay_counted_after_a_supporter_is_erased(
    platform: sorgende.Platform, part: Participation, world: World
) -> None:
    idea = idea_for_mehren(part, world)
    for p in world.mehren[1:5]:
        part.support(idea.id, by=p.id)
    c = platform.community(world.community_id)
    exported = c.export_person(world.mehren[1].id, by=sorgende.OPERATOR)
    assert "participation.support" in str(exported)
    c.erase_person(world.mehren[1].id, by=sorgende.OPERATOR)
    assert part.supporters(idea.id) == 4
    part.withdraw_support(idea.id, by=world.mehren[2].id)
    assert part.supporters(idea.id) == 3


def test_the_author_is_erased_with_her_idea_text_and_comments(
    platform: sorgende.Platform, part: Participation, world: World
) -> None:
    idea = idea_for_mehren(part, world)
    part.comment(idea.id, "Ich stifte das Holz.", by=world.mehren[0].id)
    part.support(idea.id, by=world.mehren[1].id)
    c = platform.community(world.community_id)
    exported = str(c.export_person(world.mehren[0].id, by=sorgende.OPERATOR))
    assert "Sitzbank am Maar" in exported and "Ich stifte das Holz." in exported
    c.erase_person(world.mehren[0].id, by=sorgende.OPERATOR)
    kept = part.idea(idea.id)
    assert (kept.title, kept.text) == ("", "")
    assert part.comments(idea.id, by=world.moderator.id) == []
    assert part.supporters(idea.id) == 1


def test_hidden_comment_is_seen_by_author_and_moderators_only(
    part: Participation, world: World
) -> None:
    idea = idea_for_mehren(part, world)
    rude = part.comment(idea.id, "Blöde Idee, typisch Mehren!", by=world.daun[0].id)
    part.comment(idea.id, "Gute Idee.", by=world.mehren[2].id)
    part.report_comment(rude.id, by=world.mehren[0].id)
    part.report_comment(rude.id, by=world.mehren[0].id)  # once per person
    assert next(c.reports for c in part.comments(idea.id, by=world.moderator.id)) == 1
    with pytest.raises(PermissionDenied):
        part.hide_comment(rude.id, "beleidigend", by=world.mehren[0].id)
    part.hide_comment(rude.id, "Beleidigt andere Orte (Regel 2)", by=world.moderator.id)
    for viewer in (world.mehren[0], world.mehren[2], world.staff):
        texts = [c.text for c in part.comments(idea.id, by=viewer.id)]
        assert texts == ["Gute Idee."], viewer.name
    for viewer in (world.daun[0], world.moderator):
        seen = part.comments(idea.id, by=viewer.id)
        hidden = [c for c in seen if c.hidden]
        assert [c.hidden_reason for c in hidden] == ["Beleidigt andere Orte (Regel 2)"]


def test_staff_answer_and_the_idea_becomes_a_project(
    platform: sorgende.Platform, part: Participation, world: World
) -> None:
    idea = idea_for_mehren(part, world)
    with pytest.raises(PermissionDenied) as resident:
        part.answer(idea.id, "accepted", "Gern", by=world.mehren[1].id)
    assert "Verwaltung" in resident.value.message("de")
    with pytest.raises(InvalidValue):
        part.answer(idea.id, "vielleicht", "Gern", by=world.staff.id)
    with pytest.raises(SorgendeError) as early:
        part.make_project(idea.id, organisation_id=world.municipality.id, by=world.staff.id)
    assert "angenommen" in early.value.message("de")
    answered = part.answer(
        idea.id, IdeaState.ACCEPTED, "Der Bauhof stellt die Bank im Mai auf.", by=world.staff.id
    )
    assert answered.state is IdeaState.ACCEPTED
    became = part.make_project(idea.id, organisation_id=world.municipality.id, by=world.staff.id)
    assert became.state is IdeaState.IN_PROGRESS and became.project_id is not None
    import sorgende_projects

    project = sorgende_projects.Projects(platform, world.community_id).project(became.project_id)
    assert project.name == "Sitzbank am Maar"
    progress = part.progress(idea.id)
    assert progress is not None and progress["name"] == "Sitzbank am Maar"
    assert (progress["tasks"], progress["tasks_done"]) == (0, 0)


def test_without_the_projects_plugin_the_refusal_says_so(clock: Clock) -> None:
    with sorgende.open(
        "memory://",
        plugins=[sorgende_participation],
        clock=clock,
        settings=sorgende.Settings(load_entrypoints=False),
    ) as platform:
        world = build_world(platform)
        part = Participation(platform, world.community_id)
        idea = idea_for_mehren(part, world)
        part.answer(idea.id, "accepted", "Ja.", by=world.staff.id)
        with pytest.raises(SorgendeError) as missing:
            part.make_project(idea.id, organisation_id=world.municipality.id, by=world.staff.id)
        assert "sorgende-projects" in missing.value.message("en")
        assert part.progress(idea.id) is None


def test_a_young_person_needs_a_guardians_consent(part: Participation, world: World) -> None:
    with pytest.raises(PermissionDenied) as refused:
        part.post_idea("Skatepark", "Für uns Jugendliche", by=world.young.id)
    assert "Erziehungsberechtigten" in refused.value.message("de")
    part.record_consent(world.young.id, "Petra Jung", by=world.staff.id)
    assert part.post_idea("Skatepark", "Für uns Jugendliche", by=world.young.id).title
    part.change_settings(guardian_consent=False, by=sorgende.OPERATOR)
    assert part.settings().guardian_consent is False
