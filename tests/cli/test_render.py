"""The ``render`` and ``mermaid`` commands: outputs written, bad input refused in one line with exit 2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import page_sizes_mm
from typer.testing import CliRunner

from journeymap.cli import app

MAP = """\
title: 'Shop <script>alert(1)</script>'
personas: [{name: Olga}]
stages:
  - name: Awareness
    steps:
      - {name: Sees the toy, emotion: {actual: 1, desired: 2}, pains: ['"><img src=x onerror=alert(1)>']}
  - name: Purchase
    steps:
      - {name: Pays, emotion: {actual: -1, desired: 1}, metrics: {audience: 120, conversion: 35%}, barriers: [Long form]}
"""


@pytest.fixture
def shop(write_map) -> Path:
    return write_map(MAP, "shop.yaml")


def test_render_html_follows_the_extension(runner: CliRunner, shop: Path) -> None:
    result = runner.invoke(app, ["render", str(shop), "-o", str(shop.with_suffix(".html"))])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {shop.with_suffix('.html')}\n"
    html = shop.with_suffix(".html").read_text(encoding="utf-8")
    assert "Shop &lt;script&gt;alert(1)&lt;/script&gt;" in html and 'data-step="pays"' in html


def test_format_option_overrides_the_extension(runner: CliRunner, shop: Path, tmp_path: Path) -> None:
    target = tmp_path / "table.dat"
    assert runner.invoke(app, ["render", str(shop), "-o", str(target), "-f", "xlsx"]).exit_code == 0
    assert load_workbook(io.BytesIO(target.read_bytes()))["Steps"]["B3"].value == "Pays"


def test_lanes_option_picks_and_orders_rows(runner: CliRunner, shop: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.html"
    assert runner.invoke(app, ["render", str(shop), "-o", str(target), "--lanes", "pains, emotion"]).exit_code == 0
    html = target.read_text(encoding="utf-8")
    assert html.index('lane-title" data-lane="pains"') < html.index('lane-title" data-lane="emotion"')
    assert 'lane-title" data-lane="barriers"' not in html


@pytest.mark.browser
@pytest.mark.parametrize(("page", "size"), [("a4", (297, 210)), ("Letter", (279.4, 215.9))])
def test_page_option_prints_on_the_page_named_in_any_case(
    runner: CliRunner, shop: Path, tmp_path: Path, page: str, size: tuple[float, float]
) -> None:
    target = tmp_path / "x.pdf"
    result = runner.invoke(app, ["render", str(shop), "-o", str(target), "--page", page])
    assert result.exit_code == 0, result.output
    assert page_sizes_mm(target)[0] == pytest.approx(size, abs=0.35)


def test_csv_with_bom(runner: CliRunner, shop: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["render", str(shop), "-o", str(tmp_path / "x.csv"), "--bom"]).exit_code == 0
    assert (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbfstage,step,")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-o", "{tmp}/x.docx"], "Error: unknown output format '.docx'; choose one of: html, pdf, png, svg, xlsx, csv, md, pptx"),
        (
            ["-o", "{tmp}/x.mmd"],
            "Error: unknown output format '.mmd'; choose one of: html, pdf, png, svg, xlsx, csv, md, pptx (Mermaid: journeymap mermaid export)",
        ),
        (
            ["-o", "{tmp}/x.html", "-f", "gif"],
            "Error: unknown output format 'gif'; choose one of: html, pdf, png, svg, xlsx, csv, md, pptx",
        ),
        (
            ["-o", "{tmp}/x.html", "--lanes", "actons"],
            "Error: unknown lane 'actons' (did you mean 'actions'?); lanes: links, persona, actions,",
        ),
        (["-o", "{tmp}/x.pdf", "--page", "A5"], "Error: unknown page size 'A5'; choose one of: A3, A2, A4, Letter"),
        (["-o", "{tmp}/x.png", "--scale", "9"], "Error: --scale must be between 0.25 and 4, not 9"),
        (["-o", "{tmp}/x.html", "--lang", "fr"], "Error: --lang must be one of: en, ru, uk, kk, uz, lt"),
        (["-o", "{tmp}/nowhere/x.html"], "Error: {tmp}/nowhere: folder does not exist; create it first"),
    ],
)
def test_bad_options_are_one_line_exit_2_and_no_file(
    runner: CliRunner, shop: Path, tmp_path: Path, arguments: list[str], message: str
) -> None:
    before = sorted(tmp_path.iterdir())
    result = runner.invoke(app, ["render", str(shop), *(part.format(tmp=tmp_path) for part in arguments)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(message.format(tmp=tmp_path))
    assert sorted(tmp_path.iterdir()) == before


def test_missing_map_is_one_line_exit_2_and_no_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'missing.yaml'}: no such file; check the path\n"
    assert list(tmp_path.iterdir()) == []


def test_mermaid_export_prints_the_diagram_and_warns_on_stderr(runner: CliRunner, shop: Path) -> None:
    result = runner.invoke(app, ["mermaid", "export", str(shop)])
    assert result.exit_code == 0
    assert result.stdout == (
        "journey\n    title Shop <script>alert(1)</script>\n    section Awareness\n      Sees the toy: 4: Olga\n"
        "    section Purchase\n      Pays: 2: Olga\n"
    )
    assert result.stderr.startswith("Warning: not exported, Mermaid journeys have no place for them: pains (1 step), barriers (1 step)")


def test_mermaid_import_writes_a_map(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "some.mmd"
    source.write_text("journey\n  title Tea\n  section Morning\n    Make tea: 5: Me\n", encoding="utf-8")
    result = runner.invoke(app, ["mermaid", "import", str(source), "-o", str(tmp_path / "some.yaml")])
    assert result.exit_code == 0, result.output
    assert "title: Tea" in (tmp_path / "some.yaml").read_text(encoding="utf-8")


def test_mermaid_import_of_a_bad_diagram_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "bad.mmd"
    source.write_text("flowchart\n", encoding="utf-8")
    result = runner.invoke(app, ["mermaid", "import", str(source), "-o", str(tmp_path / "bad.yaml")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {source}:1: a Mermaid journey starts with the line 'journey'\n"
    assert not (tmp_path / "bad.yaml").exists()
