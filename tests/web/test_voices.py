"""The Voices row's numbers from the server: a feedback file analysed, its measured emotion and quote dates in the caller's language."""

from __future__ import annotations

from pathlib import Path

from pagetools import SHOP
from pagetools.feedback import voices_per_step, write_feedback
from webtools import run_analysis, upload

from journeymap import voice
from journeymap.model import Journey


def test_the_voice_analysis_names_the_uploaded_file_and_the_grid_writes_its_emotions_in_the_caller_s_language(server, tmp_path: Path):
    client, team = server
    feedback = write_feedback(tmp_path / "feedback.csv")
    source = upload(client, team, feedback, "text/csv")
    assert run_analysis(client, team, team.map_id, "voice", source)["status"] == "done"
    steps = {step["id"]: step for stage in client.get(f"/api/maps/{team.map_id}", headers=team.headers("viewer")).json()["journey"]["stages"] for step in stage["steps"]}
    assert {key: step["emotion"]["measured"]["count"] for key, step in steps.items()} == voices_per_step()
    assert {step["emotion"]["measured"]["source"] for step in steps.values()} == {"feedback.csv"}
    assert steps["pays"]["evidence"][0]["source"] == "feedback.csv#4"

    pays = next(group for group in voice.analyze(Journey.model_validate(SHOP), voice.read_feedback(feedback)).steps if group.id == "pays")
    assert pays.emotion < 0, "the voices about paying are negative"
    english = client.get(f"/api/maps/{team.map_id}/voices", headers=team.headers("viewer")).json()["voices"]
    assert english["emotions"]["pays"] == {"text": f"–{-pays.emotion:g}", "source": "Voices: 3 · feedback.csv · Mar 5\u2009–\u20097, 2026"}
    assert english["dates"]["2026-03-07"] == "Mar 7, 2026"
    client.patch("/api/me", json={"language": "ru"}, headers=team.headers("viewer"))
    russian = client.get(f"/api/maps/{team.map_id}/voices", headers=team.headers("viewer")).json()["voices"]
    assert russian["emotions"]["pays"]["text"] == f"–{-pays.emotion:g}".replace(".", ",")
    assert russian["emotions"]["pays"]["source"].endswith(" · feedback.csv · 5–7 мар. 2026\u202fг.")
    assert russian["dates"]["2026-03-07"] == "7 мар. 2026\u202fг."
