"""Where the platform is served: the absolute address of a path, never from the request.

A calendar address or a link in an e-mail is opened elsewhere, later: built from the
request's ``Host`` header (or an ``X-Forwarded-Host``), a client could make the platform
show or send an address of another site, which would then receive the secret in it.
:func:`public_address` joins a path to the ``base_url`` setting
(as :func:`sorgende_web.links.absolute` does for e-mails); without one, to the address
the server itself
listens on (the socket's, as uvicorn reports it in the ASGI scope's ``server``) with the
connection's scheme (``https`` only from a trusted proxy's ``X-Forwarded-Proto``, with
``proxy_headers``): right for a server used where it runs, and a reason to set
``base_url`` for any other.
"""

from __future__ import annotations

from typing import Any

from litestar.types import Scope

_DEFAULT_PORTS = {"http": 80, "https": 443}


def server_origin(scope: Scope) -> str:
    """``scheme://host[:port]`` of the socket that took the request."""
    scheme = str(scope.get("scheme") or "http")
    if scheme not in _DEFAULT_PORTS:
        scheme = "http"
    server = scope.get("server") or ("localhost", None)
    host, port = str(server[0]), server[1]
    shown = f"[{host}]" if ":" in host else host
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{shown}"
    return f"{scheme}://{shown}:{port}"


def public_address(settings: Any, scope: Scope, path: str) -> str:
    """The absolute address of ``path``: under ``base_url``, else the server's own."""
    base = str(getattr(settings, "base_url", "") or "").rstrip("/")
    return (base or server_origin(scope)) + (path if path.startswith("/") else "/" + path)
