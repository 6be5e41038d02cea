"""Opening a store: the engine for a database URL, sessions, and migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from ..errors import JourneymapError
from ..i18n import gettext as _


class Store:
    """A team's database (SQLite file or PostgreSQL) and its data folder.

    Reads run in ``reading()`` sessions; every change runs in one ``writing()``
    transaction, which on SQLite takes the write lock at its start
    (``BEGIN IMMEDIATE``) so concurrent writers queue instead of failing.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> store = Store(f"sqlite:///{folder}/team.db", data_dir=folder)
    >>> store.upgrade()
    >>> store.revision() is not None
    True
    """

    def __init__(self, url: str, *, data_dir: Path | str = Path("journeymap-data")) -> None:
        self.url = database_url(url)
        self.data_dir = Path(data_dir)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = _sqlite_engine(self.url, begin="BEGIN")
            self.writer = _sqlite_engine(self.url, begin="BEGIN IMMEDIATE", pool_size=1)
        else:
            self.engine = self.writer = create_engine(self.url, pool_size=20, max_overflow=20, pool_pre_ping=True)
        self._reading = sessionmaker(self.engine, expire_on_commit=False)
        self._writing = sessionmaker(self.writer, expire_on_commit=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yield a session for reads (one consistent snapshot)."""
        with self._reading() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """Yield a session whose changes are committed together at the end, or not at all."""
        with self._writing() as session, session.begin():
            yield session

    def upgrade(self, revision: str = "head") -> None:
        """Bring the database schema up to ``revision`` (Alembic migrations shipped in the package)."""
        self._migrate(command.upgrade, revision)

    def downgrade(self, revision: str) -> None:
        """Take the database schema back to ``revision`` (``"base"`` drops every table)."""
        self._migrate(command.downgrade, revision)

    def revision(self) -> str | None:
        """Return the schema revision the database is at, ``None`` when empty."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
        self.writer.dispose()

    def _migrate(self, step: Any, revision: str) -> None:
        config = Config()
        config.set_main_option("script_location", str(resources.files(__package__) / "migrations"))
        with self.writer.connect() as connection:
            config.attributes["connection"] = connection
            with _foreign_keys_off(connection):
                step(config, revision)
                connection.commit()


def database_url(url: str) -> str:
    """Return the SQLAlchemy URL for a user's database URL (PostgreSQL through psycopg 3).

    >>> database_url("postgresql://ana@db/maps")
    'postgresql+psycopg://ana@db/maps'
    >>> database_url("journeymap.db")
    'sqlite:///journeymap.db'
    """
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    if not url.startswith(("sqlite", "postgresql")):
        raise JourneymapError(_("unsupported database URL {url}: use sqlite:///FILE or postgresql://USER@HOST/DB").format(url=url))
    return url


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """On SQLite, turn foreign keys off while migrations rebuild tables (dropping one would cascade), and check them after.

    The pragma works only outside a transaction, so it goes to the driver's
    connection, which SQLite keeps in autocommit mode between transactions.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None, "an open connection has its driver's"
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = driver.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise JourneymapError(_("the schema upgrade left rows pointing at missing rows: {rows}").format(rows=broken[:5]))
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


def _sqlite_engine(url: str, *, begin: str, pool_size: int = 5) -> Engine:
    engine = create_engine(url, pool_size=pool_size, max_overflow=0 if pool_size == 1 else 10, pool_timeout=60)

    @event.listens_for(engine, "connect")
    def _configure(connection: Any, record: Any) -> None:
        connection.isolation_level = None
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=60000", "synchronous=NORMAL"):
            connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine
