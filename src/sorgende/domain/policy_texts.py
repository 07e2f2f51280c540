"""The policy's words: its actions, reasons and roles (German first, then English)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "policy.principal.operator": {"de": "Der Betrieb", "en": "The operator"},
    "policy.principal.system": {"de": "Das System", "en": "The system"},
    # what was refused ("Carla darf nicht {action}")
    "policy.action.add_place": {"de": "Orte anlegen", "en": "add places"},
    "policy.action.add_category": {"de": "Hilfearten anlegen", "en": "add categories of help"},
    "policy.action.change_settings": {
        "de": "die Einstellungen der Gemeinschaft ändern",
        "en": "change the community's settings",
    },
    "policy.action.grant_role": {"de": "Rollen vergeben", "en": "grant roles"},
    "policy.action.set_membership": {
        "de": "Mitgliedschaften ändern",
        "en": "change memberships",
    },
    "policy.action.record_qualification": {
        "de": "Nachweise eintragen",
        "en": "record qualifications",
    },
    "policy.action.mark_solidarity": {
        "de": "die Unterstützung durch das Solidaritätskonto ändern",
        "en": "change support from the solidarity account",
    },
    "policy.action.name_trusted_person": {
        "de": "Vertrauenspersonen eintragen",
        "en": "name trusted persons",
    },
    "policy.action.act_for": {
        "de": "für {person} handeln",
        "en": "act for {person}",
    },
    "policy.action.adjust_hours": {"de": "Stunden umbuchen", "en": "adjust hours"},
    "policy.action.approve_adjustment": {
        "de": "Umbuchungen freigeben",
        "en": "approve adjustments",
    },
    "policy.action.read_account": {
        "de": "dieses Stundenkonto einsehen",
        "en": "read this account",
    },
    "policy.action.read_solidarity": {
        "de": "das Solidaritätskonto einsehen",
        "en": "read the solidarity account",
    },
    "policy.action.read_adjustments": {
        "de": "die Umbuchungen einsehen",
        "en": "read the adjustments",
    },
    "policy.action.export_person": {
        "de": "die Daten dieser Person exportieren",
        "en": "export this person's data",
    },
    "policy.action.erase_person": {
        "de": "diese Person löschen",
        "en": "erase this person",
    },
    "policy.action.deactivate_person": {
        "de": "diese Person abmelden",
        "en": "deactivate this person",
    },
    "policy.action.reactivate_person": {
        "de": "diese Person wieder anmelden",
        "en": "reactivate this person",
    },
    "policy.action.manage_account": {
        "de": "den Zugang dieser Person verwalten",
        "en": "manage this person's account",
    },
    "policy.action.read_audit": {
        "de": "das Protokoll der Befugnisse lesen",
        "en": "read the audit trail",
    },
    "policy.action.see_details": {
        "de": "die Angaben dieser Person sehen",
        "en": "see this person's details",
    },
    "policy.action.act_on_exchange": {
        "de": "bei diesem Einsatz handeln",
        "en": "act on this exchange",
    },
    "policy.action.propose": {"de": "diesen Einsatz vorschlagen", "en": "propose this exchange"},
    # why
    "policy.reason.only_persons": {
        "de": "das kann nur eine Person der Gemeinschaft",
        "en": "only a person of the community can do that",
    },
    "policy.reason.inactive": {
        "de": "das Konto nimmt nicht mehr teil",
        "en": "the account no longer takes part",
    },
    "policy.reason.subject_inactive": {
        "de": "{person} nimmt nicht mehr teil",
        "en": "{person} no longer takes part",
    },
    "policy.reason.not_oneself": {
        "de": "das darf niemand für sich selbst oder das eigene Konto tun",
        "en": "no one may do that for themselves or on their own account",
    },
    "policy.reason.needs": {
        "de": "dafür braucht es eine dieser Rollen: {roles}",
        "en": "that needs one of these roles: {roles}",
    },
    "policy.reason.no_part_in_exchange": {
        "de": "nur Helfende, Empfangende, ihre Vertrauenspersonen und die Koordination des "
        "Einsatzes dürfen das",
        "en": "only the helper, the recipient, their trusted persons and the exchange's "
        "coordinators may do that",
    },
    "policy.reason.not_in_organisation": {
        "de": "{person} gehört nicht zu dieser Organisation, und sie wird nicht von hier aus "
        "koordiniert",
        "en": "{person} does not belong to that organisation, and it is not coordinated from here",
    },
    "policy.reason.own_adjustment": {
        "de": "eine Umbuchung gibt eine zweite Person frei, nicht wer sie beantragt hat",
        "en": "a second person approves an adjustment, not the one who asked for it",
    },
    # who may
    "policy.role.coordinator": {
        "de": "Koordination der Gemeinschaft",
        "en": "community coordinator",
    },
    "policy.role.ledger_keeper": {"de": "Zeitbank-Verwaltung", "en": "ledger keeper"},
    "policy.role.data_protection": {
        "de": "Datenschutzbeauftragte",
        "en": "data protection officer",
    },
    "policy.role.administrator": {"de": "Administration", "en": "administrator"},
    "policy.role.organisation_coordinator": {
        "de": "Koordination der Organisation",
        "en": "the organisation's coordinator",
    },
    "policy.role.trusted_person": {"de": "Vertrauensperson", "en": "trusted person"},
    # the settings
    "problem.roles.unknown_setting": {
        "de": "unbekannte Einstellung; bekannt sind: {known}",
        "en": "unknown setting; the settings are: {known}",
    },
    "problem.roles.one_of": {"de": "erlaubt sind: {known}", "en": "allowed are: {known}"},
    "problem.roles.time_zone": {
        "de": "„{value}“ ist keine bekannte Zeitzone (etwa Europe/Berlin)",
        "en": "“{value}” is not a known time zone (such as Europe/Berlin)",
    },
    "problem.roles.between": {
        "de": "erlaubt sind ganze Zahlen von {low} bis {high}",
        "en": "allowed are whole numbers from {low} to {high}",
    },
}
