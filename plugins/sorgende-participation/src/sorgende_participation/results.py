"""A survey's results with small-cell suppression, and their CSV export.

A **cell** is the count of one option of one question. A cell under the community's
threshold (``ParticipationSettings.threshold``, default 5, the same default as the
shared-measurement plugin's) is not published: its count is ``None`` ("fewer than 5"),
zero included (that nobody chose an option says something about everyone). Where a
question's answers add up to the number of respondents (single choice, scale), one
suppressed cell could be worked out from the others and the total: then the smallest
other cell is suppressed too (secondary suppression). A survey with fewer respondents
than the threshold publishes no cell at all. Free-text answers are not published; staff
read them without names (:meth:`Participation.free_texts`), only once the threshold of
respondents is reached.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import attrs

from sorgende.i18n import translate
from sorgende_participation.model import QuestionKind, Response, Survey

DEFAULT_THRESHOLD = 5


@attrs.frozen
class Cell:
    option: str
    #: ``None``: suppressed (fewer than the threshold, or to protect such a cell)
    count: int | None


@attrs.frozen
class QuestionResult:
    text: str
    kind: QuestionKind
    cells: tuple[Cell, ...]
    #: how many answered this question (``None`` below the threshold)
    answered: int | None


@attrs.frozen
class SurveyResults:
    survey: Survey
    threshold: int
    #: respondents, or ``None`` when fewer than the threshold
    respondents: int | None
    questions: tuple[QuestionResult, ...]


def suppressed(counts: Sequence[int], threshold: int, additive: bool) -> list[int | None]:
    """``counts`` with every cell under ``threshold`` as ``None``; for ``additive``
    counts (they add up to a published total) a lone suppressed cell takes the smallest
    other one with it, so that it cannot be worked out."""
    out: list[int | None] = [c if c >= threshold else None for c in counts]
    hidden = [i for i, c in enumerate(out) if c is None]
    if additive and len(hidden) == 1 and len(counts) > 1:
        rest = sorted((c, i) for i, c in enumerate(counts) if out[i] is not None)
        if rest:
            out[rest[0][1]] = None
    return out


def tally(survey: Survey, responses: Sequence[Response], threshold: int) -> SurveyResults:
    total = len(responses)
    enough = total >= threshold
    results: list[QuestionResult] = []
    for index, question in enumerate(survey.questions):
        answers = [r.answers[index] for r in responses if index < len(r.answers)]
        answered = sum(1 for a in answers if a)
        if question.kind is QuestionKind.TEXT:
            results.append(
                QuestionResult(question.text, question.kind, (), answered if enough else None)
            )
            continue
        counts = [sum(1 for a in answers if option in a) for option in question.options]
        additive = question.kind is not QuestionKind.MULTIPLE
        shown = suppressed(counts, threshold, additive) if enough else [None] * len(counts)
        cells = tuple(Cell(o, c) for o, c in zip(question.options, shown, strict=True))
        results.append(
            QuestionResult(question.text, question.kind, cells, answered if enough else None)
        )
    return SurveyResults(survey, threshold, total if enough else None, tuple(results))


def to_csv(results: SurveyResults, language: str) -> str:
    """The published results as CSV: question, option, count (a suppressed count is
    written as "<5", never as a figure)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            translate("participation.csv.question", language),
            translate("participation.csv.option", language),
            translate("participation.csv.count", language),
        ]
    )
    below = f"<{results.threshold}"
    writer.writerow(
        [
            translate("participation.csv.respondents", language),
            "",
            below if results.respondents is None else results.respondents,
        ]
    )
    for q in results.questions:
        for cell in q.cells:
            writer.writerow([q.text, cell.option, below if cell.count is None else cell.count])
    return out.getvalue()
