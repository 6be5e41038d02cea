"""Analysis runs on a map: start one in the background, poll its progress and result, see its charts.

A run's charts are drawn by Plotly (served from the Python package, never a
CDN) in a page of their own, which the editor shows in a sandboxed frame.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, Field

from ..errors import NotFound
from ..i18n import gettext as _
from ..store import AnalysisRun, Role, User, audit, journey_of, runs as stored_runs, sources
from ..store.tables import as_json
from .auth import signed_in
from .context import map_for, workspace_for
from .jobs import ANALYSES, JobContext
from .templating import environment, page_language

router = APIRouter(prefix="/api", tags=["analysis runs"])
charts = APIRouter(include_in_schema=False)

CHART_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
    "X-Frame-Options": "SAMEORIGIN",
}
"""A chart page may be framed by the app's own pages; Plotly sets inline styles on what it draws."""


class RunRequest(BaseModel):
    analysis: str = Field(description="The analysis to run; GET /api/analyses lists them.")
    params: dict[str, Any] = Field(default_factory=dict)
    source: int | None = Field(default=None, description="An uploaded data source of the map's workspace.")


@router.get("/analyses")
def list_analyses(user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the analyses this server can run."""
    return {"analyses": [{"name": name, "description": (function.__doc__ or "").strip().partition("\n")[0]} for name, function in sorted(ANALYSES.items())]}


@router.post("/maps/{map_id}/runs", status_code=202)
def start_run(map_id: str, asked: RunRequest, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Start an analysis of the map in the background (editors); poll GET /api/runs/{id}."""
    store, runner = request.app.state.store, request.app.state.runner
    with store.writing() as session:
        record = map_for(session, user, map_id, Role.editor)
        runner.check(asked.analysis)
        path, name = None, None
        if asked.source is not None:
            source = sources.get_source(session, asked.source)
            workspace_for(session, user, source.workspace_id, Role.editor)
            path, name = sources.source_path(store.data_dir, source), source.name
        run = stored_runs.add_run(session, map_id, asked.analysis, asked.params, author=user, source_id=asked.source)
        audit.record(session, user, "run_started", workspace_id=record.workspace_id, target=map_id, run=run.id, analysis=asked.analysis)
        journey, version = journey_of(record.document), record.seq
    language = page_language(request, user)
    context = JobContext(journey=journey, params=asked.params, source=path, report=runner.reporter(run.id), source_name=name, language=language)
    runner.submit(run.id, asked.analysis, context, map_id=map_id, version=version, author=user)
    return run_json(run)


@router.get("/maps/{map_id}/runs")
def list_runs(map_id: str, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """List the analysis runs on a map, newest first."""
    with request.app.state.store.reading() as session:
        map_for(session, user, map_id, Role.viewer)
        return {"runs": [run_json(run) for run in stored_runs.runs(session, map_id)]}


@router.get("/runs/{run_id}")
def get_run(run_id: int, request: Request, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return a run: status (queued, running, done, failed), progress from 0 to 1, result."""
    with request.app.state.store.reading() as session:
        run = stored_runs.get_run(session, run_id)
        try:
            map_for(session, user, run.map_id, Role.viewer)
        except NotFound:
            raise NotFound(_("no analysis run {id}").format(id=run_id)) from None
        return run_json(run)


@charts.get("/runs/{run_id}/chart")
def run_chart(run_id: int, request: Request, user: User = Depends(signed_in)) -> HTMLResponse:
    """The run's charts, drawn by Plotly: the same figures the CLI writes with ``-o chart.html``."""
    found = get_run(run_id, request, user)
    figures = (found.get("result") or {}).get("charts") or []
    if not figures:
        raise NotFound(_("analysis run {id} has no chart").format(id=run_id))
    data = json.dumps(figures, ensure_ascii=False).replace("<", "\\u003c")
    page = environment().get_template("chart.html").render(figures=data, language=page_language(request, user), title=_("Analysis {name}").format(name=found["analysis"]))
    return HTMLResponse(page, headers=CHART_HEADERS)


@charts.get("/charts/plotly.min.js")
def plotly_script() -> FileResponse:
    """Plotly's JavaScript, as the ``plotly`` Python package ships it."""
    script = resources.files("plotly") / "package_data" / "plotly.min.js"
    return FileResponse(str(script), media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})


def run_json(run: AnalysisRun) -> dict[str, Any]:
    """Return a run as the API shows it."""
    return as_json(run)
