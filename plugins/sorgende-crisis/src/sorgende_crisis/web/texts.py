"""The texts of the crisis plugin's pages, German and English, in plain language."""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES = {
    "crisis.web.help.title": {"de": "Ich will helfen", "en": "I want to help"},
    "crisis.web.help.lead": {
        "de": "Sie brauchen kein Konto. Sagen Sie uns, was Sie können. Wir rufen Sie an oder "
        "schicken eine SMS, wenn wir Sie brauchen.",
        "en": "You do not need an account. Tell us what you can do. We will call you or "
        "send a text message when we need you.",
    },
    "crisis.web.help.name": {"de": "Ihr Name", "en": "Your name"},
    "crisis.web.help.phone": {"de": "Ihre Handynummer", "en": "Your mobile number"},
    "crisis.web.help.email": {"de": "E-Mail (freiwillig)", "en": "E-mail (optional)"},
    "crisis.web.help.skills": {
        "de": "Was können Sie? (z. B. schleppen, Erste Hilfe, kochen)",
        "en": "What can you do? (e.g. carrying, first aid, cooking)",
    },
    "crisis.web.help.equipment": {
        "de": "Was bringen Sie mit? (z. B. Transporter, Pumpe, Schaufel)",
        "en": "What do you bring? (e.g. a van, a pump, a shovel)",
    },
    "crisis.web.help.comes_from": {"de": "Woher kommen Sie?", "en": "Where do you come from?"},
    "crisis.web.help.place": {
        "de": "Wo möchten Sie helfen?",
        "en": "Where would you like to help?",
    },
    "crisis.web.help.anywhere": {"de": "egal wo", "en": "anywhere"},
    "crisis.web.help.adult": {"de": "Ich bin 18 Jahre oder älter.", "en": "I am 18 or older."},
    "crisis.web.help.guardian": {
        "de": "Ich bin jünger, meine Eltern sind einverstanden.",
        "en": "I am younger, and my parents agree.",
    },
    "crisis.web.help.consent_contact": {
        "de": "Sie dürfen mich für diesen Einsatz anrufen und mir schreiben.",
        "en": "You may call me and write to me about this crisis.",
    },
    "crisis.web.help.consent_retention": {
        "de": "Ich möchte danach Mitglied der Sorgenden Gemeinschaft werden. Meine Angaben "
        "dürfen dafür bleiben. (Sonst löschen wir sie 30 Tage nach dem Einsatz.)",
        "en": "Afterwards I would like to join the caring community. My details may be kept "
        "for that. (Otherwise we delete them 30 days after the crisis.)",
    },
    "crisis.web.help.channel": {"de": "Bestätigung per", "en": "Confirmation by"},
    "crisis.web.help.sms": {"de": "SMS", "en": "text message"},
    "crisis.web.help.by_email": {"de": "E-Mail", "en": "e-mail"},
    "crisis.web.help.submit": {"de": "Anmelden", "en": "Register"},
    "crisis.web.help.problem": {"de": "Bitte prüfen Sie:", "en": "Please check:"},
    "crisis.web.need.title": {"de": "Ich brauche Hilfe", "en": "I need help"},
    "crisis.web.need.lead": {
        "de": "Melden Sie hier, wo Hilfe gebraucht wird. Der Krisenstab prüft Ihre Meldung "
        "und ruft Sie zurück. Bei Gefahr für Leib und Leben: 112.",
        "en": "Tell us here where help is needed. The crisis staff check your report and "
        "call you back. If someone is in danger: call 112.",
    },
    "crisis.web.need.what": {
        "de": "Was wird gebraucht? (z. B. Keller auspumpen, Möbel tragen)",
        "en": "What is needed? (e.g. pump out a cellar, carry furniture)",
    },
    "crisis.web.need.place": {"de": "In welchem Ort?", "en": "In which place?"},
    "crisis.web.need.choose": {"de": "Bitte wählen", "en": "Please choose"},
    "crisis.web.need.address": {
        "de": "Straße und Hausnummer (freiwillig)",
        "en": "Street and number (optional)",
    },
    "crisis.web.need.helpers": {
        "de": "Wie viele Helfende werden gebraucht?",
        "en": "How many helpers are needed?",
    },
    "crisis.web.need.urgent": {
        "de": "Es ist sehr dringend (heute).",
        "en": "It is very urgent (today).",
    },
    "crisis.web.need.phone": {
        "de": "Ihre Telefonnummer für den Rückruf",
        "en": "Your phone number, so that we can call you back",
    },
    "crisis.web.need.consent": {
        "de": "Sie dürfen mich dazu anrufen. Meine Angaben werden 30 Tage nach dem Einsatz "
        "gelöscht.",
        "en": "You may call me about it. My details are deleted 30 days after the crisis.",
    },
    "crisis.web.need.submit": {"de": "Hilfe anfragen", "en": "Ask for help"},
    "crisis.web.need.thanks": {
        "de": "Danke, Ihre Meldung ist angekommen. Der Krisenstab ruft Sie an.",
        "en": "Thank you, we have your report. The crisis staff will call you.",
    },
    "crisis.web.helper.title": {"de": "Danke, {name}!", "en": "Thank you, {name}!"},
    "crisis.web.helper.registered": {
        "de": "Sie sind angemeldet. Wir melden uns, wenn wir Sie brauchen. Bitte speichern "
        "Sie diese Seite.",
        "en": "You are registered. We will contact you when we need you. Please bookmark "
        "this page.",
    },
    "crisis.web.helper.none": {"de": "Noch kein Einsatz.", "en": "No task yet."},
    "crisis.web.helper.task": {"de": "Ihr Einsatz", "en": "Your task"},
    "crisis.web.helper.when": {"de": "Wann", "en": "When"},
    "crisis.web.helper.meeting_point": {"de": "Treffpunkt", "en": "Meeting point"},
    "crisis.web.helper.state": {"de": "Stand", "en": "Status"},
    "crisis.web.helper.confirm": {"de": "Ich komme", "en": "I will come"},
    "crisis.web.helper.decline": {"de": "Ich kann nicht", "en": "I cannot come"},
    "crisis.web.helper.check_in": {"de": "Ich bin da (einchecken)", "en": "I am here (check in)"},
    "crisis.web.helper.check_out": {
        "de": "Ich gehe (auschecken)",
        "en": "I am leaving (check out)",
    },
    "crisis.web.helper.hours": {"de": "Ihre Stunden: {hours}", "en": "Your hours: {hours}"},
    "crisis.web.situation.title": {"de": "Lagebild: {crisis}", "en": "Situation: {crisis}"},
    "crisis.web.situation.registered": {"de": "Angemeldet", "en": "Registered"},
    "crisis.web.situation.dispatched": {"de": "Eingeteilt", "en": "Dispatched"},
    "crisis.web.situation.on_site": {"de": "Vor Ort", "en": "On site"},
    "crisis.web.situation.hours": {"de": "Geleistete Stunden", "en": "Hours given"},
    "crisis.web.situation.tasks": {"de": "Aufgaben", "en": "Tasks"},
    "crisis.web.situation.task": {"de": "Aufgabe", "en": "Task"},
    "crisis.web.situation.place": {"de": "Ort", "en": "Place"},
    "crisis.web.situation.priority": {"de": "Dringlichkeit", "en": "Priority"},
    "crisis.web.situation.filled": {"de": "Besetzt", "en": "Filled"},
    "crisis.web.situation.batch": {"de": "Gruppe schicken", "en": "Send a group"},
    "crisis.web.situation.size": {"de": "Wie viele", "en": "How many"},
    "crisis.web.situation.sent": {
        "de": "{count} Helfende eingeteilt.",
        "en": "{count} helpers dispatched.",
    },
    "crisis.web.priority.1": {"de": "sehr dringend", "en": "urgent"},
    "crisis.web.priority.2": {"de": "dringend", "en": "high"},
    "crisis.web.priority.3": {"de": "normal", "en": "normal"},
}

register_messages(__name__, MESSAGES)
