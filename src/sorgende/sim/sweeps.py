"""Sweeps: a grid of parameters times replications, on any ``concurrent.futures.Executor``.

:class:`SweepSpec` names a base configuration, the scenarios, a grid (dotted paths of
the configuration to lists of values) and the number of replications. Its runs are
the product, in a fixed order; replication ``r`` of a grid point runs with seed
``config.seed + r``, so every scenario and grid point sees the same seeds (common
random numbers: differences come from the scenario, not from luck).

:func:`sweep` submits each run to an executor (by default a process pool of this
machine; ``distributed.Client(...).get_executor()`` runs the same sweep on a Dask
cluster) and collects the results in run order, whatever order they finish in. A run
depends only on its configuration, the settings and the plugins, never on the
executor, so the same sweep gives the same tables everywhere.

:func:`batch_run` is the same with Mesa's ``batch_run`` arguments and result.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import attrs

from sorgende.config import Settings, load_settings
from sorgende.errors import ConfigError, InvalidValue, Message
from sorgende.sim.config import SimConfig, config_from_dict, with_overrides
from sorgende.sim.results import TABLES, TableSet

P = ParamSpec("P")
T = TypeVar("T")

#: columns that name a run in the sweep's tables
RUN_COLUMNS = ("run", "scenario", "replication", "seed")


class InlineExecutor(Executor):
    """Runs each submitted call at once, in this process (for debugging and small sweeps)."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


@attrs.frozen
class Run:
    """One run of a sweep: its place in the order, its grid point and its configuration."""

    index: int
    replication: int
    params: dict[str, Any]
    config: SimConfig


@attrs.frozen
class RunOutcome:
    """What a run sends back: its tables (community rows, and place rows if asked)."""

    index: int
    steps: list[dict[str, Any]]
    agents: list[dict[str, Any]]
    summary: dict[str, Any]
    seconds: float
    #: the tables the run's scenarios added (``Scenario.tables``), by name
    tables: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    #: what the run raised (type and message), ``None`` if it ran through
    error: str | None = None
    #: the plugins the run's platform loaded (:func:`sorgende.sim.store.loaded_plugins`)
    plugins: list[dict[str, str]] = attrs.field(factory=list)

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False)


@attrs.frozen
class SweepSpec:
    """A sweep: the base configuration, the scenarios, the grid, the replications."""

    base: SimConfig = SimConfig()
    #: scenarios to run (empty: the base configuration's)
    scenarios: tuple[str, ...] = ()
    #: dotted configuration paths to the values to try, e.g.
    #: ``{"helping.views_per_day": (2, 3, 4)}``
    grid: dict[str, tuple[Any, ...]] = attrs.field(factory=dict)
    #: runs per scenario and grid point; replication r runs with seed ``seed + r``
    replications: int = 1
    #: keep the rows per place (a sweep keeps the community's rows only by default)
    places: bool = False
    #: importable module names of plugins every run registers (workers import them)
    plugins: tuple[str, ...] = ()
    #: the arm the effects table compares against: ``scenario`` and grid values
    #: (default: the first scenario at the first grid point)
    reference: dict[str, Any] = attrs.field(factory=dict)
    #: a Latin hypercube or Sobol design instead of the grid (:mod:`sorgende.sim.designs`)
    design: Any = None

    def __attrs_post_init__(self) -> None:
        if self.replications < 1:
            raise InvalidValue(
                "replications",
                Message("sim.problem.sweeps.less_than", replications=self.replications),
            )
        for path, values in self.grid.items():
            if not values:
                raise InvalidValue(f"grid.{path}", Message("sim.problem.sweeps.has_no_values_try"))

    def reference_arm(self) -> tuple[Any, ...]:
        """The reference as an arm: the scenario, then the grid's values in its order."""
        scenarios = self.scenarios or (self.base.scenario,)
        unknown = sorted(set(self.reference) - {"scenario", *self.grid})
        if unknown:
            raise InvalidValue(
                "sweep.reference",
                Message("sim.problem.sweeps.reference_unknown", unknown=", ".join(unknown)),
            )
        arm = (
            self.reference.get("scenario", scenarios[0]),
            *(self.reference.get(p, values[0]) for p, values in self.grid.items()),
        )
        for key, value, allowed in zip(
            ("scenario", *self.grid), arm, (scenarios, *self.grid.values()), strict=True
        ):
            if value not in allowed:
                raise InvalidValue(
                    "sweep.reference",
                    Message("sim.problem.sweeps.reference_not_arm", key=key, value=value),
                )
        return arm

    def runs(self) -> list[Run]:
        """Every run, in order: scenario, grid point (in the grid's order), replication."""
        scenarios = self.scenarios or (self.base.scenario,)
        paths = list(self.grid)
        if self.design is not None:
            from sorgende.sim.designs import design_points

            # a design's points, each tagged with its index for the sensitivity report
            points = [({"point": i, **p}, p) for i, p in enumerate(design_points(self.design))]
        else:
            points = [
                (dict(zip(paths, values, strict=True)),) * 2
                for values in itertools.product(*(self.grid[p] for p in paths))
            ]
        runs: list[Run] = []
        for scenario in scenarios:
            for params, overrides in points:
                point = with_overrides(
                    attrs.evolve(self.base, scenario=scenario, collect_places=self.places),
                    overrides,
                )
                for replication in range(self.replications):
                    config = attrs.evolve(point, seed=point.seed + replication)
                    runs.append(Run(len(runs), replication, params, config))
        return runs


