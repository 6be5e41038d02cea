"""Comment threads on a map, a step or one card of a step's lane; resolving them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import JourneymapError, NotFound
from ..i18n import gettext as _
from .tables import Comment, User, utcnow


def add_comment(
    session: Session,
    map_id: str,
    author: User,
    body: str,
    *,
    step: str | None = None,
    lane: str | None = None,
    card: int | None = None,
    parent: int | None = None,
) -> Comment:
    """Add a comment on the map (or its ``step``, or a ``card`` of a step's ``lane``), or reply to ``parent``.

    A reply to a reply joins the thread of the first comment: threads are one level deep.
    """
    if not body.strip():
        raise JourneymapError(_("a comment needs some text"))
    if parent is not None:
        thread = get_comment(session, map_id, parent)
        step, lane, card, parent = thread.step_id, thread.lane, thread.card_index, thread.parent_id or thread.id
    comment = Comment(map_id=map_id, author_id=author.id, body=body, step_id=step, lane=lane, card_index=card, parent_id=parent)
    session.add(comment)
    session.flush()
    return comment


def get_comment(session: Session, map_id: str, comment_id: int) -> Comment:
    """Return a comment of this map; raise :class:`NotFound` otherwise."""
    comment = session.get(Comment, comment_id)
    if comment is None or comment.map_id != map_id:
        raise NotFound(_("no comment {id} on this map").format(id=comment_id))
    return comment


def comments(session: Session, map_id: str, *, step: str | None = None, unresolved: bool = False) -> list[Comment]:
    """Return a map's comments in the order they were written, optionally of one step or unresolved only."""
    query = select(Comment).where(Comment.map_id == map_id)
    if step is not None:
        query = query.where(Comment.step_id == step)
    if unresolved:
        query = query.where(Comment.resolved_at.is_(None))
    return list(session.scalars(query.order_by(Comment.id)))


def resolve(session: Session, map_id: str, comment_id: int, user: User, *, resolved: bool = True) -> Comment:
    """Mark a thread resolved (or open again); replies share the state of their thread."""
    comment = get_comment(session, map_id, comment_id)
    if comment.parent_id is not None:
        comment = get_comment(session, map_id, comment.parent_id)
    comment.resolved_at = utcnow() if resolved else None
    comment.resolved_by = user.id if resolved else None
    return comment
