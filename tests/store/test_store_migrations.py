"""The schema comes from the migrations alone, up from empty and back, on SQLite (with WAL and foreign keys) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from support import SCHEMA_HEAD as HEAD

from journeymap.errors import JourneymapError
from journeymap.store import Map, Store, Workspace
from journeymap.store.tables import Base, Membership


@pytest.fixture
def store(tmp_path: Path) -> Store:
    created = Store(f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path)
    yield created
    created.close()


@pytest.fixture
def any_store(db_url: str, tmp_path: Path) -> Store:
    """An empty store on each backend: SQLite, and PostgreSQL where its server runs."""
    created = Store(db_url, data_dir=tmp_path)
    yield created
    created.close()


def differences(store: Store) -> list:
    with store.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_upgrade_from_empty_builds_exactly_the_tables_of_the_model(any_store: Store):
    assert any_store.revision() is None
    any_store.upgrade()
    assert any_store.revision() == HEAD
    assert differences(any_store) == []
    with any_store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}


def test_downgrade_to_empty_and_up_again(any_store: Store):
    any_store.upgrade()
    any_store.downgrade("base")
    with any_store.engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["alembic_version"]
    any_store.upgrade()
    assert differences(any_store) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys_enforced(store: Store):
    store.upgrade()
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(IntegrityError):
        with store.writing() as session:
            session.add(Membership(workspace_id=99, user_id=99, role="owner"))


def test_a_deleted_workspace_takes_its_memberships_along(store: Store):
    from journeymap.store import add_user, add_workspace

    store.upgrade()
    with store.writing() as session:
        owner, _ = add_user(session, "ana", "a long password")
        workspace_id = add_workspace(session, "Team", owner).id
    with store.writing() as session:
        session.delete(session.get(Workspace, workspace_id))
    with store.reading() as session:
        assert session.query(Membership).count() == 0


def test_an_unknown_database_url_is_one_line_error():
    with pytest.raises(JourneymapError, match=r"^unsupported database URL mysql://x: use sqlite:///FILE or postgresql://USER@HOST/DB$"):
        Store("mysql://x")


def test_the_workspace_names_migration_keeps_every_row_and_lets_two_teams_share_a_name(store: Store):
    from journeymap.model import Journey
    from journeymap.store import add_map, add_user, add_workspace

    store.upgrade("0004")
    with store.writing() as session:
        ana, _ = add_user(session, "ana", "a long password")
        team = add_workspace(session, "Team", ana)
        add_map(session, team.id, Journey(title="Shop"), author=ana)
    store.upgrade()
    with store.writing() as session:
        ivan, _ = add_user(session, "ivan", "a long password")
        add_workspace(session, "Team", ivan)
    with store.reading() as session:
        assert session.query(Membership).count() == 2 and session.query(Map).count() == 1
        assert [workspace.name for workspace in session.query(Workspace)] == ["Team", "Team"]
    with store.writer.connect() as connection:  # the connection that migrated enforces foreign keys again
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
