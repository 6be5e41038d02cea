"""Numbers on a map: authored guesses and measured values, side by side."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_serializer, model_validator

from .base import Model
from .quantities import parse_duration, parse_share


class Measurement(Model):
    """A value computed from data, with what produced it.

    >>> Measurement(value=0.42, source="clicks.parquet", count=1200).value
    0.42
    """

    value: float
    count: int | None = Field(default=None, ge=0, description="Users, events or voices behind the value.")
    source: str = Field(default="", description="The data source: a file, table or connection.")
    date_from: date | datetime | None = None
    date_to: date | datetime | None = None
    query: str = Field(default="", description="The analysis and parameters that produced the value.")
    measured_at: datetime | None = None


class Metric(Model):
    """One metric of a step: the authored value, the measured one, or both.

    In a map file a bare number is the authored value: ``audience: 1200``.

    >>> Metric.model_validate(1200).value
    1200.0
    >>> Metric(authored=0.3, measured=Measurement(value=0.25)).value
    0.25
    """

    authored: float | None = None
    measured: Measurement | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_number_is_authored(cls, data: Any) -> Any:
        data = parse_duration(parse_share(data))
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            return {"authored": data}
        return data

    @model_serializer(mode="wrap")
    def _authored_only_is_a_number(self, handler: Any) -> Any:
        if self.measured is None and self.authored is not None:
            return self.authored
        return handler(self)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "number"}, {"type": "string"}, handler(core_schema)]}

    @property
    def value(self) -> float | None:
        """The measured value when there is one, else the authored one."""
        return self.measured.value if self.measured is not None else self.authored

    @property
    def is_measured(self) -> bool:
        """True when the value comes from data."""
        return self.measured is not None


def _share_metric(value: Any) -> Any:
    metric = Metric.model_validate(value) if not isinstance(value, Metric) else value
    for number in (metric.authored, metric.measured.value if metric.measured else None):
        if number is not None and not 0 <= number <= 1:
            raise ValueError(f"{number} is not a share between 0 and 1 (write 0.35 or '35%')")
    return metric


def _count_metric(value: Any) -> Any:
    metric = Metric.model_validate(value) if not isinstance(value, Metric) else value
    for number in (metric.authored, metric.measured.value if metric.measured else None):
        if number is not None and number < 0:
            raise ValueError(f"{number} is negative; a count or a time cannot be")
    return metric


Share = Annotated[Metric, BeforeValidator(_share_metric)]
Count = Annotated[Metric, BeforeValidator(_count_metric)]


class StepMetrics(Model):
    """The seeds' summary-table numbers for one step (the Manufactura method).

    >>> StepMetrics(audience=1200, conversion="35%").conversion.value
    0.35
    """

    success_criterion: str = Field(default="", description="What counts as the step done.")
    audience: Count | None = Field(default=None, description="Unique users who reached the step.")
    conversion: Share | None = Field(default=None, description="Share of the previous step's users who reached this one.")
    conversion_from_start: Share | None = Field(default=None, description="Share of the first step's users who reached this one.")
    retention: Share | None = Field(default=None, description="Share of the step's users who came back later.")
    time_seconds: Count | None = Field(default=None, description="Median time from the previous step, in seconds (or '5m', '2h').")
    time_p90_seconds: Count | None = Field(default=None, description="90th percentile of that time, in seconds.")
    criticality: int | None = Field(default=None, ge=1, le=5, description="1 (low) to 5 (blocking).")

    def measured_names(self) -> list[str]:
        """Return the names of the metrics that hold a measured value."""
        return [name for name in _METRIC_NAMES if (metric := getattr(self, name)) is not None and metric.is_measured]


_METRIC_NAMES = ("audience", "conversion", "conversion_from_start", "retention", "time_seconds", "time_p90_seconds")
