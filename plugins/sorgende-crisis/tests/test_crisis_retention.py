"""After the retention period no personal value of an unconverted helper is left: not in
the community's export, not anywhere in the raw database file (SQLite, after a vacuum);
a converted helper keeps their hours in the time bank."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from crisis_site import START, open_site


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


def _values_in_database(path: Path, values: list[str]) -> list[str]:
    db = sqlite3.connect(path)
    try:
        db.execute("VACUUM")  # deleted rows must not linger in free pages either
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    raw = b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    return [v for v in values if v.encode() in raw]


def test_nothing_personal_is_left_after_the_retention(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "retention.db"
    site = open_site(f"sqlite:///{path}", clock)
    crisis = site.crisis
    task = site.add_task(capacity=3)
    helpers = []
    for i, (name, member) in enumerate(
        (("Zoe Quellenbach", True), ("Yannik Wiesengrund", False), ("Xenia Talsperre", False))
    ):
        helpers.append(
            crisis.register(
                site.crisis_id,
                {
                    "name": name,
                    "phone": f"0176 9{i}87654",
                    "email": f"{name.split()[0].lower()}.spontan@example.org",
                    "skills": "Sandsäcke füllen",
                    "comes_from": f"Heimatort{i}stadt",
                    "adult": "on",
                    "consent_contact": "on",
                    "consent_retention": "on" if member else "",
                },
            )
        )
    for d in crisis.dispatch(task.id, by=site.staff):
        crisis.check_in(d.id, by=site.staff)
    clock.now += timedelta(hours=4)
    for d in crisis.dispatches(task_id=task.id):
        crisis.check_out(d.id, by=site.staff)
    member = crisis.convert(helpers[0].id, by=site.staff)
    # a resident reported a need: her name, phone and street go with the retention too
    need = crisis.report_need(
        site.crisis_id,
        {
            "what": "Keller auspumpen",
            "place_id": site.places[0],
            "address": "Am Wehr 7",
            "name": "Wilma Uferweg",
            "phone": "0176 5554443",
            "consent_contact": "on",
        },
    )
    crisis.close_crisis(site.crisis_id, by=site.staff)
    personal = [
        value for h in helpers[1:] for value in (h.name, h.phone, h.email, h.comes_from, h.token)
    ] + [need.reporter_name, need.reporter_phone, need.address]
    before = "\n".join(site.platform.export_community(site.community_id))
    assert [v for v in personal if v not in before] == []  # the scan can find them
    clock.now += timedelta(days=29)
    assert crisis.run_retention(by=site.staff) == 0  # not yet
    clock.now += timedelta(days=1, minutes=1)
    assert crisis.run_retention(by=site.staff) == 3

    exported = "\n".join(site.platform.export_community(site.community_id))
    assert [v for v in personal if v in exported] == []
    site.platform.close()
    assert _values_in_database(path, personal) == []
    assert _values_in_database(path, ["Zoe Quellenbach"]) == ["Zoe Quellenbach"]  # a member

    site2 = _reopen(path, clock)
    community = site2.community(site.community_id)
    assert community.balance(member).minutes == 240
    picture = crisis_of(site2, site).situation(site.crisis_id, by=site.staff)
    assert picture.minutes == 720 and picture.registered == 0
    site2.close()


def _reopen(path: Path, clock: Clock):  # type: ignore[no-untyped-def]
    import sorgende_crisis
    import sorgende_web

    import sorgende

    return sorgende.open(
        f"sqlite:///{path}",
        plugins=[sorgende_web, sorgende_crisis],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
        clock=clock,
    )


def crisis_of(platform, site):  # type: ignore[no-untyped-def]
    import sorgende_crisis

    return sorgende_crisis.CrisisResponse(platform, site.community_id)
