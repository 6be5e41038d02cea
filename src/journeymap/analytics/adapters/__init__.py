"""Vendor exports read into the log shape: ``user_id, event, timestamp`` plus properties.

Each adapter reads the files a tool exports and returns a lazy Ibis table;
:func:`journeymap.analytics.read_events` then parses times and counts bad
rows as for any log. Times are UTC in every export except Yandex Metrica's,
which are in the counter's time zone (pass ``--timezone``).

>>> sorted(ADAPTERS)
['amplitude', 'appmetrica', 'ga4', 'metrica', 'mixpanel', 'segment', 'xes']
"""

from .registry import ADAPTERS, Adapter, adapter_named

__all__ = ["ADAPTERS", "Adapter", "adapter_named"]
