"""Option groups shared by commands, and the engine options: ``--engine``, ``--spark-master``, ``--spark-conf``, ``--table``.

A group is a list of :class:`inspect.Parameter` and the object built from
them; :func:`option_group` makes the decorator that adds the group's options
to a command and hands it that one object.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import DataSourceError
from ..i18n import gettext as _

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir

EngineName = Annotated[
    str | None,
    typer.Option("--engine", help="Where to run: duckdb (default), spark, or an Ibis URL such as postgresql://user@host/db."),
]
SparkMaster = Annotated[
    str | None,
    typer.Option("--spark-master", help="Spark master URL: local[4], spark://host:7077, yarn (default: $JOURNEYMAP_SPARK_MASTER, else local[*])."),
]
SparkConf = Annotated[
    list[str] | None,
    typer.Option("--spark-conf", help="A Spark setting key=value, or a file of them (spark-defaults.conf or YAML); repeat."),
]
TableName = Annotated[str | None, typer.Option("--table", help="Read the events from this table in the engine instead of a file.")]


def _keyword(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


ENGINE_OPTIONS = [
    _keyword("engine", EngineName),
    _keyword("spark_master", SparkMaster),
    _keyword("spark_conf", SparkConf),
    _keyword("table", TableName),
]


@dataclass(frozen=True)
class Engine:
    """Where a command runs and what it reads there."""

    engine: str | None = None
    spark_master: str | None = None
    spark_conf: list[str] | None = None
    table: str | None = None

    @functools.cached_property
    def connection(self) -> ibis.BaseBackend:
        """The engine's connection, made once per command."""
        from ..analytics import engines

        return engines.connect_engine(self.engine, spark_master=self.spark_master, spark_conf=self.spark_conf)

    def source(self, path: str | None) -> str | ir.Table:
        """Return what to read: the file at ``path``, or the ``--table`` in the engine."""
        if self.table and path:
            raise DataSourceError(_("give the event log or --table, not both"))
        if self.table:
            from ..analytics import engines

            return engines.table_named(self.connection, self.table)
        if not path:
            raise DataSourceError(_("name the event log (a file or folder), or a table in the engine with --table"))
        return path


def option_group(parameters: list[inspect.Parameter], name: str, build: Callable[..., Any], *, optional: tuple[str, ...] = ()) -> Callable:
    """Return a decorator adding ``parameters`` to a command, which receives ``build(**their values)`` as ``name``.

    The command's own parameters named in ``optional`` default to None.
    """

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def wrapper(**options: Any) -> None:
            group = {parameter.name: options.pop(parameter.name) for parameter in parameters}
            command(**{name: build(**group)}, **options)

        own = [
            parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, default=None if key in optional else parameter.default)
            for key, parameter in inspect.signature(command, eval_str=True).parameters.items()
            if key != name
        ]
        wrapper.__signature__ = inspect.Signature(own + parameters)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {parameter.name: parameter.annotation for parameter in own + parameters}
        return wrapper

    return decorate


engine_options = option_group(ENGINE_OPTIONS, "engine", Engine)
"""Give a command ``--engine``, ``--spark-master``, ``--spark-conf`` and ``--table``, as one ``engine`` argument."""
