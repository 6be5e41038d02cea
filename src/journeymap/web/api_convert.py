"""Converting a diagram into a map without storing it: Mermaid ``journey`` text to Journey JSON."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from .. import files
from ..store import User
from .auth import signed_in

router = APIRouter(prefix="/api/convert", tags=["maps"])


class MermaidText(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000, description="A Mermaid 'journey' diagram.")


@router.post("/mermaid")
def convert_mermaid(diagram: MermaidText, user: User = Depends(signed_in)) -> dict[str, Any]:
    """Return the map a Mermaid ``journey`` diagram describes, with warnings about what was lost."""
    from ..render import mermaid_import

    conversion = mermaid_import(diagram.text)
    return {"journey": json.loads(files.dumps(conversion.journey, format="json")), "warnings": conversion.warnings}
