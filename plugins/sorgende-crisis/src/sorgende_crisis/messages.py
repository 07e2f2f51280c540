"""The plugin's texts for people, German and English (``sorgende.i18n``)."""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES = {
    "kind.crisis.crisis": {"de": "Krisenlage", "en": "crisis"},
    "kind.crisis.helper": {"de": "Spontanhelfer-Anmeldung", "en": "helper registration"},
    "kind.crisis.task": {"de": "Einsatzaufgabe", "en": "crisis task"},
    "kind.crisis.dispatch": {"de": "Einsatz", "en": "dispatch"},
    "field.phone": {"de": "Telefonnummer", "en": "phone number"},
    "field.what": {"de": "Was gebraucht wird", "en": "what is needed"},
    "field.address": {"de": "Straße und Hausnummer", "en": "street and number"},
    "field.helpers": {"de": "Wie viele Helfende", "en": "how many helpers"},
    "field.strategy": {"de": "Art zu verteilen", "en": "way to dispatch"},
    "field.batch_size": {"de": "Gruppengröße", "en": "size of a group"},
    "field.skills": {"de": "Was ich kann", "en": "what I can do"},
    "field.equipment": {"de": "Was ich mitbringe", "en": "what I bring"},
    "field.comes_from": {"de": "Woher ich komme", "en": "where I come from"},
    "field.adult": {"de": "Alter", "en": "age"},
    "field.consent_contact": {"de": "Einwilligung", "en": "consent"},
    "field.available_until": {"de": "Bis wann", "en": "until when"},
    "field.capacity": {"de": "Anzahl Helfende", "en": "number of helpers"},
    "field.priority": {"de": "Dringlichkeit", "en": "priority"},
    "crisis.problem.phone_missing": {
        "de": "Bitte geben Sie Ihre Telefonnummer an, damit wir Sie erreichen.",
        "en": "Please give your phone number so that we can reach you.",
    },
    "crisis.problem.phone_malformed": {
        "de": "Das ist keine Telefonnummer. Bitte so schreiben: 0171 2345678",
        "en": "That is not a phone number. Please write it like this: 0171 2345678",
    },
    "crisis.problem.aware": {
        "de": "bitte mit Datum und Uhrzeit angeben",
        "en": "please give a date and a time",
    },
    "crisis.problem.retention": {
        "de": "zwischen 1 und 365 Tagen",
        "en": "between 1 and 365 days",
    },
    "crisis.problem.text": {"de": "bitte als Text angeben", "en": "please give it as text"},
    "crisis.problem.markup": {
        "de": "bitte ohne die Zeichen < und >",
        "en": "please without the characters < and >",
    },
    "crisis.problem.too_many": {"de": "höchstens {most} Angaben", "en": "at most {most} entries"},
    "crisis.problem.no_place": {
        "de": "mindestens ein Ort muss betroffen sein",
        "en": "at least one place must be affected",
    },
    "crisis.problem.minor": {
        "de": "Helfen dürfen Erwachsene, oder mit Einverständnis der Eltern.",
        "en": "Adults may help, or with a parent's or guardian's consent.",
    },
    "crisis.problem.consent": {
        "de": "Ohne Ihre Einwilligung können wir Sie nicht einteilen.",
        "en": "Without your consent we cannot send you anywhere.",
    },
    "crisis.problem.email_needed": {
        "de": "Für eine Bestätigung per E-Mail brauchen wir Ihre E-Mail-Adresse.",
        "en": "For a confirmation by e-mail we need your e-mail address.",
    },
    "crisis.problem.capacity": {
        "de": "zwischen 1 und 1000 Helfende",
        "en": "between 1 and 1000 helpers",
    },
    "crisis.sim.report": {
        "de": "{title}: {helpers} Spontanhelfende, {tasks} Aufgaben mit {places} Plätzen; "
        "{places_filled} Plätze besetzt, {tasks_staffed} Aufgaben voll, davon "
        "{pump_tasks_staffed} von {pump_tasks} mit Pumpe; {hours} Stunden geleistet, "
        "{helper_days_idle} Helfertage ohne Einsatz",
        "en": "{title}: {helpers} spontaneous helpers, {tasks} tasks with {places} places; "
        "{places_filled} places filled, {tasks_staffed} tasks fully staffed, "
        "{pump_tasks_staffed} of {pump_tasks} with a pump; {hours} hours given, "
        "{helper_days_idle} helper-days without a task",
    },
    "crisis.problem.need_place": {
        "de": "Bitte wählen Sie, in welchem Ort Hilfe gebraucht wird.",
        "en": "Please choose the place where help is needed.",
    },
    "crisis.problem.helpers": {
        "de": "Bitte eine Zahl von 1 bis {most}.",
        "en": "Please a number from 1 to {most}.",
    },
    "crisis.problem.consent_report": {
        "de": "Ohne Ihre Einwilligung können wir Sie nicht zurückrufen.",
        "en": "Without your consent we cannot call you back.",
    },
    "crisis.problem.setting": {
        "de": "eine ganze Zahl ab 1",
        "en": "a whole number from 1",
    },
    "crisis.problem.strategy": {
        "de": "eine dieser Arten zu verteilen: {known}",
        "en": "one of these ways to dispatch: {known}",
    },
    "crisis.problem.priority": {
        "de": "1 (sehr dringend), 2 (dringend) oder 3 (normal)",
        "en": "1 (urgent), 2 (high) or 3 (normal)",
    },
    "crisis.problem.ends_before": {
        "de": "das Ende muss nach dem Beginn liegen",
        "en": "the end must be after the start",
    },
    "crisis.reason.not_staff": {
        "de": "das ist Sache des Krisenstabs der Gemeinde",
        "en": "that is for the municipality's crisis staff",
    },
    "crisis.reason.closed": {"de": "die Lage ist beendet", "en": "the crisis has ended"},
    "crisis.reason.not_closed": {"de": "die Lage läuft noch", "en": "the crisis is still on"},
    "crisis.reason.no_consent": {
        "de": "die Person hat der Übernahme nicht zugestimmt",
        "en": "the person did not consent to becoming a member",
    },
    "crisis.reason.converted": {"de": "schon Mitglied", "en": "already a member"},
    "crisis.reason.state": {"de": "der Einsatz ist {state}", "en": "the dispatch is {state}"},
    "crisis.reason.wrong_code": {"de": "der Code stimmt nicht", "en": "the code is wrong"},
    "crisis.what.check_in": {"de": "Einchecken", "en": "checking in"},
    "crisis.what.check_out": {"de": "Auschecken", "en": "checking out"},
    "crisis.what.confirm": {"de": "Zusagen", "en": "confirming"},
    "crisis.what.convert": {"de": "Die Übernahme als Mitglied", "en": "Becoming a member"},
    "crisis.action.open": {"de": "Lagen eröffnen und beenden", "en": "open and close crises"},
    "crisis.action.task": {"de": "Aufgaben anlegen", "en": "post tasks"},
    "crisis.action.dispatch": {"de": "Helfende einteilen", "en": "dispatch helpers"},
    "crisis.action.see": {"de": "das Lagebild sehen", "en": "see the situation picture"},
    "crisis.action.convert": {"de": "Helfende übernehmen", "en": "convert helpers"},
    "crisis.state.sent": {"de": "versandt", "en": "sent"},
    "crisis.state.confirmed": {"de": "zugesagt", "en": "confirmed"},
    "crisis.state.declined": {"de": "abgesagt", "en": "declined"},
    "crisis.state.checked_in": {"de": "eingecheckt", "en": "checked in"},
    "crisis.state.checked_out": {"de": "ausgecheckt", "en": "checked out"},
    "crisis.confirm.subject": {
        "de": "Danke für Ihre Anmeldung: {crisis}",
        "en": "Thank you for registering: {crisis}",
    },
    "crisis.confirm.text": {
        "de": "Hallo {name}, Sie sind als Helfer*in angemeldet. Wir melden uns, wenn wir "
        "Sie brauchen. Ihre Seite: {link}",
        "en": "Hello {name}, you are registered as a helper. We will contact you when we "
        "need you. Your page: {link}",
    },
    "crisis.dispatch.subject": {"de": "Ihr Einsatz: {task}", "en": "Your task: {task}"},
    "crisis.dispatch.text": {
        "de": "Hallo {name}, bitte kommen Sie am {when} zum Treffpunkt: {meeting_point}. "
        "Bitte sagen Sie zu: {link}",
        "en": "Hello {name}, please come on {when} to the meeting point: {meeting_point}. "
        "Please confirm: {link}",
    },
    "crisis.certificate": {
        "de": "Bescheinigung: {name} hat bei „{crisis}“ {hours} geholfen. Vielen Dank!",
        "en": "Certificate: {name} helped for {hours} in “{crisis}”. Thank you!",
    },
    "crisis.timebank.reason": {
        "de": "Einsatz als Spontanhelfer*in: {crisis}",
        "en": "Spontaneous help: {crisis}",
    },
}

register_messages("sorgende_crisis", MESSAGES)
