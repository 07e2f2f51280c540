"""The conflicts load benchmark still runs: a short run on a SQLite file.

The benchmark (``benchmarks/conflicts_load.py``) is how the guarantee "disjoint work never
meets a conflict; the loser of a race gets ``RequestFull``" is measured; it exits non-zero
when any call failed. Its requests lie on the real calendar (a window must lie within the
community's grace and horizon), so a run in CI keeps it from falling out of step with the
domain's rules unnoticed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "conflicts_load.py"
ARGS = ("--seconds", "1.5", "--race-rounds", "3", "--sqlite-clients", "3")


def test_a_short_run_on_sqlite_meets_no_conflict_and_one_acceptance_per_round() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SORGENDE_TEST_POSTGRESQL_URL"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *ARGS],
        check=False,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| SQLite |")]
    assert len(rows) == 1, done.stdout
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    # storage, via, clients, cycles/s, conflicts, 5xx, rounds, accepted, full, other
    assert cells[2] == "3"
    assert float(cells[3]) > 0, "no cycle completed"
    assert cells[4:6] == ["0", "0"]
    assert cells[6:] == ["3", "3", "6", "0"]
    assert "all clear" in done.stdout
