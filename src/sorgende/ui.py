"""User-interface extensions that plugins place into a web front end's pages.

:class:`UIExtension` puts HTML into a named slot of every page, :class:`MenuItem` adds an
entry to the main menu, :class:`Theme` sets the platform's name, logo and colours. A web
front end collects them through the hooks ``sorgende_ui_extensions``,
``sorgende_web_menu`` and ``sorgende_web_theme``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from sorgende.domain.values import labels
from sorgende.errors import Message

SLOTS = ("head", "nav", "footer", "dashboard")


@attrs.frozen
class UIExtension:
    """HTML (or a template name, with ``template=True``) for a named slot of a page."""

    slot: str
    content: str
    template: bool = False
    order: int = 100


#: the colours a theme may set, each a CSS custom property ``--colour-NAME`` of the pages
THEME_COLOURS = ("primary", "primary-text", "accent", "background", "surface", "text", "focus")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
#: the roles of a web front end, least first; a menu entry names the least it needs
WEB_ROLES = ("resident", "helper", "coordinator", "admin")


def _check_colours(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    from sorgende.errors import InvalidValue

    assert isinstance(value, Mapping)
    for name, colour in value.items():
        if name not in THEME_COLOURS:
            raise InvalidValue(
                "theme.colours",
                Message(
                    "problem.ui.unknown_colour_known",
                    name=name,
                    theme_colours=", ".join(THEME_COLOURS),
                ),
            )
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            raise InvalidValue(
                "theme.colours",
                Message("problem.ui.colour_like_f_e", name=name, colour=colour),
            )


@attrs.frozen
class MenuItem:
    """An entry of a web front end's main menu, linking to a path of the same site."""

    #: the entry's text per language, e.g. ``{"de": "Rathaus", "en": "Town hall"}``
    labels: Mapping[str, str] = attrs.field(converter=labels)
    #: a path on the same site, starting with ``/`` (never another site's address)
    href: str = attrs.field()
    #: the least web role that sees the entry; ``None``: everybody, signed in or not
    role: str | None = None
    order: int = 100

    @href.validator
    def _check_href(self, attribute: attrs.Attribute[str], value: str) -> None:
        from sorgende.errors import InvalidValue

        if not value.startswith("/") or value.startswith("//") or "\\" in value:
            raise InvalidValue(
                "menu.href",
                Message("problem.ui.path_site_start_with", value=value),
            )

    def __attrs_post_init__(self) -> None:
        from sorgende.errors import InvalidValue

        if self.role is not None and self.role not in WEB_ROLES:
            raise InvalidValue(
                "menu.role",
                Message("problem.ui.not_one_of", role=self.role, web_roles=", ".join(WEB_ROLES)),
            )

    def label(self, language: str = "de") -> str:
        return self.labels.get(language) or self.labels.get("en") or self.href


@attrs.frozen
class Theme:
    """How a municipality's platform looks: its name, logo and colours."""

    #: the platform's name in the page header, e.g. "Sorgende Gemeinschaft Daun"
    name: str
    #: a file (PNG, SVG, JPEG or WebP) shown as the logo, or ``None``
    logo: str | None = None
    #: colours by name (see :data:`THEME_COLOURS`), as ``#rrggbb``
    colours: Mapping[str, str] = attrs.field(
        factory=dict, converter=labels, validator=_check_colours
    )
