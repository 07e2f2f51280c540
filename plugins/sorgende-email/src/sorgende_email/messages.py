"""The e-mail plugin's texts for people, in German and English: messages, digests, refusals.

The templates under ``templates/`` give the layout and ask for their words here with
``t(key, ...)`` (``tn`` for a count); a theme may still replace a template, for all
languages (``kinds/<EventType>.j2``) or for one (``de/kinds/<EventType>.j2``).

One part of sorgende's message catalogue (:mod:`sorgende.i18n`), registered on import
like every plugin's texts; the keys carry the plugin's prefix so they cannot collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    # -- the messages and digests (templates/*: the layout, these: the words) ----------
    "email.ExchangeAccepted.subject": {
        "de": "Zugesagt: {category}",
        "en": "Agreed: {category}",
    },
    "email.ExchangeAccepted.subject_when": {
        "de": "Zugesagt: {category} am {when}",
        "en": "Agreed: {category} on {when}",
    },
    "email.ExchangeAccepted.intro": {
        "de": "Der Einsatz ist vereinbart: {helper} hilft {recipient} bei „{category}“.",
        "en": "It is agreed: {helper} helps {recipient} with “{category}”.",
    },
    "email.ExchangeCancelled.subject": {
        "de": "Abgesagt: {category}",
        "en": "Cancelled: {category}",
    },
    "email.ExchangeCancelled.subject_when": {
        "de": "Abgesagt: {category} am {when}",
        "en": "Cancelled: {category} on {when}",
    },
    "email.ExchangeCancelled.intro": {
        "de": "{who} hat den Einsatz „{category}“ abgesagt.",
        "en": "{who} has cancelled “{category}”.",
    },
    "email.reason": {
        "de": "Grund: {reason}",
        "en": "Reason: {reason}",
    },
    "email.ExchangeCompleted.subject": {
        "de": "Bitte bestätigen: {category}",
        "en": "Please confirm: {category}",
    },
    "email.ExchangeCompleted.intro": {
        "de": "{helper} hat gemeldet, dass die Hilfe „{category}“ geleistet wurde.",
        "en": "{helper} reports that “{category}” was done.",
    },
    "email.ExchangeCompleted.intro_hours": {
        "de": "{helper} hat gemeldet, dass die Hilfe „{category}“ geleistet wurde ({hours}).",
        "en": "{helper} reports that “{category}” was done ({hours}).",
    },
    "email.ExchangeCompleted.please": {
        "de": "Bitte bestätigen Sie das, damit die Zeit gutgeschrieben wird.",
        "en": "Please confirm it, so that the time is credited.",
    },
    "email.ExchangeConfirmed.subject": {
        "de": "Bestätigt: {category}",
        "en": "Confirmed: {category}",
    },
    "email.ExchangeConfirmed.intro_helper": {
        "de": "{recipient} hat Ihre Hilfe bestätigt. {hours} wurden Ihrem Zeitkonto "
        "gutgeschrieben. Herzlichen Dank!",
        "en": "{recipient} has confirmed your help. {hours} were credited to your time "
        "account. Thank you!",
    },
    "email.ExchangeConfirmed.intro": {
        "de": "Die Hilfe von {helper} („{category}“) ist bestätigt: {hours}.",
        "en": "The help of {helper} (“{category}”) is confirmed: {hours}.",
    },
    "email.ExchangeDeclined.subject": {
        "de": "Abgelehnt: {category}",
        "en": "Declined: {category}",
    },
    "email.ExchangeDeclined.intro": {
        "de": "{who} hat den Vorschlag „{category}“ leider abgelehnt.",
        "en": "{who} has declined “{category}”.",
    },
    "email.ExchangeDeclined.someone_else": {
        "de": "Die Koordination hilft gern, jemand anderen zu finden.",
        "en": "The coordinators will gladly help to find someone else.",
    },
    "email.ExchangeDisputed.subject": {
        "de": "Rückfrage zum Einsatz: {category}",
        "en": "A question about: {category}",
    },
    "email.ExchangeDisputed.intro": {
        "de": "{who} hat zum Einsatz „{category}“ eine Rückfrage.",
        "en": "{who} has a question about “{category}”.",
    },
    "email.ExchangeDisputed.in_touch": {
        "de": "Die Koordination meldet sich bei Ihnen.",
        "en": "The coordinators will be in touch.",
    },
    "email.ExchangeNoShow.subject": {
        "de": "Nicht zustande gekommen: {category}",
        "en": "Did not take place: {category}",
    },
    "email.ExchangeNoShow.intro": {
        "de": "Der Einsatz „{category}“ ist nicht zustande gekommen.",
        "en": "“{category}” did not take place.",
    },
    "email.ExchangeNoShow.intro_when": {
        "de": "Der Einsatz „{category}“ am {when} ist nicht zustande gekommen.",
        "en": "“{category}” on {when} did not take place.",
    },
    "email.ExchangeProposed.subject_helper": {
        "de": "Anfrage an Sie: {category} für {counterpart}",
        "en": "Request for you: {category} for {counterpart}",
    },
    "email.ExchangeProposed.subject": {
        "de": "{counterpart} möchte Ihnen helfen: {category}",
        "en": "{counterpart} offers to help you: {category}",
    },
    "email.ExchangeProposed.intro_helper": {
        "de": "{counterpart} fragt, ob Sie helfen können: {category}.",
        "en": "{counterpart} asks whether you can help: {category}.",
    },
    "email.ExchangeProposed.intro_helper_when": {
        "de": "{counterpart} fragt, ob Sie helfen können: {category} am {when}.",
        "en": "{counterpart} asks whether you can help: {category} on {when}.",
    },
    "email.ExchangeProposed.answer_helper": {
        "de": "Bitte sagen Sie zu oder ab.",
        "en": "Please accept or decline.",
    },
    "email.ExchangeProposed.intro": {
        "de": "{counterpart} möchte Ihnen helfen: {category}.",
        "en": "{counterpart} offers to help you: {category}.",
    },
    "email.ExchangeProposed.intro_when": {
        "de": "{counterpart} möchte Ihnen helfen: {category} am {when}.",
        "en": "{counterpart} offers to help you: {category} on {when}.",
    },
    "email.ExchangeProposed.answer": {
        "de": "Bitte nehmen Sie das Angebot an oder lehnen Sie es ab.",
        "en": "Please accept or decline the offer.",
    },
    "email.ExchangeResolved.subject": {
        "de": "Geklärt: {category}",
        "en": "Resolved: {category}",
    },
    "email.ExchangeResolved.intro_hours": {
        "de": "Die Koordination hat den Einsatz „{category}“ geklärt: {hours} werden gebucht.",
        "en": "The coordinators have resolved “{category}”: {hours} are booked.",
    },
    "email.ExchangeResolved.intro": {
        "de": "Die Koordination hat den Einsatz „{category}“ geklärt; es wird keine Zeit gebucht.",
        "en": "The coordinators have resolved “{category}”; no time is booked.",
    },
    "email.RecognitionAwarded.subject": {
        "de": "Danke! {recognition}",
        "en": "Thank you! {recognition}",
    },
    "email.RecognitionAwarded.intro": {
        "de": "Sie haben eine Anerkennung erhalten: „{recognition}“.",
        "en": "You have received a recognition: “{recognition}”.",
    },
    "email.RecognitionAwarded.thanks": {
        "de": "Herzlichen Dank für Ihre Hilfe!",
        "en": "Thank you for your help!",
    },
    "email.default.subject": {
        "de": "Neuigkeiten aus {community}",
        "en": "News from {community}",
    },
    "email.default.intro": {
        "de": "Es gibt Neuigkeiten für Sie in {community}.",
        "en": "There is news for you in {community}.",
    },
    "email.greeting": {
        "de": "Guten Tag {name},",
        "en": "Hello {name},",
    },
    "email.line.what": {
        "de": "Was:    {value}",
        "en": "What:    {value}",
    },
    "email.line.when": {
        "de": "Wann:   {value}",
        "en": "When:    {value}",
    },
    "email.line.where": {
        "de": "Wo:     {value}",
        "en": "Where:   {value}",
    },
    "email.line.time": {
        "de": "Umfang: {value}",
        "en": "Time:    {value}",
    },
    "email.line.request": {
        "de": "Gesuch: {value}",
        "en": "Request: {value}",
    },
    "email.label.what": {
        "de": "Was",
        "en": "What",
    },
    "email.label.when": {
        "de": "Wann",
        "en": "When",
    },
    "email.label.where": {
        "de": "Wo",
        "en": "Where",
    },
    "email.label.time": {
        "de": "Umfang",
        "en": "Time",
    },
    "email.label.request": {
        "de": "Gesuch",
        "en": "Request",
    },
    "email.visit": {
        "de": "Zur Sorgenden Gemeinschaft",
        "en": "Visit your caring community",
    },
    "email.visit_line": {
        "de": "Zur Sorgenden Gemeinschaft: {url}",
        "en": "Visit your caring community: {url}",
    },
    "email.signature": {
        "de": "Ihre Sorgende Gemeinschaft – {community}",
        "en": "Your caring community – {community}",
    },
    "email.signature_plain": {
        "de": "Ihre Sorgende Gemeinschaft",
        "en": "Your caring community",
    },
    "email.why": {
        "de": "Sie erhalten diese Nachricht, weil Sie zugestimmt haben, über Hilfe in "
        "{community} benachrichtigt zu werden.",
        "en": "You receive this message because you agreed to be told about help in {community}.",
    },
    "email.unsubscribe": {
        "de": "Benachrichtigungen abbestellen",
        "en": "Unsubscribe from notifications",
    },
    "email.unsubscribe_line": {
        "de": "Benachrichtigungen abbestellen: {url}",
        "en": "Unsubscribe from notifications: {url}",
    },
    "email.digest.intro": {
        "de": "hier ist Ihre Zusammenfassung bis {until}:",
        "en": "here is your digest up to {until}:",
    },
    "email.digest.why": {
        "de": "Sie erhalten einmal am Tag eine Zusammenfassung, weil Sie das so eingestellt haben.",
        "en": "You receive one digest a day because you chose so.",
    },
    "email.digest.subject.one": {
        "de": "Ihre Zusammenfassung: {count} Neuigkeit",
        "en": "Your digest: {count} update",
    },
    "email.digest.subject.other": {
        "de": "Ihre Zusammenfassung: {count} Neuigkeiten",
        "en": "Your digest: {count} updates",
    },
    "email.digest.subject_from.one": {
        "de": "Ihre Zusammenfassung: {count} Neuigkeit aus {community}",
        "en": "Your digest: {count} update from {community}",
    },
    "email.digest.subject_from.other": {
        "de": "Ihre Zusammenfassung: {count} Neuigkeiten aus {community}",
        "en": "Your digest: {count} updates from {community}",
    },
    # -- configuration ---------------------------------------------------------------
    "email.problem.config.give_both_neither": {
        "de": "bitte beide oder keins angeben",
        "en": "give both or neither",
    },
    "email.problem.config.give_list_names": {
        "de": "bitte eine Liste angeben",
        "en": "give a list of names",
    },
    "email.problem.config.more_than": {
        "de": "muss größer als 0 sein",
        "en": "must be more than 0",
    },
    "email.problem.config.no_directory": {
        "de": "{directory!r} ist kein Verzeichnis",
        "en": "{directory!r} is no directory",
    },
    "email.problem.config.no_e_mail_address": {
        "de": '{sender!r} ist keine E-Mail-Adresse (bitte sender = "Name <Adresse>")',
        "en": '{sender!r} is no e-mail address (give sender = "Name <address>")',
    },
    "email.problem.config.no_number": {
        "de": "{value!r} ist keine Zahl",
        "en": "{value!r} is no number",
    },
    "email.problem.config.no_port": {
        "de": "{value!r} ist kein Port",
        "en": "{value!r} is no port",
    },
    "email.problem.config.not_one_of": {
        "de": "{security!r} ist keins von {security2}",
        "en": "{security!r} is not one of {security2}",
    },
    "email.problem.config.text": {
        "de": "{sender!r}: {exc}",
        "en": "{sender!r}: {exc}",
    },
    "email.problem.config.unknown_setting_s_known": {
        "de": "unbekannte Einstellung(en); bekannt sind: {known}",
        "en": "unknown setting(s); known: {known}",
    },
    "email.problem.config.unknown_time_zone": {
        "de": "unbekannte Zeitzone {data!r}",
        "en": "unknown time zone {data!r}",
    },
}

register_messages(__name__, MESSAGES)
