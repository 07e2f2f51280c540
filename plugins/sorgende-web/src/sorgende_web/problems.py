"""Errors as answers: RFC 9457 problem details for the API, a plain page for people.

Every refusal of the core is a :class:`SorgendeError` with a German and an English
message; the answer carries it in the language of the request. The HTTP status follows
the error's family: not found 404, not permitted 403, not signed in 401, a conflict or a
transition from the wrong state 409, too many sign-ins 429, invalid input 422.
"""

from __future__ import annotations

import logging
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from sorgende.errors import (
    ConflictError,
    IllegalStatusChange,
    IllegalTransition,
    LedgerError,
    NotFound,
    PermissionDenied,
    PluginError,
    SorgendeError,
    ValidationError,
)
from sorgende_web.auth import API_PREFIX
from sorgende_web.context import page_of
from sorgende_web.errors import LoginFailed, NotSignedIn, TooManyAttempts
from sorgende_web.i18n import N_
from sorgende_web.inputs import UnsupportedBody

logger = logging.getLogger("sorgende_web")

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://sorgende.invalid/problems/"


def status_of(error: SorgendeError) -> int:
    if isinstance(error, NotSignedIn | LoginFailed):
        return 401
    if isinstance(error, TooManyAttempts):
        return 429
    if isinstance(error, UnsupportedBody):
        return 415
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, ConflictError | IllegalTransition | IllegalStatusChange | LedgerError):
        return 409
    if isinstance(error, ValidationError):
        return 422
    if isinstance(error, PluginError):
        return 500
    return 400


def is_api(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def problem(
    request: Request[Any, Any, Any],
    status: int,
    kind: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response[Any]:
    body = {
        "type": PROBLEM_BASE + kind,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _kind(error: BaseException) -> str:
    name = type(error).__name__
    return "".join("-" + c.lower() if c.isupper() else c for c in name).lstrip("-")


def on_sorgende_error(request: Request[Any, Any, Any], error: SorgendeError) -> Response[Any]:
    status = status_of(error)
    page = page_of(request)
    message = error.message(page.lang)
    headers = {"Retry-After": str(error.params["seconds"])} if status == 429 else None
    if status == 500:
        logger.error("plugin failure: %s", error, exc_info=error)
    if is_api(request):
        if status == 401:
            headers = {"WWW-Authenticate": 'Bearer realm="sorgende"'}
        extra: dict[str, Any] = {}
        problems = getattr(error, "problems", None)
        if problems:
            extra["errors"] = list(problems)
        return problem(
            request,
            status,
            _kind(error),
            page.t.gettext(_TITLES.get(status, "Error")),
            message,
            headers=headers,
            **extra,
        )
    if isinstance(error, NotSignedIn) and request.method == "GET":
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return Redirect(f"/login?next={_quote(target)}", status_code=303)
    return error_page(request, status, message, headers=headers)


def on_http_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    status = error.status_code
    page = page_of(request)
    title = page.t.gettext(_TITLES.get(status, "Error"))
    detail = page.t.gettext(_DETAILS.get(status, "The request could not be handled."))
    headers = dict(error.headers or {})
    if is_api(request):
        extra: dict[str, Any] = {}
        if isinstance(error, ValidationException) and isinstance(error.extra, list):
            extra["errors"] = [
                {k: v for k, v in item.items() if k in ("message", "key", "source")}
                for item in error.extra
                if isinstance(item, dict)
            ]
            if extra["errors"]:
                detail = "; ".join(
                    f"{e.get('key', '')}: {e.get('message', '')}".strip(": ")
                    for e in extra["errors"]
                )
        return problem(
            request,
            status,
            _HTTP_KINDS.get(status, "http-error"),
            title,
            detail,
            headers=headers or None,
            **extra,
        )
    return error_page(request, status, detail, headers=headers or None)


def on_unexpected(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    logger.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    page = page_of(request)
    detail = page.t.gettext("Something went wrong on our side. Please try again later.")
    if is_api(request):
        return problem(request, 500, "internal-error", page.t.gettext("Error"), detail)
    return error_page(request, HTTP_500_INTERNAL_SERVER_ERROR, detail)


def error_page(
    request: Request[Any, Any, Any],
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
) -> Response[Any]:
    page = page_of(request)
    title = page.t.gettext(_TITLES.get(status, "Error"))
    return Template(
        "error.html",
        context={"status": status, "title": title, "message": message},
        status_code=status,
        media_type=MediaType.HTML,
        headers=headers,
    )


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


_TITLES = {
    400: N_("Bad request"),
    401: N_("Please sign in"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not possible this way"),
    409: N_("Conflict"),
    413: N_("Too large"),
    415: N_("Unsupported format"),
    422: N_("Please check your input"),
    429: N_("Too many attempts"),
    500: N_("Error"),
}
_DETAILS = {
    400: N_("The request could not be understood."),
    401: N_("Please sign in first."),
    403: N_("You may not do this. If a form was open for long, please load the page again."),
    404: N_("This page does not exist, or you may not see it."),
    405: N_("This address cannot be used this way."),
    413: N_("The request is too large."),
    415: N_("The request has a format that is not understood."),
}
_HTTP_KINDS = {
    400: "bad-request",
    401: "not-signed-in",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    429: "too-many-requests",
}
