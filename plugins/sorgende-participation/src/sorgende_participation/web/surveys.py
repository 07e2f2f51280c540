"""The pages of surveys: the list, a survey with its questions (or why one cannot
answer), its results with small cells suppressed, and the CSV export."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Request, Response
from litestar.params import FromPath, Parameter
from sorgende_web.extend import Form, done, forms, page_get, page_post, render

from sorgende_participation.model import QuestionKind
from sorgende_participation.web.common import Context


@page_get("/participation/surveys", name="participation_surveys")
def surveys_page(request: Request[Any, Any, Any]) -> Response[Any]:
    ctx = Context(request)
    return render("participation_surveys.html", ctx=ctx, surveys=ctx.part.surveys())


@page_get("/participation/surveys/{survey_id:uuid}", name="participation_survey")
def survey_page(
    request: Request[Any, Any, Any],
    survey_id: FromPath[uuid.UUID],
    done: Annotated[str | None, Parameter(max_length=20)] = None,
) -> Response[Any]:
    ctx = Context(request)
    survey = ctx.part.survey(survey_id)
    results = ctx.part.results(survey_id)
    return render(
        "participation_survey.html",
        ctx=ctx,
        survey=survey,
        period=ctx.t(
            "participation.web.period",
            start=ctx.when(survey.opens_at),
            end=ctx.when(survey.closes_at),
        ),
        why_not=ctx.text(ctx.part.may_answer(survey_id, by=ctx.me)),
        results=results,
        below=ctx.t("participation.web.below", threshold=results.threshold),
        done=ctx.t("participation.web.done.survey") if done == "answered" else "",
    )


@page_post("/participation/surveys/{survey_id:uuid}/answer", name="participation_answer_survey")
def answer_survey(
    request: Request[Any, Any, Any], survey_id: FromPath[uuid.UUID], data: Form
) -> Any:
    ctx = Context(request)
    survey = ctx.part.survey(survey_id)
    answers: list[list[str] | str] = []
    for index, question in enumerate(survey.questions):
        field = f"q{index}"
        if question.kind is QuestionKind.TEXT:
            answers.append(forms.text(data, field, limit=10_000))
        else:
            answers.append(forms.values(data, field))
    ctx.part.answer_survey(survey_id, answers, by=ctx.me)
    return done(f"/participation/surveys/{survey_id}", "answered", "results")


@page_get("/participation/surveys/{survey_id:uuid}/results.csv", name="participation_results_csv")
def results_csv(request: Request[Any, Any, Any], survey_id: FromPath[uuid.UUID]) -> Response[str]:
    ctx = Context(request)
    return Response(
        ctx.part.results_csv(survey_id, ctx.lang),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="results.csv"'},
    )


ROUTES = [surveys_page, survey_page, answer_survey, results_csv]