def run_one(run: Run, settings: Settings | None, plugins: Sequence[str]) -> RunOutcome:
    """Run ``run`` (in whatever process the executor chose) and return its tables."""
    import importlib

    from sorgende.sim.model import CareModel
    from sorgende.sim.store import loaded_plugins

    # a run that raises is recorded, not raised: the sweep keeps the other runs
    try:
        modules = [importlib.import_module(name) for name in plugins]
        model = CareModel(run.config, plugins=modules, settings=settings)
        result = model.run()
    except Exception as exc:
        return RunOutcome(run.index, [], [], {}, 0.0, error=f"{type(exc).__name__}: {exc}")
    return RunOutcome(
        run.index,
        result.steps,
        result.agents,
        result.summary,
        result.seconds,
        result.tables,
        plugins=loaded_plugins(model.platform.plugins),
    )


@attrs.frozen(eq=False)
class SweepResult(TableSet):
    """The tables of a sweep, each row naming its run, grid point and replication."""

    spec: SweepSpec
    runs: list[Run]
    outcomes: list[RunOutcome]
    #: runs taken from the directory of an earlier, interrupted sweep
    resumed: int = 0

    @property
    def failed(self) -> list[tuple[Run, str]]:
        """The runs that raised, with their errors (their rows are missing from the tables)."""
        return [(r, o.error) for r, o in zip(self.runs, self.outcomes, strict=True) if o.error]

    def provenance(self) -> dict[str, Any]:
        """The sweep's configuration, seeds, versions and loaded plugins."""
        from sorgende.sim.store import sweep_provenance

        plugins = next((o.plugins for o in self.outcomes if o.error is None), [])
        data = sweep_provenance(self.spec, self.runs, plugins)
        data["failed"] = [{"run": r.index, "error": e} for r, e in self.failed]
        return data

    def write(
        self, directory: str | os.PathLike[str], formats: Iterable[str] = ("csv",)
    ) -> list[Path]:
        """The tables in each format, and ``provenance.json``."""
        from sorgende.sim.store import write_json

        written = super().write(directory, formats)
        written.append(write_json(Path(directory) / "provenance.json", self.provenance()))
        return written

    def table_names(self) -> tuple[str, ...]:
        added = {name: None for o in self.outcomes for name in o.tables if name not in TABLES}
        designed = ("sensitivity",) if self.spec.design is not None else ("effects",)
        return (*TABLES, *designed, *added)

    @property
    def sensitivity(self) -> list[dict[str, Any]]:
        """A Sobol design's first-order and total indices (:mod:`sorgende.sim.designs`)."""
        from sorgende.sim.designs import sensitivity

        design = self.spec.design
        if design is None:
            return []
        points = 1 + max((int(r.params["point"]) for r in self.runs), default=-1)
        return sensitivity(design, self.summary, points)

    def plot(
        self,
        directory: str | os.PathLike[str],
        formats: Iterable[str] = ("png", "svg"),
        language: str = "de",
    ) -> list[Path]:
        """The standard plots, one line and band per scenario and grid point."""
        from sorgende.sim.plots import plot_all

        return plot_all(
            self.rows("steps"),
            self.rows("agents"),
            directory,
            formats,
            language,
            list(self.spec.grid),
        )

    @property
    def effects(self) -> list[dict[str, Any]]:
        """Every arm against the reference, paired by seed (:mod:`sorgende.sim.effects`)."""
        from sorgende.sim.effects import effects

        if self.spec.design is not None:
            return []  # a design's points are not arms to compare
        return effects(self.summary, list(self.spec.grid), self.spec.reference_arm())

    def _rows(self, table: str) -> list[dict[str, Any]]:
        if table == "effects":
            return self.effects
        if table == "sensitivity":
            return self.sensitivity
        rows: list[dict[str, Any]] = []
        for run, outcome in zip(self.runs, self.outcomes, strict=True):
            tag = {
                "run": run.index,
                "scenario": run.config.scenario,
                "replication": run.replication,
                "seed": run.config.seed,
                **run.params,
            }
            if outcome.error is not None:
                items = [{"failed": outcome.error}] if table == "summary" else []
            elif table == "summary":
                items = [outcome.summary]
            elif table in TABLES:
                items = getattr(outcome, table)
            else:
                items = outcome.tables.get(table, [])
            # the tag first, for the columns' order, and last, for its values
            rows.extend({**tag, **row, **tag} for row in items)
        return rows

    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.rows("steps")

    @property
    def agents(self) -> list[dict[str, Any]]:
        return self.rows("agents")

    @property
    def summary(self) -> list[dict[str, Any]]:
        return self.rows("summary")

    @property
    def seconds(self) -> list[float]:
        """Wall time of each run (not part of the tables)."""
        return [o.seconds for o in self.outcomes]


