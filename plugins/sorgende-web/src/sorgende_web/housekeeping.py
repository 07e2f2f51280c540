"""The housekeeping jobs on a schedule beside the app (``sorgende serve``).

The jobs are the core's (:mod:`sorgende.services.housekeeping`); the web only starts a
thread that runs them every ``housekeeping_seconds``. Every worker of ``serve --workers
N`` starts one: the core's lease lets one at a time work on a community, and its marks
keep a second run from sending anything again.
"""

from __future__ import annotations

import threading
from typing import Any

from sorgende import Housekeeping


class Housekeeper:
    """A daemon thread running :meth:`Housekeeping.run_every` while the app serves."""

    def __init__(self, platform: Any, seconds: int) -> None:
        self.platform = platform
        self.seconds = seconds
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.seconds <= 0:
            return
        self.stopping.clear()
        jobs = Housekeeping(self.platform)
        self.thread = threading.Thread(
            target=jobs.run_every,
            args=(self.stopping, float(self.seconds)),
            name="sorgende-housekeeping",
            daemon=True,
        )
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=30)
            self.thread = None
