"""Engines: where the analyses run. One Ibis connection, chosen by name or URL.

The analyses are Ibis expressions; the engine is a connection:

- ``None`` or ``"duckdb"``: in-process DuckDB (:func:`~journeymap.analytics.sources.connect`), the default;
- ``"spark"``: Apache Spark through Ibis's PySpark backend (the ``journeymap[spark]`` extra),
  in local mode or on a cluster named by its master URL;
- any Ibis URL (``postgresql://user@host/db``, ``clickhouse://host/db``, ``bigquery://project``...):
  that backend, reading the events from a table already there.

Spark settings come, later ones winning, from :data:`SPARK_DEFAULTS`, the file
named by ``JOURNEYMAP_SPARK_CONF`` (or given as ``spark_conf``), ``key=value``
options, and the master URL from ``spark_master`` or ``JOURNEYMAP_SPARK_MASTER``
(default ``local[*]``).

>>> connect_engine(None).name
'duckdb'
>>> spark_settings("local[2]", ["spark.executor.memory=4g"])["spark.executor.memory"]
'4g'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError, MissingDependency
from ..i18n import gettext as _
from .sources import _first_line, connect

SPARK = "spark"
MASTER_VARIABLE = "JOURNEYMAP_SPARK_MASTER"
CONF_VARIABLE = "JOURNEYMAP_SPARK_CONF"
LOCAL_MASTER = "local[*]"
SPARK_DEFAULTS = {
    "spark.app.name": "journeymap",
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.ansi.enabled": "false",
}
"""Settings every journeymap Spark session has unless overridden: UTC times, no console progress bars.

ANSI mode is off so that an unreadable time or number becomes NULL (a counted
bad row), as on DuckDB, rather than failing the whole query.
"""


def connect_engine(
    engine: str | None = None,
    *,
    spark_master: str | None = None,
    spark_conf: Iterable[str] | str | Path | None = None,
) -> ibis.BaseBackend:
    """Return a connection to ``engine``: ``None``/``"duckdb"``, ``"spark"`` or an Ibis URL.

    >>> connect_engine("duckdb").name
    'duckdb'
    """
    name = (engine or "duckdb").strip()
    if name.lower() != SPARK and (spark_master or spark_conf):
        raise DataSourceError(_("--spark-master and --spark-conf need --engine spark"))
    if name.lower() == "duckdb":
        return connect()
    if name.lower() == SPARK:
        return ibis.pyspark.connect(spark_session(spark_master, spark_conf))
    if "://" not in name:
        raise DataSourceError(
            _("--engine {engine!r}: use duckdb, spark or a database URL such as postgresql://user@host/db").format(engine=name)
        )
    return _connect_url(name)


def table_named(con: ibis.BaseBackend, name: str) -> ir.Table:
    """Return the table ``name`` (``db.table`` names another database) in the engine, or a one-line error.

    >>> con = connect_engine("duckdb")
    >>> _ = con.create_table("events", ibis.memtable({"user_id": ["a"]}))
    >>> table_named(con, "events").columns
    ('user_id',)
    """
    database, _dot, table = name.rpartition(".")
    try:
        return con.table(table, database=database or None)
    except Exception as error:  # each backend has its own "no such table" error
        raise DataSourceError(_("--table {name}: no such table in the engine ({reason})").format(name=name, reason=_first_line(error))) from None


def spark_session(master: str | None = None, conf: Iterable[str] | str | Path | None = None) -> Any:
    """Return a SparkSession (an existing one is reused) with :func:`spark_settings` applied."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise MissingDependency(_("the Spark engine needs PySpark: pip install 'journeymap[spark]'")) from None
    builder = SparkSession.builder
    for key, value in spark_settings(master, conf).items():
        builder = builder.master(value) if key == "spark.master" else builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # Java missing, a bad master URL: Spark says why in its first line
        raise DataSourceError(_("Spark did not start ({reason}); check Java 17 and the master URL").format(reason=_first_line(error))) from None
    session.sparkContext.setLogLevel(os.environ.get("JOURNEYMAP_SPARK_LOG_LEVEL", "ERROR"))
    return session


