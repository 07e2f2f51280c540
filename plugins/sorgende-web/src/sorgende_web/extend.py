"""The web platform's published API for plugins that add pages and endpoints.

A plugin's routes (``sorgende_web_routes``) import what they need of the web platform
from here, and from nowhere else in :mod:`sorgende_web` (but :mod:`sorgende_web.hookspecs`):
the rest of the package may change between releases, this module keeps its names.

* who asks: :func:`signed_in` (the :class:`Viewer`: the person's powers, the community's
  use cases asked as them), :func:`page_of` (the request's language, translator, zone);
* pages: :func:`page_get` and :func:`page_post` (blocking handlers in a worker thread,
  kept out of the OpenAPI document), :func:`render` (a template that extends
  ``base.html`` gets the site's layout, menu and the ``csrf_input`` of its forms),
  :data:`Form` (a posted form), :func:`done` (back to a page with a confirmation);
* reading a form: :mod:`forms` (:func:`forms.text`, :func:`forms.an_id`,
  :func:`forms.integer`, :func:`forms.a_date`, :func:`forms.a_time`, ...), each raising
  :class:`InvalidInput` naming the field; :func:`field_of` tells a page which field a
  refusal is about, so it can show the message next to it;
* the REST API: :func:`api_get` and :func:`api_post` (bearer tokens, the problems
  documented in the OpenAPI document), :func:`json` (an answer as the core's converter
  writes it), :data:`API_PREFIX`;
* addresses opened elsewhere (a calendar app, an e-mail): :func:`public_address`, from
  the ``base_url`` setting, never from the request's ``Host`` header;
* refusals: :func:`error_page` (the site's page for a refusal with its status), and
  :func:`status_of` (the HTTP status of a refusal of the project's error family).

Routes are denied by default (``opt={"public": True}`` opens one; ``needs=`` or
``role=`` names what else it needs, asked of the core's policy): see ``docs/hooks.md``,
"The web platform's API for plugins".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from sorgende.errors import SorgendeError
from sorgende_web import forms
from sorgende_web.access import Viewer
from sorgende_web.api import PROBLEMS, SECURITY, json
from sorgende_web.auth import API_PREFIX
from sorgende_web.context import Page, page_of
from sorgende_web.errors import InvalidInput, NotSignedIn
from sorgende_web.handlers import threaded_get, threaded_post
from sorgende_web.problems import error_page, status_of

#: a posted form (``application/x-www-form-urlencoded``) as a handler's ``data``
Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]

__all__ = [
    "API_PREFIX",
    "Form",
    "InvalidInput",
    "Page",
    "Viewer",
    "api_get",
    "api_post",
    "done",
    "error_page",
    "field_of",
    "forms",
    "json",
    "page_get",
    "page_of",
    "page_post",
    "public_address",
    "render",
    "signed_in",
    "status_of",
]


def signed_in(request: Request[Any, Any, Any]) -> Viewer:
    """The signed-in person of the request (pages: the session; API: the bearer token).

    The app-wide guard already refuses a route that is not public to someone not signed
    in; a public route that asks raises :class:`NotSignedIn` (401, or the sign-in page).
    """
    viewer = page_of(request).viewer
    if viewer is None:
        raise NotSignedIn()
    return viewer


def page_get(path: str, *, name: str, **opt: Any) -> Callable[[Any], Any]:
    """A page (GET) whose blocking handler runs in a worker thread; ``opt`` as routes'."""
    return threaded_get(path, name=name, include_in_schema=False, opt=opt)


def page_post(path: str, *, name: str, **opt: Any) -> Callable[[Any], Any]:
    """A form's target (POST, CSRF-checked): answers 303 by default (see :func:`done`)."""
    return threaded_post(path, name=name, include_in_schema=False, status_code=303, opt=opt)


def api_get(path: str, **opt: Any) -> Callable[[Any], Any]:
    """An endpoint of the REST API (``path`` starts with :data:`API_PREFIX`)."""
    return threaded_get(path, opt=opt, security=SECURITY, responses=PROBLEMS)


def api_post(path: str, status: int = 200, **opt: Any) -> Callable[[Any], Any]:
    """An endpoint of the REST API that changes something (no CSRF: tokens only)."""
    return threaded_post(path, opt=opt, status_code=status, security=SECURITY, responses=PROBLEMS)


def render(template: str, *, status: int = 200, **context: Any) -> Template:
    """``template`` with ``context``; one that extends ``base.html`` looks like the site."""
    return Template(template, context=context, status_code=status)


def done(path: str, flag: str, anchor: str | None = None) -> Redirect:
    """Back to ``path`` (303) with ``?done=<flag>``, for the page to confirm what was done
    (and to ``#anchor`` on it, the part of the page acted on)."""
    sep = "&" if "?" in path else "?"
    fragment = f"#{anchor}" if anchor else ""
    return Redirect(f"{path}{sep}done={flag}{fragment}", status_code=303)


def public_address(request: Request[Any, Any, Any], route: str, **params: Any) -> str:
    """The absolute address of the route named ``route`` (with its path ``params``), for a
    calendar app or an e-mail: under ``[plugins.web] base_url``, else the server's own
    address; never from the request's ``Host`` header, which a client chooses."""
    from sorgende_web import served

    path = request.app.route_reverse(route, **params)
    return served.public_address(page_of(request).app.settings, request.scope, path)


def field_of(error: SorgendeError) -> str | None:
    """The field a refusal is about, else ``None``: a form's (:class:`InvalidInput`) or
    the domain's (:class:`~sorgende.errors.InvalidValue` names it ``field_name``)."""
    if isinstance(error, InvalidInput):
        field = error.params.get("field")
    else:
        field = error.params.get("field_name")
    return field if isinstance(field, str) else None
