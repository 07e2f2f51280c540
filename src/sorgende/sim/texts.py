"""The simulation's texts for people (command line, plots, refusals), in German and English.

One part of the message catalogue (:mod:`sorgende.i18n`), registered on import under the
``sim.`` prefix the way a plugin registers its own texts; look them up with
:func:`sorgende.i18n.translate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sorgende.i18n import register_messages

MESSAGES: Final[Mapping[str, Mapping[str, str]]] = {
    "sim.run.title": {
        "de": "Simulation: {community}, Szenario {scenario}, {days} Tage ab {start} "
        "(Startwert {seed})",
        "en": "Simulation: {community}, scenario {scenario}, {days} days from {start} "
        "(seed {seed})",
    },
    "sim.run.people": {
        "de": "Einwohner*innen {residents}, Helfende {helpers}, registriert {registered}",
        "en": "Residents {residents}, helpers {helpers}, registered {registered}",
    },
    "sim.run.requests": {
        "de": "Hilfegesuche {posted} (davon über Hilfsangebote {offers}): erfüllt {met}, "
        "unerfüllt {unmet}, offen {pending} (erfüllt: {share})",
        "en": "Requests {posted} (through offers {offers}): met {met}, unmet {unmet}, "
        "pending {pending} (met: {share})",
    },
    "sim.run.time": {
        "de": "Zeit bis zur Hilfe: Median {median}, 90 % in {p90}",
        "en": "Time to help: median {median}, 90 % within {p90}",
    },
    "sim.run.hours": {
        "de": "Geschenkte Zeit {hours}; Lastverteilung (Gini) {gini}",
        "en": "Time given {hours}; load (Gini) {gini}",
    },
    "sim.run.commitments": {
        "de": "Selbstverpflichtungen {made}: {kept} von {due} Wochen eingehalten; "
        "ausgestiegen {dropped} Helfende",
        "en": "Self-commitments {made}: {kept} of {due} weeks kept; {dropped} helpers dropped out",
    },
    "sim.run.checked": {
        "de": "Zeitbank geprüft: {postings} Buchungen, jede ausgeglichen, Salden stimmen "
        "({use_cases} Anwendungsfälle in {seconds} s)",
        "en": "Time bank checked: {postings} postings, each balanced, balances agree "
        "({use_cases} use cases in {seconds} s)",
    },
    "sim.run.written": {"de": "Geschrieben: {paths}", "en": "Written: {paths}"},
    "sim.sweep.title": {
        "de": "Parameterstudie: {runs} Läufe ({scenarios} Szenarien x {points} Punkte x "
        "{replications} Wiederholungen)",
        "en": "Sweep: {runs} runs ({scenarios} scenarios x {points} points x "
        "{replications} replications)",
    },
    "sim.sweep.row": {
        "de": "{scenario}{params}: erfüllt {share} (Spanne {low} bis {high}), "
        "ausgestiegen {dropped}",
        "en": "{scenario}{params}: met {share} (range {low} to {high}), dropped out {dropped}",
    },
    "sim.sweep.effects.title": {
        "de": "Wirkungen gegenüber {reference} (gepaart nach Startwert, Mittel der "
        "Differenzen, 95-%-Intervall nach t):",
        "en": "Effects against {reference} (paired by seed, mean difference, 95 % t interval):",
    },
    "sim.sweep.effects.row": {
        "de": "  {arm}: {metric} {mean} statt {reference}, Differenz {difference} "
        "[{low} bis {high}] aus {pairs} Paaren",
        "en": "  {arm}: {metric} {mean} instead of {reference}, difference {difference} "
        "[{low} to {high}] from {pairs} pairs",
    },
    "sim.sweep.failed": {
        "de": "Fehlgeschlagen: Lauf {run} ({scenario}{params}, Startwert {seed}): {error}",
        "en": "Failed: run {run} ({scenario}{params}, seed {seed}): {error}",
    },
    "sim.sweep.resumed": {
        "de": "Fortgesetzt: {done} von {runs} Läufen lagen schon vor",
        "en": "Resumed: {done} of {runs} runs were already on disk",
    },
    "sim.calibration.title": {
        "de": "Kalibrierung: {community}, Modell gegen veröffentlichte Zahlen (Abweichung relativ)",
        "en": "Calibration: {community}, model against published figures (relative deviation)",
    },
    "sim.calibration.row": {
        "de": "{flag} {figure}: Modell {model}, veröffentlicht {published}, Abweichung "
        "{deviation} — {source}; Tabelle: {table}; URL: {url}; abgerufen: {accessed}",
        "en": "{flag} {figure}: model {model}, published {published}, deviation "
        "{deviation} — {source}; table: {table}; URL: {url}; accessed: {accessed}",
    },
    "sim.calibration.outside": {"de": "[außerhalb 10 %]", "en": "[outside 10 %]"},
    "sim.calibration.within": {"de": "[innerhalb 10 %]", "en": "[within 10 %]"},
    "sim.calibration.not_given": {
        "de": "in unseren Quellen nicht angegeben",
        "en": "not given in our sources",
    },
    "sim.metric.share_unmet": {"de": "Anteil unerfüllt", "en": "share unmet"},
    "sim.metric.share_met": {"de": "Anteil erfüllt", "en": "share met"},
    "sim.metric.requests_met": {"de": "erfüllte Gesuche", "en": "needs met"},
    "sim.metric.hours_given": {"de": "geschenkte Stunden", "en": "hours given"},
    "sim.metric.time_to_help_median_h": {
        "de": "Zeit bis zur Hilfe (Median, Std.)",
        "en": "time to help (median, h)",
    },
    "sim.metric.helpers_dropped_out": {"de": "Ausgestiegene", "en": "dropped out"},
    "sim.plot.effect.title": {
        "de": "Erfüllte Hilfegesuche je Variante ({window}-Tage-Mittel, 95-%-Intervall)",
        "en": "Needs met per arm ({window}-day window, 95 % interval)",
    },
    "sim.plot.date": {"de": "Datum", "en": "Date"},
    "sim.unit.hours_short": {"de": "{value} Std.", "en": "{value} h"},
    "sim.none": {"de": "-", "en": "-"},
    # -- plots --------------------------------------------------------------------------
    "sim.plot.needs_met.title": {
        "de": "Erfüllte Hilfegesuche ({window}-Tage-Mittel)",
        "en": "Needs met ({window}-day window)",
    },
    "sim.plot.needs_met.y": {"de": "Anteil erfüllt", "en": "Share met"},
    "sim.plot.day": {"de": "Tag", "en": "Day"},
    "sim.plot.load.title": {
        "de": "Lastverteilung der Helfenden (Lorenzkurve)",
        "en": "Helpers' load (Lorenz curve)",
    },
    "sim.plot.load.x": {
        "de": "Anteil der Helfenden (nach geleisteten Stunden)",
        "en": "Share of helpers (by hours given)",
    },
    "sim.plot.load.y": {"de": "Anteil der Stunden", "en": "Share of hours"},
    "sim.plot.load.equal": {"de": "Gleichverteilung", "en": "Equal load"},
    "sim.plot.balances.title": {
        "de": "Zeitkonten am Ende (registrierte Einwohner*innen)",
        "en": "Time-bank balances at the end (registered residents)",
    },
    "sim.plot.balances.x": {"de": "Saldo (Stunden)", "en": "Balance (hours)"},
    "sim.plot.balances.y": {"de": "Personen", "en": "Persons"},
    # -- refusals -------------------------------------------------------------------------
    "sim.problem.commands.dask_cluster": {
        "de": "Ein Dask-Cluster",
        "en": "A Dask cluster",
    },
    "sim.problem.config.band_ends_at_before": {
        "de": "die Altersgruppe endet ({high}) nicht nach ihrem Beginn ({low})",
        "en": "the band ends ({high}) at or before it starts ({low})",
    },
    "sim.problem.config.between": {
        "de": "{days} liegt nicht zwischen 1 und {max_days}",
        "en": "{days} is not between 1 and {max_days}",
    },
    "sim.problem.config.empty": {
        "de": "darf nicht leer sein",
        "en": "must not be empty",
    },
    "sim.problem.config.more_than": {
        "de": "{value} ist nicht größer als 0",
        "en": "{value} is not more than 0",
    },
    "sim.problem.config.negative": {
        "de": "{value} ist negativ",
        "en": "{value} is negative",
    },
    "sim.problem.config.section_configuration": {
        "de": "{path}: {section!r} ist kein Abschnitt der Konfiguration",
        "en": "{path}: {section!r} is not a section of the configuration",
    },
    "sim.problem.config.share_between": {
        "de": "{value} ist kein Anteil zwischen 0 und 1",
        "en": "{value} is not a share between 0 and 1",
    },
    "sim.problem.plots.plotting": {
        "de": "Das Zeichnen von Diagrammen",
        "en": "Plotting",
    },
    "sim.problem.population.cannot_read_places": {
        "de": "die Orte können nicht gelesen werden: {exc}",
        "en": "cannot read the places: {exc}",
    },
    "sim.problem.population.less_than_skills_min": {
        "de": "{skills_max} ist kleiner als skills_min {skills_min}",
        "en": "{skills_max} is less than skills_min {skills_min}",
    },
    "sim.problem.population.shares_sum": {
        "de": "die Anteile ergeben zusammen 0",
        "en": "the shares sum to 0",
    },
    "sim.problem.population.unknown_places": {
        "de": "unbekannte Orte: {unknown}",
        "en": "unknown places: {unknown}",
    },
    "sim.problem.progress.progress_bar": {
        "de": "Ein Fortschrittsbalken",
        "en": "A progress bar",
    },
    "sim.problem.registry.has_no_kind_among": {
        "de": "keine Art aus {behaviour_kinds} hat",
        "en": "has no kind among {behaviour_kinds}",
    },
    "sim.problem.registry.has_no_name": {
        "de": "keinen Namen hat",
        "en": "has no name",
    },
    "sim.problem.registry.lacks": {
        "de": "dem {missing} fehlt",
        "en": "lacks {missing}",
    },
    "sim.problem.results.csv_parquet": {
        "de": "{fmt!r} ist weder csv noch parquet",
        "en": "{fmt!r} is not csv or parquet",
    },
    "sim.problem.results.not_one_of": {
        "de": "{table!r} ist keine von {tables}",
        "en": "{table!r} is not one of {tables}",
    },
    "sim.problem.results.pandas_table": {
        "de": "Eine pandas-Tabelle",
        "en": "A pandas table",
    },
    "sim.problem.results.writing_parquet": {
        "de": "Das Schreiben von Parquet",
        "en": "Writing Parquet",
    },
    "sim.problem.sweeps.grid_give_list_values": {
        "de": "[grid] {key}: bitte eine Liste von Werten angeben",
        "en": "[grid] {key}: give a list of values",
    },
    "sim.problem.sweeps.has_no_values_try": {
        "de": "hat keine Werte zum Ausprobieren",
        "en": "has no values to try",
    },
    "sim.problem.commands.plugin_import": {
        "de": "das Plugin {name} lässt sich nicht importieren: {error}",
        "en": "cannot import the plugin {name}: {error}",
    },
    "sim.problem.designs.method": {
        "de": "{method} ist keine Methode (latin oder sobol)",
        "en": "{method} is not a method (latin or sobol)",
    },
    "sim.problem.designs.empty": {
        "de": "ein Versuchsplan braucht n ≥ 1 und mindestens einen Bereich (bounds)",
        "en": "a design needs n ≥ 1 and at least one range (bounds)",
    },
    "sim.problem.designs.bounds": {
        "de": "die untere Grenze {low} ist nicht kleiner als die obere {high}",
        "en": "the lower bound {low} is not below the upper {high}",
    },
    "sim.problem.designs.salib": {
        "de": "Versuchspläne und Sensitivitätsanalyse",
        "en": "Designs and sensitivity analysis",
    },
    "sim.sweep.sensitivity.title": {
        "de": "Sensitivität (Sobol, erste Ordnung S1 und gesamt ST, ± 95-%-Intervall):",
        "en": "Sensitivity (Sobol, first-order S1 and total ST, ± 95 % interval):",
    },
    "sim.sweep.sensitivity.row": {
        "de": "  {output} ← {parameter}: S1 {s1} ± {s1c}, ST {st} ± {stc}",
        "en": "  {output} ← {parameter}: S1 {s1} ± {s1c}, ST {st} ± {stc}",
    },
    "sim.problem.sweeps.reference_unknown": {
        "de": "[sweep] reference: unbekannte Schlüssel {unknown} (bekannt: scenario und die "
        "Pfade des Rasters)",
        "en": "[sweep] reference: unknown keys {unknown} (known: scenario and the grid's paths)",
    },
    "sim.problem.sweeps.reference_not_arm": {
        "de": "[sweep] reference: {key} = {value} ist kein Wert der Studie",
        "en": "[sweep] reference: {key} = {value} is not a value of the sweep",
    },
    "sim.problem.sweeps.less_than": {
        "de": "{replications} ist kleiner als 1",
        "en": "{replications} is less than 1",
    },
    "sim.problem.sweeps.sweep_unknown_keys": {
        "de": "[sweep]: unbekannte Schlüssel {extra}",
        "en": "[sweep]: unknown keys {extra}",
    },
    "sim.problem.sweeps.unknown_tables_known_sweep": {
        "de": "unbekannte Tabellen: {unknown} (bekannt: sweep, grid, base)",
        "en": "unknown tables: {unknown} (known: sweep, grid, base)",
    },
    "sim.problem.flood.less_than_helpers_min": {
        "de": "{helpers_max} ist kleiner als helpers_min {helpers_min}",
        "en": "{helpers_max} is less than helpers_min {helpers_min}",
    },
    "sim.problem.flood.responder": {
        "de": "kein Plugin gibt die Koordination {responder} (bekannt: {known}); "
        "für crisis und crisis_first_come: sorgende-crisis installieren",
        "en": "no plugin gives the responder {responder} (known: {known}); "
        "for crisis and crisis_first_come install sorgende-crisis",
    },
    "sim.problem.flood.places_simulation": {
        "de": "keine Orte der Simulation: {unknown}",
        "en": "not places of the simulation: {unknown}",
    },
    "sim.problem.model.categories_community_does_have": {
        "de": "Kategorien, die die Gemeinschaft nicht kennt: {unknown}",
        "en": "categories the community does not have: {unknown}",
    },
    "sim.problem.world.already_registered": {
        "de": "{resident_name} ist schon registriert",
        "en": "{resident_name} is already registered",
    },
    "sim.problem.world.no_place_simulate": {
        "de": "kein Ort zu simulieren",
        "en": "no place to simulate",
    },
}

register_messages(__name__, MESSAGES)
