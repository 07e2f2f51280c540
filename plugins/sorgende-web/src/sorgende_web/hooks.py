"""The typed facade over the web front end's hooks (:mod:`sorgende_web.hookspecs`)."""

from __future__ import annotations

from typing import Any

from sorgende.plugins import Contributions, HookFacade
from sorgende.ui import MenuItem, Theme, UIExtension
from sorgende_web import hookspecs


class WebHooks(HookFacade):
    """``WebHooks(platform.plugins)``: what plugins add to the web application.

    Made when the application is built; it adds the web specifications if the
    ``sorgende-web`` plugin itself is not registered (a platform opened without entry
    points, as in tests).
    """

    specs = (hookspecs,)

    def web_routes(self) -> Contributions[Any]:
        return self._gather("sorgende_web_routes")

    def ui_extensions(self) -> Contributions[UIExtension]:
        return self._gather("sorgende_ui_extensions")

    def web_menu(self) -> Contributions[MenuItem]:
        return self._gather("sorgende_web_menu")

    def web_theme(self) -> tuple[str, Theme] | None:
        """``(plugin, theme)`` of the plugin registered last that gives one (first result)."""
        return self.plugins.call_first("sorgende_web_theme")

    def web_template_dirs(self) -> Contributions[str]:
        return self._gather("sorgende_web_template_dirs")
