"""The pages of ideas: the list with the form to post one, an idea with its supports,
the municipality's answer, the project it became and its progress, and its comments
with moderation. What is offered is what the rules allow; a refusal raised by a use
case becomes the platform's error page in the reader's language (never a 500)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import attrs
from litestar import Request, Response
from litestar.params import FromPath, Parameter
from sorgende_web.extend import Form, done, forms, page_get, page_post, render

from sorgende.errors import SorgendeError
from sorgende_participation import rules
from sorgende_participation.model import Comment, Idea, IdeaState
from sorgende_participation.web.common import Context

DONE = {
    "posted": "participation.web.done.posted",
    "supported": "participation.web.done.supported",
    "withdrawn": "participation.web.done.withdrawn",
    "commented": "participation.web.done.commented",
    "reported": "participation.web.done.reported",
    "hidden": "participation.web.done.hidden",
    "answered": "participation.web.done.answered",
    "project": "participation.web.done.project",
}


@attrs.frozen
class IdeaRow:
    idea: Idea
    place: str
    state: str
    supporters: int


def _rows(ctx: Context, ideas: list[Idea]) -> list[IdeaRow]:
    places = ctx.places()
    return [
        IdeaRow(
            idea=i,
            place=places.get(i.place_id, "")
            if i.place_id
            else ctx.t("participation.web.everywhere"),
            state=ctx.t(f"participation.state.{i.state.value}"),
            supporters=ctx.part.supporters(i.id),
        )
        for i in ideas
    ]


@page_get("/participation/ideas", name="participation_ideas")
def ideas_page(
    request: Request[Any, Any, Any],
    place: Annotated[str | None, Parameter(max_length=40)] = None,
    done: Annotated[str | None, Parameter(max_length=20)] = None,
) -> Response[Any]:
    ctx = Context(request)
    place_id = forms.an_id(place, "place") if place else None
    return render(
        "participation_ideas.html",
        ctx=ctx,
        rows=_rows(ctx, ctx.part.ideas(place_id=place_id)),
        places=sorted(ctx.places().items(), key=lambda p: p[1]),
        place_id=place_id,
        categories=ctx.part.settings().categories,
        done=ctx.t(DONE[done]) if done in DONE else "",
    )


@page_post("/participation/ideas", name="participation_post_idea")
def post_idea(request: Request[Any, Any, Any], data: Form) -> Any:
    ctx = Context(request)
    place = forms.text(data, "place_id")
    category = forms.text(data, "category")
    idea = ctx.part.post_idea(
        forms.text(data, "title", required=True, limit=200),
        forms.text(data, "text", limit=10_000),
        category=category,
        place_id=forms.an_id(place, "place_id") if place else None,
        by=ctx.me,
    )
    return done(f"/participation/ideas/{idea.id}", "posted")


@attrs.frozen
class CommentView:
    comment: Comment
    author: str
    when: str
    mine: bool


@page_get("/participation/ideas/{idea_id:uuid}", name="participation_idea")
def idea_page(
    request: Request[Any, Any, Any],
    idea_id: FromPath[uuid.UUID],
    done: Annotated[str | None, Parameter(max_length=20)] = None,
) -> Response[Any]:
    ctx = Context(request)
    idea = ctx.part.idea(idea_id)
    acting = ctx.viewer.acting
    staff = rules.is_staff(acting, [m.id for m in ctx.municipalities()])
    comments = [
        CommentView(c, ctx.name(c.author_id), ctx.when(c.at), c.author_id == ctx.me)
        for c in ctx.part.comments(idea_id, by=ctx.me)
    ]
    try:
        progress = ctx.part.progress(idea_id)
    except SorgendeError:
        progress = None
    places = ctx.places()
    return render(
        "participation_idea.html",
        ctx=ctx,
        idea=idea,
        author=ctx.name(idea.author_id),
        posted=ctx.when(idea.created_at),
        place=places.get(idea.place_id, "")
        if idea.place_id
        else ctx.t("participation.web.everywhere"),
        state=ctx.t(f"participation.state.{idea.state.value}"),
        answered_by=ctx.name(idea.answered_by) if idea.answered_by else "",
        answered_at=ctx.when(idea.answered_at),
        supporters=ctx.part.supporters(idea_id),
        supporting=ctx.part.supports(idea_id, ctx.me),
        own=idea.author_id == ctx.me,
        comments=comments,
        moderator=rules.is_moderator(acting),
        staff=staff,
        states=[(s.value, ctx.t(f"participation.state.{s.value}")) for s in IdeaState],
        municipalities=ctx.municipalities(),
        progress=progress,
        next_event=ctx.when(progress["next_event"]) if progress and progress["next_event"] else "",
        done=ctx.t(DONE[done]) if done in DONE else "",
    )


def _back(idea_id: uuid.UUID, flag: str, anchor: str | None = None) -> Any:
    return done(f"/participation/ideas/{idea_id}", flag, anchor)


@page_post("/participation/ideas/{idea_id:uuid}/support", name="participation_support")
def support(request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: Form) -> Any:
    ctx = Context(request)
    ctx.part.support(idea_id, by=ctx.me)
    return _back(idea_id, "supported", "support")


@page_post("/participation/ideas/{idea_id:uuid}/withdraw", name="participation_withdraw")
def withdraw(request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: Form) -> Any:
    ctx = Context(request)
    ctx.part.withdraw_support(idea_id, by=ctx.me)
    return _back(idea_id, "withdrawn", "support")


@page_post("/participation/ideas/{idea_id:uuid}/comments", name="participation_comment")
def comment(request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: Form) -> Any:
    ctx = Context(request)
    ctx.part.comment(idea_id, forms.text(data, "text", required=True, limit=10_000), by=ctx.me)
    return _back(idea_id, "commented", "comments")


@page_post(
    "/participation/ideas/{idea_id:uuid}/comments/{comment_id:uuid}/report",
    name="participation_report",
)
def report(
    request: Request[Any, Any, Any],
    idea_id: FromPath[uuid.UUID],
    comment_id: FromPath[uuid.UUID],
    data: Form,
) -> Any:
    ctx = Context(request)
    ctx.part.report_comment(comment_id, by=ctx.me)
    return _back(idea_id, "reported", "comments")


@page_post(
    "/participation/ideas/{idea_id:uuid}/comments/{comment_id:uuid}/hide",
    name="participation_hide",
)
def hide(
    request: Request[Any, Any, Any],
    idea_id: FromPath[uuid.UUID],
    comment_id: FromPath[uuid.UUID],
    data: Form,
) -> Any:
    ctx = Context(request)
    ctx.part.hide_comment(
        comment_id, forms.text(data, "reason", required=True, limit=2000), by=ctx.me
    )
    return _back(idea_id, "hidden", "comments")


@page_post("/participation/ideas/{idea_id:uuid}/answer", name="participation_answer")
def answer(request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: Form) -> Any:
    ctx = Context(request)
    state = forms.choice(
        forms.text(data, "state", required=True), "state", [s.value for s in IdeaState]
    )
    ctx.part.answer(
        idea_id, state, forms.text(data, "reason", required=True, limit=2000), by=ctx.me
    )
    return _back(idea_id, "answered", "answer")


@page_post("/participation/ideas/{idea_id:uuid}/project", name="participation_project")
def make_project(request: Request[Any, Any, Any], idea_id: FromPath[uuid.UUID], data: Form) -> Any:
    ctx = Context(request)
    org = forms.an_id(forms.text(data, "organisation_id", required=True), "organisation_id")
    ctx.part.make_project(idea_id, organisation_id=org, by=ctx.me)
    return _back(idea_id, "project", "project")


ROUTES = [
    ideas_page,
    post_idea,
    idea_page,
    support,
    withdraw,
    comment,
    report,
    hide,
    answer,
    make_project,
]
