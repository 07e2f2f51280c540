"""Forums and workshops (Bürgerforum, Zukunftswerkstatt, Dorfwerkstatt, Jugendforum):
each is an event of the projects plugin with places to register for (through its
hooks), with an agenda, minutes and the ideas it produced; the reminder a week before.
Also the community's settings and a guardian's consent."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sorgende.domain.actors import CommunityRole
from sorgende.errors import InvalidValue, Message
from sorgende_participation import rules
from sorgende_participation.cases import (
    By,
    Cases,
    Work,
    event_actor,
    municipalities,
    settings_of,
    text,
    title,
)
from sorgende_participation.events import (
    ForumMinutesRecorded,
    ForumNextWeek,
    ForumPlanned,
    GuardianConsentRecorded,
    ParticipationSettingsChanged,
)
from sorgende_participation.kinds import CONSENT, FORUM, IDEA, SETTINGS
from sorgende_participation.model import (
    Forum,
    ForumKind,
    GuardianConsent,
    Idea,
    ParticipationSettings,
)

WEEK = timedelta(days=7)


class ForumCases(Cases):
    """Forums and workshops, settings, consents (part of :class:`Participation`)."""

    def plan_forum(
        self,
        title_: str,
        kind: ForumKind | str,
        *,
        organisation_id: uuid.UUID,
        starts_at: datetime,
        ends_at: datetime,
        places: int,
        by: By,
        place_id: uuid.UUID | None = None,
        agenda: Sequence[str] = (),
    ) -> Forum:
        """Staff plan a forum: an event of the projects plugin with ``places`` to
        register for (hook ``sorgende_projects_plan_event``), and its agenda here."""
        with self.platform.read(self.community_id) as uow:
            rules.require_staff(self._acting(uow, by), municipalities(uow), "forum")
        name = title(title_)
        try:
            forum_kind = ForumKind(kind)
        except ValueError as error:
            raise InvalidValue("kind", Message("participation.problem.forum_kind")) from error
        planned = self._projects_hook(
            "plan_event",
            "forum",
            title=name,
            organisation_ids=[organisation_id],
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=places,
            place_id=place_id,
            description="",
            by=by,
        )

        def run(w: Work) -> Forum:
            forum = Forum(
                community_id=self.community_id,
                title=name,
                kind=forum_kind,
                starts_at=starts_at,
                ends_at=ends_at,
                organisation_id=organisation_id,
                created_at=w.now,
                place_id=place_id,
                agenda=tuple(t for t in (text(a, "agenda") for a in agenda) if t),
                event_id=planned["event_id"],
                shift_id=planned["shift_id"],
            )
            w.uow.of(FORUM).add(forum)
            w.events.append(
                ForumPlanned(
                    self.community_id, w.now, event_actor(by), forum.id, forum.event_id, starts_at
                )
            )
            return forum

        return self._write(run)

    def register(self, forum_id: uuid.UUID, *, by: By, person_id: uuid.UUID | None = None) -> str:
        """Register for a forum's places (the projects plugin's sign-up and its rules):
        ``confirmed`` or ``waiting``."""
        forum = self.forum(forum_id)
        who = person_id if person_id is not None else event_actor(by)
        state: str = self._projects_hook(
            "sign_up", "forum", shift_id=forum.shift_id, person_id=who, by=by
        )
        return state

    def record_forum_minutes(self, forum_id: uuid.UUID, minutes: str, *, by: By) -> Forum:
        def run(w: Work) -> Forum:
            uow = w.uow
            rules.require_staff(self._acting(uow, by), municipalities(uow), "forum")
            forum = uow.of(FORUM).get(forum_id)
            changed = FORUM.bumped(forum, minutes=text(minutes, "minutes", required=True))
            uow.of(FORUM).update(changed)
            w.events.append(
                ForumMinutesRecorded(self.community_id, w.now, event_actor(by), forum.id)
            )
            return changed

        return self._write(run)

    def forum(self, forum_id: uuid.UUID) -> Forum:
        return self._read(lambda uow: uow.of(FORUM).get(forum_id))

    def forums(self) -> list[Forum]:
        return self._read(lambda uow: list(uow.of(FORUM).list()))

    def forum_ideas(self, forum_id: uuid.UUID) -> list[Idea]:
        return self._read(lambda uow: list(uow.of(IDEA).list(where={"forum_id": forum_id})))

    def remind_forums(self) -> int:
        """Tell the residents of a forum's place (everyone, for a forum of the whole
        community) of it a week before; each forum once. Returns how many were told of."""

        def run(w: Work) -> int:
            uow = w.uow
            told = 0
            for forum in uow.of(FORUM).list(where={"reminded": False}):
                if not w.now <= forum.starts_at <= w.now + WEEK:
                    continue
                persons = tuple(
                    a.id
                    for a in uow.actors.list()
                    if not a.kind.is_organisation
                    and a.active
                    and (forum.place_id is None or a.home_place_id == forum.place_id)
                )
                uow.of(FORUM).update(FORUM.bumped(forum, reminded=True))
                w.events.append(ForumNextWeek(self.community_id, w.now, None, forum.id, persons))
                told += 1
            return told

        return self._write(run)

    # -- settings and consents ---------------------------------------------------------

    def settings(self) -> ParticipationSettings:
        return self._read(lambda uow: settings_of(uow, self.community_id))

    def change_settings(
        self,
        *,
        by: By,
        categories: Sequence[str] | None = None,
        threshold: int | None = None,
        guardian_consent: bool | None = None,
        consent_under: int | None = None,
    ) -> ParticipationSettings:
        """The community's administrators (or the operator) change the settings."""

        def run(w: Work) -> ParticipationSettings:
            uow = w.uow
            acting = self._acting(uow, by)
            if not (acting.is_operator or acting.has(CommunityRole.ADMINISTRATOR)):
                from sorgende.domain import policy

                raise policy.deny(
                    acting,
                    Message("participation.action.settings"),
                    Message("participation.reason.not_admin"),
                )
            current = uow.of(SETTINGS).find(self.community_id)
            base = current if current is not None else ParticipationSettings(self.community_id)
            changes: dict[str, object] = {}
            if categories is not None:
                changes["categories"] = tuple(title(c, "categories") for c in categories)
            if threshold is not None:
                if (
                    isinstance(threshold, bool)
                    or not isinstance(threshold, int)
                    or not 2 <= threshold <= 100
                ):
                    raise InvalidValue("threshold", Message("participation.problem.threshold"))
                changes["threshold"] = threshold
            if guardian_consent is not None:
                changes["guardian_consent"] = bool(guardian_consent)
            if consent_under is not None:
                if not isinstance(consent_under, int) or not 0 <= consent_under <= 18:
                    raise InvalidValue("consent_under", Message("participation.problem.age"))
                changes["consent_under"] = consent_under
            if current is None:
                new = ParticipationSettings(self.community_id, **changes)  # type: ignore[arg-type]
                uow.of(SETTINGS).add(new)
            else:
                new = SETTINGS.bumped(base, **changes)
                uow.of(SETTINGS).update(new)
            w.events.append(
                ParticipationSettingsChanged(
                    self.community_id, w.now, event_actor(by), new.threshold, new.guardian_consent
                )
            )
            return new

        return self._write(run)

    def record_consent(self, person_id: uuid.UUID, guardian: str, *, by: By) -> GuardianConsent:
        """Staff (or the operator) record a guardian's consent for a young person."""

        def run(w: Work) -> GuardianConsent:
            uow = w.uow
            rules.require_staff(self._acting(uow, by), municipalities(uow), "consent")
            uow.actors.get(person_id)
            consent = GuardianConsent(
                self.community_id,
                person_id,
                guardian=title(guardian, "guardian"),
                recorded_by=event_actor(by),
                at=w.now,
            )
            repo = uow.of(CONSENT)
            found = repo.find(person_id)
            if found is None:
                repo.add(consent)
            else:
                repo.update(CONSENT.bumped(found, guardian=consent.guardian, at=w.now))
            w.events.append(
                GuardianConsentRecorded(self.community_id, w.now, event_actor(by), person_id)
            )
            return consent

        return self._write(run)
