"""`sorgende sim calibration`: the model's population against the published figures."""

from __future__ import annotations

import attrs

from sorgende.sim.calibration import PUBLISHED, calibration
from sorgende.sim.config import SimConfig, with_overrides
from tests.sim.test_cli import run


def test_each_published_figure_is_compared_and_flagged_beyond_ten_percent() -> None:
    rows = calibration(with_overrides(SimConfig(), {"population.scale": 0.2}))
    assert [r["code"] for r in rows] == [f.code for f in PUBLISHED]
    for row in rows:
        deviation = (row["model"] - row["published"]) / row["published"]
        assert row["deviation"] == deviation and row["flag"] == (abs(deviation) > 0.10)
    by_code = {r["code"]: r for r in rows}
    assert by_code["care_all"]["flag"] is False
    # the default volunteering rates are the survey's, of whole age bands
    assert by_code["volunteering_14"]["flag"] is False
    assert by_code["volunteering_65"]["flag"] is False
    # rates applied only to the people not in need of care (the old defaults): flagged
    config = with_overrides(SimConfig(), {"population.scale": 0.2})
    old = [
        attrs.evolve(b, volunteer=b.volunteer * (1 - b.care)) for b in config.population.age_bands
    ]
    config = attrs.evolve(config, population=attrs.evolve(config.population, age_bands=tuple(old)))
    by_code = {r["code"]: r for r in calibration(config)}
    assert by_code["volunteering_65"]["flag"] is True
    assert by_code["volunteering_65"]["deviation"] < -0.10


def test_the_command_prints_sources_and_marks_what_our_sources_do_not_give() -> None:
    result = run(["--lang", "en", "sim", "calibration", "--scale", "0.1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Calibration: Verbandsgemeinde Daun")
    assert len(lines) == 1 + len(PUBLISHED)
    assert "volunteering, aged 14 and over: model" in result.stdout
    assert all(line.startswith(("[within 10 %]", "[outside 10 %]")) for line in lines[1:])
    assert "table: Pflegebedürftige (Anzahl und Quote)" in result.stdout
    assert "URL: not given in our sources" in result.stdout
