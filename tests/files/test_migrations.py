from __future__ import annotations

import pytest

from journeymap import MapFileError
from journeymap.files import migrations


def test_a_document_is_upgraded_one_version_at_a_time(monkeypatch):
    def rename_pains(document):
        for stage in document.get("stages", []):
            for step in stage.get("steps", []):
                step["pains"] = step.pop("pain_points", [])
        return document

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: rename_pains})
    old = {"schema_version": 1, "title": "T", "stages": [{"name": "A", "steps": [{"name": "B", "pain_points": ["slow"]}]}]}
    assert migrations.migrate(old) == {
        "schema_version": 2,
        "title": "T",
        "stages": [{"name": "A", "steps": [{"name": "B", "pains": ["slow"]}]}],
    }


def test_a_file_without_a_version_is_taken_as_current():
    assert migrations.migrate({"title": "T"}) == {"title": "T"}


@pytest.mark.parametrize("version", [0, "one", 1.5, True])
def test_a_broken_version_is_refused(version):
    with pytest.raises(MapFileError, match="^map.yaml: schema_version: must be a whole number from 1$"):
        migrations.migrate({"schema_version": version}, "map.yaml")
