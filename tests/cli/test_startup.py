"""Every command starts fast: the command line imports a heavy library only in the command that needs it.

Each check runs in a fresh interpreter (this one has imported everything already)
and reads ``sys.modules`` there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.cli.app import CHECK_OUTPUT
from journeymap.files import example_path

HEAVY = ("scipy", "statsmodels", "plotly", "pandas", "ibis", "duckdb", "sklearn", "pyarrow", "openpyxl", "playwright", "numpy")
"""Libraries a start must not pay for: none of them is needed to parse a command or print help."""
MAP_ONLY = ("journeymap.model.journey", "ruamel", "pydantic")
"""What reading a map needs, and ``--help`` or an analysis of a log does not."""
SRC = Path(__file__).parents[2] / "src"


def imported_after(code: str, *, unset: tuple[str, ...] = ()) -> set[str]:
    """Run ``code`` in a fresh interpreter, without the variables ``unset``; return the modules it imported, and their top-level packages."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    return set(modules) | {name.split(".")[0] for name in modules}


def after_command(*args: str, unset: tuple[str, ...] = ()) -> set[str]:
    """Run ``journeymap ARGS`` in a fresh interpreter; return what it imported (see :func:`imported_after`)."""
    call = f"import sys\nfrom journeymap.cli import main\nsys.argv = ['journeymap', *{list(args)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass"
    return imported_after(call, unset=unset)


def test_importing_the_command_line_imports_no_heavy_library():
    assert imported_after("import journeymap.cli") & set(HEAVY + MAP_ONLY) == set()


@pytest.mark.parametrize(
    "args", [("--help",), ("funnel", "--help"), ("events", "--help"), ("voice", "analyze", "--help"), ("render", "--help")]
)
def test_help_imports_no_heavy_library(args: tuple[str, ...]):
    assert after_command(*args) & set(HEAVY + MAP_ONLY) == set()


@pytest.mark.parametrize("args", [("templates",), ("validate", str(example_path("childrens-shop")))])
def test_map_commands_import_no_heavy_library(args: tuple[str, ...]):
    assert after_command(*args) & set(HEAVY) == set()


def test_a_poster_imports_no_heavy_library(tmp_path: Path):
    assert after_command("render", str(example_path("childrens-shop")), "-o", str(tmp_path / "shop.html")) & set(HEAVY) == set()


def test_importing_the_library_reads_no_data_library():
    assert imported_after("import journeymap, journeymap.analytics, journeymap.render, journeymap.voice") & set(HEAVY + MAP_ONLY) == set()


SAMPLE = str(SRC / "journeymap/analytics/samples/city-guide-events.parquet")


def test_a_command_imports_what_it_needs():
    assert {"ibis", "duckdb"} <= after_command("events", "inspect", "--quiet", "--json", SAMPLE)


@pytest.mark.parametrize("args", [("retention", "--day", "7"), ("funnel", "--step", "app_open", "--step", "search")])
def test_an_analysis_of_a_parquet_log_on_duckdb_reads_no_arrow_pandas_or_map_model(args: tuple[str, ...]):
    imported = after_command(args[0], SAMPLE, "--quiet", "--json", *args[1:], unset=(CHECK_OUTPUT,))
    assert imported & {"pyarrow", "pandas", "numpy", *MAP_ONLY} == set()


def test_an_analysis_on_duckdb_loads_the_duckdb_compiler_only():
    compilers = {
        name for name in after_command("retention", SAMPLE, "--quiet", "--json") if name.startswith("ibis.backends.sql.compilers.")
    }
    assert {name.rsplit(".", 1)[1] for name in compilers} == {"base", "_compat", "duckdb"}


def test_a_json_output_is_checked_against_its_model_only_where_asked():
    """A user's command skips building the pydantic model of its output; the tests (``JOURNEYMAP_CHECK_OUTPUT=1``) check every one."""
    args = ("retention", SAMPLE, "--quiet", "--json", "--day", "7")
    assert "journeymap.outputs" not in after_command(*args, unset=(CHECK_OUTPUT,))
    assert "journeymap.outputs" in after_command(*args)


def test_maps_are_read_with_the_c_parser():
    """ruamel.yaml 0.19 installs its C parser only when asked; without it every map command is three times slower."""
    assert "_ruamel_yaml" in after_command("validate", str(example_path("childrens-shop")))


@pytest.mark.parametrize(("setting", "searched"), [(None, False), ("", True)])
def test_the_command_line_skips_pydantic_s_plugin_search_unless_the_user_asks(setting: str | None, searched: bool):
    """Pydantic reads every installed package's metadata for plugins (about 0.04 s) unless PYDANTIC_DISABLE_PLUGINS says not to."""
    from journeymap.cli import PLUGINS

    env = {name: value for name, value in os.environ.items() if name != PLUGINS}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    if setting is not None:
        env[PLUGINS] = setting
    shop = str(example_path("childrens-shop"))
    probe = (
        f"import sys\nfrom journeymap.cli import main\nsys.argv = ['journeymap', 'validate', {shop!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "from pydantic.plugin import _loader\nprint(_loader._plugins is not None)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip().splitlines()[-1] == str(searched)