def sweep(
    spec: SweepSpec,
    executor: Executor | None = None,
    *,
    settings: Settings | None = None,
    progress: bool | None = None,
    max_workers: int | None = None,
    directory: str | os.PathLike[str] | None = None,
) -> SweepResult:
    """Run every run of ``spec`` on ``executor`` (default: a process pool, ``max_workers``).

    ``settings`` (default: read here, once) go to every run, so workers on other
    machines use the same plugins and language as this process. With a ``directory``
    each run is recorded there as it finishes and a sweep started again on it resumes
    (:mod:`sorgende.sim.store`).
    """
    from sorgende.sim.progress import bar
    from sorgende.sim.store import RunStore, sweep_provenance, write_json

    runs = spec.runs()
    store = RunStore(directory) if directory is not None else None
    outcomes: dict[int, RunOutcome] = {}
    if store is not None:
        assert directory is not None
        write_json(Path(directory) / "provenance.json", sweep_provenance(spec, runs, []))
        for run in runs:
            found = store.load(run.index, run.config)
            if found is not None:
                outcomes[run.index] = RunOutcome(**found)
    resumed = len(outcomes)
    todo = [run for run in runs if run.index not in outcomes]
    by_index = {run.index: run for run in runs}
    settings = settings if settings is not None else load_settings()
    own = executor is None
    pool: Executor = (
        ProcessPoolExecutor(max_workers=max_workers or os.cpu_count())
        if executor is None
        else executor
    )
    try:
        futures = [pool.submit(run_one, run, settings, spec.plugins) for run in todo]
        with bar(len(runs), "sweep", progress) as update:
            update(len(outcomes))
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[outcome.index] = outcome
                if store is not None:
                    store.save(
                        outcome.index,
                        by_index[outcome.index].config,
                        outcome.to_dict() if outcome.error is None else None,
                        outcome.error,
                        {"plugins": outcome.plugins},
                    )
                update(len(outcomes))
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
    return SweepResult(spec, runs, [outcomes[run.index] for run in runs], resumed)


