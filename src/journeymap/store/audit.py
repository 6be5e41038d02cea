"""The audit log: who changed what, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .tables import AuditEntry, User


def record(session: Session, user: User | None, action: str, *, workspace_id: int | None = None, target: str = "", **detail: Any) -> None:
    """Add an entry to the audit log, in the transaction of the change it describes."""
    session.add(AuditEntry(user_id=user.id if user else None, workspace_id=workspace_id, action=action, target=target, detail=detail))


def entries(session: Session, *, workspace_id: int | None = None, limit: int = 200) -> list[AuditEntry]:
    """Return the newest audit entries, of one workspace or of all."""
    query = select(AuditEntry)
    if workspace_id is not None:
        query = query.where(AuditEntry.workspace_id == workspace_id)
    return list(session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)))
