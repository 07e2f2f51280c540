"""The default categories of help."""

from __future__ import annotations

from sorgende.domain.actors import QualificationKind
from sorgende.domain.categories import Category
from sorgende.hookspecs import hookimpl

_POLICE = QualificationKind.POLICE_CERTIFICATE_EXTENDED.value
_DRIVING = QualificationKind.DRIVING_LICENCE.value

DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("shopping", {"de": "Einkaufen", "en": "Shopping"}),
    Category(
        "rides",
        {"de": "Fahrdienst", "en": "Rides"},
        frozenset({_DRIVING}),
        "Rides to the doctor, to shops, to events",
    ),
    Category("visits", {"de": "Besuche", "en": "Visits"}, frozenset({_POLICE})),
    Category("garden", {"de": "Garten", "en": "Garden"}),
    Category("repairs", {"de": "Kleine Reparaturen", "en": "Household repairs"}),
    Category("tech_help", {"de": "Technikhilfe", "en": "Tech help"}),
    Category("childcare", {"de": "Kinderbetreuung", "en": "Childcare"}, frozenset({_POLICE})),
    Category("tutoring", {"de": "Nachhilfe", "en": "Tutoring"}, frozenset({_POLICE})),
    Category(
        "translation",
        {"de": "Übersetzen und Integration", "en": "Translation and integration"},
    ),
    Category("paperwork", {"de": "Behördengänge und Schriftkram", "en": "Paperwork"}),
    Category("events", {"de": "Veranstaltungen", "en": "Events"}),
)


@hookimpl
def sorgende_categories() -> tuple[Category, ...]:
    return DEFAULT_CATEGORIES
