"""A persona's aha moments name steps of the map."""

from __future__ import annotations

import pytest

from journeymap.errors import MapValidationError
from journeymap.files import loads

MAP = """\
title: City guide
personas:
  - name: Navigator
    source: data
    aha_moments: [{steps}]
stages:
  - name: Aha
    steps:
      - name: Builds a route
"""


def test_aha_moments_refer_to_steps() -> None:
    journey = loads(MAP.format(steps="builds-a-route"))
    assert journey.persona("navigator").aha_moments == ["builds-a-route"]


def test_an_unknown_aha_step_is_a_located_error() -> None:
    with pytest.raises(MapValidationError) as raised:
        loads(MAP.format(steps="builds-route"), path="guide.yaml")
    assert str(raised.value) == "guide.yaml:5:19: personas[0].aha_moments[0]: unknown step 'builds-route'; did you mean 'builds-a-route'?"
