"""The demo's summary as text for people, in German or English."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sorgende.demo.summary import DemoSummary
from sorgende.i18n import format_date, format_hours, format_number, translate, translate_count

# --- the report ---------------------------------------------------------------------


def _table(
    rows: Sequence[Sequence[str]], right: Iterable[int] = (), indent: str = "  "
) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right_set = set(right)
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right_set else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def _counts(prefix: str, counts: Mapping[str, int], lang: str) -> str:
    parts = ", ".join(
        translate("demo.count_label", lang, label=translate(f"{prefix}.{key}", lang), count=n)
        for key, n in counts.items()
    )
    return translate(
        "demo.total_by",
        lang,
        total=sum(counts.values()),
        parts=parts or translate("demo.none", lang),
    )


def report(summary: DemoSummary, lang: str = "de") -> str:
    """The demo's result as text for people, in German (``de``) or English (``en``)."""
    t, tn = translate, translate_count
    s = summary
    lines = [
        tn(
            "demo.title",
            s.weeks,
            lang,
            community=s.community,
            start=format_date(s.start, lang),
            seed=s.seed if s.seed is not None else "-",
        ),
        "",
        t("demo.overview", lang),
    ]
    overview = [
        (
            t("demo.places", lang),
            t(
                "demo.places_value",
                lang,
                places=s.places,
                towns=s.towns,
                villages=s.villages,
                population=format_number(s.population, lang),
            ),
        ),
        (
            t("demo.people", lang),
            t(
                "demo.people_value",
                lang,
                people=s.people,
                helpers=s.helpers,
                coordinators=s.coordinators,
                organisations=s.organisations,
            ),
        ),
        (t("demo.requests", lang), _counts("request", s.requests_by_status, lang)),
        (t("demo.offers", lang), tn("demo.offers_value", s.offer_exchanges, lang, offers=s.offers)),
        (t("demo.exchanges", lang), _counts("exchange", s.exchanges_by_state, lang)),
        (
            t("demo.hours_given", lang),
            tn(
                "demo.hours_given_value",
                s.confirmed_exchanges,
                lang,
                hours=format_hours(s.given_minutes, lang),
            ),
        ),
    ]
    lines += _table([list(row) for row in overview])

    lines += ["", t("demo.balances", lang)]
    rows = [[t("demo.col.name", lang), t("demo.col.place", lang), t("demo.col.balance", lang)]]
    rows += [[b.name, b.place, format_hours(b.minutes, lang, signed=True)] for b in s.top_helpers]
    rows.append(
        [
            t("demo.solidarity", lang),
            "",
            format_hours(s.solidarity_minutes, lang, signed=True),
        ]
    )
    lines += _table(rows, right=(2,))
    if s.solidarity_recipients:
        names = ", ".join(s.solidarity_recipients)
        lines.append("  " + t("demo.solidarity_note", lang, names=names))
    lines.append("  " + t("demo.checksum", lang, hours=format_hours(s.balance_checksum, lang)))

    lines += ["", t("demo.commitments", lang)]
    if s.commitments:
        rows = [
            [
                t("demo.col.name", lang),
                t("demo.col.place", lang),
                t("demo.col.per_week", lang),
                t("demo.col.target", lang),
                t("demo.col.given", lang),
                t("demo.col.kept", lang),
            ]
        ]
        for r in s.commitments:
            # a paused week has no target: count the weeks that had one
            active = r.periods - r.periods_paused
            kept = r.periods_kept
            key = "demo.kept_paused" if r.periods_paused else "demo.kept_value"
            rows.append(
                [
                    r.name,
                    r.place,
                    format_hours(r.minutes_per_period, lang),
                    format_hours(r.target_minutes, lang),
                    format_hours(r.given_minutes, lang),
                    t(key, lang, kept=kept, periods=active, paused=r.periods_paused),
                ]
            )
        lines += _table(rows, right=(2, 3, 4))
    else:
        lines.append("  " + t("demo.no_commitments", lang))

    lines += ["", t("demo.stories", lang)]
    stories = [
        tn(
            "demo.on_behalf", s.on_behalf_requests, lang, senior=s.senior, coordinator=s.coordinator
        ),
        t(
            "demo.recurring",
            lang,
            senior=s.senior,
            confirmed=s.recurring_confirmed,
            occurrences=s.recurring_occurrences,
            status=t(f"request.{s.recurring_status}", lang),
        ),
    ]
    if s.paused_helper is not None:
        if s.pause_replacement is not None:
            stories.append(
                t("demo.paused", lang, helper=s.paused_helper, replacement=s.pause_replacement)
            )
        else:
            stories.append(t("demo.paused_nobody", lang, helper=s.paused_helper))
    stories.append(
        t(
            "demo.solidarity_story",
            lang,
            name=s.newcomer,
            hours=format_hours(s.newcomer_received_minutes, lang),
        )
    )
    if s.dispute is not None:
        d = s.dispute
        stories.append(
            t(
                "demo.dispute",
                lang,
                helper=d.helper,
                recipient=d.recipient,
                coordinator=d.coordinator,
                claimed=format_hours(d.claimed_minutes, lang),
                resolved=format_hours(d.resolved_minutes, lang),
            )
        )
    if s.event_status is not None:
        stories.append(
            t(
                "demo.event",
                lang,
                title=t("demo.event_title", lang),
                filled=s.event_filled,
                needed=s.event_needed,
                status=t(f"request.{s.event_status}", lang),
            )
        )
    stories.append(tn("demo.replacements", s.cancelled, lang, replaced=s.replaced))
    parts = ", ".join(
        t(
            "demo.recognition_part",
            lang,
            count=count,
            title=titles.get(lang) or titles.get("en") or "?",
        )
        for titles, count in s.recognitions
    ) or t("demo.none", lang)
    stories.append(t("demo.recognitions", lang, parts=parts))
    lines += ["  " + story for story in stories]
    return "\n".join(lines)