def batch_run(
    parameters: Mapping[str, Any],
    *,
    iterations: int = 1,
    max_steps: int = 365,
    number_processes: int | None = 1,
    data_collection_period: int = -1,
    display_progress: bool = True,
    executor: Executor | None = None,
    base: SimConfig | None = None,
    plugins: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Mesa's ``batch_run``: every combination of ``parameters``, ``iterations`` times each.

    ``parameters`` maps dotted configuration paths (``"scenario"``, ``"seed"``,
    ``"helping.views_per_day"``) to a value or a list of values. Returns a list of
    records like Mesa's: ``RunId``, ``iteration``, ``Step`` (the day, from 1), the
    parameters, and the community's figures of that day, every
    ``data_collection_period`` days (-1: one record per run, the whole run's totals).
    ``number_processes``: 1 runs here, ``None`` uses every core; or pass any ``executor``.
    """
    grid = {
        key: tuple(value) if isinstance(value, list | tuple) else (value,)
        for key, value in parameters.items()
    }
    spec = SweepSpec(
        base=attrs.evolve(base or SimConfig(), days=max_steps),
        grid=grid,
        replications=iterations,
        plugins=tuple(plugins),
    )
    if executor is None and number_processes == 1:
        executor = InlineExecutor()
    result = sweep(
        spec, executor, progress=None if display_progress else False, max_workers=number_processes
    )
    records = []
    for run, outcome in zip(result.runs, result.outcomes, strict=True):
        rows = outcome.steps
        if data_collection_period == -1:
            # the whole run's totals (the summary), not the last day's counts
            last = rows[-1]["day"] if rows else run.config.days - 1
            rows = [{**outcome.summary, "day": last, "seed": run.config.seed}]
        elif data_collection_period > 1:
            rows = [r for r in rows if (r["day"] + 1) % data_collection_period == 0]
        for row in rows:
            records.append(
                {
                    "RunId": run.index,
                    "iteration": run.replication,
                    "Step": row["day"] + 1,
                    **run.params,
                    **row,
                }
            )
    return records


def load_sweep(path: str | os.PathLike[str]) -> tuple[SweepSpec, dict[str, Any]]:
    """A :class:`SweepSpec` from a TOML file, and the file's run options (``out``, ...).

    The file has a ``[sweep]`` table (``scenarios``, ``replications``, ``places``,
    ``plugins``, and for the command line ``out``, ``workers``, ``dask``), a ``[grid]``
    table of dotted paths to lists, and a ``[base]`` table: a simulation configuration.
    """
    from sorgende.config import _read_toml

    file = Path(path)
    document = _read_toml(file)
    unknown = sorted(set(document) - {"sweep", "grid", "base", "design"})
    if unknown:
        raise ConfigError(
            source=str(file),
            problem=Message(
                "sim.problem.sweeps.unknown_tables_known_sweep", unknown=", ".join(unknown)
            ),
        )
    table = dict(document.get("sweep", {}))
    options = {key: table.pop(key) for key in ("out", "workers", "dask") if key in table}
    known = {"scenarios", "replications", "places", "plugins", "reference"}
    extra = sorted(set(table) - known)
    if extra:
        raise ConfigError(
            source=str(file),
            problem=Message("sim.problem.sweeps.sweep_unknown_keys", extra=", ".join(extra)),
        )
    grid: dict[str, tuple[Any, ...]] = {}
    for key, values in document.get("grid", {}).items():
        if not isinstance(values, list):
            raise ConfigError(
                source=str(file),
                problem=Message("sim.problem.sweeps.grid_give_list_values", key=key),
            )
        grid[key] = tuple(values)
    base = config_from_dict(document.get("base", {}), source=f"{file} [base]")
    try:
        design = _design(document.get("design"))
        spec = SweepSpec(
            base=base,
            scenarios=tuple(table.get("scenarios", ())),
            grid=grid,
            replications=int(table.get("replications", 1)),
            places=bool(table.get("places", False)),
            plugins=tuple(table.get("plugins", ())),
            reference=dict(table.get("reference", {})),
            design=design,
        )
        spec.reference_arm()
        spec.runs()  # every grid point must make a valid configuration
    except (InvalidValue, TypeError, ValueError) as exc:
        problem = exc.as_message() if isinstance(exc, InvalidValue) else str(exc)
        raise ConfigError(source=str(file), problem=problem) from exc
    return spec, options


def _design(table: Mapping[str, Any] | None) -> Any:
    """A :class:`~sorgende.sim.designs.Design` from the ``[design]`` table, if there is one."""
    if table is None:
        return None
    from sorgende.sim.designs import Design

    data = dict(table)
    bounds = {path: (lo, hi) for path, (lo, hi) in dict(data.pop("bounds", {})).items()}
    outputs = tuple(data.pop("outputs", ("share_unmet",)))
    return Design(bounds=bounds, outputs=outputs, **data)
