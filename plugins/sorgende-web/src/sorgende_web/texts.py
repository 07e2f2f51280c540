"""The web platform's page texts, in German and English.

One part of sorgende's message catalogue (:mod:`sorgende.i18n`), registered on import.
Templates and code ask for a text by its English wording (``_("Sign in")``,
``t.gettext("Sign in")``); :class:`sorgende_web.i18n.Translator` looks it up here as the
key ``web:<English wording>``, so a template reads like the page it makes. Placeholders
are :meth:`str.format` fields; a plural has the keys ``….one`` and ``….other``.
"""

# ruff: noqa: E501  (a key is a text's English wording, which may be a long line)

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "web:Board": {"de": "Schwarzes Brett", "en": "Board"},
    "web:Ask for help": {"de": "Hilfe suchen", "en": "Ask for help"},
    "web:Offer help": {"de": "Hilfe anbieten", "en": "Offer help"},
    "web:My exchanges": {"de": "Meine Einsätze", "en": "My exchanges"},
    "web:My commitments": {"de": "Meine Zusagen", "en": "My commitments"},
    "web:Time account": {"de": "Zeitkonto", "en": "Time account"},
    "web:Dashboard": {"de": "Übersicht", "en": "Dashboard"},
    "web:Settings": {"de": "Einstellungen", "en": "Settings"},
    "web:Profile": {"de": "Mein Profil", "en": "Profile"},
    "web:Audit trail": {"de": "Protokoll", "en": "Audit trail"},
    "web:Empty database: setting up the first community ...": {
        "de": "Leere Datenbank: die erste Gemeinschaft wird eingerichtet ...",
        "en": "Empty database: setting up the first community ...",
    },
    "web:sorgende is running at %(url)s": {
        "de": "sorgende läuft unter {url}",
        "en": "sorgende is running at {url}",
    },
    "web:  sign in as %(role)s: login %(login)s, password %(password)s (%(name)s)": {
        "de": "  Anmelden als {role}: Anmeldename {login}, Passwort {password} ({name})",
        "en": "  sign in as {role}: login {login}, password {password} ({name})",
    },
    "web:Your request is on the board.": {
        "de": "Ihr Hilfegesuch steht am Schwarzen Brett.",
        "en": "Your request is on the board.",
    },
    "web:Your offer is on the board.": {
        "de": "Ihr Hilfsangebot steht am Schwarzen Brett.",
        "en": "Your offer is on the board.",
    },
    "web:Your proposal was sent.": {
        "de": "Ihr Vorschlag wurde geschickt.",
        "en": "Your proposal was sent.",
    },
    "web:The exchange is agreed.": {
        "de": "Der Einsatz ist vereinbart.",
        "en": "The exchange is agreed.",
    },
    "web:The proposal was declined.": {
        "de": "Der Vorschlag wurde abgelehnt.",
        "en": "The proposal was declined.",
    },
    "web:The help is reported as given.": {
        "de": "Die Hilfe ist als geleistet gemeldet.",
        "en": "The help is reported as given.",
    },
    "web:Thank you! The hours are booked on the time account.": {
        "de": "Danke! Die Stunden sind auf dem Zeitkonto gebucht.",
        "en": "Thank you! The hours are booked on the time account.",
    },
    "web:The coordination will look at it.": {
        "de": "Die Koordination kümmert sich darum.",
        "en": "The coordination will look at it.",
    },
    "web:Recorded that the help did not take place.": {
        "de": "Vermerkt: Die Hilfe hat nicht stattgefunden.",
        "en": "Recorded that the help did not take place.",
    },
    "web:The exchange is cancelled.": {
        "de": "Der Einsatz ist abgesagt.",
        "en": "The exchange is cancelled.",
    },
    "web:The dispute is settled.": {
        "de": "Der Streitfall ist geklärt.",
        "en": "The dispute is settled.",
    },
    "web:Withdrawn.": {"de": "Zurückgezogen.", "en": "Withdrawn."},
    "web:Your commitment is recorded.": {
        "de": "Ihre Zusage ist eingetragen.",
        "en": "Your commitment is recorded.",
    },
    "web:Saved.": {"de": "Gespeichert.", "en": "Saved."},
    "web:The token was revoked.": {
        "de": "Der Schlüssel wurde gesperrt.",
        "en": "The token was revoked.",
    },
    "web:Something went wrong on our side. Please try again later.": {
        "de": "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später noch einmal.",
        "en": "Something went wrong on our side. Please try again later.",
    },
    "web:Error": {"de": "Fehler", "en": "Error"},
    "web:Bad request": {"de": "Fehlerhafte Anfrage", "en": "Bad request"},
    "web:Please sign in": {"de": "Bitte anmelden", "en": "Please sign in"},
    "web:Not allowed": {"de": "Nicht erlaubt", "en": "Not allowed"},
    "web:Not found": {"de": "Nicht gefunden", "en": "Not found"},
    "web:Not possible this way": {"de": "So nicht möglich", "en": "Not possible this way"},
    "web:Conflict": {"de": "Konflikt", "en": "Conflict"},
    "web:Too large": {"de": "Zu groß", "en": "Too large"},
    "web:Unsupported format": {"de": "Unbekanntes Format", "en": "Unsupported format"},
    "web:Please check your input": {
        "de": "Bitte prüfen Sie Ihre Eingabe",
        "en": "Please check your input",
    },
    "web:Too many attempts": {"de": "Zu viele Versuche", "en": "Too many attempts"},
    "web:The request could not be understood.": {
        "de": "Die Anfrage war nicht verständlich.",
        "en": "The request could not be understood.",
    },
    "web:Please sign in first.": {
        "de": "Bitte melden Sie sich zuerst an.",
        "en": "Please sign in first.",
    },
    "web:You may not do this. If a form was open for long, please load the page again.": {
        "de": "Das dürfen Sie nicht. Falls ein Formular lange offen war, laden Sie die Seite "
        "bitte neu.",
        "en": "You may not do this. If a form was open for long, please load the page again.",
    },
    "web:This page does not exist, or you may not see it.": {
        "de": "Diese Seite gibt es nicht, oder Sie dürfen sie nicht sehen.",
        "en": "This page does not exist, or you may not see it.",
    },
    "web:This address cannot be used this way.": {
        "de": "Diese Adresse lässt sich so nicht aufrufen.",
        "en": "This address cannot be used this way.",
    },
    "web:The request is too large.": {
        "de": "Die Anfrage ist zu groß.",
        "en": "The request is too large.",
    },
    "web:The request has a format that is not understood.": {
        "de": "Die Anfrage hat ein unbekanntes Format.",
        "en": "The request has a format that is not understood.",
    },
    "web:Balance": {"de": "Kontostand", "en": "Balance"},
    "web:Given: %(given)s – received: %(received)s": {
        "de": "Geschenkt: {given} – erhalten: {received}",
        "en": "Given: {given} – received: {received}",
    },
    "web:Thank you!": {"de": "Danke!", "en": "Thank you!"},
    "web:Statement": {"de": "Kontoauszug", "en": "Statement"},
    "web:Date": {"de": "Datum", "en": "Date"},
    "web:What": {"de": "Was", "en": "What"},
    "web:Hours": {"de": "Stunden", "en": "Hours"},
    "web:Exchange": {"de": "Einsatz", "en": "Exchange"},
    "web:Correction: %(reason)s": {"de": "Korrektur: {reason}", "en": "Correction: {reason}"},
    "web:No bookings yet.": {"de": "Noch keine Buchungen.", "en": "No bookings yet."},
    "web:Skip to content": {"de": "Zum Inhalt springen", "en": "Skip to content"},
    "web:Signed in as %(name)s (%(role)s)": {
        "de": "Angemeldet als {name} ({role})",
        "en": "Signed in as {name} ({role})",
    },
    "web:Signed in as %(name)s": {
        "de": "Angemeldet als {name}",
        "en": "Signed in as {name}",
    },
    "web:Sign out": {"de": "Abmelden", "en": "Sign out"},
    "web:Main menu": {"de": "Hauptmenü", "en": "Main menu"},
    "web:A caring community: neighbours helping neighbours.": {
        "de": "Eine sorgende Gemeinschaft: Nachbarn helfen Nachbarn.",
        "en": "A caring community: neighbours helping neighbours.",
    },
    "web:Here you see who needs help and who offers help.": {
        "de": "Hier sehen Sie, wer Hilfe braucht und wer Hilfe anbietet.",
        "en": "Here you see who needs help and who offers help.",
    },
    "web:Requests or offers": {"de": "Gesuche oder Angebote", "en": "Requests or offers"},
    "web:Requests for help": {"de": "Hilfegesuche", "en": "Requests for help"},
    "web:Offers of help": {"de": "Hilfsangebote", "en": "Offers of help"},
    "web:Place": {"de": "Ort", "en": "Place"},
    "web:All places": {"de": "Alle Orte", "en": "All places"},
    "web:Kind of help": {"de": "Art der Hilfe", "en": "Kind of help"},
    "web:All kinds": {"de": "Alle Arten", "en": "All kinds"},
    "web:Show": {"de": "Anzeigen", "en": "Show"},
    "web:Urgent": {"de": "Dringend", "en": "Urgent"},
    "web:When": {"de": "Wann", "en": "When"},
    "web:Time needed": {"de": "Zeitbedarf", "en": "Time needed"},
    "web:No open requests right now.": {
        "de": "Zurzeit gibt es keine offenen Hilfegesuche.",
        "en": "No open requests right now.",
    },
    "web:Places": {"de": "Orte", "en": "Places"},
    "web:everywhere": {"de": "überall", "en": "everywhere"},
    "web:Time offered": {"de": "Angebotene Zeit", "en": "Time offered"},
    "web:No open offers right now.": {
        "de": "Zurzeit gibt es keine offenen Hilfsangebote.",
        "en": "No open offers right now.",
    },
    "web:A commitment says what you give regularly, for example two hours a week of rides. Here you see whether it holds.": {
        "de": "Eine Zusage (Selbstverpflichtung) sagt, was Sie regelmäßig geben, zum "
        "Beispiel zwei Stunden Fahrdienst pro Woche. Hier sehen Sie, ob sie "
        "eingehalten wird.",
        "en": "A commitment says what you give regularly, for example two hours a week of "
        "rides. Here you see whether it holds.",
    },
    "web:%(hours)s per %(period)s": {"de": "{hours} pro {period}", "en": "{hours} per {period}"},
    "web:week": {"de": "Woche", "en": "week"},
    "web:month": {"de": "Monat", "en": "month"},
    "web:Active": {"de": "Aktiv", "en": "Active"},
    "web:Paused": {"de": "Pausiert", "en": "Paused"},
    "web:Ended": {"de": "Beendet", "en": "Ended"},
    "web:Kinds of help": {"de": "Arten der Hilfe", "en": "Kinds of help"},
    "web:any": {"de": "alle", "en": "any"},
    "web:Since": {"de": "Seit", "en": "Since"},
    "web:Kept": {"de": "Eingehalten", "en": "Kept"},
    "web:%(kept)s of %(due)s periods": {
        "de": "{kept} von {due} Zeiträumen",
        "en": "{kept} of {due} periods",
    },
    "web:%(given)s of %(target)s": {"de": "{given} von {target}", "en": "{given} of {target}"},
    "web:Pause": {"de": "Pausieren", "en": "Pause"},
    "web:Resume": {"de": "Fortsetzen", "en": "Resume"},
    "web:End": {"de": "Beenden", "en": "End"},
    "web:No commitments yet.": {"de": "Noch keine Zusagen.", "en": "No commitments yet."},
    "web:Make a commitment": {"de": "Eine Zusage machen", "en": "Make a commitment"},
    "web:Per": {"de": "Pro", "en": "Per"},
    "web:Choose none for any.": {"de": "Keine Auswahl heißt: alle.", "en": "Choose none for any."},
    "web:Commit": {"de": "Zusagen", "en": "Commit"},
    "web:open requests without a helper": {
        "de": "offene Hilfegesuche ohne Helfende",
        "en": "open requests without a helper",
    },
    "web:active helpers (30 days)": {
        "de": "aktive Helfende (30 Tage)",
        "en": "active helpers (30 days)",
    },
    "web:given by the solidarity account": {
        "de": "vom Solidaritätskonto geschenkt",
        "en": "given by the solidarity account",
    },
    "web:more than %(num)s": {"de": "mehr als {num}", "en": "more than {num}"},
    "web:at least %(num)s": {"de": "mindestens {num}", "en": "at least {num}"},
    "web:Counted from the latest %(num)s exchanges of the last 30 days.": {
        "de": "Gezählt aus den letzten {num} Einsätzen der vergangenen 30 Tage.",
        "en": "Counted from the latest {num} exchanges of the last 30 days.",
    },
    "web:Open requests by age": {
        "de": "Offene Hilfegesuche nach Alter",
        "en": "Open requests by age",
    },
    "web:less than a day": {"de": "weniger als ein Tag", "en": "less than a day"},
    "web:1 to 3 days": {"de": "1 bis 3 Tage", "en": "1 to 3 days"},
    "web:3 to 7 days": {"de": "3 bis 7 Tage", "en": "3 to 7 days"},
    "web:more than a week": {"de": "mehr als eine Woche", "en": "more than a week"},
    "web:Request": {"de": "Hilfegesuch", "en": "Request"},
    "web:Waiting (days)": {"de": "Wartet (Tage)", "en": "Waiting (days)"},
    "web:Needs met per place since %(day)s": {
        "de": "Erfüllte Bedarfe je Ort seit {day}",
        "en": "Needs met per place since {day}",
    },
    "web:Needs met per place": {"de": "Erfüllte Bedarfe je Ort", "en": "Needs met per place"},
    "web:Requests": {"de": "Gesuche", "en": "Requests"},
    "web:Helped": {"de": "Geholfen", "en": "Helped"},
    "web:Share": {"de": "Anteil", "en": "Share"},
    "web:Active helpers": {"de": "Aktive Helfende", "en": "Active helpers"},
    "web:Name": {"de": "Name", "en": "Name"},
    "web:Exchanges": {"de": "Einsätze", "en": "Exchanges"},
    "web:Hours confirmed": {"de": "Bestätigte Stunden", "en": "Hours confirmed"},
    "web:Hours per month": {"de": "Stunden pro Monat", "en": "Hours per month"},
    "web:Month": {"de": "Monat", "en": "Month"},
    "web:Chart": {"de": "Diagramm", "en": "Chart"},
    "web:To the start page": {"de": "Zur Startseite", "en": "To the start page"},
    "web:Helper": {"de": "Helfer*in", "en": "Helper"},
    "web:For": {"de": "Für", "en": "For"},
    "web:Show the request": {"de": "Hilfegesuch ansehen", "en": "Show the request"},
    "web:Offer": {"de": "Hilfsangebot", "en": "Offer"},
    "web:Show the offer": {"de": "Hilfsangebot ansehen", "en": "Show the offer"},
    "web:Note": {"de": "Notiz", "en": "Note"},
    "web:Contact": {"de": "Kontakt", "en": "Contact"},
    "web:Address": {"de": "Adresse", "en": "Address"},
    "web:Phone": {"de": "Telefon", "en": "Phone"},
    "web:E-mail": {"de": "E-Mail", "en": "E-mail"},
    "web:What you can do now": {"de": "Was Sie jetzt tun können", "en": "What you can do now"},
    "web:Reason": {"de": "Begründung", "en": "Reason"},
    "web:Reason (optional)": {"de": "Begründung (freiwillig)", "en": "Reason (optional)"},
    "web:Hours actually given (optional)": {
        "de": "Tatsächlich geleistete Stunden (freiwillig)",
        "en": "Hours actually given (optional)",
    },
    "web:Hours to book": {"de": "Zu buchende Stunden", "en": "Hours to book"},
    "web:History": {"de": "Verlauf", "en": "History"},
    "web:Back to my exchanges": {"de": "Zurück zu meinen Einsätzen", "en": "Back to my exchanges"},
    "web:Helper: %(helper)s, for: %(recipient)s": {
        "de": "Helfer*in: {helper}, für: {recipient}",
        "en": "Helper: {helper}, for: {recipient}",
    },
    "web:None.": {"de": "Keine.", "en": "None."},
    "web:All current exchanges": {"de": "Alle laufenden Einsätze", "en": "All current exchanges"},
    "web:Whose exchanges": {"de": "Wessen Einsätze", "en": "Whose exchanges"},
    "web:Current": {"de": "Laufend", "en": "Current"},
    "web:Finished": {"de": "Abgeschlossen", "en": "Finished"},
    "web:Sign in": {"de": "Anmelden", "en": "Sign in"},
    "web:Welcome! Please sign in with the login name and password you received from the coordination.": {
        "de": "Willkommen! Bitte melden Sie sich mit dem Anmeldenamen und dem Passwort an, "
        "die Sie von der Koordination bekommen haben.",
        "en": "Welcome! Please sign in with the login name and password you received from "
        "the coordination.",
    },
    "web:Login name": {"de": "Anmeldename", "en": "Login name"},
    "web:Password": {"de": "Passwort", "en": "Password"},
    "web:Open": {"de": "Offen", "en": "Open"},
    "web:Helper found": {"de": "Helfende gefunden", "en": "Helper found"},
    "web:Done": {"de": "Erledigt", "en": "Done"},
    "web:Expired": {"de": "Abgelaufen", "en": "Expired"},
    "web:Withdrawn": {"de": "Zurückgezogen", "en": "Withdrawn"},
    "web:Proposed": {"de": "Vorgeschlagen", "en": "Proposed"},
    "web:Agreed": {"de": "Vereinbart", "en": "Agreed"},
    "web:Reported as done": {"de": "Als erledigt gemeldet", "en": "Reported as done"},
    "web:Confirmed": {"de": "Bestätigt", "en": "Confirmed"},
    "web:Declined": {"de": "Abgelehnt", "en": "Declined"},
    "web:Cancelled": {"de": "Abgesagt", "en": "Cancelled"},
    "web:Did not take place": {"de": "Hat nicht stattgefunden", "en": "Did not take place"},
    "web:Disputed": {"de": "Strittig", "en": "Disputed"},
    "web:Settled": {"de": "Geklärt", "en": "Settled"},
    "web:Accept": {"de": "Annehmen", "en": "Accept"},
    "web:Decline": {"de": "Ablehnen", "en": "Decline"},
    "web:Report as done": {"de": "Als erledigt melden", "en": "Report as done"},
    "web:Confirm": {"de": "Bestätigen", "en": "Confirm"},
    "web:Dispute": {"de": "Widersprechen", "en": "Dispute"},
    "web:Cancel": {"de": "Absagen", "en": "Cancel"},
    "web:Settle the dispute": {"de": "Streitfall klären", "en": "Settle the dispute"},
    "web:helper": {"de": "Helfer*in", "en": "helper"},
    "web:recipient": {"de": "Empfänger*in", "en": "recipient"},
    "web:coordination": {"de": "Koordination", "en": "coordination"},
    "web:Pages": {"de": "Seiten", "en": "Pages"},
    "web:Previous page": {"de": "Vorige Seite", "en": "Previous page"},
    "web:Page %(page)s of %(pages)s": {
        "de": "Seite {page} von {pages}",
        "en": "Page {page} of {pages}",
    },
    "web:Next page": {"de": "Nächste Seite", "en": "Next page"},
    "web:Offered by": {"de": "Angeboten von", "en": "Offered by"},
    "web:I would like this help": {"de": "Ich möchte diese Hilfe", "en": "I would like this help"},
    "web:Day": {"de": "Tag", "en": "Day"},
    "web:Time": {"de": "Uhrzeit", "en": "Time"},
    "web:A note (optional)": {"de": "Eine Notiz (freiwillig)", "en": "A note (optional)"},
    "web:Ask for this help": {"de": "Diese Hilfe erbitten", "en": "Ask for this help"},
    "web:Withdraw the offer": {"de": "Hilfsangebot zurückziehen", "en": "Withdraw the offer"},
    "web:Back to the board": {"de": "Zurück zum Schwarzen Brett", "en": "Back to the board"},
    "web:Say what you can do, where and when. People who need it can ask you.": {
        "de": "Sagen Sie, was Sie tun können, wo und wann. Wer Hilfe braucht, kann Sie fragen.",
        "en": "Say what you can do, where and when. People who need it can ask you.",
    },
    "web:Please choose": {"de": "Bitte wählen", "en": "Please choose"},
    "web:Choose none for everywhere in the community.": {
        "de": "Keine Auswahl heißt: überall in der Gemeinschaft.",
        "en": "Choose none for everywhere in the community.",
    },
    "web:First day": {"de": "Erster Tag", "en": "First day"},
    "web:From": {"de": "Ab", "en": "From"},
    "web:Every week": {"de": "Jede Woche", "en": "Every week"},
    "web:Short title": {"de": "Kurzer Titel", "en": "Short title"},
    "web:Details (optional)": {"de": "Einzelheiten (freiwillig)", "en": "Details (optional)"},
    "web:Post the offer": {"de": "Hilfsangebot einstellen", "en": "Post the offer"},
    "web:Only the helper agreed for an exchange and the coordination see your address.": {
        "de": "Ihre Adresse sehen nur die für einen Einsatz vereinbarten Helfenden und die "
        "Koordination.",
        "en": "Only the helper agreed for an exchange and the coordination see your address.",
    },
    "web:Street and house number": {"de": "Straße und Hausnummer", "en": "Street and house number"},
    "web:Save": {"de": "Speichern", "en": "Save"},
    "web:API tokens": {"de": "API-Schlüssel", "en": "API tokens"},
    "web:For programs that use the platform's REST API on your behalf.": {
        "de": "Für Programme, die die REST-API der Plattform in Ihrem Namen nutzen.",
        "en": "For programs that use the platform's REST API on your behalf.",
    },
    "web:Your new token (shown only this once):": {
        "de": "Ihr neuer Schlüssel (wird nur dieses eine Mal gezeigt):",
        "en": "Your new token (shown only this once):",
    },
    "web:Revoke": {"de": "Sperren", "en": "Revoke"},
    "web:What the token is for": {"de": "Wofür der Schlüssel ist", "en": "What the token is for"},
    "web:Make a token": {"de": "Schlüssel erzeugen", "en": "Make a token"},
    "web:Helpers needed": {"de": "Benötigte Helfende", "en": "Helpers needed"},
    "web:posted by %(name)s": {"de": "eingestellt von {name}", "en": "posted by {name}"},
    "web:Details": {"de": "Einzelheiten", "en": "Details"},
    "web:I can help": {"de": "Ich kann helfen", "en": "I can help"},
    "web:Offer to help": {"de": "Hilfe anbieten", "en": "Offer to help"},
    "web:Who could help": {"de": "Wer helfen könnte", "en": "Who could help"},
    "web:Fit": {"de": "Passung", "en": "Fit"},
    "web:Ask": {"de": "Fragen", "en": "Ask"},
    "web:Ask %(name)s": {"de": "{name} fragen", "en": "Ask {name}"},
    "web:No longer needed?": {"de": "Nicht mehr nötig?", "en": "No longer needed?"},
    "web:Withdraw the request": {"de": "Hilfegesuch zurückziehen", "en": "Withdraw the request"},
    "web:Say what you need, where and when. Helpers from the community will see it on the board.": {
        "de": "Sagen Sie, was Sie brauchen, wo und wann. Helfende aus der Gemeinschaft sehen "
        "es am Schwarzen Brett.",
        "en": "Say what you need, where and when. Helpers from the community will see it on "
        "the board.",
    },
    "web:For whom": {"de": "Für wen", "en": "For whom"},
    "web:For myself": {"de": "Für mich selbst", "en": "For myself"},
    "web:As coordination you can ask for help on behalf of someone, for example after a phone call.": {
        "de": "Als Koordination können Sie für jemanden Hilfe suchen, zum Beispiel nach "
        "einem Anruf.",
        "en": "As coordination you can ask for help on behalf of someone, for example after "
        "a phone call.",
    },
    "web:Hours needed": {"de": "Benötigte Stunden", "en": "Hours needed"},
    "web:For example 1 or 1,5": {"de": "Zum Beispiel 1 oder 1,5", "en": "For example 1 or 1,5"},
    "web:How often": {"de": "Wie oft", "en": "How often"},
    "web:Once": {"de": "Einmal", "en": "Once"},
    "web:Please do not write your address or phone number here: the helper who is agreed gets them.": {
        "de": "Bitte schreiben Sie Adresse und Telefonnummer nicht hierher: die vereinbarten "
        "Helfenden bekommen sie.",
        "en": "Please do not write your address or phone number here: the helper who is "
        "agreed gets them.",
    },
    "web:Post the request": {"de": "Hilfegesuch einstellen", "en": "Post the request"},
    "web:Settings of the community": {
        "de": "Einstellungen der Gemeinschaft",
        "en": "Settings of the community",
    },
    "web:Name of the place": {"de": "Name des Ortes", "en": "Name of the place"},
    "web:Kind of place": {"de": "Art des Ortes", "en": "Kind of place"},
    "web:Village": {"de": "Ortsgemeinde", "en": "Village"},
    "web:Town": {"de": "Stadt", "en": "Town"},
    "web:District": {"de": "Ortsteil", "en": "District"},
    "web:Add the place": {"de": "Ort hinzufügen", "en": "Add the place"},
    "web:Code": {"de": "Kürzel", "en": "Code"},
    "web:Small letters, digits and _, for example firewood": {
        "de": "Kleinbuchstaben, Ziffern und _, zum Beispiel brennholz",
        "en": "Small letters, digits and _, for example firewood",
    },
    "web:Name in German": {"de": "Name auf Deutsch", "en": "Name in German"},
    "web:Name in English": {"de": "Name auf Englisch", "en": "Name in English"},
    "web:Add the kind of help": {"de": "Art der Hilfe hinzufügen", "en": "Add the kind of help"},
    "web:Accounts": {"de": "Zugänge", "en": "Accounts"},
    "web:Roles": {"de": "Rollen", "en": "Roles"},
    "web:%(num)s entry.one": {"de": "{num} Eintrag", "en": "{num} entry"},
    "web:%(num)s entry.other": {"de": "{num} Einträge", "en": "{num} entries"},
    "web:More than %(num)s entries": {
        "de": "Mehr als {num} Einträge",
        "en": "More than {num} entries",
    },
    "web:Page %(page)s of more than %(pages)s": {
        "de": "Seite {page} von mehr als {pages}",
        "en": "Page {page} of more than {pages}",
    },
    "web:Calendar": {"de": "Kalender", "en": "Calendar"},
    "web:Add this address to your phone's calendar app to see your exchanges and commitments there. Keep it to yourself: anyone with the address can read the calendar.": {
        "de": "Tragen Sie diese Adresse in die Kalender-App Ihres Telefons ein, dann sehen "
        "Sie dort Ihre Einsätze und Selbstverpflichtungen. Geben Sie sie nicht weiter: "
        "Wer die Adresse kennt, kann den Kalender lesen.",
        "en": "Add this address to your phone's calendar app to see your exchanges and "
        "commitments there. Keep it to yourself: anyone with the address can read the "
        "calendar.",
    },
    # the exchange's helper, for the recipient who may see their contact details
    "web:Contact of the helper": {
        "de": "Kontakt der helfenden Person",
        "en": "Contact of the helper",
    },
    # sorgende web upgrade-roles
    "web:%(login)s (%(name)s), web role %(role)s: %(granted)s": {
        "de": "{login} ({name}), Web-Rolle {role}: {granted}",
        "en": "{login} ({name}), web role {role}: {granted}",
    },
    "web:no role to grant": {"de": "keine Rolle zu vergeben", "en": "no role to grant"},
    "web:Dry run: nothing was changed.": {
        "de": "Probelauf: nichts wurde geändert.",
        "en": "Dry run: nothing was changed.",
    },
    "web:No account carries a web role of sorgende-web 0.1.": {
        "de": "Kein Zugang hat eine Web-Rolle von sorgende-web 0.1.",
        "en": "No account carries a web role of sorgende-web 0.1.",
    },
    # the audit trail
    "web:The privileged acts in the community, newest first: adjustments of hours and their approvals, exports and erasures of a person's data, roles granted and revoked, settings changed, and what someone did on another person's behalf. The latest %(most)s are shown.": {
        "de": "Die Handlungen mit besonderen Befugnissen in der Gemeinschaft, die neuesten zuerst: Umbuchungen von Stunden und ihre Freigaben, Export und Löschung der Daten einer Person, vergebene und entzogene Rollen, geänderte Einstellungen, und was jemand für eine andere Person getan hat. Gezeigt werden die letzten {most}.",
        "en": "The privileged acts in the community, newest first: adjustments of hours and their approvals, exports and erasures of a person's data, roles granted and revoked, settings changed, and what someone did on another person's behalf. The latest {most} are shown.",
    },
    "web:Who": {"de": "Wer", "en": "Who"},
    "web:Nothing recorded yet.": {"de": "Noch nichts verzeichnet.", "en": "Nothing recorded yet."},
}

register_messages(__name__, MESSAGES)
