"""The team store: maps with revisions, users and roles, comments, data sources, runs, audit log.

SQLAlchemy 2 over a SQLite file (WAL, foreign keys on) or PostgreSQL by URL;
the schema is created and upgraded by Alembic migrations shipped here.

>>> import tempfile, pathlib
>>> from journeymap.model import Journey
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = Store(f"sqlite:///{folder}/team.db", data_dir=folder)
>>> store.upgrade()
>>> with store.writing() as session:
...     ana, _ = add_user(session, "ana", "a long password")
...     team = add_workspace(session, "Team", ana)
...     shop = add_map(session, team.id, Journey(title="Shop"), author=ana)
...     shop = save_map(session, shop.id, Journey(title="Shop", tags=["b2c"]), based_on=1, author=ana)
>>> shop.version
2
"""

from . import accounts, admin, audit, comments, live, logins, maps, photos, runs, shares, sources
from .accounts import add_token, add_user, add_workspace, authenticate, role_in, set_member, user_for_token
from .db import Store, database_url
from .diff import Change, diff
from .maps import add_map, delete_map, document_of, get_map, journey_of, list_maps, save_map
from .sources import Upload
from .tables import (
    AnalysisRun,
    ApiToken,
    AuditEntry,
    Comment,
    DataSource,
    Map,
    Membership,
    Revision,
    Role,
    ShareLink,
    User,
    Workspace,
)
from .wording import Described, describe

__all__ = [
    "AnalysisRun",
    "ApiToken",
    "AuditEntry",
    "Change",
    "Comment",
    "DataSource",
    "Described",
    "Map",
    "Membership",
    "Revision",
    "Role",
    "ShareLink",
    "Store",
    "Upload",
    "User",
    "Workspace",
    "accounts",
    "add_map",
    "add_token",
    "add_user",
    "add_workspace",
    "admin",
    "audit",
    "authenticate",
    "comments",
    "database_url",
    "delete_map",
    "describe",
    "diff",
    "document_of",
    "get_map",
    "journey_of",
    "list_maps",
    "live",
    "logins",
    "maps",
    "photos",
    "role_in",
    "runs",
    "save_map",
    "set_member",
    "shares",
    "sources",
    "user_for_token",
]
