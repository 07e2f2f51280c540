"""The webhooks plugin's texts for people, in German and English.

One part of sorgende's message catalogue (:mod:`sorgende.i18n`), registered on import
like every plugin's texts; the keys carry the plugin's prefix so they cannot collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "webhooks.problem.channel.bytes_in_base_make": {
        "de": "muss {secret_prefix} und {min_key_bytes} bis {max_key_bytes} Bytes in Base64 "
        "sein (eines erzeugt `sorgende webhooks secret`)",
        "en": "must be {secret_prefix} and {min_key_bytes} to {max_key_bytes} bytes in "
        "base64 (make one with `sorgende webhooks secret`)",
    },
    "webhooks.problem.channel.empty_endpoint_would_receive": {
        "de": "ist leer: der Empfänger bekäme nichts; ohne den Schlüssel bekommt er alles",
        "en": "is empty: the endpoint would receive nothing; leave it out for every event",
    },
    "webhooks.problem.channel.endpoint_answered_http": {
        "de": "der Empfänger antwortete mit HTTP {exc_code}",
        "en": "the endpoint answered HTTP {exc_code}",
    },
    "webhooks.problem.channel.endpoint_could_reached": {
        "de": "der Empfänger war nicht erreichbar: {reason}",
        "en": "the endpoint could not be reached: {reason}",
    },
    "webhooks.problem.channel.http_https_address": {
        "de": "muss eine http://- oder https://-Adresse sein",
        "en": "must be an http:// or https:// address",
    },
    "webhooks.problem.channel.letters_digits": {
        "de": "muss aus 1 bis 63 Buchstaben, Ziffern, '.', '-' oder '_' bestehen",
        "en": "must be 1 to 63 letters, digits, '.', '-' or '_'",
    },
    "webhooks.problem.channel.list_tables": {
        "de": "muss eine Liste von Tabellen sein",
        "en": "must be a list of tables",
    },
    "webhooks.problem.channel.missing": {
        "de": "fehlt",
        "en": "is missing",
    },
    "webhooks.problem.channel.missing_make_one_with": {
        "de": "fehlt; eines erzeugt `sorgende webhooks secret`",
        "en": "is missing; make one with `sorgende webhooks secret`",
    },
    "webhooks.problem.channel.no_kind_event_known": {
        "de": "{value!r} ist keine Ereignisart; bekannt sind: {event_types}",
        "en": "{value!r} is no kind of event; known: {event_types}",
    },
    "webhooks.problem.channel.number_seconds_above_at": {
        "de": "{value!r} ist keine Sekundenzahl über 0 und höchstens {max_timeout:g}",
        "en": "{value!r} is not a number of seconds above 0 and at most {max_timeout:g}",
    },
    "webhooks.problem.channel.string_list_strings": {
        "de": "muss Text oder eine Textliste sein",
        "en": "must be a string or a list of strings",
    },
    "webhooks.problem.channel.two_endpoints_named": {
        "de": "zwei Empfänger heißen {endpoint_name!r}",
        "en": "two endpoints are named {endpoint_name!r}",
    },
    "webhooks.problem.channel.unknown_keys_known": {
        "de": "unbekannte Schlüssel {names}; bekannt sind: {known}",
        "en": "unknown keys {names}; known: {known}",
    },
    "webhooks.problem.signatures.body_json": {
        "de": "der Inhalt ist kein JSON: {exc}",
        "en": "the body is not JSON: {exc}",
    },
    "webhooks.problem.signatures.header_whole_seconds_since": {
        "de": "der Header {header_timestamp} ist keine Sekundenzahl seit 1970: {timestamp!r}",
        "en": "the header {header_timestamp} is not whole seconds since 1970: {timestamp!r}",
    },
    "webhooks.problem.signatures.no_secret_given": {
        "de": "kein Geheimnis angegeben",
        "en": "no secret given",
    },
    "webhooks.problem.signatures.secret_form_whsec_base": {
        "de": "kein Geheimnis der Form whsec_<base64>",
        "en": "not a secret of the form whsec_<base64>",
    },
    "webhooks.when.future": {
        "de": "Zukunft",
        "en": "future",
    },
    "webhooks.when.past": {
        "de": "Vergangenheit",
        "en": "past",
    },
}

register_messages(__name__, MESSAGES)
