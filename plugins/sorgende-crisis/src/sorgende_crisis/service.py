"""The plugin's facade: every use case and query of one community's crisis response.

``CrisisResponse(platform, community_id)`` is what the web pages, the simulation,
benchmarks and scripts call; each method is one unit of work (writes are run again
after a storage conflict) and asks the rules of :mod:`sorgende_crisis.rules`.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sorgende
from sorgende.domain.actors import ActorKind
from sorgende.domain.personal import erase_personal
from sorgende.domain.principals import Principal
from sorgende.errors import InvalidValue, Message, NotFound
from sorgende.i18n import format_hours, translate
from sorgende.ports import UnitOfWork
from sorgende_crisis import intake, reports, rules
from sorgende_crisis.errors import CrisisRefused, DispatchRefused, NotCrisisStaff
from sorgende_crisis.intake import Form, Throttle
from sorgende_crisis.kinds import CRISIS, DISPATCH, HELPER, TASK
from sorgende_crisis.model import (
    RETENTION_DAYS,
    Crisis,
    CrisisTask,
    Dispatch,
    DispatchState,
    Helper,
    HelperState,
    Situation,
)

By = uuid.UUID | Principal
#: runs of a dispatch after conflicts: batches racing for one task's last places
CONTENDED_ATTEMPTS = 16
#: the most helpers in one batch
MAX_BATCH = 500


class CrisisResponse(sorgende.PluginCases):
    """Crises, spontaneous helpers, tasks and dispatch of one community."""

    contended_attempts = CONTENDED_ATTEMPTS

    def __init__(
        self,
        platform: sorgende.Platform,
        community_id: uuid.UUID,
        *,
        throttle: Throttle | None = None,
        link: Callable[[Helper], str] | None = None,
    ) -> None:
        super().__init__(platform, community_id)
        self.throttle = throttle if throttle is not None else Throttle()
        #: the address of a helper's own page, in messages (the web plugin sets its own)
        self.link = (
            link if link is not None else (lambda h: f"/crisis/helper/{h.id}?code={h.token}")
        )

    # --- plumbing ---------------------------------------------------------------------

    def _staff(self, uow: UnitOfWork, by: By, action: str) -> uuid.UUID | None:
        acting = self.platform.acting(uow, by)
        orgs = [o for o in (uow.actors.find(i) for i in acting.coordinates) if o is not None]
        if not rules.is_staff(acting, orgs):
            raise NotCrisisStaff(acting.actor or acting.id, Message(f"crisis.action.{action}"))
        return acting.id

    def _zone(self, uow: UnitOfWork) -> ZoneInfo:
        return ZoneInfo(uow.community.get().time_zone)

    # --- the crisis -------------------------------------------------------------------

    def open_crisis(
        self,
        title: str,
        place_ids: Iterable[uuid.UUID],
        *,
        by: By,
        retention_days: int = RETENTION_DAYS,
    ) -> Crisis:
        name = rules.plain(title, "title", required=True, most=200)
        places = rules.place_ids(place_ids)
        if isinstance(retention_days, bool) or not 1 <= retention_days <= 365:
            raise InvalidValue("retention_days", Message("crisis.problem.retention"))

        def do(w: Any) -> Crisis:
            actor = self._staff(w.uow, by, "open")
            for place_id in places:
                if w.uow.places.find(place_id) is None:
                    raise NotFound("place", place_id)
            crisis = Crisis(
                self.community_id, name, places, w.now, actor, retention_days=retention_days
            )
            w.uow.of(CRISIS).add(crisis)
            return crisis

        return self._write(do)

    def close_crisis(self, crisis_id: uuid.UUID, *, by: By) -> Crisis:
        def do(w: Any) -> Crisis:
            self._staff(w.uow, by, "open")
            crisis = intake.crisis_of(w.uow, crisis_id)
            if not crisis.active:
                raise CrisisRefused(crisis.title, Message("crisis.reason.closed"))
            closed = CRISIS.bumped(crisis, active=False, closed_at=w.now)
            w.uow.of(CRISIS).update(closed)
            return closed

        return self._write(do)

    def crisis(self, crisis_id: uuid.UUID) -> Crisis:
        return self._read(lambda uow: intake.crisis_of(uow, crisis_id))

    def active_crises(self) -> Sequence[Crisis]:
        return self._read(lambda uow: uow.of(CRISIS).list(where={"active": True}))

    # --- intake -----------------------------------------------------------------------

    def register(
        self,
        crisis_id: uuid.UUID,
        data: Mapping[str, Any],
        *,
        source: str | None = None,
        by: By | None = None,
        notify: bool = True,
    ) -> Helper:
        """A helper's registration from the public form (``by`` ``None``, ``source`` the
        client's address, throttled) or the staff's phone intake (``by`` the staff
        member). Checked whole before anything is written; the same phone merges."""
        form = Form.read(data)
        if by is None:
            self.throttle.check(source)

        def do(w: Any) -> tuple[Crisis, Helper, bool]:
            if by is not None:
                self._staff(w.uow, by, "dispatch")
            crisis = intake.crisis_of(w.uow, crisis_id)
            if form.place_id is not None and form.place_id not in crisis.place_ids:
                raise NotFound("place", form.place_id)
            helper, new = intake.store(w.uow, crisis, form, w.now)
            return crisis, helper, new

        crisis, helper, _new = self._write(do)
        if notify:
            subject, text = intake.confirmation(crisis, helper, self.link(helper))
            intake.tell(self.platform, helper, subject, text, "crisis.confirmation")
        return helper

    def helpers(self, crisis_id: uuid.UUID) -> Sequence[Helper]:
        return self._read(lambda uow: uow.of(HELPER).list(where={"crisis_id": crisis_id}))

    def helper(self, helper_id: uuid.UUID, code: str | None = None) -> Helper:
        """A helper by id; with ``code`` (the helper's own page) only if it is theirs."""
        found = self._read(lambda uow: uow.of(HELPER).find(helper_id))
        if found is None or (code is not None and not hmac.compare_digest(found.token, code)):
            raise NotFound("crisis.helper", helper_id)
        return found

    # --- tasks ------------------------------------------------------------------------

    def report_need(
        self, crisis_id: uuid.UUID, data: Mapping[str, Any], *, source: str | None = None
    ) -> CrisisTask:
        """A resident's need from the public form (no account, throttled like the
        intake): a task with ``reported=True`` for the staff's triage (:mod:`.reports`)."""
        places = self.crisis(crisis_id).place_ids
        report = reports.Report.read(data, places)
        self.throttle.check(source)
        return self._write(
            lambda w: reports.file(w.uow, intake.crisis_of(w.uow, crisis_id), report, w.now)
        )

    def add_task(
        self,
        crisis_id: uuid.UUID,
        *,
        by: By,
        title: str,
        place_id: uuid.UUID,
        starts_at: datetime,
        ends_at: datetime,
        capacity: int,
        skills: Iterable[str] | str = (),
        equipment: Iterable[str] | str = (),
        priority: int = 3,
        meeting_point: str = "",
        reported: bool = False,
    ) -> CrisisTask:
        name = rules.plain(title, "title", required=True, most=200)
        if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= 1000:
            raise InvalidValue("capacity", Message("crisis.problem.capacity"))
        if priority not in (1, 2, 3):
            raise InvalidValue("priority", Message("crisis.problem.priority"))
        for field, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
            if not isinstance(moment, datetime) or moment.utcoffset() is None:
                raise InvalidValue(field, Message("crisis.problem.aware"))
        if ends_at <= starts_at:
            raise InvalidValue("ends_at", Message("crisis.problem.ends_before"))
        task_skills = rules.items(skills, "skills")
        task_equipment = rules.items(equipment, "equipment")
        point = rules.plain(meeting_point, "meeting_point", most=rules.MAX_TEXT)

        def do(w: Any) -> CrisisTask:
            self._staff(w.uow, by, "task")
            crisis = intake.crisis_of(w.uow, crisis_id)
            if not crisis.active:
                raise CrisisRefused(crisis.title, Message("crisis.reason.closed"))
            if place_id not in crisis.place_ids:
                raise NotFound("place", place_id)
            task = CrisisTask(
                self.community_id,
                crisis_id,
                name,
                place_id,
                starts_at,
                ends_at,
                capacity,
                w.now,
                skills=task_skills,
                equipment=task_equipment,
                priority=priority,
                meeting_point=point,
                reported=reported,
            )
            w.uow.of(TASK).add(task)
            return task

        return self._write(do)

    def task(self, task_id: uuid.UUID) -> CrisisTask:
        return self._read(lambda uow: uow.of(TASK).get(task_id))

    def tasks(
        self, crisis_id: uuid.UUID, *, open_only: bool = False, strategy: str = "triage"
    ) -> list[CrisisTask]:
        """The crisis's tasks in triage order (or that of ``strategy``)."""
        where: dict[str, Any] = {"crisis_id": crisis_id}
        if open_only:
            where["open"] = True
        found = self._read(lambda uow: uow.of(TASK).list(where=where))
        return rules.by_priority(found, rules.strategy(strategy))

    # --- triage and dispatch ----------------------------------------------------------

    def dispatch(
        self,
        task_id: uuid.UUID,
        *,
        by: By,
        size: int | None = None,
        helper_ids: Sequence[uuid.UUID] | None = None,
        notify: bool = True,
        strategy: str = "triage",
    ) -> list[Dispatch]:
        """Send a batch to a task: the ``helper_ids`` chosen, or up to ``size`` helpers
        the triage finds (:func:`rules.batch`, by ``strategy``); never more than the
        task's free places. One unit of work writes the task with its count: batches
        racing for one task meet on its version, the loser runs again and sees the
        winner's helpers."""
        _task, sent = self._send(task_id, by, size, helper_ids, rules.strategy(strategy))
        if notify:
            self._tell_dispatched(_task, sent)
        return [d for _h, d in sent]

    def _send(
        self,
        task_id: uuid.UUID,
        by: By,
        size: int | None,
        helper_ids: Sequence[uuid.UUID] | None,
        order: str,
    ) -> tuple[CrisisTask, list[tuple[Helper, Dispatch]]]:
        if size is not None and (isinstance(size, bool) or not 1 <= size <= MAX_BATCH):
            raise InvalidValue("size", Message("crisis.problem.capacity"))

        def do(w: Any) -> tuple[CrisisTask, list[tuple[Helper, Dispatch]]]:
            self._staff(w.uow, by, "dispatch")
            task: CrisisTask = w.uow.of(TASK).get(task_id)
            crisis = intake.crisis_of(w.uow, task.crisis_id)
            if not crisis.active:
                raise CrisisRefused(crisis.title, Message("crisis.reason.closed"))
            helpers_repo = w.uow.of(HELPER)
            if helper_ids is not None:
                chosen_ids = list(dict.fromkeys(helper_ids))
                found = helpers_repo.find_many(chosen_ids)
                pool = [found[i] for i in chosen_ids if i in found]
            else:
                pool = list(
                    helpers_repo.list(
                        where={"crisis_id": task.crisis_id, "state": HelperState.REGISTERED}
                    )
                )
            chosen = rules.batch(task, pool, size, order, w.now)
            sent: list[tuple[Helper, Dispatch]] = []
            for helper in chosen:
                d = Dispatch(self.community_id, task.crisis_id, task.id, helper.id, w.now)
                w.uow.of(DISPATCH).add(d)
                moved = HELPER.bumped(helper, state=HelperState.DISPATCHED)
                helpers_repo.update(moved)
                sent.append((moved, d))
            dispatched = task.dispatched + len(sent)
            after = TASK.bumped(task, dispatched=dispatched, open=dispatched < task.capacity)
            # the task is written even for an empty batch: racing writers meet on it
            w.uow.of(TASK).update(after)
            return after, sent

        return self._write(do, contended=True)

    def _tell_dispatched(self, task: CrisisTask, sent: Sequence[tuple[Helper, Dispatch]]) -> None:
        zone = self._read(self._zone)
        for helper, _dispatch in sent:
            intake.tell_dispatched(self.platform, helper, task, zone, self.link(helper))

    def dispatch_all(
        self,
        crisis_id: uuid.UUID,
        *,
        by: By,
        batch_size: int = 20,
        notify: bool = True,
        strategy: str = "triage",
    ) -> int:
        """Triage of a whole crisis: the open tasks not yet over, in the order of
        ``strategy`` (:data:`rules.STRATEGIES`), each filled in batches of ``batch_size``
        until no fitting helper is left; how many were sent.

        The pool of free helpers is read once: each batch is chosen from it and sent
        by id, and the batch's unit of work reads only those helpers again (one sent
        meanwhile by someone else no longer fits and is left out)."""
        order = rules.strategy(strategy)
        if isinstance(batch_size, bool) or not 1 <= batch_size <= MAX_BATCH:
            raise InvalidValue("batch_size", Message("crisis.problem.capacity"))
        pool: dict[uuid.UUID, Helper] = {
            h.id: h
            for h in self._read(
                lambda uow: uow.of(HELPER).list(
                    where={"crisis_id": crisis_id, "state": HelperState.REGISTERED}
                )
            )
        }
        total, now = 0, self.platform.clock()
        for task in self.tasks(crisis_id, open_only=True, strategy=order):
            current = task
            while current.free and pool:
                chosen = rules.batch(current, list(pool.values()), batch_size, order, now)
                if not chosen:
                    break
                current, sent = self._send(task.id, by, batch_size, [h.id for h in chosen], order)
                for helper in chosen:
                    del pool[helper.id]  # sent now, or gone to another batch meanwhile
                total += len(sent)
                if notify:
                    self._tell_dispatched(current, sent)
        return total

    def dispatches(
        self, *, task_id: uuid.UUID | None = None, helper_id: uuid.UUID | None = None
    ) -> Sequence[Dispatch]:
        where: dict[str, Any] = {}
        if task_id is not None:
            where["task_id"] = task_id
        if helper_id is not None:
            where["helper_id"] = helper_id
        return self._read(lambda uow: uow.of(DISPATCH).list(where=where))

    def _step(
        self,
        dispatch_id: uuid.UUID,
        what: str,
        allowed: tuple[DispatchState, ...],
        change: Callable[[Any, Dispatch, CrisisTask, Helper], Dispatch],
        by: By | None,
        code: str | None,
    ) -> Dispatch:
        def do(w: Any) -> Dispatch:
            d: Dispatch = w.uow.of(DISPATCH).get(dispatch_id)
            helper: Helper = w.uow.of(HELPER).get(d.helper_id)
            if by is not None:
                self._staff(w.uow, by, "dispatch")
            elif code is None or not hmac.compare_digest(helper.token, code):
                raise DispatchRefused(
                    Message(f"crisis.what.{what}"), Message("crisis.reason.wrong_code")
                )
            if d.state not in allowed:
                raise DispatchRefused(
                    Message(f"crisis.what.{what}"),
                    Message("crisis.reason.state", state=Message(f"crisis.state.{d.state.value}")),
                )
            task: CrisisTask = w.uow.of(TASK).get(d.task_id)
            after = change(w, d, task, helper)
            w.uow.of(DISPATCH).update(after)
            return after

        return self._write(do, contended=True)

    def confirm(
        self, dispatch_id: uuid.UUID, *, code: str | None = None, by: By | None = None
    ) -> Dispatch:
        return self._step(
            dispatch_id,
            "confirm",
            (DispatchState.SENT,),
            lambda w, d, t, h: DISPATCH.bumped(d, state=DispatchState.CONFIRMED),
            by,
            code,
        )

    def decline(
        self, dispatch_id: uuid.UUID, *, code: str | None = None, by: By | None = None
    ) -> Dispatch:
        def change(w: Any, d: Dispatch, task: CrisisTask, helper: Helper) -> Dispatch:
            # the place is free again, the helper back in the pool
            w.uow.of(TASK).update(TASK.bumped(task, dispatched=task.dispatched - 1, open=True))
            w.uow.of(HELPER).update(HELPER.bumped(helper, state=HelperState.REGISTERED))
            return DISPATCH.bumped(d, state=DispatchState.DECLINED)

        return self._step(
            dispatch_id, "confirm", (DispatchState.SENT, DispatchState.CONFIRMED), change, by, code
        )

    def check_in(
        self, dispatch_id: uuid.UUID, *, code: str | None = None, by: By | None = None
    ) -> Dispatch:
        def change(w: Any, d: Dispatch, task: CrisisTask, helper: Helper) -> Dispatch:
            w.uow.of(TASK).update(TASK.bumped(task, on_site=task.on_site + 1))
            w.uow.of(HELPER).update(HELPER.bumped(helper, state=HelperState.ON_SITE))
            return DISPATCH.bumped(d, state=DispatchState.CHECKED_IN, checked_in_at=w.now)

        return self._step(
            dispatch_id, "check_in", (DispatchState.SENT, DispatchState.CONFIRMED), change, by, code
        )

    def check_out(
        self, dispatch_id: uuid.UUID, *, code: str | None = None, by: By | None = None
    ) -> Dispatch:
        def change(w: Any, d: Dispatch, task: CrisisTask, helper: Helper) -> Dispatch:
            assert d.checked_in_at is not None
            minutes = max(1, round((w.now - d.checked_in_at).total_seconds() / 60))
            w.uow.of(TASK).update(
                TASK.bumped(task, on_site=task.on_site - 1, minutes=task.minutes + minutes)
            )
            # back in the pool: a helper may be sent again after a task
            w.uow.of(HELPER).update(
                HELPER.bumped(
                    helper, state=HelperState.REGISTERED, minutes=helper.minutes + minutes
                )
            )
            return DISPATCH.bumped(
                d, state=DispatchState.CHECKED_OUT, checked_out_at=w.now, minutes=minutes
            )

        return self._step(dispatch_id, "check_out", (DispatchState.CHECKED_IN,), change, by, code)

    # --- the situation picture --------------------------------------------------------

    def situation(self, crisis_id: uuid.UUID, *, by: By) -> Situation:
        def do(uow: UnitOfWork) -> Situation:
            self._staff(uow, by, "see")
            crisis = intake.crisis_of(uow, crisis_id)
            helpers = uow.of(HELPER)
            tasks = tuple(rules.by_priority(uow.of(TASK).list(where={"crisis_id": crisis_id})))
            needs: dict[tuple[uuid.UUID, int], int] = {}
            for t in tasks:
                if t.free:
                    key = (t.place_id, t.priority)
                    needs[key] = needs.get(key, 0) + t.free
            return Situation(
                crisis=crisis,
                registered=helpers.count(where={"crisis_id": crisis_id}),
                dispatched=sum(t.dispatched for t in tasks),
                on_site=sum(t.on_site for t in tasks),
                minutes=sum(t.minutes for t in tasks),
                needs=needs,
                tasks=tasks,
            )

        return self._read(do)

    # --- afterwards -------------------------------------------------------------------

    def certificate(
        self, helper_id: uuid.UUID, *, code: str | None = None, language: str = "de"
    ) -> str:
        """Thanks and the hours given, in words (for the helper's page or a print)."""
        helper = self.helper(helper_id, code)
        crisis = self.crisis(helper.crisis_id)
        return translate(
            "crisis.certificate",
            language,
            name=helper.name,
            crisis=crisis.title,
            hours=format_hours(helper.minutes, language),
        )

    def convert(self, helper_id: uuid.UUID, *, by: By) -> uuid.UUID:
        """With the helper's consent (``consent_retention``): a member of the community
        with the helper's name, phone, e-mail and skills, and their hours credited to
        their time-bank account from the community's solidarity account."""
        community = self.platform.community(self.community_id)

        def check(uow: UnitOfWork) -> tuple[Helper, Crisis]:
            self._staff(uow, by, "convert")
            helper = uow.of(HELPER).get(helper_id)
            crisis = intake.crisis_of(uow, helper.crisis_id)
            if helper.member_id is not None:
                raise DispatchRefused(
                    Message("crisis.what.convert"), Message("crisis.reason.converted")
                )
            if not helper.consent_retention:
                raise DispatchRefused(
                    Message("crisis.what.convert"), Message("crisis.reason.no_consent")
                )
            return helper, crisis

        helper, crisis = self._read(check)
        actor = community.register_actor(
            ActorKind.PERSON,
            helper.name,
            phone=helper.phone,
            email=helper.email or None,
            skills=helper.skills,
            consent=sorgende.Consent(contact=helper.consent_contact),
            by=by,
        )

        def do(w: Any) -> uuid.UUID:
            current: Helper = w.uow.of(HELPER).get(helper_id)
            if current.minutes:
                self.platform.book_activity(
                    w,
                    from_account=w.uow.community.get().solidarity_account,
                    to_account=actor.id,
                    minutes=current.minutes,
                    reason=translate(
                        "crisis.timebank.reason", self.platform.language, crisis=crisis.title
                    ),
                    by=by if isinstance(by, uuid.UUID) else None,
                    cause=f"crisis.helper:{helper_id}",
                )
            w.uow.of(HELPER).update(HELPER.bumped(current, member_id=actor.id))
            return actor.id

        return self._write(do)

    def run_retention(self, *, by: By) -> int:
        """Erase the intake data of every crisis whose retention has run: the helpers'
        records and their dispatches are deleted (a converted helper's data lives on in
        their member record and their hours in the time bank); the tasks keep their
        counts and minutes. How many helpers' data was erased."""

        def do(w: Any) -> int:
            self._staff(w.uow, by, "open")
            erased = 0
            for crisis in w.uow.of(CRISIS).list(where={"active": False}):
                ends = rules.retention_ends(crisis)
                if crisis.erased or ends is None or ends > w.now:
                    continue
                for d in w.uow.of(DISPATCH).list(where={"crisis_id": crisis.id}):
                    w.uow.of(DISPATCH).delete(d)
                for helper in w.uow.of(HELPER).list(where={"crisis_id": crisis.id}):
                    w.uow.of(HELPER).delete(helper)
                    erased += 1
                for task in w.uow.of(TASK).list(where={"crisis_id": crisis.id}):
                    if task.reported:  # the reporter's name, phone and address
                        w.uow.of(TASK).update(TASK.bumped(erase_personal(task)))
                w.uow.of(CRISIS).update(CRISIS.bumped(crisis, erased=True))
            return erased

        return self._write(do)
