"""The pages' JavaScript is native ES modules: each imports what it uses, served as JavaScript, with no shared global."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pagetools import Team, log_in

STATIC = Path(str(resources.files("journeymap.web") / "static"))
TEMPLATES = Path(str(resources.files("journeymap.web") / "templates"))
MODULES = sorted(path for path in STATIC.glob("*.js") if path.name != "chart.js")
HOOK = "editor-page.js"
"""The one module that sets ``window.journeymap``: the test and debug hook of the editor page."""

IMPORT = re.compile(r'^import (?:\{([^}]*)\}|\* as \w+|(\w+)) from "\./([\w-]+\.js)";|^import "\./([\w-]+\.js)";', re.M)


def test_every_page_script_is_a_module_but_the_sandboxed_chart_page():
    tags = {name: re.findall(r'<script[^>]*src="/static/[^"]+"[^>]*>', (TEMPLATES / name).read_text()) for name in sorted(p.name for p in TEMPLATES.glob("*.html"))}
    classic = [(name, tag) for name, found in tags.items() for tag in found if 'type="module"' not in tag]
    assert classic == [("chart.html", '<script src="/static/chart.js" defer>')]


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_a_module_imports_what_it_uses_and_reads_no_global(module: Path):
    text = module.read_text()
    if module.name != HOOK:
        assert "window.journeymap" not in text
    assert '"use strict"' not in text and "(function () {" not in text, "a module is strict and private already"
    for names, _default, source, bare in IMPORT.findall(text):
        target = STATIC / (source or bare)
        assert target.exists(), f"{module.name} imports {target.name}, which is not there"
        exported = target.read_text()
        for name in filter(None, (part.strip() for part in names.split(","))):
            assert re.search(rf"^export (?:async )?(?:function|const|class) {name}\b|^export \{{[^}}]*\b{name}\b", exported, re.M), f"{module.name} imports {name}, which {target.name} does not export"


def test_the_editor_page_loads_each_module_once_from_its_entry(client: TestClient, team: Team) -> None:
    log_in(client, team, "owner")
    page = client.get(f"/maps/{team.map_id}").text
    assert re.findall(r'<script type="module" src="/static/([\w-]+\.js)">', page) == ["app.js", HOOK, "share.js"]
    loaded, waiting = set(), [HOOK]
    while waiting:
        name = waiting.pop()
        found = {source or bare for _names, _default, source, bare in IMPORT.findall((STATIC / name).read_text())}
        waiting.extend(found - loaded)
        loaded |= found
    editor_modules = {path.name for path in MODULES} - {"app.js", HOOK, "share.js", "history.js", "maps.js", "poster-view.js"}
    assert editor_modules - loaded == set(), "a module of the editor that its entry does not load"


def test_scripts_are_served_as_javascript(client: TestClient) -> None:
    for name in ("app.js", HOOK, "operations.js"):
        answer = client.get(f"/static/{name}")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "text/javascript; charset=utf-8"
        assert answer.headers["x-content-type-options"] == "nosniff"
