"""Surveys (Umfragen): questions of four kinds, open for a period, for an audience
(the community, a place, an age group); one answer per person, results with small-cell
suppression (:mod:`sorgende_participation.results`) and their CSV export."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sorgende.domain import policy
from sorgende.errors import InvalidValue, Message
from sorgende.i18n import Quoted
from sorgende.ports import UnitOfWork
from sorgende_participation import results, rules
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
from sorgende_participation.events import SurveyAnswered, SurveyOpened
from sorgende_participation.kinds import BALLOT, RESPONSE, SURVEY
from sorgende_participation.model import (
    Ballot,
    Question,
    QuestionKind,
    Response,
    Survey,
    one_per_person,
)

SCALE = ("1", "2", "3", "4", "5")
MAX_QUESTIONS = 50


def survey_named(survey: Survey) -> Message:
    return Message("participation.survey.named", title=Quoted(survey.title))


def _questions(questions: Sequence[Question]) -> tuple[Question, ...]:
    if not questions or len(questions) > MAX_QUESTIONS:
        raise InvalidValue("questions", Message("participation.problem.questions"))
    out: list[Question] = []
    for q in questions:
        kind = QuestionKind(q.kind)
        options = tuple(dict.fromkeys(o.strip() for o in q.options if o.strip()))
        if kind is QuestionKind.SCALE and not options:
            options = SCALE
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(options) < 2:
            raise InvalidValue("options", Message("participation.problem.options"))
        if kind is QuestionKind.TEXT:
            options = ()
        out.append(Question(title(q.text, "question"), kind, options))
    return tuple(out)


class SurveyCases(Cases):
    """Surveys, their answers and results (part of :class:`Participation`)."""

    def open_survey(
        self,
        title_: str,
        questions: Sequence[Question],
        *,
        opens_at: datetime,
        closes_at: datetime,
        by: By,
        description: str = "",
        place_id: uuid.UUID | None = None,
        min_age: int | None = None,
        max_age: int | None = None,
    ) -> Survey:
        """Staff open a survey; its audience is told (a survey in my village)."""

        def run(w: Work) -> Survey:
            uow = w.uow
            rules.require_staff(self._acting(uow, by), municipalities(uow), "survey")
            if opens_at.utcoffset() is None or closes_at.utcoffset() is None:
                raise InvalidValue("opens_at", Message("participation.problem.aware"))
            if closes_at <= opens_at:
                raise InvalidValue("closes_at", Message("participation.problem.closes_before"))
            for field, age in (("min_age", min_age), ("max_age", max_age)):
                if age is not None and not (isinstance(age, int) and 0 <= age <= 120):
                    raise InvalidValue(field, Message("participation.problem.age"))
            if place_id is not None and uow.places.find(place_id) is None:
                raise InvalidValue("place_id", Message("participation.problem.place"))
            survey = Survey(
                community_id=self.community_id,
                title=title(title_),
                questions=_questions(questions),
                opens_at=opens_at,
                closes_at=closes_at,
                created_by=event_actor(by),
                created_at=w.now,
                description=text(description, "description"),
                place_id=place_id,
                min_age=min_age,
                max_age=max_age,
            )
            uow.of(SURVEY).add(survey)
            year = year_of(w.now, uow)
            audience = tuple(
                a.id
                for a in uow.actors.list()
                if not a.kind.is_organisation and rules.in_audience(survey, a, year)
            )
            w.events.append(
                SurveyOpened(self.community_id, w.now, event_actor(by), survey.id, audience)
            )
            return survey

        return self._write(run)

    def answer_survey(
        self, survey_id: uuid.UUID, answers: Sequence[Sequence[str]], *, by: By
    ) -> Ballot:
        """A person's answers: once (the ballot's key is made of survey and person, so a
        second answer, also one at the same moment from another process, meets the first
        on the key). The answers are stored apart, naming nobody."""

        def run(w: Work) -> Ballot:
            uow = w.uow
            survey = uow.of(SURVEY).get(survey_id)
            acting = self._acting(uow, by)
            year = year_of(w.now, uow)
            action = Message("participation.action.answer", survey=Quoted(survey.title))
            me = rules.require_resident(
                acting, action, settings_of(uow, self.community_id), consent_of(uow, acting), year
            )
            why = rules.open_refusal(survey, w.now)
            if why is not None:
                raise ParticipationRefused(survey_named(survey), why)
            place = uow.places.find(survey.place_id) if survey.place_id else None
            refusal = rules.audience_refusal(survey, me, year, place.name if place else None)
            if refusal is not None:
                raise policy.deny(acting, action, refusal)
            key = one_per_person(survey.id, me.id)
            if uow.of(BALLOT).find(key) is not None:
                raise ParticipationRefused(
                    survey_named(survey), Message("participation.reason.answered_already")
                )
            ballot = Ballot(self.community_id, survey.id, me.id, id=key)
            uow.of(BALLOT).add(ballot)
            uow.of(RESPONSE).add(Response(self.community_id, survey.id, _checked(survey, answers)))
            w.events.append(SurveyAnswered(self.community_id, w.now, event_actor(by), survey.id))
            return ballot

        return self._write(run, contended=True)

    def answered(self, survey_id: uuid.UUID, person_id: uuid.UUID) -> bool:
        return self._read(
            lambda uow: uow.of(BALLOT).find(one_per_person(survey_id, person_id)) is not None
        )

    def survey(self, survey_id: uuid.UUID) -> Survey:
        return self._read(lambda uow: uow.of(SURVEY).get(survey_id))

    def surveys(self) -> list[Survey]:
        return self._read(lambda uow: list(reversed(uow.of(SURVEY).list())))

    def may_answer(self, survey_id: uuid.UUID, *, by: By) -> Message | None:
        """Why ``by`` cannot answer now (``None``: she can), for a page to show."""

        def run(uow: UnitOfWork) -> Message | None:
            survey = uow.of(SURVEY).get(survey_id)
            acting = self._acting(uow, by)
            me = acting.actor
            now = self.platform.clock()
            if me is None:
                return Message("participation.reason.only_residents")
            year = year_of(now, uow)
            settings = settings_of(uow, self.community_id)
            if rules.needs_consent(me, settings, consent_of(uow, acting), year):
                return Message("participation.reason.guardian", age=settings.consent_under)
            place = uow.places.find(survey.place_id) if survey.place_id else None
            return (
                rules.open_refusal(survey, now)
                or rules.audience_refusal(survey, me, year, place.name if place else None)
                or (
                    Message("participation.reason.answered_already")
                    if uow.of(BALLOT).find(one_per_person(survey.id, me.id))
                    else None
                )
            )

        return self._read(run)

    def results(self, survey_id: uuid.UUID) -> results.SurveyResults:
        """The results anyone of the community may see: every cell under the threshold
        suppressed (:func:`results.tally`)."""

        def run(uow: UnitOfWork) -> results.SurveyResults:
            survey = uow.of(SURVEY).get(survey_id)
            responses = uow.of(RESPONSE).list(where={"survey_id": survey.id})
            threshold = settings_of(uow, self.community_id).threshold
            return results.tally(survey, responses, threshold)

        return self._read(run)

    def results_csv(self, survey_id: uuid.UUID, language: str = "de") -> str:
        return results.to_csv(self.results(survey_id), language)

    def free_texts(self, survey_id: uuid.UUID, question: int, *, by: By) -> list[str]:
        """Staff read a free-text question's answers (naming nobody), once at least the
        threshold of persons answered the survey."""

        def run(uow: UnitOfWork) -> list[str]:
            rules.require_staff(self._acting(uow, by), municipalities(uow), "survey")
            survey = uow.of(SURVEY).get(survey_id)
            responses = uow.of(RESPONSE).list(where={"survey_id": survey.id})
            if len(responses) < settings_of(uow, self.community_id).threshold:
                return []
            return [r.answers[question][0] for r in responses if r.answers[question]]

        return self._read(run)


def _checked(survey: Survey, answers: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    if isinstance(answers, str) or len(answers) != len(survey.questions):
        raise InvalidValue(
            "answers", Message("participation.problem.answers", count=len(survey.questions))
        )
    out: list[tuple[str, ...]] = []
    for index, (question, given) in enumerate(zip(survey.questions, answers, strict=True)):
        field = f"answers[{index + 1}]"
        values = (given,) if isinstance(given, str) else tuple(given)
        values = tuple(v.strip() for v in values if isinstance(v, str) and v.strip())
        if question.kind is QuestionKind.TEXT:
            out.append((text(" ".join(values), field),) if values else ())
            continue
        if any(v not in question.options for v in values):
            raise InvalidValue(field, Message("participation.problem.option"))
        if question.kind is not QuestionKind.MULTIPLE and len(values) > 1:
            raise InvalidValue(field, Message("participation.problem.one_option"))
        out.append(tuple(dict.fromkeys(values)))
    return tuple(out)
