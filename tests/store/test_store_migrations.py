"""The schema comes from the migrations alone, up from empty and back, on SQLite with WAL and foreign keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from journeymap.errors import JourneymapError
from journeymap.store import Store, Workspace
from journeymap.store.tables import Base, Membership


@pytest.fixture
def store(tmp_path: Path) -> Store:
    created = Store(f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path)
    yield created
    created.close()


def differences(store: Store) -> list:
    with store.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_upgrade_from_empty_builds_exactly_the_tables_of_the_model(store: Store):
    assert store.revision() is None
    store.upgrade()
    assert store.revision() == "0004"
    assert differences(store) == []
    with store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}


def test_downgrade_to_empty_and_up_again(store: Store):
    store.upgrade()
    store.downgrade("base")
    with store.engine.connect() as connection:
        assert inspect(connection).get_table_names() == ["alembic_version"]
    store.upgrade()
    assert differences(store) == []


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
