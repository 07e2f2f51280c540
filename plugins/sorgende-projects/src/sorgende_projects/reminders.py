"""The reminder the day before a shift: a daily job (``sorgende projects remind``).

Idempotent: a sign-up reminded once is marked (``SignUp.reminded``) in the same unit
of work as the :class:`~sorgende_projects.events.ShiftReminder` event that the outbox
turns into notifications, so a second run the same day, or a run after a crash,
reminds nobody twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import click

from sorgende.commands import Refused, open_platform, state
from sorgende.errors import SorgendeError
from sorgende.i18n import translate
from sorgende_projects.cases import Cases, Work, aware, signups_of_shift, zone_of
from sorgende_projects.events import ShiftReminder
from sorgende_projects.kinds import SHIFT, SIGNUP
from sorgende_projects.model import SignUpState


class ReminderCases(Cases):
    """The reminders (part of :class:`sorgende_projects.Projects`)."""

    def remind(self, *, now: datetime | None = None) -> int:
        """Remind everyone confirmed for a shift on the community's next local day (from
        ``now``, default the platform's clock) who was not reminded yet; how many."""
        if now is not None:
            aware(now, "now")

        def run(w: Work) -> int:
            zone = zone_of(w.uow)
            moment = now or w.now
            tomorrow = moment.astimezone(ZoneInfo(zone)).date() + timedelta(days=1)
            count = 0
            for shift in w.uow.of(SHIFT).list(where={"day": tomorrow}):
                if shift.cancelled:
                    continue
                for signup in signups_of_shift(w.uow, shift.id):
                    if signup.state is not SignUpState.CONFIRMED or signup.reminded:
                        continue
                    w.uow.of(SIGNUP).update(SIGNUP.bumped(signup, reminded=True))
                    w.events.append(
                        ShiftReminder(
                            self.community_id,
                            w.now,
                            None,
                            shift.id,
                            signup.id,
                            signup.person_id,
                            shift.starts_at,
                        )
                    )
                    count += 1
            return count

        return self._write(run)


@click.group("projects")
def projects_command() -> None:
    """Projects, events and shifts of the community's organisations."""


@projects_command.command("remind")
@click.option("--storage", default=None, help="Storage URL (default: the settings' storage).")
@click.pass_context
def remind_command(ctx: click.Context, storage: str | None) -> None:
    """Remind everyone of their shifts tomorrow (run once a day; running again is harmless)."""
    from sorgende_projects.service import Projects

    current = state(ctx)
    try:
        with open_platform(current, storage) as platform:
            for community in platform.communities():
                count = Projects(platform, community.id).remind()
                click.echo(
                    translate(
                        "projects.cli.reminded",
                        current.language,
                        community=community.name,
                        count=count,
                    )
                )
    except SorgendeError as error:
        raise Refused(error.message(current.language)) from error
