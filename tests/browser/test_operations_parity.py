"""operations.js, run in Chromium from the server's static folder, gives what journeymap.model.operations gives on the same cases.

The cases are the convergence test's: two people each make a few edits on one
map at once (see tests/model/test_operations_convergence.py). For each case both
sides apply every operation (with the undo it returns, or its refusal), move each
person's edits past the other's, apply the results, and diff the maps.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from model.test_operations_convergence import MAP, Page, an_edit, apply_fitting
from pagetools import Team as Site

from journeymap.model import operations as ops

pytestmark = pytest.mark.browser

IN_THE_PAGE = """([doc, mine, theirs]) => {
  const O = window.journeymap.operations;
  const applied = (operations) => {
    const working = O.clone(doc);
    return operations.map((operation) => {
      try { return O.apply(working, operation); } catch (error) { if (error instanceof O.OperationError) return "refused"; throw error; }
    });
  };
  const moved = O.transformAll(mine, theirs);
  const movedBack = O.transformAll(theirs, mine, false);
  const server = O.applyAll(doc, theirs.concat(moved));
  return {
    undo: applied(mine.concat(theirs)),
    one: [true, false].map((first) => O.transform(mine[0], theirs[0], first)),
    moved, movedBack, server,
    page: O.applyAll(O.applyAll(doc, mine), movedBack),
    diff: O.diff(doc, server),
  };
}"""


def in_python(doc: dict[str, Any], mine: list[ops.Operation], theirs: list[ops.Operation]) -> dict[str, Any]:
    """The same as IN_THE_PAGE, with the Python operations."""
    working = copy.deepcopy(doc)
    undo: list[Any] = []
    for operation in mine + theirs:
        try:
            undo.append(ops.apply(working, operation))
        except ops.OperationError:
            undo.append("refused")
    moved = ops.transform_all(mine, theirs)
    moved_back = ops.transform_all(theirs, mine, applied_first=False)
    server = apply_fitting(doc, theirs + moved)
    return {
        "undo": undo,
        "one": [ops.transform(mine[0], theirs[0], applied_first=first) for first in (True, False)],
        "moved": moved,
        "movedBack": moved_back,
        "server": server,
        "page": apply_fitting(apply_fitting(doc, mine), moved_back),
        "diff": ops.diff(doc, server),
    }


@pytest.fixture
def scripted(page: Any, site: Site) -> Any:
    """A page holding operations.js as the server serves it."""
    page.goto(f"{site.url}/static/operations.js")
    page.evaluate("async (url) => { window.journeymap = { operations: await import(url) }; }", f"{site.url}/static/operations.js")
    return page


def edits(data: st.DataObject, doc: dict[str, Any], client: str) -> list[ops.Operation]:
    """Draw one to three edits a person makes one after another on ``doc``."""
    person = Page(client=client, seq=1, confirmed=doc, doc=copy.deepcopy(doc))
    made = []
    for _edit in range(data.draw(st.integers(1, 3))):
        operation = an_edit(data, person)
        ops.apply(person.doc, operation)
        made.append(operation)
    return made


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_operations_js_applies_transforms_and_diffs_as_the_python_does(scripted, data):
    doc = copy.deepcopy(MAP)
    for operation in edits(data, doc, "before"):
        ops.apply(doc, operation)
    mine, theirs = edits(data, doc, "mine"), edits(data, doc, "theirs")
    assert scripted.evaluate(IN_THE_PAGE, [doc, mine, theirs]) == in_python(doc, mine, theirs)
