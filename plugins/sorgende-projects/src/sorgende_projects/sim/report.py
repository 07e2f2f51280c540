"""What the shift plan measured: a row per shift, the weeks, the run's totals and its report.

Every figure is read back from the platform's records after the event (the shift and its
sign-ups), except the places filled at the shift's start, which the scenario noted then.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sorgende.data import TZ
from sorgende.i18n import format_date, format_hours, format_number, translate
from sorgende_projects.model import Event, Shift, SignUp, SignUpState
from sorgende_projects.sim import texts as _texts  # noqa: F401  (registers the texts)

#: the counts a week and the run add up, in the order of the table's columns
COUNTS = (
    "shifts",
    "places",
    "filled",
    "attended",
    "understaffed",
    "missing",
    "cancelled",
    "promoted",
    "waiting",
    "no_shows",
    "minutes",
)


def shift_row(
    event: Event,
    shift: Shift,
    signups: Iterable[SignUp],
    filled_at_start: int,
    holders: Mapping[str, set[uuid.UUID]],
) -> dict[str, Any]:
    """One shift after its end: places, filled at the start, who came, and what was short.

    A shift is understaffed when fewer people came than it has places, or when fewer
    holders of a qualification came than places are kept for it.
    """
    signups = list(signups)
    came = [s for s in signups if s.checked_in_at is not None]
    short_of = [
        need.qualification
        for need in shift.needs
        if sum(1 for s in came if s.person_id in holders.get(need.qualification, ())) < need.count
    ]
    day = shift.day
    return {
        "date": day.isoformat(),
        "week": (day - timedelta(days=day.weekday())).isoformat(),
        "event": event.title,
        "shift": shift.title,
        "start": shift.starts_at.astimezone(TZ).strftime("%H:%M"),
        "shifts": 1,
        "places": shift.capacity,
        "kept": shift.reserved,
        "filled": filled_at_start,
        "attended": len(came),
        "understaffed": int(len(came) < shift.capacity or bool(short_of)),
        "missing": max(0, shift.capacity - len(came)),
        "short_of": ";".join(short_of),
        "cancelled": sum(1 for s in signups if s.state is SignUpState.CANCELLED),
        "promoted": sum(1 for s in signups if s.promoted_at is not None),
        "waiting": sum(1 for s in signups if s.state is SignUpState.WAITING),
        "no_shows": sum(1 for s in signups if s.state is SignUpState.NO_SHOW),
        "minutes": sum(s.minutes for s in signups),
    }


def _hours(minutes: int) -> float:
    return round(minutes / 60.0, 2)


def week_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The shifts' rows added up per week (the Monday it starts), in order."""
    weeks: dict[str, dict[str, Any]] = {}
    for row in rows:
        week = weeks.setdefault(
            row["week"], {"week": row["week"], "events": set(), **dict.fromkeys(COUNTS, 0)}
        )
        week["events"].add((row["date"], row["event"]))
        for name in COUNTS:
            week[name] += row[name]
    out = []
    for week in weeks.values():
        events = len(week.pop("events"))
        minutes = week.pop("minutes")
        out.append({"week": week["week"], "events": events, **week, "hours": _hours(minutes)})
    return out


def summary_of(rows: Sequence[Mapping[str, Any]], pool: int, refused: int) -> dict[str, Any]:
    """The run's totals, for the simulation's summary (each name begins with ``shift``)."""
    total = {name: sum(row[name] for row in rows) for name in COUNTS}
    shifts = total["shifts"]
    return {
        "shift_pool": pool,
        "shift_events": len({(r["date"], r["event"]) for r in rows}),
        "shifts": shifts,
        "shift_places": total["places"],
        "shift_places_filled": total["filled"],
        "shift_attended": total["attended"],
        "shifts_understaffed": total["understaffed"],
        "shifts_understaffed_share": total["understaffed"] / shifts if shifts else None,
        "shift_places_missing": total["missing"],
        "shift_cancellations": total["cancelled"],
        "shift_promotions": total["promoted"],
        "shift_no_shows": total["no_shows"],
        "shift_hours": _hours(total["minutes"]),
        "shift_signups_refused": refused,
    }


def report_lines(rows: Sequence[Mapping[str, Any]], pool: int, lang: str) -> list[str]:
    """The lines ``sorgende simulate`` prints: the totals, then one line per week."""
    totals = summary_of(rows, pool, 0)
    share = totals["shifts_understaffed_share"]
    lines = [
        translate(
            "projects.sim.report.title",
            lang,
            pool=format_number(pool, lang),
            events=format_number(totals["shift_events"], lang),
            shifts=format_number(totals["shifts"], lang),
            places=format_number(totals["shift_places"], lang),
        ),
        translate(
            "projects.sim.report.total",
            lang,
            understaffed=format_number(totals["shifts_understaffed"], lang),
            share=translate("sim.none", lang)
            if share is None
            else f"{format_number(share * 100, lang, 1)} %",
            missing=format_number(totals["shift_places_missing"], lang),
            no_shows=format_number(totals["shift_no_shows"], lang),
            promoted=format_number(totals["shift_promotions"], lang),
            hours=format_hours(sum(r["minutes"] for r in rows), lang),
        ),
    ]
    for week in week_rows(rows):
        lines.append(
            translate(
                "projects.sim.report.week",
                lang,
                week=format_date(date.fromisoformat(week["week"]), lang),
                shifts=format_number(week["shifts"], lang),
                places=format_number(week["places"], lang),
                filled=format_number(week["filled"], lang),
                attended=format_number(week["attended"], lang),
                understaffed=format_number(week["understaffed"], lang),
                no_shows=format_number(week["no_shows"], lang),
                hours=format_hours(round(week["hours"] * 60), lang),
            )
        )
    return lines
