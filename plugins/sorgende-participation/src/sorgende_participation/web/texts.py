"""The texts of the plugin's pages, in German (the default) and English; one part of
sorgende's message catalogue, registered on import. A test checks that every key the
templates and the code use is here in both languages."""

from __future__ import annotations

from sorgende.i18n import register_messages


def _t(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


TEXTS = {
    "participation.web.menu.ideas": _t("Vorschläge", "Ideas"),
    "participation.web.menu.surveys": _t("Umfragen", "Surveys"),
    "participation.web.at": _t("{date}, {time} Uhr", "{date}, {time}"),
    "participation.web.ideas.title": _t("Vorschläge", "Ideas"),
    "participation.web.ideas.lead": _t(
        "Ideen für Ihren Ort: vorschlagen, unterstützen, mitreden. Die Verwaltung antwortet.",
        "Ideas for your village: propose, support, discuss. The municipality answers.",
    ),
    "participation.web.ideas.new": _t("Neuer Vorschlag", "New idea"),
    "participation.web.ideas.submit": _t("Vorschlag einreichen", "Post the idea"),
    "participation.web.ideas.none": _t("Noch keine Vorschläge.", "No ideas yet."),
    "participation.web.field.title": _t("Titel", "Title"),
    "participation.web.field.text": _t("Beschreibung", "Description"),
    "participation.web.field.place": _t("Ort", "Place"),
    "participation.web.field.category": _t("Thema", "Topic"),
    "participation.web.everywhere": _t("die ganze Gemeinschaft", "the whole community"),
    "participation.web.all_places": _t("alle Orte", "all places"),
    "participation.web.filter": _t("Anzeigen", "Show"),
    "participation.web.where": _t("Ort", "Place"),
    "participation.web.state": _t("Stand", "State"),
    "participation.web.by": _t("Von", "By"),
    "participation.web.supporters": _t("Unterstützung", "Supporters"),
    "participation.web.supporters_count": _t(
        "{count} unterstützen diesen Vorschlag", "{count} support this idea"
    ),
    "participation.web.support": _t("Unterstützen", "Support"),
    "participation.web.withdraw": _t("Unterstützung zurückziehen", "Withdraw my support"),
    "participation.web.answer.title": _t("Antwort der Verwaltung", "The municipality's answer"),
    "participation.web.answer.none": _t("Noch keine Antwort.", "No answer yet."),
    "participation.web.answer.give": _t("Antworten", "Answer"),
    "participation.web.answer.submit": _t("Antwort speichern", "Save the answer"),
    "participation.web.reason": _t("Begründung", "Reason"),
    "participation.web.project.title": _t("Umsetzung", "Putting it into practice"),
    "participation.web.project.name": _t("Projekt", "Project"),
    "participation.web.project.tasks": _t("Aufgaben", "Tasks"),
    "participation.web.project.tasks_done": _t(
        "{done} von {total} erledigt", "{done} of {total} done"
    ),
    "participation.web.project.next": _t("Nächster Termin", "Next date"),
    "participation.web.project.no_event": _t("noch keiner", "none yet"),
    "participation.web.project.open": _t("Zum Projekt", "Open the project"),
    "participation.web.project.run_by": _t("Getragen von", "Run by"),
    "participation.web.project.make": _t("Projekt daraus machen", "Make it a project"),
    "participation.web.project.none": _t("Noch kein Projekt.", "No project yet."),
    "participation.web.comments": _t("Kommentare", "Comments"),
    "participation.web.comments_none": _t("Noch keine Kommentare.", "No comments yet."),
    "participation.web.comment": _t("Ihr Kommentar", "Your comment"),
    "participation.web.comment_submit": _t("Kommentieren", "Comment"),
    "participation.web.hidden": _t(
        "Ausgeblendet (nur für Sie und die Moderation sichtbar): {reason}",
        "Hidden (seen only by you and the moderators): {reason}",
    ),
    "participation.web.report": _t("Melden", "Report"),
    "participation.web.reports": _t("Meldungen: {count}", "reports: {count}"),
    "participation.web.hide": _t("Ausblenden", "Hide"),
    "participation.web.hide_reason": _t("Grund fürs Ausblenden", "Reason for hiding"),
    "participation.web.done.posted": _t(
        "Ihr Vorschlag ist eingegangen.", "Your idea has been received."
    ),
    "participation.web.done.supported": _t(
        "Sie unterstützen diesen Vorschlag.", "You support this idea."
    ),
    "participation.web.done.withdrawn": _t(
        "Ihre Unterstützung ist zurückgezogen.", "Your support is withdrawn."
    ),
    "participation.web.done.commented": _t(
        "Ihr Kommentar ist veröffentlicht.", "Your comment is published."
    ),
    "participation.web.done.reported": _t(
        "Danke, die Moderation sieht sich den Kommentar an.",
        "Thank you, the moderators will look at the comment.",
    ),
    "participation.web.done.hidden": _t(
        "Der Kommentar ist ausgeblendet.", "The comment is hidden."
    ),
    "participation.web.done.answered": _t(
        "Die Antwort ist gespeichert; die Person wird benachrichtigt.",
        "The answer is saved; the author is told.",
    ),
    "participation.web.done.project": _t(
        "Aus dem Vorschlag ist ein Projekt geworden.", "The idea has become a project."
    ),
    "participation.web.done.survey": _t("Danke für Ihre Antworten.", "Thank you for your answers."),
    "participation.web.surveys.title": _t("Umfragen", "Surveys"),
    "participation.web.surveys.none": _t("Keine Umfragen.", "No surveys."),
    "participation.web.survey.submit": _t("Antworten absenden", "Send my answers"),
    "participation.web.period": _t("Von {start} bis {end}", "From {start} to {end}"),
    "participation.web.results": _t("Ergebnisse", "Results"),
    "participation.web.respondents": _t("Teilnehmende", "Respondents"),
    "participation.web.below": _t("weniger als {threshold}", "fewer than {threshold}"),
    "participation.web.suppression": _t(
        "Zum Schutz der Teilnehmenden werden Zahlen unter {threshold} nicht gezeigt.",
        "To protect those who answered, figures under {threshold} are not shown.",
    ),
    "participation.web.csv": _t("Ergebnisse als CSV", "Results as CSV"),
}

register_messages(__name__, TEXTS)
