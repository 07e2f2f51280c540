"""A progress bar on the terminal for long runs and sweeps (rich, from the ``sim`` extra)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sorgende.errors import Message
from sorgende.sim.errors import MissingExtra


def wanted(progress: bool | None) -> bool:
    """Whether to show a bar: ``None`` means when standard error is a terminal and rich is
    installed; ``True`` insists (and raises :class:`MissingExtra` without rich)."""
    if progress is False:
        return False
    try:
        import rich  # noqa: F401
    except ImportError as exc:
        if progress:
            raise MissingExtra(Message("sim.problem.progress.progress_bar"), "rich") from exc
        return False
    return bool(progress) or sys.stderr.isatty()


@contextmanager
def bar(total: int, description: str, progress: bool | None) -> Iterator[Callable[[int], None]]:
    """A context giving ``update(done)``; without a bar, ``update`` does nothing."""
    if not wanted(progress):
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as shown:
        task = shown.add_task(description, total=total)

        def update(done: int) -> None:
            shown.update(task, completed=done)

        yield update
