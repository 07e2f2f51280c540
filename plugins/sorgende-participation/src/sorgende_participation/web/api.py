"""The plugin's REST API under ``/api/participation``: ideas, supports, comments and a
survey's published results. Bearer tokens only (no cookie, no CSRF); strict bodies; a
refusal is a problem document in the caller's language (403, 404, 409, 422)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import attrs
import msgspec
from litestar import Request, Response, Router
from litestar.params import FromPath, JSONBody
from sorgende_web.extend import api_get, api_post
from sorgende_web.extend import json as json_of

from sorgende_participation import rules
from sorgende_participation.model import Comment, Idea
from sorgende_participation.results import SurveyResults
from sorgende_participation.web.common import Context

PREFIX = "/api/participation"


class Body(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    pass


class IdeaIn(Body):
    title: str
    text: str = ""
    category: str = ""
    place_id: uuid.UUID | None = None


class CommentIn(Body):
    text: str


class Empty(Body):
    pass


@attrs.frozen
class IdeaOut:
    idea: Idea
    supporters: int


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if attrs.has(type(value)):
        return attrs.evolve(
            value,
            **{f.name: _utc(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.init},
        )
    if isinstance(value, list | tuple):
        return type(value)(_utc(v) for v in value)
    return value


def json(value: Any, status: int = 200) -> Response[Any]:
    return json_of(_utc(value), status)


@api_get("/ideas")
def list_ideas(request: Request[Any, Any, Any]) -> Response[list[IdeaOut]]:
    """The community's ideas, newest first, with their supporters."""
    ctx = Context(request)
    return json([IdeaOut(i, ctx.part.supporters(i.id)) for i in ctx.part.ideas()])


@api_get("/ideas/{idea_id:uuid}")
def get_idea(request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID]) -> Response[IdeaOut]:
    ctx = Context(request)
    return json(IdeaOut(ctx.part.idea(idea_id), ctx.part.supporters(idea_id)))


@api_post("/ideas", status=201)
def post_idea(request: Request[Any, Any, Any], data: JSONBody[IdeaIn]) -> Response[IdeaOut]:
    ctx = Context(request)
    idea = ctx.part.post_idea(
        data.title, data.text, category=data.category, place_id=data.place_id, by=ctx.me
    )
    return json(IdeaOut(idea, 0), 201)


@api_post("/ideas/{idea_id:uuid}/support")
def support(
    request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: JSONBody[Empty]
) -> Response[IdeaOut]:
    ctx = Context(request)
    ctx.part.support(idea_id, by=ctx.me)
    return json(IdeaOut(ctx.part.idea(idea_id), ctx.part.supporters(idea_id)))


@api_post("/ideas/{idea_id:uuid}/withdraw")
def withdraw(
    request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: JSONBody[Empty]
) -> Response[IdeaOut]:
    ctx = Context(request)
    ctx.part.withdraw_support(idea_id, by=ctx.me)
    return json(IdeaOut(ctx.part.idea(idea_id), ctx.part.supporters(idea_id)))


@api_get("/ideas/{idea_id:uuid}/comments")
def list_comments(
    request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID]
) -> Response[list[Comment]]:
    """The comments the caller may see (a hidden one: its author and moderators); who
    reported a comment is for the moderators only."""
    ctx = Context(request)
    found = ctx.part.comments(idea_id, by=ctx.me)
    if not rules.is_moderator(ctx.viewer.acting):
        found = [attrs.evolve(c, reported_by=()) for c in found]
    return json(found)


@api_post("/ideas/{idea_id:uuid}/comments", status=201)
def post_comment(
    request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: JSONBody[CommentIn]
) -> Response[Comment]:
    ctx = Context(request)
    return json(ctx.part.comment(idea_id, data.text, by=ctx.me), 201)


@api_get("/surveys/{survey_id:uuid}/results")
def results(
    request: Request[Any, Any, Any], survey_id: FromPath[uuid.UUID]
) -> Response[SurveyResults]:
    """The published results: a suppressed cell's count is ``null``."""
    ctx = Context(request)
    return json(ctx.part.results(survey_id))


def router() -> Router:
    return Router(
        PREFIX,
        route_handlers=[
            list_ideas,
            get_idea,
            post_idea,
            support,
            withdraw,
            list_comments,
            post_comment,
            results,
        ],
        tags=["participation"],
    )
