"""The texts of the plugin's pages, in German (the default) and English.

One part of sorgende's message catalogue (:mod:`sorgende.i18n`), registered on import;
templates ask for them by key (``_("projects.web.sign_up")``). A test checks that every
key used in the templates and the code is here in both languages.
"""

# ruff: noqa: E501  (texts are easier to read on one line each)

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages


def _t(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


_MONTHS = (
    ("Januar", "January"),
    ("Februar", "February"),
    ("März", "March"),
    ("April", "April"),
    ("Mai", "May"),
    ("Juni", "June"),
    ("Juli", "July"),
    ("August", "August"),
    ("September", "September"),
    ("Oktober", "October"),
    ("November", "November"),
    ("Dezember", "December"),
)

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "projects.web.menu.calendar": _t("Veranstaltungen", "Events"),
    "projects.web.menu.my_shifts": _t("Meine Schichten", "My shifts"),
    "projects.web.menu.projects": _t("Projekte", "Projects"),
    # dates
    "projects.web.span.day": _t("{date}, {start}–{end} Uhr", "{date}, {start}–{end}"),
    "projects.web.span.days": _t("{start} bis {end}", "{start} to {end}"),
    "projects.web.at": _t("{date}, {time} Uhr", "{date}, {time}"),
    **{
        f"projects.web.month.{n}": _t(f"{de} {{year}}", f"{en} {{year}}")
        for n, (de, en) in enumerate(_MONTHS, 1)
    },
    # kinds of organisations, projects and roles
    "projects.web.kind.association": _t("Verein", "Association"),
    "projects.web.kind.municipality": _t("Kommune", "Municipality"),
    "projects.web.kind.business": _t("Unternehmen", "Business"),
    "projects.web.kind.school": _t("Schule", "School"),
    "projects.web.kind.kita": _t("Kita", "Day-care centre"),
    "projects.web.kind.health": _t("Gesundheitseinrichtung", "Health institution"),
    "projects.web.kind.church": _t("Kirche", "Church"),
    "projects.web.project_kind.project": _t("Projekt", "Project"),
    "projects.web.project_kind.working_group": _t("Arbeitsgruppe", "Working group"),
    "projects.web.role.lead": _t("Leitung", "Lead"),
    "projects.web.role.member": _t("Mitglied", "Member"),
    # states of a sign-up
    "projects.web.state.confirmed": _t("eingetragen", "signed up"),
    "projects.web.state.waiting": _t("auf der Warteliste", "on the waitlist"),
    "projects.web.state.cancelled": _t("abgesagt", "cancelled"),
    "projects.web.state.no_show": _t("nicht erschienen", "did not come"),
    # confirmations
    "projects.web.done.signed_up": _t(
        "Sie sind für die Schicht eingetragen.", "You are signed up for the shift."
    ),
    "projects.web.done.waiting": _t(
        "Die Schicht ist voll: Sie stehen auf der Warteliste und rücken nach, sobald ein Platz frei wird.",
        "The shift is full: you are on the waitlist and move up as soon as a place is free.",
    ),
    "projects.web.done.cancelled": _t("Die Anmeldung ist abgesagt.", "The sign-up is cancelled."),
    "projects.web.done.checked_in": _t("Angekommen: eingecheckt.", "Arrived: checked in."),
    "projects.web.done.checked_out": _t(
        "Ausgecheckt: die Stunden sind erfasst.", "Checked out: the hours are recorded."
    ),
    "projects.web.done.no_show": _t("Als nicht erschienen vermerkt.", "Recorded as not come."),
    "projects.web.done.task_done": _t("Die Aufgabe ist erledigt.", "The task is done."),
    # refusals of the pages' own fields
    "projects.web.problem.month": _t(
        "„{value}“ ist kein Monat (Jahr-Monat, etwa 2026-07)",
        "“{value}” is no month (year-month, such as 2026-07)",
    ),
    "projects.web.problem.organisation": _t(
        "ist keine Organisation dieser Gemeinschaft", "is not an organisation of this community"
    ),
    "projects.web.problem.place": _t(
        "ist kein Ort dieser Gemeinschaft", "is not a place of this community"
    ),
    "projects.web.problem.end_before_start": _t("liegt vor dem Beginn", "lies before the start"),
    "projects.web.problem.range": _t(
        "höchstens {days} Tage auf einmal", "at most {days} days at a time"
    ),
    # the calendar
    "projects.web.calendar.title": _t("Gemeinsamer Kalender", "Shared calendar"),
    "projects.web.calendar.lead": _t(
        "Alle Veranstaltungen der Vereine, der Kommune und der anderen Organisationen – mit den Schichten, für die Helferinnen und Helfer gesucht werden.",
        "All events of the associations, the municipality and the other organisations – with the shifts that need helpers.",
    ),
    "projects.web.calendar.months": _t("Monate", "Months"),
    "projects.web.calendar.previous": _t("Vorheriger Monat", "Previous month"),
    "projects.web.calendar.next": _t("Nächster Monat", "Next month"),
    "projects.web.calendar.empty": _t(
        "In diesem Monat gibt es keine Veranstaltungen, die zu den Filtern passen.",
        "No events this month fit the filters.",
    ),
    "projects.web.filter.organisation": _t("Organisation", "Organisation"),
    "projects.web.filter.all_organisations": _t("Alle Organisationen", "All organisations"),
    "projects.web.filter.place": _t("Ort", "Place"),
    "projects.web.filter.all_places": _t("Alle Orte", "All places"),
    "projects.web.filter.kind": _t("Art der Organisation", "Kind of organisation"),
    "projects.web.filter.all_kinds": _t("Alle Arten", "All kinds"),
    "projects.web.filter.month": _t("Monat", "Month"),
    "projects.web.filter.show": _t("Anzeigen", "Show"),
    "projects.web.feed.community": _t(
        "Den gemeinsamen Kalender abonnieren", "Subscribe to the shared calendar"
    ),
    "projects.web.feed.organisation": _t(
        "Die Veranstaltungen dieser Organisation abonnieren",
        "Subscribe to this organisation's events",
    ),
    "projects.web.feed.shifts": _t(
        "Meine Schichten im Handy-Kalender", "My shifts in the phone's calendar"
    ),
    "projects.web.feed.hint": _t(
        "Tragen Sie diese Adresse in die Kalender-App Ihres Handys ein. Behalten Sie sie für sich: Wer die Adresse kennt, kann den Kalender lesen.",
        "Add this address to your phone's calendar app. Keep it to yourself: anyone with the address can read the calendar.",
    ),
    # events and shifts
    "projects.web.when": _t("Wann", "When"),
    "projects.web.where": _t("Wo", "Where"),
    "projects.web.organisers": _t("Veranstaltet von", "Organised by"),
    "projects.web.event": _t("Veranstaltung", "Event"),
    "projects.web.events": _t("Veranstaltungen", "Events"),
    "projects.web.shifts": _t("Schichten", "Shifts"),
    "projects.web.shifts_free": _t(
        "{shifts} Schichten, {free} Plätze frei", "{shifts} shifts, {free} places free"
    ),
    "projects.web.places": _t("Plätze", "Places"),
    "projects.web.free_of": _t("{free} von {capacity} frei", "{free} of {capacity} free"),
    "projects.web.need_free": _t("{free} von {kept} Plätzen frei", "{free} of {kept} places free"),
    "projects.web.waitlist": _t("Warteliste", "Waitlist"),
    "projects.web.waiting_count": _t("{count} warten", "{count} waiting"),
    "projects.web.waitlist_place": _t(
        "Platz {place} der Warteliste", "place {place} on the waitlist"
    ),
    "projects.web.cancelled": _t("Abgesagt", "Cancelled"),
    "projects.web.you_are_signed_up": _t("Sie sind eingetragen", "You are signed up"),
    "projects.web.you_are_waiting": _t(
        "Sie stehen auf Platz {place} der Warteliste", "You are at place {place} on the waitlist"
    ),
    "projects.web.sign_up": _t("Eintragen", "Sign up"),
    "projects.web.sign_up_waitlist": _t("Auf die Warteliste", "Join the waitlist"),
    "projects.web.cancel": _t("Absagen", "Cancel"),
    "projects.web.behalf": _t("Jemanden eintragen", "Sign someone up"),
    "projects.web.behalf_submit": _t("Diese Person eintragen", "Sign this person up"),
    "projects.web.no_shifts": _t(
        "Für diese Veranstaltung gibt es keine Schichten.", "This event has no shifts."
    ),
    "projects.web.back_to_calendar": _t("Zurück zum Kalender", "Back to the calendar"),
    "projects.web.back_to_event": _t("Zurück zur Veranstaltung", "Back to the event"),
    "projects.web.to_calendar": _t("Zu den Veranstaltungen", "To the events"),
    "projects.web.state": _t("Stand", "State"),
    # the organiser's view
    "projects.web.organise.link": _t(
        "Anmeldungen, Check-in und Nicht-Erschienene", "Sign-ups, check-in and no-shows"
    ),
    "projects.web.organise.title": _t("Organisation: {event}", "Organising: {event}"),
    "projects.web.check_in": _t("Einchecken", "Check in"),
    "projects.web.check_out": _t("Auschecken", "Check out"),
    "projects.web.mark_no_show": _t("Nicht erschienen", "Did not come"),
    "projects.web.checked_in_at": _t("Eingecheckt: {when}", "Checked in: {when}"),
    "projects.web.checked_out_at": _t("Ausgecheckt: {when}", "Checked out: {when}"),
    "projects.web.no_signups": _t("Noch niemand eingetragen.", "Nobody signed up yet."),
    "projects.web.no_shows": _t("Nicht erschienen", "No-shows"),
    "projects.web.no_no_shows": _t(
        "Bisher ist niemand ausgeblieben.", "Nobody failed to come so far."
    ),
    # my shifts
    "projects.web.my_shifts.title": _t("Meine Schichten", "My shifts"),
    "projects.web.my_shifts.upcoming": _t("Kommende Schichten", "Coming shifts"),
    "projects.web.my_shifts.past": _t("Vergangene Schichten", "Past shifts"),
    "projects.web.my_shifts.none": _t(
        "Sie sind für keine Schicht eingetragen.", "You are not signed up for any shift."
    ),
    # projects and working groups
    "projects.web.projects.title": _t("Projekte und Arbeitsgruppen", "Projects and working groups"),
    "projects.web.projects.lead": _t(
        "Was die Organisationen der Gemeinschaft gemeinsam tun.",
        "What the community's organisations do together.",
    ),
    "projects.web.projects.kinds": _t("Projekte oder Arbeitsgruppen", "Projects or working groups"),
    "projects.web.projects.all": _t("Alle", "All"),
    "projects.web.projects.none": _t("Noch keine Projekte.", "No projects yet."),
    "projects.web.kind": _t("Art", "Kind"),
    "projects.web.run_by": _t("Getragen von", "Run by"),
    "projects.web.members": _t("Mitglieder", "Members"),
    "projects.web.no_members": _t("Noch keine Mitglieder.", "No members yet."),
    "projects.web.next_host": _t("Nächste Gastgeberin", "Next host"),
    "projects.web.meetings": _t("Treffen", "Meetings"),
    "projects.web.no_meetings": _t("Noch keine Treffen.", "No meetings yet."),
    "projects.web.hosted_by": _t("zu Gast bei {host}", "hosted by {host}"),
    "projects.web.agenda": _t("Tagesordnung", "Agenda"),
    "projects.web.minutes": _t("Protokoll", "Minutes"),
    "projects.web.decisions": _t("Beschlüsse", "Decisions"),
    "projects.web.tasks": _t("Aufgaben", "Tasks"),
    "projects.web.no_tasks": _t("Keine Aufgaben.", "No tasks."),
    "projects.web.task_done": _t("Erledigt", "Done"),
    "projects.web.due": _t("bis {day}", "by {day}"),
    "projects.web.mark_done": _t("Erledigt", "Mark as done"),
    "projects.web.no_events": _t("Keine Veranstaltungen.", "No events."),
    "projects.web.minutes.record": _t(
        "Protokoll und Beschlüsse festhalten", "Record minutes and decisions"
    ),
    "projects.web.one_per_line": _t("Ein Punkt je Zeile.", "One item per line."),
    "projects.web.save": _t("Speichern", "Save"),
    "projects.web.meeting.new": _t("Ein Treffen ansetzen", "Schedule a meeting"),
    "projects.web.meeting.title": _t("Anlass", "Occasion"),
    "projects.web.meeting.submit": _t("Treffen ansetzen", "Schedule the meeting"),
    "projects.web.meeting.host_hint": _t(
        "Gastgeberin ist reihum {host}.", "The host, in turn, is {host}."
    ),
    "projects.web.day": _t("Tag", "Day"),
    "projects.web.time": _t("Uhrzeit", "Time"),
    "projects.web.hours": _t("Dauer in Stunden", "Duration in hours"),
    "projects.web.task.new": _t("Eine Aufgabe vergeben", "Give a task"),
    "projects.web.task.what": _t("Was ist zu tun?", "What is to be done?"),
    "projects.web.task.who": _t("Wer übernimmt es?", "Who does it?"),
    "projects.web.task.by_when": _t("Bis wann? (freiwillig)", "By when? (optional)"),
    "projects.web.task.submit": _t("Aufgabe vergeben", "Give the task"),
    "projects.web.done.task_added": _t("Die Aufgabe ist vergeben.", "The task is given."),
    "projects.web.done.meeting_scheduled": _t(
        "Das Treffen ist angesetzt.", "The meeting is scheduled."
    ),
    "projects.web.done.minutes_recorded": _t(
        "Protokoll und Beschlüsse sind festgehalten.", "The minutes and decisions are recorded."
    ),
    # planning: an event, a shift
    "projects.web.plan.link": _t("Veranstaltung planen", "Plan an event"),
    "projects.web.plan.title": _t("Eine Veranstaltung planen", "Plan an event"),
    "projects.web.plan.event_title": _t("Titel", "Title"),
    "projects.web.plan.organisations": _t("Veranstaltet von", "Organised by"),
    "projects.web.plan.start": _t("Beginn", "Start"),
    "projects.web.plan.end": _t("Ende", "End"),
    "projects.web.plan.place": _t("Ort", "Place"),
    "projects.web.plan.no_place": _t("kein Ort gewählt", "no place chosen"),
    "projects.web.plan.location": _t("Treffpunkt, Adresse", "Meeting point, address"),
    "projects.web.plan.description": _t("Beschreibung", "Description"),
    "projects.web.plan.signup_opens_at": _t(
        "Anmeldung ab (freiwillig)", "Sign-up opens at (optional)"
    ),
    "projects.web.plan.members_first_until": _t(
        "Zuerst für Mitglieder bis (freiwillig)", "Members first until (optional)"
    ),
    "projects.web.plan.max_shifts_per_person": _t(
        "Höchstens Schichten je Person (freiwillig)", "Most shifts per person (optional)"
    ),
    "projects.web.plan.optional_hint": _t(
        "Die Zeiten gelten in der Ortszeit der Gemeinschaft. Schichten fügen Sie danach auf der Seite der Veranstaltung hinzu.",
        "Times are in the community's local time. Add shifts afterwards on the event's page.",
    ),
    "projects.web.plan.submit": _t("Veranstaltung planen", "Plan the event"),
    "projects.web.plan.moment": _t(
        "bitte Datum und Uhrzeit angeben", "please give a date and a time"
    ),
    "projects.web.plan.no_organisation": _t(
        "bitte mindestens eine Organisation wählen", "please choose at least one organisation"
    ),
    "projects.web.plan.unknown_organisation": _t(
        "für diese Organisation können Sie nicht planen", "you cannot plan for this organisation"
    ),
    "projects.web.plan.unknown_place": _t("diesen Ort gibt es nicht", "there is no such place"),
    "projects.web.plan.unknown_qualification": _t(
        "bitte eine Qualifikation der Liste wählen", "please choose a qualification of the list"
    ),
    "projects.web.plan.end_before_start": _t(
        "das Ende muss nach dem Beginn liegen", "the end must be after the start"
    ),
    "projects.web.shift_form.link": _t("Schicht hinzufügen", "Add a shift"),
    "projects.web.shift_form.title": _t("Schicht hinzufügen: {event}", "Add a shift: {event}"),
    "projects.web.shift_form.shift_title": _t("Aufgabe der Schicht", "The shift's task"),
    "projects.web.shift_form.capacity": _t("Plätze", "Places"),
    "projects.web.shift_form.needs": _t(
        "Plätze für Qualifikationen (freiwillig)", "Places kept for qualifications (optional)"
    ),
    "projects.web.shift_form.needs_hint": _t(
        "So viele der Plätze bleiben Menschen mit dieser Qualifikation vorbehalten.",
        "So many of the places are kept for people holding the qualification.",
    ),
    "projects.web.shift_form.qualification": _t("Qualifikation", "Qualification"),
    "projects.web.shift_form.count": _t("Anzahl", "Number"),
    "projects.web.shift_form.event_place": _t("wie die Veranstaltung", "as the event"),
    "projects.web.shift_form.submit": _t("Schicht hinzufügen", "Add the shift"),
    "projects.web.done.event_planned": _t(
        "Die Veranstaltung ist geplant. Fügen Sie nun ihre Schichten hinzu.",
        "The event is planned. Now add its shifts.",
    ),
    "projects.web.done.shift_added": _t("Die Schicht ist hinzugefügt.", "The shift is added."),
}

register_messages(__name__, MESSAGES)
