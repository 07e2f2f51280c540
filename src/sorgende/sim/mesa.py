""":class:`CareModel` as a ``mesa.Model``, so Mesa's tools run it (the ``mesa`` extra).

:class:`CareMesaModel` is an adapter: a ``mesa.Model`` that holds a
:class:`~sorgende.sim.model.CareModel` (``model.care``) and steps it one day per
``step()``. Its keyword arguments are the simulation's parameters by dotted path, as in
a sweep's grid (``seed``, ``days``, ``"helping.views_per_day"``; ``helping__views_per_day``
is the same), so ``mesa.batch_run(CareMesaModel, parameters={...})`` sweeps them.

Its ``datacollector`` is a ``mesa.DataCollector`` whose model reporters are the run's
figures so far: the columns of the run's summary (:meth:`DataCollector.summary
<sorgende.sim.collector.DataCollector.summary>`: ``requests_met``, ``share_met``,
``hours_given``, ...), collected at the end of every day. The last record is therefore
the whole run's aggregate, equal to ``sorgende.sim.batch_run(...,
data_collection_period=-1)`` and to ``result.summary`` for the same configuration and
seed. After the last day the model checks the ledger and its records against the
platform (``model.result`` is the checked :class:`~sorgende.sim.results.SimResult`, its
summary with the checks and the scenarios' own figures) and stops (``running`` false).

Mesa is optional: only this module imports it, and nothing imports this module. Importing
Mesa switches the process's ``multiprocessing`` start method to ``spawn``; this module puts
back the one the program had.
"""

from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

import attrs

# Mesa's batchrunner sets the process's multiprocessing start method to "spawn" when it is
# imported; this module leaves it as the program had it (process pools, sorgende's sweeps)
_START_METHOD = multiprocessing.get_start_method(allow_none=True)
import mesa  # noqa: E402

multiprocessing.set_start_method(_START_METHOD, force=True)

from sorgende.config import Settings  # noqa: E402
from sorgende.sim.config import SimConfig, with_overrides  # noqa: E402
from sorgende.sim.model import CareModel  # noqa: E402
from sorgende.sim.results import SimResult  # noqa: E402

__all__ = ["CareMesaModel"]


def _figure(name: str, model: CareMesaModel) -> Any:
    return model.summary.get(name)


class CareMesaModel(mesa.Model):  # type: ignore[misc]  # Mesa ships no type hints
    """A :class:`CareModel` run as a ``mesa.Model``: one day per ``step()``.

    :param config: the base configuration (default: ``SimConfig()``).
    :param seed: the run's seed (``config.seed``); Mesa's own generators get it too.
    :param days: the run's length (``config.days``): ``running`` turns false after it,
        so ``mesa.batch_run``'s ``max_steps`` need only be at least as large.
    :param plugins: plugin objects or importable module names (names also work in
        ``mesa.batch_run``'s worker processes).
    :param settings: platform settings, as for :class:`CareModel`.
    :param reporters: extra Mesa model reporters (name to a function of this model).
    :param params: the other parameters by dotted path (``__`` may stand for ``.``).
    """

    def __init__(
        self,
        config: SimConfig | None = None,
        *,
        seed: int | None = None,
        days: int | None = None,
        plugins: Iterable[object | str] = (),
        settings: Settings | None = None,
        reporters: Mapping[str, Callable[[Any], Any]] | None = None,
        **params: Any,
    ) -> None:
        cfg = with_overrides(
            config if config is not None else SimConfig(),
            {path.replace("__", "."): value for path, value in params.items()},
        )
        if seed is not None:
            cfg = attrs.evolve(cfg, seed=int(seed))
        if days is not None:
            cfg = attrs.evolve(cfg, days=int(days))
        super().__init__(seed=cfg.seed)
        modules = [importlib.import_module(p) if isinstance(p, str) else p for p in plugins]
        #: the simulation itself: the platform, the residents, sorgende's tidy tables
        self.care = CareModel(cfg, plugins=modules, settings=settings)
        #: the run's figures so far (after the last day: the checked result's summary)
        self.summary: dict[str, Any] = self.care.datacollector.summary(self.care)
        #: the checked result, once the last day is done
        self.result: SimResult | None = None
        # the columns the last day will have: the summary's, the checks', the scenarios'
        names = [*self.summary, *self.care.check()]
        for scenario in self.care.scenarios:
            if hasattr(scenario, "summary"):
                names.extend(scenario.summary(self.care))
        figures: dict[str, Any] = {name: partial(_figure, name) for name in dict.fromkeys(names)}
        self.datacollector = mesa.DataCollector(model_reporters={**figures, **(reporters or {})})
        self.running = self.care.running

    @property
    def config(self) -> SimConfig:
        return self.care.config

    def step(self) -> None:
        """One day of the simulation, then the figures so far into the DataCollector."""
        care = self.care
        care.step()
        if care.running:
            self.summary = care.datacollector.summary(care)
        else:
            self.result = care.result()
            self.summary = self.result.summary
        self.running = care.running
        self.datacollector.collect(self)
