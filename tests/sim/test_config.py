"""The configuration: defaults, TOML files, overrides, and refusals that say where."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest

from sorgende.errors import ConfigError, InvalidValue
from sorgende.sim.config import (
    AgeBand,
    SimConfig,
    config_from_dict,
    config_to_dict,
    load_config,
    with_overrides,
)
from sorgende.sim.model import CareModel
from tests.sim.conftest import SETTINGS, SMALL


def test_defaults_are_grounded_where_figures_exist() -> None:
    config = SimConfig()
    bands = {(b.low, b.high): b for b in config.population.age_bands}

    # Freiwilligensurvey 2019: 39.7 % of people aged 14 and over volunteer, 31.2 % of 65+
    def rate(low: int) -> float:
        group = [b for b in bands.values() if b.low >= low]
        return sum(b.share * b.volunteer for b in group) / sum(b.share for b in group)

    assert rate(14) == pytest.approx(0.397, abs=0.0005)
    assert rate(65) == pytest.approx(0.312, abs=0.0005)
    assert bands[(0, 14)].volunteer == 0.0
    # Pflegestatistik 2021 (GBE-Bund): care rates by age group
    assert [bands[k].care for k in ((75, 85), (85, 90), (90, 100))] == [0.239, 0.541, 0.816]
    assert {bands[k].care for k in ((0, 14), (14, 15), (15, 60), (60, 65), (65, 75))} == {0.023}
    assert config.population.care_at_home == 0.84
    shares = [h.share for h in config.population.weekly_hours]
    assert shares == [0.600, 0.229, 0.171]
    assert sum(b.share for b in config.population.age_bands) == pytest.approx(1.0, abs=0.002)


def test_a_toml_file_sets_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "sim.toml"
    path.write_text(
        """
scenario = "flood"
days = 90
seed = 7
start = 2027-03-01

[population]
scale = 0.1
places = ["Daun", "Mehren"]

[[population.age_bands]]
low = 0
high = 60
share = 0.7
care = 0.02
volunteer = 0.4

[[population.age_bands]]
low = 60
high = 100
share = 0.3
care = 0.2
volunteer = 0.2

[flood]
start_day = 30
places = ["Mehren"]

[extra.heatwave]
factor = 2.5
""",
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.scenario, config.days, config.seed) == ("flood", 90, 7)
    assert config.start == date(2027, 3, 1)
    assert config.population.places == ("Daun", "Mehren")
    assert config.population.age_bands[1] == AgeBand(60, 100, 0.3, 0.2, 0.2)
    assert config.flood.start_day == 30 and config.flood.days == 7  # the rest: defaults
    assert config.extra == {"heatwave": {"factor": 2.5}}
    # it round-trips through plain data
    assert config_from_dict(config_to_dict(config)) == config


def test_bad_files_are_refused_with_the_path_of_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('days = "many"\n[helping]\nviews_per_day = 3\nwings = 2\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    text = caught.value.message("en")
    assert str(path) in text
    assert "$.days" in text and "wings" in text
    path.write_text("[population]\nscale = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="scale"):
        load_config(path)
    path.write_text("days = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_overrides_by_dotted_path() -> None:
    config = with_overrides(SimConfig(), {"helping.views_per_day": 5, "seed": 3})
    assert config.helping.views_per_day == 5 and config.seed == 3
    assert with_overrides(config, {"extra.mine.level": 2}).extra == {"mine": {"level": 2}}
    with pytest.raises(ConfigError, match="'helpin' is not a section"):
        with_overrides(config, {"helpin.views_per_day": 5})
    with pytest.raises(ConfigError, match="share between 0 and 1"):
        with_overrides(config, {"helping.accept_probability": 1.5})


def test_impossible_values_are_refused() -> None:
    with pytest.raises(InvalidValue, match="days"):
        SimConfig(days=0)
    with pytest.raises(InvalidValue, match="ends"):
        AgeBand(60, 50, 0.1, 0.1, 0.1)
    with pytest.raises(InvalidValue, match="unknown places: Atlantis"):
        CareModel(
            attrs.evolve(SMALL, population=attrs.evolve(SMALL.population, places=("Atlantis",))),
            settings=SETTINGS,
        )
    with pytest.raises(InvalidValue, match="Lalaland"):
        CareModel(
            attrs.evolve(
                SMALL, scenario="flood", flood=attrs.evolve(SMALL.flood, places=("Lalaland",))
            ),
            settings=SETTINGS,
        )
    needs = attrs.evolve(SMALL.needs, care_categories=("shopping", "juggling"))
    with pytest.raises(InvalidValue, match="juggling") as caught:
        CareModel(attrs.evolve(SMALL, needs=needs), settings=SETTINGS)
    assert "Kategorien" in caught.value.message("de")


def test_other_places_from_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text(
        "place,kind,area_km2,population,lat,lon\n"
        "Nordstadt,Stadt,10.0,3000,50.0,7.0\n"
        "Südhof,Ortsgemeinde,5.0,400,50.02,7.03\n",
        encoding="utf-8",
    )
    population = attrs.evolve(SMALL.population, places_csv=str(path), scale=0.2)
    model = CareModel(attrs.evolve(SMALL, days=5, population=population), settings=SETTINGS)
    assert [p.name for p in model.places] == ["Nordstadt", "Südhof"]
    assert len(model.residents) == 600 + 80
    assert sorted(p.name for p in model.service.places()) == ["Nordstadt", "Südhof"]
    with pytest.raises(ConfigError, match="cannot read"):
        CareModel(
            attrs.evolve(
                SMALL, population=attrs.evolve(population, places_csv=str(tmp_path / "no.csv"))
            ),
            settings=SETTINGS,
        )
