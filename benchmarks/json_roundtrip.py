"""A JSON round trip of an Exchange: sorgende's cattrs converter vs pydantic v2.

The record is a confirmed ``Exchange`` for a request with a history of four
``TransitionRecord``s (propose, accept, complete, confirm; one made on someone's
behalf), i.e. 7 + 5 UUIDs, 5 aware datetimes, enums, a tuple and strings.

* sorgende: ``sorgende.serialization.to_json(exchange)`` then
  ``from_json(text, Exchange)`` (cattrs converter, orjson for the text);
* baseline, same run: pydantic v2 ``BaseModel`` classes with the same shape
  (``UUID``, ``AwareDatetime``, the same ``StrEnum``s, ``tuple[...]``, frozen),
  ``model.model_dump_json()`` then ``Model.model_validate_json(text)``.

Both halves (dump, load) are also timed on their own. Before timing, both sides
are checked to round-trip to equal values and to write the same JSON data, and the
*types* of the round-tripped fields are compared too (``==`` alone would not show a
plain ``str`` standing in for a ``StrEnum`` member, as sorgende's converter gave back
before commit d6b5623); the script warns when a side gets types wrong.

Target (issue): the cattrs round trip takes at most 1.3x pydantic's time. The ratios
are given in wall time and in CPU time (``time.process_time``) of the same repeats; on a
shared machine the CPU time is the steadier one. The load average is printed before and
after.

Run: ``.venv/bin/python benchmarks/json_roundtrip.py`` (``--quick`` for a smoke test).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import uuid
from datetime import UTC, datetime, timedelta
from itertools import repeat

import _common as c
from pydantic import AwareDatetime, BaseModel, ConfigDict

from sorgende.domain.exchanges import Exchange, ExchangeState, Party, TransitionRecord
from sorgende.serialization import from_json, to_json

TARGET_RATIO = 1.3


# --- the record -----------------------------------------------------------------------


def sample_exchange() -> Exchange:
    """A realistic confirmed exchange with a history of four transitions."""
    ids = [uuid.UUID(int=0x5A17 + k * 0x1_0000_0000_0000_0000_1F) for k in range(8)]
    community, helper, recipient, place, request, trusted, exchange_id, _ = ids
    t0 = datetime(2025, 3, 4, 9, 30, 12, 345678, tzinfo=UTC)
    history = (
        TransitionRecord("propose", ExchangeState.PROPOSED, helper, Party.HELPER, t0),
        TransitionRecord(
            "accept",
            ExchangeState.ACCEPTED,
            trusted,
            Party.RECIPIENT,
            t0 + timedelta(hours=2, minutes=3),
            on_behalf_of=recipient,
        ),
        TransitionRecord(
            "complete",
            ExchangeState.COMPLETED,
            helper,
            Party.HELPER,
            t0 + timedelta(days=2, hours=5),
        ),
        TransitionRecord(
            "confirm",
            ExchangeState.CONFIRMED,
            recipient,
            Party.RECIPIENT,
            t0 + timedelta(days=2, hours=7, seconds=41),
        ),
    )
    return Exchange(
        community_id=community,
        helper_id=helper,
        recipient_id=recipient,
        category="shopping",
        place_id=place,
        scheduled=t0 + timedelta(days=2, hours=1),
        minutes=90,
        proposed_by=Party.HELPER,
        history=history,
        id=exchange_id,
        request_id=request,
        offer_id=None,
        state=ExchangeState.CONFIRMED,
        note="Bitte an der Hintertür klingeln, Einkaufsliste liegt bereit.",
        version=4,
    )


# --- the same shape as pydantic v2 models ----------------------------------------------


class TransitionRecordModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    transition: str
    state: ExchangeState
    by: uuid.UUID
    party: Party
    at: AwareDatetime
    on_behalf_of: uuid.UUID | None = None
    reason: str = ""


class ExchangeModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    community_id: uuid.UUID
    helper_id: uuid.UUID
    recipient_id: uuid.UUID
    category: str
    place_id: uuid.UUID
    scheduled: AwareDatetime
    minutes: int
    proposed_by: Party
    history: tuple[TransitionRecordModel, ...]
    id: uuid.UUID
    request_id: uuid.UUID | None = None
    offer_id: uuid.UUID | None = None
    state: ExchangeState = ExchangeState.PROPOSED
    note: str = ""
    organisation_id: uuid.UUID | None = None
    version: int = 1


def as_model(exchange: Exchange) -> ExchangeModel:
    import attrs

    data = attrs.asdict(exchange, recurse=False)
    data["history"] = tuple(
        TransitionRecordModel(**attrs.asdict(r, recurse=False)) for r in exchange.history
    )
    return ExchangeModel(**data)


def type_problems(got: object, want: object, path: str = "$") -> list[tuple[str, str]]:
    """Where ``got`` differs from ``want`` in value or in type, as ``(kind, message)``.

    ``kind`` is ``"enum as str"`` when a plain ``str`` stands where a ``StrEnum``
    member of the same value should be (``==`` hides it: ``"confirmed" ==
    ExchangeState.CONFIRMED``), else ``"value"``.
    """
    import enum

    import attrs

    if type(got) is not type(want):
        kind = (
            "enum as str"
            if type(got) is str and isinstance(want, enum.StrEnum) and got == want
            else "value"
        )
        return [(kind, f"{path}: {type(got).__name__} {got!r}, expected {want!r}")]
    if attrs.has(type(want)):
        return [
            p
            for f in attrs.fields(type(want))
            for p in type_problems(getattr(got, f.name), getattr(want, f.name), f"{path}.{f.name}")
        ]
    if isinstance(want, BaseModel):
        return [
            p
            for name in type(want).model_fields
            for p in type_problems(getattr(got, name), getattr(want, name), f"{path}.{name}")
        ]
    if isinstance(want, tuple):
        if len(got) != len(want):  # type: ignore[arg-type]
            return [("value", f"{path}: {len(got)} items, expected {len(want)}")]  # type: ignore[arg-type]
        return [
            p
            for k, (g, w) in enumerate(zip(got, want, strict=True))  # type: ignore[call-overload]
            for p in type_problems(g, w, f"{path}[{k}]")
        ]
    return [] if got == want else [("value", f"{path}: {got!r}, expected {want!r}")]


def check(exchange: Exchange, model: ExchangeModel) -> dict[str, list[str]]:
    """Round trips give equal objects of the same types, and both sides the same JSON data.

    Returns the type problems of each side (empty lists when all is well); a value
    that differs is fatal.
    """
    problems = {
        "cattrs": type_problems(from_json(to_json(exchange), Exchange), exchange),
        "pydantic": type_problems(
            ExchangeModel.model_validate_json(model.model_dump_json()), model
        ),
    }
    for side, found in problems.items():
        values = [message for kind, message in found if kind == "value"]
        if values:
            raise SystemExit(f"{side} round trip changed values: {values}")
    ours, theirs = json.loads(to_json(exchange)), json.loads(model.model_dump_json())
    # same data; datetimes may be spelt "+00:00" (isoformat) or "Z" (pydantic)
    norm = lambda d: json.loads(json.dumps(d).replace('Z"', '+00:00"'))  # noqa: E731
    if norm(ours) != norm(theirs):
        raise SystemExit(f"different JSON data:\n{ours}\n{theirs}")
    return {side: [message for _, message in found] for side, found in problems.items()}


# --- timed loops ------------------------------------------------------------------------


def main() -> dict:
    args = c.parse_args(__doc__.splitlines()[0])
    repeats = 3 if args.quick else 7
    n = 1_000 if args.quick else 5_000

    load_before = os.getloadavg()
    exchange = sample_exchange()
    model = as_model(exchange)
    problems = check(exchange, model)
    text = to_json(exchange)
    mtext = model.model_dump_json()

    def cattrs_roundtrip():
        def run():
            for _ in repeat(None, n):
                from_json(to_json(exchange), Exchange)

        return run

    def pydantic_roundtrip():
        validate = ExchangeModel.model_validate_json

        def run():
            for _ in repeat(None, n):
                validate(model.model_dump_json())

        return run

    def cattrs_dump():
        return lambda: [to_json(exchange) for _ in repeat(None, n)]

    def cattrs_load():
        return lambda: [from_json(text, Exchange) for _ in repeat(None, n)]

    def pydantic_dump():
        return lambda: [model.model_dump_json() for _ in repeat(None, n)]

    def pydantic_load():
        validate = ExchangeModel.model_validate_json
        return lambda: [validate(mtext) for _ in repeat(None, n)]

    t = c.interleaved(
        [
            ("cattrs round trip", cattrs_roundtrip),
            ("pydantic round trip", pydantic_roundtrip),
            ("cattrs dump", cattrs_dump),
            ("pydantic dump", pydantic_dump),
            ("cattrs load", cattrs_load),
            ("pydantic load", pydantic_load),
        ],
        ops=n,
        repeats=repeats,
        disable_gc=True,
    )
    ct, pt = t["cattrs round trip"], t["pydantic round trip"]
    ratio = ct.median / pt.median
    # the ratio of each repeat pair too, to show the spread the noise causes
    pair_ratios = sorted(a / b for a, b in zip(ct.per_op, pt.per_op, strict=True))

    def cpu_ratio(ours: str, theirs: str) -> float:
        return statistics.median(t[ours].cpu_per_op) / statistics.median(t[theirs].cpu_per_op)

    load_after = os.getloadavg()
    result = {
        "benchmark": "json_roundtrip",
        "machine": c.machine(),
        "params": {"repeats": repeats, "round_trips_per_repeat": n, "json_bytes": len(text)},
        "type_problems": problems,
        "cattrs_correct": not problems["cattrs"],
        "timings": {k: v.as_dict() for k, v in t.items()},
        "cattrs_roundtrip_s": ct.median,
        "pydantic_roundtrip_s": pt.median,
        "ratio": ratio,
        "ratio_best": ct.best / pt.best,
        "pair_ratio_min": pair_ratios[0],
        "pair_ratio_max": pair_ratios[-1],
        "dump_ratio": t["cattrs dump"].median / t["pydantic dump"].median,
        "load_ratio": t["cattrs load"].median / t["pydantic load"].median,
        "cpu_ratio": cpu_ratio("cattrs round trip", "pydantic round trip"),
        "cpu_dump_ratio": cpu_ratio("cattrs dump", "pydantic dump"),
        "cpu_load_ratio": cpu_ratio("cattrs load", "pydantic load"),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "target_ratio": TARGET_RATIO,
        "target_met": ratio <= TARGET_RATIO,
    }

    print("json_roundtrip: Exchange with 4 TransitionRecords, cattrs+orjson vs pydantic v2")
    print(
        f"  {repeats} repeats x {n:,} round trips, interleaved, GC off; JSON {len(text)} bytes"
        f" (pydantic's: {len(mtext)})"
    )
    for side, found in problems.items():
        if found:
            print(
                f"  WARNING: the {side} round trip returns wrong types ({len(found)} fields),"
                f" e.g. {found[0]}"
            )
    print(f"  {'':<24}{'median':>12}{'best':>12}")
    for name, timing in t.items():
        print(f"  {name:<24}{c.fmt_us(timing.median):>12}{c.fmt_us(timing.best):>12}")
    print(
        f"  round trip cattrs/pydantic: x{ratio:.2f} (median), x{ct.best / pt.best:.2f} (best),"
        f" pairs x{pair_ratios[0]:.2f}..x{pair_ratios[-1]:.2f}"
    )
    print(
        f"  dump cattrs/pydantic: x{result['dump_ratio']:.2f};"
        f" load cattrs/pydantic: x{result['load_ratio']:.2f}"
    )
    print(
        f"  CPU time: round trip x{result['cpu_ratio']:.2f}, dump x{result['cpu_dump_ratio']:.2f},"
        f" load x{result['cpu_load_ratio']:.2f}"
    )
    print(
        "  load average before "
        + "/".join(f"{v:.2f}" for v in load_before)
        + ", after "
        + "/".join(f"{v:.2f}" for v in load_after)
    )
    verdict = "MET" if result["target_met"] else "NOT MET"
    print(f"  target <= x{TARGET_RATIO}: {verdict}")
    c.write_json(args.json, result)
    return result


if __name__ == "__main__":
    sys.exit(main() and 0)
