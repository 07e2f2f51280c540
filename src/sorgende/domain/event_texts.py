"""What each of the core's event types is, in words (``events.type.<TypeName>``).

Shown by ``sorgende events`` and the audit trail; a plugin registers texts for its own
types under the same keys with :func:`sorgende.i18n.register_messages`.
"""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES: dict[str, dict[str, str]] = {
    "events.type.CommunityCreated": {
        "de": "Gemeinschaft angelegt",
        "en": "community created",
    },
    "events.type.PlaceAdded": {"de": "Ort hinzugefügt", "en": "place added"},
    "events.type.CategoryAdded": {"de": "Bereich hinzugefügt", "en": "category added"},
    "events.type.ActorRegistered": {"de": "Person registriert", "en": "actor registered"},
    "events.type.ActorUpdated": {"de": "Person geändert", "en": "actor updated"},
    "events.type.RequestPosted": {"de": "Hilfegesuch gestellt", "en": "request posted"},
    "events.type.RequestMatched": {"de": "Hilfegesuch vergeben", "en": "request matched"},
    "events.type.RequestReopened": {
        "de": "Hilfegesuch wieder offen",
        "en": "request reopened",
    },
    "events.type.RequestFulfilled": {"de": "Hilfegesuch erledigt", "en": "request fulfilled"},
    "events.type.RequestWithdrawn": {
        "de": "Hilfegesuch zurückgezogen",
        "en": "request withdrawn",
    },
    "events.type.RequestExpired": {"de": "Hilfegesuch abgelaufen", "en": "request expired"},
    "events.type.OfferPosted": {"de": "Hilfsangebot gemacht", "en": "offer posted"},
    "events.type.OfferWithdrawn": {
        "de": "Hilfsangebot zurückgezogen",
        "en": "offer withdrawn",
    },
    "events.type.ExchangeProposed": {"de": "Einsatz vorgeschlagen", "en": "exchange proposed"},
    "events.type.ExchangeAccepted": {"de": "Einsatz zugesagt", "en": "exchange accepted"},
    "events.type.ExchangeDeclined": {"de": "Einsatz abgelehnt", "en": "exchange declined"},
    "events.type.ExchangeCancelled": {"de": "Einsatz abgesagt", "en": "exchange cancelled"},
    "events.type.ExchangeCompleted": {
        "de": "Einsatz erledigt gemeldet",
        "en": "exchange completed",
    },
    "events.type.ExchangeConfirmed": {"de": "Einsatz bestätigt", "en": "exchange confirmed"},
    "events.type.ExchangeNoShow": {
        "de": "Einsatz nicht zustande gekommen",
        "en": "exchange no-show",
    },
    "events.type.ExchangeDisputed": {"de": "Einsatz strittig", "en": "exchange disputed"},
    "events.type.ExchangeResolved": {"de": "Einsatz geklärt", "en": "exchange resolved"},
    "events.type.HoursAdjusted": {"de": "Stunden berichtigt", "en": "hours adjusted"},
    "events.type.CommitmentMade": {
        "de": "Selbstverpflichtung eingegangen",
        "en": "commitment made",
    },
    "events.type.CommitmentPaused": {
        "de": "Selbstverpflichtung pausiert",
        "en": "commitment paused",
    },
    "events.type.CommitmentResumed": {
        "de": "Selbstverpflichtung fortgesetzt",
        "en": "commitment resumed",
    },
    "events.type.CommitmentEnded": {
        "de": "Selbstverpflichtung beendet",
        "en": "commitment ended",
    },
    "events.type.RecognitionAwarded": {
        "de": "Anerkennung verliehen",
        "en": "recognition awarded",
    },
    "events.type.PersonErased": {"de": "Person gelöscht", "en": "person erased"},
    "events.type.PersonExported": {"de": "Daten einer Person exportiert", "en": "person exported"},
    "events.type.PersonDeactivated": {"de": "Person abgemeldet", "en": "person deactivated"},
    "events.type.PersonReactivated": {
        "de": "Person wieder angemeldet",
        "en": "person reactivated",
    },
    "events.type.RoleGranted": {"de": "Rolle vergeben", "en": "role granted"},
    "events.type.RoleRevoked": {"de": "Rolle entzogen", "en": "role revoked"},
    "events.type.MembershipChanged": {
        "de": "Mitgliedschaft geändert",
        "en": "membership changed",
    },
    "events.type.SettingsChanged": {
        "de": "Einstellungen geändert",
        "en": "settings changed",
    },
    "events.type.AdjustmentRequested": {
        "de": "Umbuchung beantragt",
        "en": "adjustment requested",
    },
    "events.type.AdjustmentApproved": {
        "de": "Umbuchung freigegeben",
        "en": "adjustment approved",
    },
    "events.type.AdjustmentRejected": {
        "de": "Umbuchung abgelehnt",
        "en": "adjustment rejected",
    },
    "events.type.SolidarityMarked": {
        "de": "Unterstützung durch das Solidaritätskonto geändert",
        "en": "solidarity support changed",
    },
}

register_messages(__name__, MESSAGES)
