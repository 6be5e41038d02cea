"""Which rows of a log mean "the user did this step": event names and property conditions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ibis
import ibis.expr.types as ir

from ..errors import DataSourceError
from ..i18n import gettext as _
from .sources import EVENT, column_list

if TYPE_CHECKING:
    from ..model import Binding

Scalar = str | int | float | bool


@dataclass(frozen=True)
class StepSpec:
    """A funnel step: its name, the events that count and conditions on properties.

    >>> StepSpec.parse("purchase[platform=ios]").where
    {'platform': 'ios'}
    """

    name: str
    events: tuple[str, ...]
    where: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> StepSpec:
        """Read ``event``, ``a|b`` (either event) or ``event[column=value,...]``."""
        names, _open, rest = text.partition("[")
        where: dict[str, Any] = {}
        for condition in filter(None, rest.rstrip("]").split(",")):
            column, equals, value = condition.partition("=")
            if not equals:
                raise DataSourceError(_("step {text!r}: write conditions as event[column=value]").format(text=text))
            where[column.strip()] = value.strip()
        events = tuple(name.strip() for name in names.split("|") if name.strip())
        if not events:
            raise DataSourceError(_("step {text!r} names no event").format(text=text))
        return cls(name=text, events=events, where=where)

    @classmethod
    def from_binding(cls, name: str, binding: Binding) -> StepSpec:
        """Return the step a map's ``binding`` describes."""
        return cls(name=name, events=tuple(binding.events), where=dict(binding.where))

    def matches(self, table: ir.Table) -> ir.BooleanValue:
        """Return the condition selecting this step's rows of ``table``."""
        condition = table[EVENT].isin(list(self.events))
        for column, wanted in self.where.items():
            if column not in table.columns:
                raise DataSourceError(
                    _("step {step!r}: the log has no column {column!r} (columns: {found})").format(
                        step=self.name, column=column, found=column_list(table)
                    )
                )
            condition &= _equals(table[column], wanted)
        return condition


def as_steps(steps: Iterable[StepSpec | str]) -> list[StepSpec]:
    """Return step specs from specs or strings.

    >>> [step.events for step in as_steps(["app_open", "search|view_item"])]
    [('app_open',), ('search', 'view_item')]
    """
    return [step if isinstance(step, StepSpec) else StepSpec.parse(step) for step in steps]


def _equals(column: ir.Value, wanted: Any) -> ir.BooleanValue:
    values: Sequence[Any] = wanted if isinstance(wanted, (list, tuple)) else [wanted]
    if column.type().is_string():
        return column.isin([_text(value) for value in values])
    if column.type().is_boolean():
        return column.isin([str(value).lower() in ("1", "true", "yes") for value in values])
    return column.cast("string").isin([_text(value) for value in values])


def _text(value: Scalar) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def any_of(table: ir.Table, steps: Sequence[StepSpec]) -> ir.BooleanValue:
    """Return the condition selecting rows of any of ``steps``."""
    condition = ibis.literal(False)
    for step in steps:
        condition |= step.matches(table)
    return condition
