"""Who may post, support, comment, answer, moderate and run surveys, and who is a
survey's audience: one place. Pure functions of the records they are given.

The plugin's use cases (:mod:`sorgende_participation.service`), its web pages and REST
endpoints ask them and decide nothing of their own. They build on the core's policy:

* **residents take part**: a person of the community who still takes part
  (:func:`~sorgende.domain.participation.require_taking_part`) posts ideas, supports
  them, comments and answers surveys; an organisation does not;
* **young people** under the community's ``consent_under`` (16 by default) take part
  with a guardian's consent where the community requires it (``guardian_consent``);
  the age is the year's difference to the person's ``birth_year``; a person whose year
  is not known is not asked for a consent (the platform knows no age to hold against her);
* **staff answer**: the municipality's coordinators and staff (``coordinates_org`` of
  an organisation of kind ``municipality``), the community's coordinators
  (``CommunityRole.COORDINATOR``) and the operator answer ideas, run surveys, plan forums;
* **moderators moderate**: the community's coordinators and administrators and the
  operator hide comments (with a reason). A hidden comment is seen by its author and the
  moderators, with the reason, by nobody else.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sorgende.domain import policy
from sorgende.domain.actors import Actor, CommunityRole
from sorgende.domain.participation import require_taking_part
from sorgende.domain.principals import Acting
from sorgende.errors import Message, PermissionDenied
from sorgende.i18n import Quoted
from sorgende_participation.model import (
    Comment,
    GuardianConsent,
    Idea,
    ParticipationSettings,
    Survey,
)


def age_in(person: Actor, year: int) -> int | None:
    return None if person.birth_year is None else year - person.birth_year


def needs_consent(
    person: Actor, settings: ParticipationSettings, consent: GuardianConsent | None, year: int
) -> bool:
    """Whether ``person`` is young and lacks the guardian's consent the community asks."""
    age = age_in(person, year)
    return (
        settings.guardian_consent
        and age is not None
        and age < settings.consent_under
        and consent is None
    )


def require_resident(
    acting: Acting,
    action: Message,
    settings: ParticipationSettings,
    consent: GuardianConsent | None,
    year: int,
) -> Actor:
    """The acting person, if she takes part as a resident; else :class:`PermissionDenied`."""
    me = acting.actor
    if me is None or me.kind.is_organisation:
        raise policy.deny(acting, action, Message("participation.reason.only_residents"))
    require_taking_part(me, "helper")
    if needs_consent(me, settings, consent, year):
        raise policy.deny(
            acting,
            action,
            Message("participation.reason.guardian", age=settings.consent_under),
        )
    return me


def is_staff(acting: Acting, municipalities: Iterable[uuid.UUID]) -> bool:
    if acting.is_operator:
        return True
    me = acting.actor
    if me is None or not me.active:
        return False
    if acting.has(CommunityRole.COORDINATOR):
        return True
    return any(acting.coordinates_org(org) for org in municipalities)


def require_staff(acting: Acting, municipalities: Iterable[uuid.UUID], action: str) -> None:
    if not is_staff(acting, municipalities):
        raise policy.deny(
            acting,
            Message(f"participation.action.{action}"),
            Message("participation.reason.not_staff"),
        )


def is_moderator(acting: Acting) -> bool:
    if acting.is_operator:
        return True
    me = acting.actor
    if me is None or not me.active:
        return False
    return acting.has(CommunityRole.COORDINATOR) or acting.has(CommunityRole.ADMINISTRATOR)


def require_moderator(acting: Acting) -> None:
    if not is_moderator(acting):
        raise policy.deny(
            acting,
            Message("participation.action.moderate"),
            Message("participation.reason.not_moderator"),
        )


def may_see_comment(acting: Acting, comment: Comment) -> bool:
    """A hidden comment: for its author and the moderators only."""
    if not comment.hidden:
        return True
    return is_moderator(acting) or acting.id == comment.author_id


def may_support(me: Actor, idea: Idea) -> Message | None:
    """Why ``me`` may not support ``idea`` (``None``: she may)."""
    if idea.author_id == me.id:
        return Message("participation.reason.own_idea")
    return None


def audience_refusal(
    survey: Survey, person: Actor, year: int, place_name: str | None
) -> Message | None:
    """Why ``person`` is not in ``survey``'s audience (``None``: she is)."""
    if survey.place_id is not None and person.home_place_id != survey.place_id:
        return Message("participation.reason.audience_place", place=Quoted(place_name or ""))
    if survey.min_age is not None or survey.max_age is not None:
        age = age_in(person, year)
        low = survey.min_age if survey.min_age is not None else 0
        high = survey.max_age if survey.max_age is not None else 150
        if age is None:
            return Message("participation.reason.audience_age_unknown", low=low, high=high)
        if not low <= age <= high:
            return Message("participation.reason.audience_age", low=low, high=high)
    return None


def in_audience(survey: Survey, person: Actor, year: int) -> bool:
    return person.active and audience_refusal(survey, person, year, None) is None


def open_refusal(survey: Survey, now: datetime) -> Message | None:
    if now < survey.opens_at:
        return Message("participation.reason.not_yet_open")
    if now >= survey.closes_at:
        return Message("participation.reason.closed")
    return None


__all__ = [
    "PermissionDenied",
    "age_in",
    "audience_refusal",
    "in_audience",
    "is_moderator",
    "is_staff",
    "may_see_comment",
    "may_support",
    "needs_consent",
    "open_refusal",
    "require_moderator",
    "require_resident",
    "require_staff",
]
