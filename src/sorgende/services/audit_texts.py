"""The words of the audit trail (German, English): one text per audited event type under
``audit.what.<TypeName>``, each beginning with its verb ("Kira hat ...")."""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES: dict[str, dict[str, str]] = {
    "problem.audit.limit": {
        "de": "erlaubt sind ganze Zahlen von 1 bis {most}",
        "en": "allowed are whole numbers from 1 to {most}",
    },
    "audit.line": {"de": "{when}: {who} {what}", "en": "{when}: {who} {what}"},
    "audit.who_for": {"de": "{name} für {person}", "en": "{name} for {person}"},
    # an erased person's name is gone: a label that reads in every case of a sentence
    "audit.erased_person": {"de": "(gelöschte Person)", "en": "(erased person)"},
    "audit.solidarity_account": {"de": "Solidaritätskonto", "en": "solidarity account"},
    "audit.record": {"de": "ein Eintrag", "en": "a record"},
    "audit.reason": {"de": "„{reason}“", "en": "“{reason}”"},
    "audit.no_reason": {
        "de": "(die Begründung ist gelöscht)",
        "en": "(the reason was erased)",
    },
    "audit.what.acted": {"de": "hat gehandelt: {action}", "en": "acted: {action}"},
    "audit.what.HoursAdjusted": {
        "de": "hat {hours} umgebucht ({source} → {target}): {reason}",
        "en": "adjusted {hours} ({source} → {target}): {reason}",
    },
    "audit.what.HoursAdjusted.unknown": {
        "de": "hat Stunden umgebucht",
        "en": "adjusted hours",
    },
    "audit.what.AdjustmentRequested": {
        "de": "hat beantragt, {hours} umzubuchen ({source} → {target}): {reason}",
        "en": "asked to adjust {hours} ({source} → {target}): {reason}",
    },
    "audit.what.AdjustmentApproved": {
        "de": "hat die Umbuchung von {hours} ({source} → {target}), beantragt von {asker}, "
        "freigegeben: {reason}",
        "en": "approved the adjustment of {hours} ({source} → {target}) asked for by "
        "{asker}: {reason}",
    },
    "audit.what.AdjustmentRejected": {
        "de": "hat die Umbuchung von {hours} ({source} → {target}), beantragt von {asker}, "
        "abgelehnt: {reason}",
        "en": "rejected the adjustment of {hours} ({source} → {target}) asked for by "
        "{asker}: {reason}",
    },
    "audit.what.PersonExported": {
        "de": "hat die Daten von {person} exportiert",
        "en": "exported the data of {person}",
    },
    "audit.what.PersonErased": {"de": "hat {person} gelöscht", "en": "erased {person}"},
    "audit.what.PersonDeactivated": {
        "de": "hat {person} abgemeldet",
        "en": "deactivated {person}",
    },
    "audit.what.PersonReactivated": {
        "de": "hat {person} wieder angemeldet",
        "en": "reactivated {person}",
    },
    "audit.what.RoleGranted": {
        "de": "hat {person} die Rolle „{role}“ gegeben",
        "en": "granted {person} the role “{role}”",
    },
    "audit.what.RoleRevoked": {
        "de": "hat {person} die Rolle „{role}“ entzogen",
        "en": "revoked the role “{role}” of {person}",
    },
    "audit.what.MembershipChanged": {
        "de": "hat {person} bei {organisation} als {role} eingetragen",
        "en": "made {person} {role} of {organisation}",
    },
    "audit.what.MembershipChanged.ended": {
        "de": "hat die Mitgliedschaft von {person} bei {organisation} beendet",
        "en": "ended the membership of {person} in {organisation}",
    },
    "audit.org_role.member": {"de": "Mitglied", "en": "a member"},
    "audit.org_role.coordinator": {"de": "Koordination", "en": "coordinator"},
    "audit.org_role.staff": {"de": "Mitarbeitende", "en": "staff"},
    "audit.what.SettingsChanged": {
        "de": "hat die Einstellungen geändert: {changes}",
        "en": "changed the settings: {changes}",
    },
    "audit.setting": {"de": "{name}: {value}", "en": "{name}: {value}"},
    "audit.setting.name": {"de": "Name", "en": "name"},
    "audit.setting.solidarity_policy": {
        "de": "Regel des Solidaritätskontos",
        "en": "solidarity policy",
    },
    "audit.setting.time_zone": {"de": "Zeitzone", "en": "time zone"},
    "audit.setting.adjustment_threshold_minutes": {
        "de": "Schwelle für die Freigabe von Umbuchungen (Minuten)",
        "en": "threshold for approving adjustments (minutes)",
    },
    "audit.setting.window_grace_hours": {
        "de": "Frist für nachgetragene Hilfe (Stunden)",
        "en": "grace for help recorded late (hours)",
    },
    "audit.setting.window_horizon_days": {
        "de": "Planungshorizont (Tage)",
        "en": "planning horizon (days)",
    },
    "audit.what.SolidarityMarked": {
        "de": "hat {person} für die Unterstützung durch das Solidaritätskonto vorgemerkt",
        "en": "marked {person} for support from the solidarity account",
    },
    "audit.what.SolidarityMarked.ended": {
        "de": "hat die Unterstützung von {person} durch das Solidaritätskonto beendet",
        "en": "ended the support of {person} from the solidarity account",
    },
}

register_messages(__name__, MESSAGES)
