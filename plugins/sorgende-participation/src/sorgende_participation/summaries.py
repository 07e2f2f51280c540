"""The plugin's events in words for the person told (``summary`` of
:func:`sorgende.notifies`): ideas, surveys and forums by their titles, never an id."""

from __future__ import annotations

from typing import Any

from sorgende.i18n import LocalDateTime, Message, Quoted, translate


def _title(uow: Any, kind: Any, key: Any, language: str) -> str:
    found = uow.of(kind).find(key)
    if found is None or not found.title:
        return translate(f"kind.{kind.name}", language)
    return Quoted(found.title).text(language)


def idea_answered(uow: Any, event: Any, language: str) -> str:
    from sorgende_participation.kinds import IDEA

    state = translate(f"participation.state.{event.state}", language)
    return translate(
        "participation.notice.answered",
        language,
        idea=_title(uow, IDEA, event.idea_id, language),
        state=state,
        reason=event.reason,
    )


def idea_became_project(uow: Any, event: Any, language: str) -> str:
    from sorgende_participation.kinds import IDEA

    return translate(
        "participation.notice.project", language, idea=_title(uow, IDEA, event.idea_id, language)
    )


def comment_hidden(uow: Any, event: Any, language: str) -> str:
    from sorgende_participation.kinds import IDEA

    return translate(
        "participation.notice.hidden",
        language,
        idea=_title(uow, IDEA, event.idea_id, language),
        reason=event.reason,
    )


def survey_opened(uow: Any, event: Any, language: str) -> str:
    from sorgende_participation.kinds import SURVEY

    return translate(
        "participation.notice.survey",
        language,
        survey=_title(uow, SURVEY, event.survey_id, language),
    )


def forum_next_week(uow: Any, event: Any, language: str) -> str:
    from sorgende_participation.kinds import FORUM

    forum = uow.of(FORUM).find(event.forum_id)
    if forum is None:
        return translate("kind.participation.forum", language)
    zone = uow.community.get().time_zone
    return Message(
        "participation.notice.forum",
        forum=Quoted(forum.title),
        when=LocalDateTime(forum.starts_at, zone),
    ).text(language)
