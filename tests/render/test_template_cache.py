"""The compiled poster templates are kept between runs; a cache that cannot be written is only slower."""

from __future__ import annotations

from pathlib import Path

import jinja2

from journeymap.render.template_cache import _QuietCache


def environment(cache: jinja2.BytecodeCache | None) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("journeymap.render", "templates"), bytecode_cache=cache)


def test_the_next_run_reads_the_compiled_template_instead_of_compiling_it(tmp_path: Path):
    environment(_QuietCache(str(tmp_path))).get_template("legend.html")
    [cached] = tmp_path.iterdir()
    compiled = environment(None)
    later = environment(_QuietCache(str(tmp_path)))
    later.compile = None  # type: ignore[method-assign]  (a run that compiled would fail here)
    context = {"_": str}
    assert cached.suffix == ".cache"
    assert later.get_template("legend.html").render(context) == compiled.get_template("legend.html").render(context)


def test_a_cache_folder_that_cannot_be_written_leaves_templates_compiled_each_time(tmp_path: Path):
    cache = _QuietCache(str(tmp_path / "no such folder"))
    assert "Legend" in environment(cache).get_template("legend.html").render({"_": str})
