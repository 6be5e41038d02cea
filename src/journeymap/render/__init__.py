"""Renderers: the poster (HTML, PDF, PNG, SVG), the summary table (XLSX, CSV, Markdown) and Mermaid.

They read the Journey model only.

>>> from journeymap.model import Journey
>>> from journeymap.render import render_bytes
>>> render_bytes(Journey(title="Shop"), "csv").decode().split(",")[0]
'stage'
"""

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .browser import chromium_path, start_chromium
    from .ideas import IDEA_FORMATS, ideas_bytes, ideas_table
    from .lanes import LaneView, choose_lanes, parse_lanes
    from .mermaid import Conversion, Imported, export as mermaid_export, parse as mermaid_import
    from .output import FORMATS, output_format, render, render_bytes
    from .pages import PAGES_MM
    from .poster import notebook_html, poster_html
    from .sheets import steps_per_page
    from .svg import poster_svg
    from .tables import Table, csv_text, markdown_text, opportunities_table, personas_table, status_titles, summary_table
    from .xlsx import workbook_bytes

lazy.export_lazily(__name__)

__all__ = [
    "Conversion",
    "FORMATS",
    "IDEA_FORMATS",
    "Imported",
    "LaneView",
    "PAGES_MM",
    "Table",
    "choose_lanes",
    "chromium_path",
    "csv_text",
    "ideas_bytes",
    "ideas_table",
    "markdown_text",
    "mermaid_export",
    "mermaid_import",
    "notebook_html",
    "opportunities_table",
    "output_format",
    "parse_lanes",
    "personas_table",
    "poster_html",
    "poster_svg",
    "render",
    "render_bytes",
    "start_chromium",
    "status_titles",
    "steps_per_page",
    "summary_table",
    "workbook_bytes",
]
