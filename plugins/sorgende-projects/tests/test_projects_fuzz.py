"""A property-based fuzz of the plugin's REST API against the OpenAPI document (schemathesis).

As the web platform's own fuzz (plugins/sorgende-web/tests/test_fuzz.py), restricted to
the operations under ``/api/projects``: examples from the document, each bound, random
valid and invalid calls, each answer checked (no server error, a documented status, its
content type and body schema, invalid data refused). The calls carry the token of an
organiser of the holiday week (a coordinator of the Heimatverein), on the Ballenstedt
world with its 5 events and 30 shifts.

The budget: ``SORGENDE_FUZZ_SECONDS``, else 45 seconds in CI (``CI=true``), else 20 (the
web plugin's fuzz of the whole API, these endpoints among them, runs 3 minutes in CI).
Valid data may still be refused by the plugin's rules (a shift that began, a person one
may not act for, a record not found): 401, 403, 404, 409 and 422 count as accepted.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from sorgende_web import create_app
from sorgende_web.testing import api_token
from web_world import holiday_week

ANSWERED: defaultdict[str, set[int]] = defaultdict(set)
OPENAPI = "/api/schema/openapi.json"
FUZZ_SECONDS = int(
    os.environ.get("SORGENDE_FUZZ_SECONDS") or (45 if os.environ.get("CI") == "true" else 20)
)
ACCEPTED = ["2XX", 401, 403, 404, 409, 422]
FOUND: dict[str, Any] = {}

FOLDER = Path(tempfile.mkdtemp(prefix="sorgende-projects-fuzz-"))
TOWN = holiday_week(FOLDER)
APP = create_app(TOWN.platform)
TOKEN = api_token(TOWN.platform, "jana", "fuzz")
schema = schemathesis.openapi.from_asgi(
    OPENAPI,
    APP,
    config=SchemathesisConfig.from_dict(
        {
            "max-time": FUZZ_SECONDS,
            "auth": {"openapi": {"bearer": {"bearer": TOKEN}}},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
    ),
).include(path_regex="^/api/projects/")


def _close() -> None:
    TOWN.platform.close()
    shutil.rmtree(FOLDER, ignore_errors=True)


atexit.register(_close)


def _fuzz() -> dict[str, Any]:
    if FOUND:
        return FOUND
    cases = 0
    failures: list[str] = []
    ran: set[str] = set()
    errors: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            cases += len(recorder.cases)
            for case_id, checks in recorder.checks.items():
                for check in checks:
                    ran.add(check.name)
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        failure = check.failure_info.failure
                        case = recorder.cases[case_id].value
                        failures.append(
                            f"{recorder.label} {check.name}: {failure.title}: {failure.message}"
                            f"\n  {case.as_curl_command()}"
                        )
            for interaction in recorder.interactions.values():
                if interaction.response is not None:
                    ANSWERED[recorder.label].add(interaction.response.status_code)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            errors.append(str(getattr(event, "info", event)))
    FOUND.update(cases=cases, failures=failures, ran=ran, errors=errors)
    print(f"schemathesis: {cases} cases in {FUZZ_SECONDS} s, {len(failures)} failures")
    return FOUND


def test_the_projects_api_answers_as_documented() -> None:
    found = _fuzz()
    assert not found["errors"], "\n".join(found["errors"])
    assert not found["failures"], "\n".join(found["failures"][:20])
    assert {"not_a_server_error", "response_schema_conformance", "negative_data_rejection"} <= (
        found["ran"]
    )
    assert found["cases"] >= 50
    # every operation was reached, past the sign-in
    documented = {
        f"{operation.method.upper()} {operation.path}"
        for result in schema.get_all_operations()
        for operation in [result.ok()]
    }
    assert len(documented) == 11
    assert documented <= set(ANSWERED), sorted(documented - set(ANSWERED))
    assert all(ANSWERED[op] - {401} for op in documented)
