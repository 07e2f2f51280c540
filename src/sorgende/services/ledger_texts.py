"""The words of the ledger's use cases: adjustments and their four eyes (German, English)."""

from __future__ import annotations

from sorgende.i18n import register_messages

MESSAGES: dict[str, dict[str, str]] = {
    "kind.adjustment": {"de": "Umbuchung", "en": "adjustment"},
    "ledger.adjustment_state.pending": {"de": "wartet auf Freigabe", "en": "pending"},
    "ledger.adjustment_state.approved": {"de": "freigegeben", "en": "approved"},
    "ledger.adjustment_state.rejected": {"de": "abgelehnt", "en": "rejected"},
    "ledger.adjustment_state.immediate": {"de": "sofort gebucht", "en": "booked at once"},
    "problem.ledger.adjustment_decided": {
        "de": "über diese Umbuchung ist schon entschieden: {state}",
        "en": "this adjustment has been decided already: {state}",
    },
    "problem.ledger.decision_needs_reason": {
        "de": "eine Freigabe oder Ablehnung braucht eine Begründung",
        "en": "an approval or a rejection needs a reason",
    },
    "policy.reason.own_organisation_account": {
        "de": "niemand bucht auf dem Konto einer Organisation, die er koordiniert",
        "en": "no one adjusts the account of an organisation they coordinate",
    },
}

register_messages(__name__, MESSAGES)
