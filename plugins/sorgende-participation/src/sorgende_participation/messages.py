"""The plugin's texts for people, German and English (``sorgende.i18n``)."""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES = {
    # records by kind (NotFound, conflicts)
    "kind.participation.idea": {"de": "Vorschlag", "en": "idea"},
    "kind.participation.support": {"de": "Unterstützung", "en": "support"},
    "kind.participation.comment": {"de": "Kommentar", "en": "comment"},
    "kind.participation.survey": {"de": "Umfrage", "en": "survey"},
    "kind.participation.ballot": {"de": "Teilnahme an einer Umfrage", "en": "survey participation"},
    "kind.participation.response": {"de": "Antworten einer Umfrage", "en": "survey answers"},
    "kind.participation.forum": {"de": "Forum", "en": "forum"},
    "kind.participation.consent": {
        "de": "Einverständnis der Erziehungsberechtigten",
        "en": "guardian's consent",
    },
    "kind.participation.settings": {
        "de": "Beteiligungseinstellungen",
        "en": "participation settings",
    },
    "participation.idea.named": {"de": "Vorschlag {title}", "en": "idea {title}"},
    "participation.survey.named": {"de": "Umfrage {title}", "en": "survey {title}"},
    # states of the municipality's answer
    "participation.state.received": {"de": "eingegangen", "en": "received"},
    "participation.state.under_review": {"de": "in Prüfung", "en": "under review"},
    "participation.state.accepted": {"de": "angenommen", "en": "accepted"},
    "participation.state.in_progress": {"de": "in Umsetzung", "en": "in progress"},
    "participation.state.done": {"de": "umgesetzt", "en": "done"},
    "participation.state.not_possible": {"de": "nicht möglich", "en": "not possible"},
    # what is refused (PermissionDenied: "{actor} darf nicht {action}: {reason}")
    "participation.action.post": {"de": "Vorschläge machen", "en": "post ideas"},
    "participation.action.support": {"de": "Vorschläge unterstützen", "en": "support ideas"},
    "participation.action.comment": {"de": "kommentieren", "en": "comment"},
    "participation.action.report": {"de": "Kommentare melden", "en": "report comments"},
    "participation.action.moderate": {"de": "Kommentare ausblenden", "en": "hide comments"},
    "participation.action.answer": {
        "de": "an der Umfrage {survey} teilnehmen",
        "en": "take part in the survey {survey}",
    },
    "participation.action.settings": {
        "de": "die Beteiligungseinstellungen ändern",
        "en": "change the participation settings",
    },
    "participation.action.answer_idea": {
        "de": "Vorschläge beantworten",
        "en": "answer ideas",
    },
    "participation.action.make_project": {
        "de": "aus Vorschlägen Projekte machen",
        "en": "turn ideas into projects",
    },
    "participation.action.survey": {"de": "Umfragen durchführen", "en": "run surveys"},
    "participation.action.forum": {"de": "Foren planen", "en": "plan forums"},
    "participation.action.consent": {
        "de": "Einverständniserklärungen erfassen",
        "en": "record guardians' consents",
    },
    "participation.needs.project": {
        "de": "Ein Projekt aus einem Vorschlag",
        "en": "A project from an idea",
    },
    "participation.needs.progress": {"de": "Der Projektfortschritt", "en": "A project's progress"},
    "participation.needs.forum": {
        "de": "Ein Forum mit Anmeldung",
        "en": "A forum with registration",
    },
    # why
    "participation.reason.only_residents": {
        "de": "das können nur Einwohnerinnen und Einwohner der Gemeinschaft",
        "en": "only residents of the community can",
    },
    "participation.reason.guardian": {
        "de": "unter {age} Jahren braucht es das Einverständnis der Erziehungsberechtigten",
        "en": "under {age} a guardian's consent is needed",
    },
    "participation.reason.not_staff": {
        "de": "das tun die Mitarbeitenden der Verwaltung und die Koordination der Gemeinschaft",
        "en": "the municipality's staff and the community's coordinators do that",
    },
    "participation.reason.not_moderator": {
        "de": "das tun die Moderation (Koordination und Verwaltung der Gemeinschaft)",
        "en": "moderators (the community's coordinators and administrators) do that",
    },
    "participation.reason.not_admin": {
        "de": "das tun die Administratorinnen und Administratoren der Gemeinschaft",
        "en": "the community's administrators do that",
    },
    "participation.reason.own_idea": {
        "de": "den eigenen Vorschlag unterstützt man nicht",
        "en": "one does not support one's own idea",
    },
    "participation.reason.supported_already": {
        "de": "schon unterstützt",
        "en": "supported already",
    },
    "participation.reason.not_supported": {"de": "nicht unterstützt", "en": "not supported"},
    "participation.reason.not_accepted": {
        "de": "nur ein angenommener Vorschlag wird ein Projekt",
        "en": "only an accepted idea becomes a project",
    },
    "participation.reason.project_already": {
        "de": "er ist schon ein Projekt",
        "en": "it is a project already",
    },
    "participation.reason.answered_already": {
        "de": "schon beantwortet: jede Person antwortet einmal",
        "en": "answered already: everyone answers once",
    },
    "participation.reason.not_yet_open": {
        "de": "sie hat noch nicht begonnen",
        "en": "it has not opened yet",
    },
    "participation.reason.closed": {"de": "sie ist beendet", "en": "it has closed"},
    "participation.reason.audience_place": {
        "de": "die Umfrage richtet sich an die Einwohnerinnen und Einwohner von {place}",
        "en": "the survey is for the residents of {place}",
    },
    "participation.reason.audience_age": {
        "de": "die Umfrage richtet sich an Menschen von {low} bis {high} Jahren",
        "en": "the survey is for people aged {low} to {high}",
    },
    "participation.reason.audience_age_unknown": {
        "de": "die Umfrage richtet sich an Menschen von {low} bis {high} Jahren, und Ihr "
        "Geburtsjahr ist nicht angegeben",
        "en": "the survey is for people aged {low} to {high}, and your year of birth is not given",
    },
    # bad input
    "participation.problem.text": {"de": "muss ein Text sein", "en": "must be text"},
    "participation.problem.category": {
        "de": "{value} ist keine Kategorie der Gemeinschaft",
        "en": "{value} is not one of the community's categories",
    },
    "participation.problem.place": {
        "de": "kein Ort der Gemeinschaft",
        "en": "not a place of the community",
    },
    "participation.problem.state": {
        "de": "eingegangen, in Prüfung, angenommen, in Umsetzung, umgesetzt oder nicht möglich",
        "en": "received, under review, accepted, in progress, done or not possible",
    },
    "participation.problem.aware": {
        "de": "braucht eine Zeitzone",
        "en": "needs a time zone",
    },
    "participation.problem.closes_before": {
        "de": "muss nach dem Beginn liegen",
        "en": "must be after the start",
    },
    "participation.problem.age": {"de": "ein Alter von 0 bis 120", "en": "an age from 0 to 120"},
    "participation.problem.questions": {
        "de": "eine bis 50 Fragen",
        "en": "one to 50 questions",
    },
    "participation.problem.options": {
        "de": "eine Auswahlfrage braucht mindestens zwei Antworten",
        "en": "a choice needs at least two options",
    },
    "participation.problem.answers": {
        "de": "eine Antwort je Frage ({count} Fragen)",
        "en": "one answer per question ({count} questions)",
    },
    "participation.problem.option": {
        "de": "keine der angebotenen Antworten",
        "en": "not one of the options",
    },
    "participation.problem.one_option": {
        "de": "hier gilt nur eine Antwort",
        "en": "only one answer here",
    },
    "participation.problem.forum_kind": {
        "de": "Bürgerforum, Zukunftswerkstatt, Dorfwerkstatt oder Jugendforum",
        "en": "citizens' forum, future workshop, village workshop or youth forum",
    },
    "participation.problem.threshold": {
        "de": "eine Zahl von 2 bis 100",
        "en": "a number from 2 to 100",
    },
    # forum kinds
    "participation.forum_kind.forum": {"de": "Bürgerforum", "en": "Citizens' forum"},
    "participation.forum_kind.future_workshop": {
        "de": "Zukunftswerkstatt",
        "en": "Future workshop",
    },
    "participation.forum_kind.village_workshop": {"de": "Dorfwerkstatt", "en": "Village workshop"},
    "participation.forum_kind.youth_forum": {"de": "Jugendforum", "en": "Youth forum"},
    # the CSV export
    "participation.csv.question": {"de": "Frage", "en": "Question"},
    "participation.csv.option": {"de": "Antwort", "en": "Option"},
    "participation.csv.count": {"de": "Anzahl", "en": "Count"},
    "participation.csv.respondents": {"de": "Teilnehmende", "en": "Respondents"},
    # notifications
    "participation.notice.answered": {
        "de": "Antwort auf Ihren Vorschlag {idea}: {state}. {reason}",
        "en": "Answer to your idea {idea}: {state}. {reason}",
    },
    "participation.notice.project": {
        "de": "Aus Ihrem Vorschlag {idea} wird ein Projekt",
        "en": "Your idea {idea} becomes a project",
    },
    "participation.notice.hidden": {
        "de": "Ihr Kommentar zu {idea} wurde ausgeblendet: {reason}",
        "en": "Your comment on {idea} was hidden: {reason}",
    },
    "participation.notice.survey": {
        "de": "Eine Umfrage für Sie: {survey}",
        "en": "A survey for you: {survey}",
    },
    "participation.notice.forum": {
        "de": "Nächste Woche: {forum} am {when}",
        "en": "Next week: {forum} on {when}",
    },
    "events.type.IdeaAnswered": {"de": "Antwort auf Ihren Vorschlag", "en": "Answer to your idea"},
    "events.type.IdeaBecameProject": {
        "de": "Ihr Vorschlag wird ein Projekt",
        "en": "Your idea becomes a project",
    },
    "events.type.CommentHidden": {"de": "Kommentar ausgeblendet", "en": "Comment hidden"},
    "events.type.SurveyOpened": {"de": "Neue Umfrage", "en": "New survey"},
    "events.type.ForumNextWeek": {"de": "Forum nächste Woche", "en": "Forum next week"},
    "events.type.IdeaPosted": {"de": "Vorschlag eingereicht", "en": "idea posted"},
    "events.type.IdeaSupported": {"de": "Vorschlag unterstützt", "en": "idea supported"},
    "events.type.SupportWithdrawn": {
        "de": "Unterstützung zurückgezogen",
        "en": "support withdrawn",
    },
    "events.type.CommentPosted": {"de": "Kommentar geschrieben", "en": "comment posted"},
    "events.type.CommentReported": {"de": "Kommentar gemeldet", "en": "comment reported"},
    "events.type.SurveyAnswered": {"de": "Umfrage beantwortet", "en": "survey answered"},
    "events.type.ForumPlanned": {"de": "Forum geplant", "en": "forum planned"},
    "events.type.ForumMinutesRecorded": {
        "de": "Forumsprotokoll geschrieben",
        "en": "forum minutes recorded",
    },
    "events.type.GuardianConsentRecorded": {
        "de": "Einverständnis erfasst",
        "en": "guardian's consent recorded",
    },
    "events.type.ParticipationSettingsChanged": {
        "de": "Beteiligungseinstellungen geändert",
        "en": "participation settings changed",
    },
}

register_messages(__name__, MESSAGES)
