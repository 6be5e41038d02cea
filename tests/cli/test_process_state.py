"""The command line keeps what it changes of the process to itself: warning filters only while it runs, server settings off the environment."""

from __future__ import annotations

import pickle
import warnings

import pytest

import journeymap.cli as cli

PYSPARK = "PySpark does not yet fully support pandas >= 3.0.0. Some features may not work correctly."


def shown(message: str) -> int:
    """Warn ``message`` as PySpark does; how many warnings got through the filters."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.warn(message, FutureWarning, stacklevel=1)
    return len(caught)


def test_main_hides_the_pyspark_warning_while_it_runs_and_puts_the_filters_back(monkeypatch: pytest.MonkeyPatch):
    during: list[int] = []
    monkeypatch.setattr(cli, "with_only", lambda _application, _command: lambda: during.extend([shown(PYSPARK), shown("another FutureWarning")]))
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        before = list(warnings.filters)
        cli.main()
        assert during == [0, 1], "only PySpark's pandas warning is hidden"
        assert warnings.filters == before
        assert shown(PYSPARK) == 1, "a program that imports journeymap still sees it"


def test_a_server_process_gets_its_settings_with_the_app_factory_not_the_environment(tmp_path, monkeypatch: pytest.MonkeyPatch):
    from journeymap.settings import Settings
    from journeymap.workers import AppFactory

    monkeypatch.delenv("JOURNEYMAP_DB", raising=False)
    settings = Settings(db=f"sqlite:///{tmp_path}/team.db", data_dir=tmp_path / "data", secret_key="k", login_attempts=3)
    factory = pickle.loads(pickle.dumps(AppFactory(settings.model_dump())))  # as uvicorn hands it to a new process
    application = factory()
    try:
        assert application.state.settings == settings
    finally:
        application.state.store.close()
