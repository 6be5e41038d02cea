"""The bundled sample feedback."""

from __future__ import annotations

import journeymap.voice as voice


def test_the_sample_feedback_ships_with_several_languages_and_explicit_steps():
    found = voice.read_feedback(voice.sample_path())
    assert 250 <= len(found.voices) <= 400 and not found.bad_rows
    assert sum(1 for item in found.voices if item.step) > 100
    languages = voice.inspect(found, languages=voice.SUPPORTED).languages
    assert set(languages) == set(voice.SUPPORTED)
