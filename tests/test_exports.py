"""Each package's ``__init__`` is its public surface: ``__all__`` sorted, complete and real."""

from __future__ import annotations

import importlib
import pkgutil
import types
from pathlib import Path

import pytest

import journeymap

PACKAGES = sorted(
    name
    for _, name, is_package in pkgutil.walk_packages(journeymap.__path__, "journeymap.")
    if is_package and hasattr(importlib.import_module(name), "__all__")
) + ["journeymap"]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_names_real_objects(name: str):
    package = importlib.import_module(name)
    assert package.__all__ == sorted(package.__all__)
    assert [entry for entry in package.__all__ if not hasattr(package, entry)] == []


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_name_is_exported(name: str):
    package = importlib.import_module(name)
    public = {
        attribute
        for attribute, value in vars(package).items()
        if not attribute.startswith("_") and not isinstance(value, types.ModuleType) and attribute not in {"annotations", "TYPE_CHECKING"}
    }
    assert public - set(package.__all__) == set()


@pytest.mark.parametrize("name", [name for name in PACKAGES if hasattr(importlib.import_module(name), "_lazy_exports")])
def test_a_lazy_package_exports_its_all(name: str):
    package = importlib.import_module(name)
    assert set(package._lazy_exports) <= set(package.__all__) <= set(dir(package))


def test_an_export_keeps_its_name_over_a_submodule_of_the_same_name():
    import journeymap.analytics.funnel  # noqa: F401  (the submodule, imported by name)
    from journeymap import analytics

    assert callable(analytics.funnel) and analytics.funnel.__module__ == "journeymap.analytics.funnel"
    assert analytics.engines.__name__ == "journeymap.analytics.engines"


def test_the_package_ships_py_typed_so_users_type_check_against_it():
    assert (Path(journeymap.__file__).parent / "py.typed").is_file()
