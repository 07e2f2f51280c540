"""A property-based fuzz of the REST API against its own OpenAPI document (schemathesis).

Schemathesis reads the document the app publishes and runs its engine, as ``st run``
does, for a time budget: examples from the document, coverage of each bound, random
valid and invalid calls, and sequences of calls, each answer checked by every check
(no server error, a status the document names, its content type, headers and body
schema, valid data accepted, invalid data refused, the OPTIONS answer's ``Allow``, ...).
The calls carry the bearer token of an admin (who coordinates too), so that every
endpoint is reached, on a world that has requests, offers and exchanges to find.

The budget: ``SORGENDE_FUZZ_SECONDS``, else 180 seconds in CI (``CI=true``), else 20.
Valid data may still be refused by the community's rules (a category or place it does
not have, a record in a state that does not allow the step): 401, 403, 404, 409 and 422
are documented answers and count as accepted; everything else must be 2xx.
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
import sorgende_web
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from sorgende_web import create_app
from sorgende_web.testing import api_token, build_world

import sorgende

#: the statuses each operation answered during the fuzz
ANSWERED: defaultdict[str, set[int]] = defaultdict(set)
#: where the app publishes its document (public, like any API's documentation)
OPENAPI = "/api/schema/openapi.json"
#: seconds the fuzz runs
FUZZ_SECONDS = int(
    os.environ.get("SORGENDE_FUZZ_SECONDS") or (180 if os.environ.get("CI") == "true" else 20)
)
#: answers to schema-valid data the community's rules may give (see the module's text)
ACCEPTED = ["2XX", 401, 403, 404, 409, 422]
#: what the run found: generated cases, failed checks, the checks that ran
FOUND: dict[str, Any] = {}


def _world() -> tuple[Any, Path]:
    """A world on SQLite (the database the platform runs on), with something for the
    lists and lookups to find."""
    folder = Path(tempfile.mkdtemp(prefix="sorgende-fuzz-"))
    platform = sorgende.open(
        f"sqlite:///{folder / 'web.db'}",
        plugins=[sorgende_web],
        load_entrypoints=False,
        settings=sorgende.load_settings(environ={}),
    )
    world = build_world(platform)
    request = world.post_request("anna")
    world.community.propose(request_id=request.id, by=world.people["ben"].id)
    world.post_request("carl", urgent=True)
    return world, folder


# The world is made when the module is collected, once for the tests below.
WORLD, FOLDER = _world()
APP = create_app(WORLD.platform)
TOKEN = api_token(WORLD.platform, "markus", "fuzz")
schema = schemathesis.openapi.from_asgi(
    OPENAPI,
    APP,
    config=SchemathesisConfig.from_dict(
        {
            "max-time": FUZZ_SECONDS,
            # the document's security scheme "bearer": schemathesis sends the token itself, and
            # leaves it out where a case is about a missing one
            "auth": {"openapi": {"bearer": {"bearer": TOKEN}}},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
    ),
)


def _close_world() -> None:
    WORLD.platform.close()
    shutil.rmtree(FOLDER, ignore_errors=True)


# at exit, not in a fixture: the world is made at collection, also when no test here runs
atexit.register(_close_world)


def test_the_document_describes_the_api() -> None:
    # every API route is in the document, so the fuzz below reaches all of them
    documented = {
        (operation.method.upper(), operation.path)
        for result in schema.get_all_operations()
        for operation in [result.ok()]
    }
    assert len(documented) >= 20
    for route in APP.routes:
        if not route.path.startswith("/api/") or route.path.startswith("/api/schema"):
            continue
        for handler in route.route_handlers:
            for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                if route.path == "/api/openapi.json":
                    continue
                path = route.path.replace(":uuid}", "}").replace(":str}", "}")
                assert (method, path) in documented, (method, path)


def _fuzz() -> dict[str, Any]:
    """Run the engine once (for the tests below), collecting what it found."""
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
                # the calls with the token (the engine also tries some without it)
                sent = {name.lower() for name in interaction.request.headers}
                if interaction.response is not None and "authorization" in sent:
                    ANSWERED[recorder.label].add(interaction.response.status_code)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            errors.append(str(getattr(event, "info", event)))
    FOUND.update(cases=cases, failures=failures, ran=ran, errors=errors)
    # the figure the docs quote: cases in the budget
    print(f"schemathesis: {cases} cases in {FUZZ_SECONDS} s, {len(failures)} failures")
    return FOUND


def test_api_answers_as_documented() -> None:
    found = _fuzz()
    assert not found["errors"], "\n".join(found["errors"])
    assert not found["failures"], "\n".join(found["failures"][:20])
    # every check ran, response schema conformance among them
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "positive_data_acceptance",
        "negative_data_rejection",
    } <= found["ran"], found["ran"]
    assert found["cases"] >= 100


def test_the_fuzz_reached_the_operations() -> None:
    """Without the token every call would end at 401 and the fuzz would test nothing:
    every operation got past the sign-in, and the lists and the admin's and the
    coordination's operations answered with success (run with the fuzz above)."""
    _fuzz()
    assert len(ANSWERED) >= 20
    passed = {op for op, statuses in ANSWERED.items() if statuses - {401}}
    assert passed == set(ANSWERED)
    succeeded = {op for op, statuses in ANSWERED.items() if any(s < 300 for s in statuses)}
    expected = {"GET /api/me", "GET /api/requests", "GET /api/offers", "GET /api/dashboard"}
    if FUZZ_SECONDS >= 60:
        # a short local run may not yet hit a body the community's rules accept
        expected |= {"POST /api/places", "POST /api/commitments"}
    assert expected <= succeeded
