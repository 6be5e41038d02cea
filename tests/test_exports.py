"""Each package's ``__init__`` is its public surface: ``__all__`` sorted, complete and real."""

from __future__ import annotations

import importlib
import pkgutil
import types

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
        if not attribute.startswith("_") and not isinstance(value, types.ModuleType) and attribute != "annotations"
    }
    assert public - set(package.__all__) == set()
