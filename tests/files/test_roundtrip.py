"""Property: every valid map survives save and load, in YAML and in JSON."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from journeymap.files import dumps, loads
from journeymap.model import Journey

LETTERS = "abcxyzАБВяёҚәңөұүһіЇєґOʻgʻąčęėįšųūž"
text = st.text(alphabet=st.sampled_from(list(LETTERS) + [" ", ":", "#", "'", '"', "-", "!", "?", "<", ">", "&", "\n", "😀"]), max_size=30)
words = st.lists(text, max_size=3)
score = st.one_of(st.none(), st.integers(-2, 2), st.floats(-2, 2, allow_nan=False))
share = st.floats(0, 1, allow_nan=False)
count = st.one_of(st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False))


@st.composite
def steps(draw, index: int) -> dict:
    step = {
        "id": f"step-{index}",
        "name": draw(text.filter(str.strip)),
        "actions": draw(words),
        "thoughts": draw(words),
        "pains": draw(words),
        "emotion": {"actual": draw(score), "desired": draw(score), "label": draw(text)},
        "touchpoints": draw(st.lists(st.one_of(text, st.fixed_dictionaries({"name": text, "channel": text})), max_size=2)),
        "evidence": draw(st.lists(text, max_size=2)),
        "moments_of_truth": draw(st.lists(st.sampled_from(["zmot", "fmot", "smot", "umot"]), max_size=2, unique=True)),
        "metrics": {"audience": draw(count), "conversion": draw(share), "criticality": draw(st.one_of(st.none(), st.integers(1, 5)))},
    }
    return step


@st.composite
def journeys(draw) -> Journey:
    stage_count = draw(st.integers(0, 3))
    index = 0
    stages = []
    for stage_index in range(stage_count):
        step_list = []
        for _ in range(draw(st.integers(0, 3))):
            step_list.append(draw(steps(index)))
            index += 1
        stages.append({"id": f"stage-{stage_index}", "name": draw(text.filter(str.strip)), "steps": step_list})
    return Journey.model_validate(
        {
            "title": draw(text.filter(str.strip)),
            "id": "generated",
            "description": draw(text),
            "tags": draw(words),
            "kind": draw(st.sampled_from(["cjm", "ujm", "lxm", "service_blueprint", "dcj"])),
            "stages": stages,
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_yaml_round_trip(journey: Journey):
    assert loads(dumps(journey)) == journey


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_json_round_trip(journey: Journey):
    assert loads(dumps(journey, format="json"), format="json") == journey
