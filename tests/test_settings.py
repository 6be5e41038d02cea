"""Settings: read from JOURNEYMAP_* variables, each documented in docs/server.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.settings import Settings

DOC = Path(__file__).parents[1] / "docs" / "server.md"


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name: str):
    assert f"| `{name}` |" in DOC.read_text(encoding="utf-8")


def test_environment_variables_set_the_settings_and_options_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("JOURNEYMAP_MAX_UPLOAD_BYTES", "1234")
    monkeypatch.setenv("JOURNEYMAP_DB", "postgresql://maps@db/maps")
    settings = Settings(db="sqlite:///other.db", data_dir=tmp_path)
    assert (settings.max_upload_bytes, settings.db) == (1234, "sqlite:///other.db")
    assert settings.secret() == (tmp_path / "secret.key").read_text() and len(settings.secret()) >= 64
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600
