"""Hostile map files: alias bombs, deep nesting, tags and lone surrogates end in one located line."""

from __future__ import annotations

import resource
import time

import pytest

from journeymap import MapFileError
from journeymap.files import loads
from journeymap.files.limits import MAX_ALIAS_VALUES, MAX_ALIASES, MAX_DEPTH


def alias_bomb(levels: int = 9) -> str:
    """A "billion laughs": each level repeats the one before nine times (9**levels values)."""
    lines = ["title: bomb", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * 9)}]" for level in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def refusal(text: str, format: str = "yaml") -> str:
    with pytest.raises(MapFileError) as raised:
        loads(text, format=format, path="map." + format)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_an_alias_bomb_is_refused_while_parsing_in_little_time_and_memory():
    before, started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic()
    message = refusal(alias_bomb())
    assert message.startswith("map.yaml:7: the YAML aliases stand for more than")
    assert time.monotonic() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024


def test_aliases_a_map_may_use_still_work():
    journey = loads("title: t\nstages:\n  - &stage {name: Look, steps: [{name: Sees}]}\n  - {name: Buy, steps: [{name: Pays}]}\n")
    assert [stage.name for stage in journey.stages] == ["Look", "Buy"]
    assert MAX_ALIAS_VALUES >= 10_000 and MAX_ALIASES >= 100


def test_too_many_aliases_are_refused_at_the_line_past_the_limit():
    text = "title: t\nx: &x 1\n" + "".join(f"k{number}: *x\n" for number in range(MAX_ALIASES + 1))
    assert refusal(text) == f"map.yaml:{MAX_ALIASES + 3}: more than {MAX_ALIASES} YAML aliases (*name); write the values out"


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_deep_nesting_is_refused_not_a_recursion_error(format):
    nested = "[" * 900 + "]" * 900
    text = f"title: x\nstages: {nested}\n" if format == "yaml" else f'{{"title": "x", "stages": {nested}}}'
    assert "lists and mappings nest more than 64 deep" in refusal(text, format)
    assert MAX_DEPTH == 64


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: !!float x\n", "map.yaml:1:8: YAML tag '!!float' is not used in maps; remove it and write the value plainly"),
        (
            "title: t\nstages:\n  - name: s\n    steps:\n      - name: a\n        emotion: !!omap [a: 1]\n",
            "map.yaml:6:18: YAML tag '!!omap' is not used in maps; remove it and write the value plainly",
        ),
        ("title: !!python/object:os.system x\n", "map.yaml:1:8: YAML tag '!!python/object:os.system' is not used in maps; remove it and write the value plainly"),
    ],
)
def test_tags_are_refused_with_their_line(text, message):
    assert refusal(text) == message


def test_a_str_tag_keeps_a_value_as_text():
    assert loads("title: !!str 2024\n").title == "2024"


@pytest.mark.parametrize(("text", "format"), [('title: "shop \\ud83d"\n', "yaml"), ('{"title": "shop \\ud83d"}', "json")])
def test_a_lone_surrogate_escape_is_refused(text, format):
    assert "text holds a lone surrogate escape (U+D83D); write the character itself" in refusal(text, format)


def test_an_insight_without_an_id_gets_one_from_its_text():
    journey = loads("title: t\ninsights:\n  - text: Parents compare sizes\n")
    assert [insight.id for insight in journey.insights] == ["parents-compare-sizes"]
