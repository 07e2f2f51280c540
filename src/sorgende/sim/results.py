"""Results of runs: lists of records, written as CSV (always) or Parquet, read into pandas.

CSV needs nothing beyond the standard library. Parquet needs pyarrow and
:meth:`SimResult.to_pandas` pandas; both come with ``pip install 'sorgende[sim]'``
and are imported only when used. A missing package raises
:class:`~sorgende.sim.errors.MissingExtra`, naming it.

Floats are written with ``repr`` (the shortest text that reads back as the same
float), so the same run writes the same bytes.
"""

from __future__ import annotations

import abc
import csv
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from sorgende.errors import InvalidValue, Message
from sorgende.sim.config import SimConfig, config_to_dict
from sorgende.sim.errors import require


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return value


def columns_of(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every key of the rows, in the order they first appear."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def write_csv(rows: Sequence[Mapping[str, Any]], path: str | os.PathLike[str]) -> Path:
    """Write ``rows`` (dicts) as CSV with a header; ``None`` becomes an empty cell."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    names = columns_of(rows)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row.get(name)) for name in names])
    return target


def write_parquet(rows: Sequence[Mapping[str, Any]], path: str | os.PathLike[str]) -> Path:
    """Write ``rows`` as a Parquet file (needs pyarrow)."""
    pa = require("pyarrow", Message("sim.problem.results.writing_parquet"))
    pq = require("pyarrow.parquet", Message("sim.problem.results.writing_parquet"), "pyarrow")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    names = columns_of(rows)
    table = pa.table({name: [row.get(name) for row in rows] for name in names})
    pq.write_table(table, target)
    return target


def frame(rows: Sequence[Mapping[str, Any]]) -> Any:
    """``rows`` as a pandas DataFrame, columns in order (needs pandas)."""
    pd = require("pandas", Message("sim.problem.results.pandas_table"))
    return pd.DataFrame.from_records(list(rows), columns=columns_of(rows))


#: the tables of a run or a sweep
TABLES = ("steps", "agents", "summary")
WRITERS = {"csv": write_csv, "parquet": write_parquet}


class TableSet(abc.ABC):
    """What a run's and a sweep's results share: three tables, written, plotted, in pandas."""

    @abc.abstractmethod
    def _rows(self, table: str) -> list[dict[str, Any]]:
        """The rows of ``table`` (one of :meth:`table_names`)."""

    def table_names(self) -> tuple[str, ...]:
        """:data:`TABLES`, then the tables the run's scenarios added (``Scenario.tables``)."""
        return TABLES

    def rows(self, table: str) -> list[dict[str, Any]]:
        """``steps``, ``agents``, ``summary`` or a scenario's table as a list of records."""
        names = self.table_names()
        if table not in names:
            raise InvalidValue(
                "table",
                Message("sim.problem.results.not_one_of", table=table, tables=", ".join(names)),
            )
        return self._rows(table)

    def to_pandas(self, table: str = "steps") -> Any:
        """``steps``, ``agents`` or ``summary`` as a pandas DataFrame (needs pandas)."""
        return frame(self.rows(table))

    def plot(
        self,
        directory: str | os.PathLike[str],
        formats: Iterable[str] = ("png", "svg"),
        language: str = "de",
    ) -> list[Path]:
        """The standard plots (needs met, load, balances) into ``directory`` (matplotlib)."""
        from sorgende.sim.plots import plot_all

        return plot_all(self.rows("steps"), self.rows("agents"), directory, formats, language)

    def write(
        self, directory: str | os.PathLike[str], formats: Iterable[str] = ("csv",)
    ) -> list[Path]:
        """Write ``steps``, ``agents``, ``summary`` and the scenarios' tables in each format."""
        out = Path(directory)
        written = []
        for fmt in formats:
            writer = WRITERS.get(fmt)
            if writer is None:
                raise InvalidValue(
                    "format",
                    Message("sim.problem.results.csv_parquet", fmt=fmt),
                )
            for table in self.table_names():
                written.append(writer(self.rows(table), out / f"{table}.{fmt}"))
        return written


@attrs.frozen(eq=False)
class SimResult(TableSet):
    """What one run produced: the tidy table, the agents, the summary.

    ``steps`` are the collector's rows (see :mod:`sorgende.sim.collector`), ``agents``
    one row per registered resident at the end, ``summary`` the run's totals and the
    checks' counts (and the figures scenarios add, ``Scenario.summary``), ``tables``
    the tables scenarios add by name (``Scenario.tables``: a shift plan's weeks, say).
    ``seconds`` is the wall time of the steps (not part of the data: the same seed gives
    the same tables, not the same time).
    """

    config: SimConfig
    scenario: str
    steps: list[dict[str, Any]]
    agents: list[dict[str, Any]]
    summary: dict[str, Any]
    seconds: float = 0.0
    tables: dict[str, list[dict[str, Any]]] = attrs.field(factory=dict)
    #: versions and loaded plugins (:mod:`sorgende.sim.store`), written as provenance.json
    provenance: dict[str, Any] = attrs.field(factory=dict)

    @property
    def records(self) -> list[dict[str, Any]]:
        """The tidy table as a list of records (the rows of :attr:`steps`)."""
        return self.steps

    def table_names(self) -> tuple[str, ...]:
        return (*TABLES, *(name for name in self.tables if name not in TABLES))

    def _rows(self, table: str) -> list[dict[str, Any]]:
        if table == "summary":
            return [self.summary]
        if table in TABLES:
            return list(getattr(self, table))
        return list(self.tables[table])

    def write(
        self, directory: str | os.PathLike[str], formats: Iterable[str] = ("csv",)
    ) -> list[Path]:
        """Write the three tables in each format, and the configuration as ``config.json``."""
        written = super().write(directory, formats)
        config = Path(directory) / "config.json"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(
            json.dumps(config_to_dict(self.config), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        written.append(config)
        if self.provenance:
            from sorgende.sim.store import write_json

            written.append(write_json(Path(directory) / "provenance.json", self.provenance))
        return written
