"""Ideas (Vorschläge): posting, supporting (one per person, withdrawable), comments with
moderation, the municipality's answer and the project an accepted idea becomes."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sorgende.domain import policy
from sorgende.errors import InvalidValue, Message
from sorgende.i18n import Quoted
from sorgende.ports import UnitOfWork
from sorgende_participation import rules
from sorgende_participation.cases import (
    By,
    Cases,
    Work,
    consent_of,
    event_actor,
    municipalities,
    settings_of,
    text,
    title,
    year_of,
)
from sorgende_participation.errors import ParticipationRefused
from sorgende_participation.events import (
    CommentHidden,
    CommentPosted,
    CommentReported,
    IdeaAnswered,
    IdeaBecameProject,
    IdeaPosted,
    IdeaSupported,
    SupportWithdrawn,
)
from sorgende_participation.kinds import COMMENT, IDEA, SUPPORT
from sorgende_participation.model import Comment, Idea, IdeaState, Support, one_per_person

MAX_REASON = 2000


def _idea_named(idea: Idea) -> Message:
    return Message("participation.idea.named", title=Quoted(idea.title or "—"))


class IdeaCases(Cases):
    """Ideas, supports, comments and answers (part of :class:`Participation`)."""

    def _resident(self, w: Work | UnitOfWork, by: By, action: Message) -> Any:
        uow = w.uow if hasattr(w, "uow") else w
        acting = self._acting(uow, by)
        now = w.now if hasattr(w, "now") else self.platform.clock()
        settings = settings_of(uow, self.community_id)
        rules.require_resident(acting, action, settings, consent_of(uow, acting), year_of(now, uow))
        return acting

    def post_idea(
        self,
        title_: str,
        text_: str,
        *,
        by: By,
        category: str = "",
        place_id: uuid.UUID | None = None,
        forum_id: uuid.UUID | None = None,
    ) -> Idea:
        """A resident's idea for ``place_id`` (or the whole community) in ``category``."""

        def run(w: Work) -> Idea:
            uow = w.uow
            acting = self._resident(w, by, Message("participation.action.post"))
            settings = settings_of(uow, self.community_id)
            if category and category not in settings.categories:
                raise InvalidValue(
                    "category",
                    Message("participation.problem.category", value=Quoted(category)),
                )
            if place_id is not None and uow.places.find(place_id) is None:
                raise InvalidValue("place_id", Message("participation.problem.place"))
            idea = Idea(
                community_id=self.community_id,
                author_id=acting.id,
                title=title(title_),
                text=text(text_, "text"),
                category=category,
                place_id=place_id,
                created_at=w.now,
                forum_id=forum_id,
            )
            uow.of(IDEA).add(idea)
            w.events.append(
                IdeaPosted(self.community_id, w.now, event_actor(by), idea.id, place_id)
            )
            return idea

        return self._write(run)

    def support(self, idea_id: uuid.UUID, *, by: By) -> Support:
        """Support an idea: once per person. The support's key is made of the idea and
        the person, so two supports of one person at the same moment meet on the key
        (every storage refuses the second) and the loser, run again, finds the first."""

        def run(w: Work) -> Support:
            uow = w.uow
            idea = uow.of(IDEA).get(idea_id)
            acting = self._resident(w, by, Message("participation.action.support"))
            me = acting.actor
            why = rules.may_support(me, idea)
            if why is not None:
                raise ParticipationRefused(_idea_named(idea), why)
            repo = uow.of(SUPPORT)
            key = one_per_person(idea.id, me.id)
            found = repo.find(key)
            if found is not None and not found.withdrawn:
                raise ParticipationRefused(
                    _idea_named(idea), Message("participation.reason.supported_already")
                )
            if found is not None:
                support = SUPPORT.bumped(found, withdrawn=False, at=w.now)
                repo.update(support)
            else:
                support = Support(self.community_id, idea.id, me.id, w.now, id=key)
                repo.add(support)
            w.events.append(
                IdeaSupported(self.community_id, w.now, event_actor(by), idea.id, me.id)
            )
            return support

        return self._write(run, contended=True)

    def withdraw_support(self, idea_id: uuid.UUID, *, by: By) -> Support:
        def run(w: Work) -> Support:
            uow = w.uow
            idea = uow.of(IDEA).get(idea_id)
            acting = self._acting(uow, by)
            repo = uow.of(SUPPORT)
            found = repo.find(one_per_person(idea.id, acting.id)) if acting.id else None
            if found is None or found.withdrawn:
                raise ParticipationRefused(
                    _idea_named(idea), Message("participation.reason.not_supported")
                )
            support = SUPPORT.bumped(found, withdrawn=True)
            repo.update(support)
            w.events.append(
                SupportWithdrawn(
                    self.community_id, w.now, event_actor(by), idea.id, found.person_id
                )
            )
            return support

        return self._write(run, contended=True)

    def supporters(self, idea_id: uuid.UUID) -> int:
        """How many persons support the idea now (withdrawn supports not counted)."""
        return self._read(
            lambda uow: uow.of(SUPPORT).count(where={"idea_id": idea_id, "withdrawn": False})
        )

    def supports(self, idea_id: uuid.UUID, person_id: uuid.UUID) -> bool:
        def run(uow: UnitOfWork) -> bool:
            found = uow.of(SUPPORT).find(one_per_person(idea_id, person_id))
            return found is not None and not found.withdrawn

        return self._read(run)

    # -- comments and moderation ---------------------------------------------------------

    def comment(self, idea_id: uuid.UUID, text_: str, *, by: By) -> Comment:
        def run(w: Work) -> Comment:
            uow = w.uow
            idea = uow.of(IDEA).get(idea_id)
            acting = self._resident(w, by, Message("participation.action.comment"))
            comment = Comment(
                self.community_id,
                idea.id,
                acting.id,
                w.now,
                text=text(text_, "text", required=True),
            )
            uow.of(COMMENT).add(comment)
            w.events.append(
                CommentPosted(self.community_id, w.now, event_actor(by), idea.id, comment.id)
            )
            return comment

        return self._write(run)

    def report_comment(self, comment_id: uuid.UUID, *, by: By) -> Comment:
        """Anyone of the community reports a comment (each person once)."""

        def run(w: Work) -> Comment:
            uow = w.uow
            comment = uow.of(COMMENT).get(comment_id)
            acting = self._acting(uow, by)
            if acting.actor is None or not acting.actor.active:
                raise policy.deny(
                    acting,
                    Message("participation.action.report"),
                    Message("participation.reason.only_residents"),
                )
            if acting.id in comment.reported_by:
                return comment
            changed = COMMENT.bumped(
                comment,
                reports=comment.reports + 1,
                reported_by=(*comment.reported_by, acting.id),
            )
            uow.of(COMMENT).update(changed)
            w.events.append(
                CommentReported(
                    self.community_id, w.now, event_actor(by), comment.idea_id, comment.id
                )
            )
            return changed

        return self._write(run)

    def hide_comment(self, comment_id: uuid.UUID, reason: str, *, by: By) -> Comment:
        """A moderator hides a comment with a reason in words; its author is told."""

        def run(w: Work) -> Comment:
            uow = w.uow
            comment = uow.of(COMMENT).get(comment_id)
            rules.require_moderator(self._acting(uow, by))
            why = text(reason, "reason", required=True)[:MAX_REASON]
            changed = COMMENT.bumped(
                comment, hidden=True, hidden_reason=why, hidden_by=event_actor(by)
            )
            uow.of(COMMENT).update(changed)
            w.events.append(
                CommentHidden(
                    self.community_id,
                    w.now,
                    event_actor(by),
                    comment.idea_id,
                    comment.id,
                    comment.author_id,
                    why,
                )
            )
            return changed

        return self._write(run)

    def comments(self, idea_id: uuid.UUID, *, by: By) -> list[Comment]:
        """The idea's comments as ``by`` may see them: a hidden one only for its author
        and the moderators (:func:`rules.may_see_comment`)."""

        def run(uow: UnitOfWork) -> list[Comment]:
            acting = self._acting(uow, by)
            return [
                c
                for c in uow.of(COMMENT).list(where={"idea_id": idea_id})
                if rules.may_see_comment(acting, c)
            ]

        return self._read(run)

    # -- the municipality's answer ----------------------------------------------------

    def answer(self, idea_id: uuid.UUID, state: IdeaState | str, reason: str, *, by: By) -> Idea:
        """The municipality's answer: a state and the reason in plain words; the author
        is told."""

        def run(w: Work) -> Idea:
            uow = w.uow
            idea = uow.of(IDEA).get(idea_id)
            rules.require_staff(self._acting(uow, by), municipalities(uow), "answer_idea")
            try:
                new = IdeaState(state)
            except ValueError as error:
                raise InvalidValue("state", Message("participation.problem.state")) from error
            why = text(reason, "reason", required=True)[:MAX_REASON]
            changed = IDEA.bumped(
                idea, state=new, answer=why, answered_by=event_actor(by), answered_at=w.now
            )
            uow.of(IDEA).update(changed)
            w.events.append(
                IdeaAnswered(
                    self.community_id,
                    w.now,
                    event_actor(by),
                    idea.id,
                    idea.author_id,
                    new.value,
                    why,
                )
            )
            return changed

        return self._write(run)

    def make_project(
        self, idea_id: uuid.UUID, *, organisation_id: uuid.UUID, by: By, name: str | None = None
    ) -> Idea:
        """An accepted idea becomes a project of the projects plugin, run by
        ``organisation_id`` (through the hook ``sorgende_projects_start_project``: the
        plugins do not import each other). The idea moves on to ``in_progress``."""
        idea = self.idea(idea_id)
        with self.platform.read(self.community_id) as uow:
            rules.require_staff(self._acting(uow, by), municipalities(uow), "make_project")
        if idea.state is not IdeaState.ACCEPTED:
            raise ParticipationRefused(
                _idea_named(idea), Message("participation.reason.not_accepted")
            )
        if idea.project_id is not None:
            raise ParticipationRefused(
                _idea_named(idea), Message("participation.reason.project_already")
            )
        project_id = self._projects_hook(
            "start_project",
            "project",
            name=title(name or idea.title, "name"),
            organisation_ids=[organisation_id],
            description=idea.text,
            by=by,
        )

        def run(w: Work) -> Idea:
            current = w.uow.of(IDEA).get(idea_id)
            changed = IDEA.bumped(current, project_id=project_id, state=IdeaState.IN_PROGRESS)
            w.uow.of(IDEA).update(changed)
            w.events.append(
                IdeaBecameProject(
                    self.community_id, w.now, event_actor(by), idea.id, idea.author_id, project_id
                )
            )
            return changed

        return self._write(run)

    def progress(self, idea_id: uuid.UUID) -> Mapping[str, Any] | None:
        """The progress of the project the idea became (the projects plugin's hook
        ``sorgende_projects_progress``), or ``None``."""
        idea = self.idea(idea_id)
        if idea.project_id is None or not self.projects_available():
            return None
        found: Mapping[str, Any] = self._projects_hook(
            "progress", "progress", project_id=idea.project_id
        )
        return found

    # -- reading -------------------------------------------------------------------------

    def idea(self, idea_id: uuid.UUID) -> Idea:
        return self._read(lambda uow: uow.of(IDEA).get(idea_id))

    def ideas(
        self, *, place_id: uuid.UUID | None = None, state: IdeaState | None = None
    ) -> list[Idea]:
        """The community's ideas, newest first; of a place, in a state."""

        def run(uow: UnitOfWork) -> list[Idea]:
            where: dict[str, object] = {}
            if place_id is not None:
                where["place_id"] = place_id
            if state is not None:
                where["state"] = state
            return list(reversed(uow.of(IDEA).list(where=where or None)))

        return self._read(run)
