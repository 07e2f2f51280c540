"""Route decorators for blocking handlers that run in a worker thread.

The use cases block (they talk to the database), so handlers are plain functions that
Litestar runs in a thread (``sync_to_thread=True``). Litestar 2 registers the handlers
of a path again each time another handler joins that path (a GET and a POST on one
path) and then wraps the already wrapped function a second time, so that awaiting it
gives a coroutine instead of the answer. These decorators keep the first wrapping.
"""

from __future__ import annotations

from typing import Any

from litestar import Litestar, get, post
from litestar.utils.sync import AsyncCallable


def _register_once(handler: Any, app: Litestar, register: Any) -> None:
    wrapped = handler._fn if isinstance(handler._fn, AsyncCallable) else None
    register(handler, app)
    if wrapped is not None:
        handler._fn = wrapped
        handler.has_sync_callable = False


class threaded_get(get):
    def __init__(self, path: str, **kwargs: Any) -> None:
        super().__init__(path, sync_to_thread=True, **kwargs)

    def on_registration(self, app: Litestar) -> None:
        _register_once(self, app, get.on_registration)


class threaded_post(post):
    def __init__(self, path: str, **kwargs: Any) -> None:
        super().__init__(path, sync_to_thread=True, **kwargs)

    def on_registration(self, app: Litestar) -> None:
        _register_once(self, app, post.on_registration)
