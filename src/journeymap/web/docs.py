"""The API reference page at /api/docs: the OpenAPI description as plain HTML, no script, no CDN."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

router = APIRouter(include_in_schema=False)

_PAGE = Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }} API</title>
</head>
<body><h1>{{ title }} API {{ version }}</h1>
<p>Machine-readable description: <a href="{{ openapi_url }}">{{ openapi_url }}</a> (OpenAPI {{ openapi }}).
Every error is <code>{"error": {"code", "message", "field"}}</code>.</p>
{% for tag, operations in groups %}<h2>{{ tag }}</h2>
{% for op in operations %}<section><strong>{{ op.method }}</strong> <code>{{ op.path }}</code>
<p>{{ op.description }}</p>{% if op.parameters %}<p>Parameters: {% for p in op.parameters %}<code>{{ p.name }}</code> ({{ p['in'] }}){% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
</section>{% endfor %}{% endfor %}
</body></html>"""
)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Render the API's OpenAPI description as a page."""
    return HTMLResponse(_PAGE.render(**page_data(request.app.openapi(), request.app.openapi_url or "")))


def page_data(schema: dict[str, Any], openapi_url: str) -> dict[str, Any]:
    """Return the operations of an OpenAPI description grouped by tag, in path order.

    >>> page_data({"info": {"title": "T", "version": "1"}, "openapi": "3.1.0", "paths": {"/a": {"get": {"tags": ["x"], "description": "A."}}}}, "/o")["groups"][0][0]
    'x'
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            tag = (operation.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append(
                {"method": method.upper(), "path": path, "description": operation.get("description") or operation.get("summary", ""), "parameters": operation.get("parameters", [])}
            )
    info = schema.get("info", {})
    return {"title": info.get("title", ""), "version": info.get("version", ""), "openapi": schema.get("openapi", ""), "openapi_url": openapi_url, "groups": list(groups.items())}
