"""The plugin's texts for people, German and English (``sorgende.i18n``)."""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES = {
    # records by kind (NotFound, conflicts)
    "kind.projects.project": {"de": "Projekt", "en": "project"},
    "kind.projects.member": {"de": "Projektmitgliedschaft", "en": "project membership"},
    "kind.projects.meeting": {"de": "Treffen", "en": "meeting"},
    "kind.projects.task": {"de": "Aufgabe", "en": "task"},
    "kind.projects.event": {"de": "Veranstaltung", "en": "event"},
    "kind.projects.shift": {"de": "Schicht", "en": "shift"},
    "kind.projects.signup": {"de": "Eintragung", "en": "sign-up"},
    "kind.projects.worklog": {"de": "Arbeitsnachweis", "en": "worklog entry"},
    "kind.projects.settings": {"de": "Projekteinstellungen", "en": "project settings"},
    "projects.shift.named": {"de": "{title} am {when}", "en": "{title} on {when}"},
    # what is refused
    "projects.change.cancel": {"de": "die Absage", "en": "cancelling"},
    "projects.change.no_show": {"de": "das Nichterscheinen", "en": "recording a no-show"},
    "projects.change.check_in": {"de": "das Einchecken", "en": "checking in"},
    "projects.change.check_out": {"de": "das Auschecken", "en": "checking out"},
    "projects.action.plan_event": {"de": "Veranstaltungen planen", "en": "plan events"},
    "projects.action.add_shift": {"de": "Schichten anlegen", "en": "add shifts"},
    "projects.action.change_shift": {"de": "Schichten ändern", "en": "change shifts"},
    "projects.action.no_show": {
        "de": "Nichterscheinen vermerken",
        "en": "record no-shows",
    },
    "projects.action.create_project": {"de": "Projekte anlegen", "en": "create projects"},
    "projects.action.set_member": {
        "de": "Projektmitglieder verwalten",
        "en": "manage a project's members",
    },
    "projects.action.schedule_meeting": {"de": "Treffen ansetzen", "en": "schedule meetings"},
    "projects.action.record_minutes": {"de": "Protokolle schreiben", "en": "record minutes"},
    "projects.action.add_task": {"de": "Aufgaben verteilen", "en": "assign tasks"},
    "projects.action.see_signups": {
        "de": "die Eintragungen einer Schicht sehen",
        "en": "see a shift's sign-ups",
    },
    # why
    "projects.reason.not_organiser": {
        "de": "das dürfen die Koordination der veranstaltenden Organisationen und die "
        "Projektleitung",
        "en": "that is for the coordinators of the organising organisations and the "
        "project's leads",
    },
    "projects.reason.not_open_yet": {
        "de": "die Anmeldung beginnt am {when}",
        "en": "sign-up opens on {when}",
    },
    "projects.reason.members_first": {
        "de": "bis {when} tragen sich nur Mitglieder ein",
        "en": "until {when} only members sign up",
    },
    "projects.reason.cancelled": {"de": "sie ist abgesagt", "en": "it is cancelled"},
    "projects.reason.begun": {"de": "die Schicht hat schon begonnen", "en": "the shift has begun"},
    "projects.reason.not_begun": {
        "de": "die Schicht hat noch nicht begonnen",
        "en": "the shift has not begun yet",
    },
    "projects.reason.already": {"de": "schon eingetragen", "en": "already signed up"},
    "projects.reason.not_signed_up": {"de": "nicht eingetragen", "en": "not signed up"},
    "projects.reason.not_confirmed": {
        "de": "keine bestätigte Eintragung",
        "en": "no confirmed sign-up",
    },
    "projects.reason.checked_in": {"de": "schon eingecheckt", "en": "already checked in"},
    "projects.reason.not_checked_in": {"de": "nicht eingecheckt", "en": "not checked in"},
    "projects.reason.checked_out": {"de": "schon ausgecheckt", "en": "already checked out"},
    "projects.reason.too_early": {
        "de": "Einchecken geht frühestens {minutes} Minuten vor Beginn",
        "en": "check-in opens {minutes} minutes before the start",
    },
    "projects.reason.max_per_event": {
        "de": "bei {event} übernimmt jede Person höchstens {count} Schichten",
        "en": "at {event} each person takes at most {count} shifts",
    },
    "projects.reason.overlaps": {
        "de": "zur selben Zeit schon eingetragen für {other}",
        "en": "already signed up for {other} at the same time",
    },
    "projects.reason.capacity_below": {
        "de": "weniger als {count} Plätze gehen nicht (so viele sind vergeben oder vorbehalten)",
        "en": "it cannot have fewer than {count} places (taken or kept)",
    },
    "projects.reason.not_member": {"de": "kein Mitglied", "en": "not a member"},
    "projects.reason.task_done": {"de": "schon erledigt", "en": "already done"},
    # input
    "projects.problem.clock": {
        "de": "„{value}“ ist keine Uhrzeit (SS:MM)",
        "en": "“{value}” is no time of day (HH:MM)",
    },
    "projects.problem.not_organisation": {
        "de": "{name} ist keine Organisation",
        "en": "{name} is no organisation",
    },
    "projects.problem.no_organisation": {
        "de": "mindestens eine Organisation nennen",
        "en": "name at least one organisation",
    },
    "projects.problem.text": {"de": "ein Text", "en": "a text"},
    "projects.problem.aware": {
        "de": "eine Zeit mit Zeitzone",
        "en": "a time with a time zone",
    },
    "projects.problem.ends_before": {
        "de": "das Ende liegt vor dem Beginn",
        "en": "the end lies before the start",
    },
    "projects.problem.too_long": {
        "de": "höchstens 31 Tage lang",
        "en": "at most 31 days long",
    },
    "projects.problem.between": {
        "de": "eine ganze Zahl von {low} bis {high}",
        "en": "a whole number from {low} to {high}",
    },
    "projects.problem.qualification": {
        "de": "eine Qualifikation nennen",
        "en": "name a qualification",
    },
    "projects.problem.needs_exceed": {
        "de": "mehr vorbehaltene Plätze als die {capacity} der Schicht",
        "en": "more kept places than the shift's {capacity}",
    },
    "projects.problem.weekdays": {
        "de": "Wochentage von 0 (Montag) bis 6 (Sonntag)",
        "en": "weekdays from 0 (Monday) to 6 (Sunday)",
    },
    "projects.problem.no_days": {
        "de": "an keinem Tag des Zeitraums",
        "en": "on no day of the period",
    },
    "projects.problem.series_long": {
        "de": "höchstens {most} Termine",
        "en": "at most {most} dates",
    },
    "projects.problem.host": {
        "de": "nur eine der Organisationen des Projekts lädt ein",
        "en": "only one of the project's organisations hosts",
    },
    "projects.problem.other_project": {
        "de": "ein Treffen eines anderen Projekts",
        "en": "a meeting of another project",
    },
    "projects.problem.date": {"de": "ein Datum", "en": "a date"},
    "projects.problem.range": {
        "de": "höchstens {most} Tage auf einmal",
        "en": "at most {most} days at once",
    },
    # the time bank's posting and the daily job
    "projects.timebank.reason": {
        "de": "Schicht {shift} bei {event}",
        "en": "shift {shift} at {event}",
    },
    "projects.cli.reminded": {
        "de": "{community}: {count} Erinnerungen",
        "en": "{community}: {count} reminders",
    },
    # what a person is told (notifications)
    "projects.notice.promoted": {
        "de": "Sie sind von der Warteliste nachgerückt: {shift}.",
        "en": "You moved up from the waitlist: {shift}.",
    },
    "projects.notice.signed_up": {
        "de": "{by} hat Sie eingetragen: {shift}.",
        "en": "{by} signed you up: {shift}.",
    },
    "projects.notice.waiting": {
        "de": "{by} hat Sie auf die Warteliste gesetzt: {shift}.",
        "en": "{by} put you on the waitlist: {shift}.",
    },
    "projects.notice.changed": {
        "de": "Ihre Schicht wurde geändert: {shift}.",
        "en": "Your shift was changed: {shift}.",
    },
    "projects.notice.cancelled": {
        "de": "Ihre Schicht ist abgesagt: {shift}.",
        "en": "Your shift is cancelled: {shift}.",
    },
    "projects.notice.event_cancelled": {
        "de": "Die Veranstaltung {event} ist abgesagt.",
        "en": "The event {event} is cancelled.",
    },
    "projects.notice.reminder": {
        "de": "Erinnerung an Ihre Schicht morgen: {shift}.",
        "en": "A reminder of your shift tomorrow: {shift}.",
    },
    "projects.notice.task": {
        "de": "Eine Aufgabe für Sie: {task}.",
        "en": "A task for you: {task}.",
    },
    # the events in words (sorgende events) and in the audit trail
    "events.type.ProjectCreated": {"de": "Projekt angelegt", "en": "project created"},
    "events.type.ProjectMemberSet": {"de": "Projektmitglied gesetzt", "en": "project member set"},
    "events.type.MeetingScheduled": {"de": "Treffen angesetzt", "en": "meeting scheduled"},
    "events.type.MinutesRecorded": {"de": "Protokoll geschrieben", "en": "minutes recorded"},
    "events.type.TaskAssigned": {"de": "Aufgabe verteilt", "en": "task assigned"},
    "events.type.TaskDone": {"de": "Aufgabe erledigt", "en": "task done"},
    "events.type.EventPlanned": {"de": "Veranstaltung geplant", "en": "event planned"},
    "events.type.EventCancelled": {"de": "Veranstaltung abgesagt", "en": "event cancelled"},
    "events.type.ShiftAdded": {"de": "Schicht angelegt", "en": "shift added"},
    "events.type.ShiftChanged": {"de": "Schicht geändert", "en": "shift changed"},
    "events.type.ShiftCancelled": {"de": "Schicht abgesagt", "en": "shift cancelled"},
    "events.type.SignedUp": {"de": "für eine Schicht eingetragen", "en": "signed up for a shift"},
    "events.type.SignUpCancelled": {"de": "Eintragung abgesagt", "en": "sign-up cancelled"},
    "events.type.PromotedFromWaitlist": {
        "de": "von der Warteliste nachgerückt",
        "en": "promoted from the waitlist",
    },
    "events.type.NoShowRecorded": {"de": "nicht erschienen", "en": "no-show recorded"},
    "events.type.CheckedIn": {"de": "eingecheckt", "en": "checked in"},
    "events.type.CheckedOut": {"de": "ausgecheckt", "en": "checked out"},
    "events.type.ShiftReminder": {"de": "an Schicht erinnert", "en": "reminded of a shift"},
    "events.type.ProjectSettingsChanged": {
        "de": "Projekteinstellungen geändert",
        "en": "project settings changed",
    },
    "audit.what.ProjectMemberSet": {
        "de": "hat die Projektmitgliedschaft von {person_id} gesetzt",
        "en": "set the project membership of {person_id}",
    },
    "audit.what.NoShowRecorded": {
        "de": "hat vermerkt, dass {person_id} nicht zur Schicht erschienen ist",
        "en": "recorded that {person_id} did not come to a shift",
    },
    "audit.what.ProjectSettingsChanged": {
        "de": "hat festgelegt, wohin die Stunden der Schichten gehen ({hours_to})",
        "en": "set where the hours of shifts go ({hours_to})",
    },
}
register_messages(__name__, MESSAGES)
