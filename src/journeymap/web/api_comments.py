"""Comment threads on a map, a step or a card; resolving them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from ..store import Comment, Role, User, audit, comments
from ..store.tables import as_json
from .auth import signed_in
from .context import map_for
from .templating import page_language, when

router = APIRouter(prefix="/api/maps/{map_id}/comments", tags=["comments"])


class NewComment(BaseModel):
    body: str = Field(min_length=1, max_length=20_000)
    step: str | None = Field(default=None, description="The step commented on.")
    lane: str | None = Field(default=None, description="With step and card: the lane of the card.")
    card: int | None = Field(default=None, ge=0, description="With step and lane: the card's index.")
    parent: int | None = Field(default=None, description="Reply to this comment's thread.")


class Resolution(BaseModel):
    resolved: bool = True


@router.get("")
def list_comments(map_id: str, request: Request, step: str | None = Query(None), unresolved: bool = Query(False), user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the map's comments, oldest first (of one step, or only unresolved threads)."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        return {"comments": [comment_json(comment, page_language(request, user)) for comment in comments.comments(session, map_id, step=step, unresolved=unresolved)]}


@router.post("", status_code=201)
def add_comment(map_id: str, new: NewComment, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Comment on the map, a step or a card, or reply to a thread (commenters)."""
    with request.app.state.store.writing() as session:
        record = map_for(session, user, map_id, Role.commenter)
        comment = comments.add_comment(session, map_id, user, new.body, step=new.step, lane=new.lane, card=new.card, parent=new.parent)
        audit.record(session, user, "comment_added", workspace_id=record.workspace_id, target=map_id, comment=comment.id)
        return comment_json(comment, page_language(request, user))


@router.post("/{comment_id}/resolve")
def resolve_comment(map_id: str, comment_id: int, resolution: Resolution, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Resolve a thread, or open it again with ``{"resolved": false}`` (commenters)."""
    with request.app.state.store.writing() as session:
        record = map_for(session, user, map_id, Role.commenter)
        comment = comments.resolve(session, map_id, comment_id, user, resolved=resolution.resolved)
        audit.record(session, user, "comment_resolved" if resolution.resolved else "comment_reopened", workspace_id=record.workspace_id, target=map_id, comment=comment.id)
        return comment_json(comment, page_language(request, user))


def comment_json(comment: Comment, language: str) -> dict[str, Any]:
    """Return a comment as the API shows it: its columns, whether its thread is resolved, and its date as ``language`` writes it.

    The date is written by Babel, as on the history page, so both read the same in every language.
    """
    return {**as_json(comment), "resolved": comment.resolved_at is not None, "shown_at": when(comment.created_at, language)}