def spark_settings(master: str | None = None, conf: Iterable[str] | str | Path | None = None) -> dict[str, str]:
    """Return the Spark settings: defaults, then the ``JOURNEYMAP_SPARK_CONF`` file, then ``conf``, then the master.

    ``conf`` is a settings file, or ``key=value`` strings and files mixed.

    >>> spark_settings("spark://host:7077")["spark.master"]
    'spark://host:7077'
    """
    settings = dict(SPARK_DEFAULTS)
    if os.environ.get(CONF_VARIABLE):
        settings.update(read_spark_conf(os.environ[CONF_VARIABLE]))
    items = [conf] if isinstance(conf, (str, Path)) else list(conf or ())
    for item in items:
        settings.update(_setting(str(item)))
    settings["spark.master"] = master or os.environ.get(MASTER_VARIABLE) or settings.get("spark.master", LOCAL_MASTER)
    return settings


def read_spark_conf(path: str | Path) -> dict[str, str]:
    """Return the settings in a file: ``spark-defaults.conf`` lines (``key value`` or ``key=value``) or YAML.

    >>> import tempfile, pathlib
    >>> conf = pathlib.Path(tempfile.mkdtemp()) / "spark.conf"
    >>> _ = conf.write_text("# cluster\\nspark.executor.memory 8g\\nspark.executor.instances=10\\n")
    >>> read_spark_conf(conf)
    {'spark.executor.memory': '8g', 'spark.executor.instances': '10'}
    """
    file = Path(path)
    if not file.is_file():
        raise DataSourceError(_("{path}: no such Spark settings file; check {variable} or --spark-conf").format(path=path, variable=CONF_VARIABLE))
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() in (".yaml", ".yml"):
        return _yaml_settings(file, text)
    settings = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _sep, value = line.replace("=", " ", 1).partition(" ")
        if not value.strip():
            raise DataSourceError(_("{path}, line {line}: write a setting as 'key value' or 'key=value'").format(path=path, line=number))
        settings[key.strip()] = value.strip()
    return settings


def _setting(item: str) -> dict[str, str]:
    if "=" in item and not Path(item).is_file():
        key, _sep, value = item.partition("=")
        return {key.strip(): value.strip()}
    return read_spark_conf(item)


def _yaml_settings(file: Path, text: str) -> dict[str, str]:
    from ruamel.yaml import YAML, YAMLError

    try:
        data = YAML(typ="safe").load(text) or {}
    except YAMLError as error:
        raise DataSourceError(_("{path}: not valid YAML ({reason})").format(path=file, reason=_first_line(error))) from None
    if not isinstance(data, dict):
        raise DataSourceError(_("{path}: write the Spark settings as a mapping of key: value").format(path=file))
    return {str(key): str(value).lower() if isinstance(value, bool) else str(value) for key, value in data.items()}


def file_url(url: str) -> str:
    """Return a file database's URL with its file where the user means it.

    ``duckdb:///lake.ddb`` (a bare name, as SQLAlchemy reads it) is a file in
    the current folder, never one at the filesystem's root; a path with
    folders (``duckdb:///srv/data/lake.ddb``) or four slashes is absolute.

    >>> import os
    >>> file_url("duckdb:///lake.ddb") == "duckdb://" + os.path.join(os.getcwd(), "lake.ddb")
    True
    >>> file_url("duckdb:////lake.ddb"), file_url("duckdb:///srv/lake.ddb"), file_url("postgresql://db/x")
    ('duckdb:///lake.ddb', 'duckdb:///srv/lake.ddb', 'postgresql://db/x')
    """
    scheme, _sep, rest = url.partition("://")
    if scheme not in ("duckdb", "sqlite") or not rest.startswith("/") or rest == "/":
        return url
    if rest.startswith("//"):
        return f"{scheme}://{rest[1:]}"
    if "/" in rest[1:]:
        return url
    return f"{scheme}://{Path(rest[1:]).absolute()}"


def _connect_url(url: str) -> ibis.BaseBackend:
    try:
        return ibis.connect(file_url(url))
    except ImportError as error:
        raise MissingDependency(
            _("--engine {scheme}://: its Ibis backend is not installed ({reason}); pip install 'ibis-framework[{scheme}]'").format(
                scheme=url.split("://")[0], reason=_first_line(error)
            )
        ) from None
    except Exception as error:  # a wrong host, database or password: the driver's first line says which
        raise DataSourceError(_("--engine {url}: cannot connect ({reason})").format(url=_redacted(url), reason=_first_line(error))) from None


def _redacted(url: str) -> str:
    """Return ``url`` without its password."""
    scheme, _sep, rest = url.partition("://")
    credentials, at, place = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    return "{scheme}://{user}:***@{place}".format(scheme=scheme, user=credentials.split(":")[0], place=place)

