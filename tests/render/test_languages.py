"""A Russian map in Russian: channel words translated on the poster and in the tables; make demo's Russian poster."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from journeymap.files import example_path, load
from journeymap.model import Journey
from journeymap.render import poster_html
from journeymap.render.output import render_bytes

ROOT = Path(__file__).parents[2]


def test_channel_words_are_translated_on_a_russian_poster() -> None:
    html = poster_html(load(example_path("childrens-shop-ru")), language="ru")
    assert "Сарафанное радио" in html and "Поиск" in html
    assert not re.search(r"· (word of mouth|search|site|email)<", html)


def test_device_words_are_named_as_channels_are_and_other_words_kept() -> None:
    html = poster_html(load(example_path("dcj-fashion")))
    assert "Friend&#39;s post · Social media · Phone<" in html and not re.search(r"· phone[ <]", html)
    journey = Journey(
        title="Shop",
        stages=[{"name": "Use", "steps": [{"name": "Reads", "touchpoints": [{"name": "Watch app", "device": "smart watch"}]}]}],
    )
    assert "Watch app · smart watch<" in poster_html(journey)


def test_channel_words_are_translated_in_the_tables_and_other_words_kept() -> None:
    journey = Journey(
        title="Магазин",
        language="ru",
        stages=[
            {
                "name": "Поиск",
                "steps": [
                    {"name": "Ищет", "touchpoints": [{"channel": "search"}, {"channel": "word of mouth"}, {"channel": "Telegram-бот"}]}
                ],
            }
        ],
    )
    row = render_bytes(journey, "md", language="ru").decode().splitlines()[-1]
    assert "| Поиск; Сарафанное радио; Telegram-бот |" in row


def demo_commands() -> list[list[str]]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    recipe = text.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    return [shlex.split(line.replace("$(BIN)/", "").replace("$(OUT)", "out").strip().lstrip("@")) for line in recipe.splitlines()[1:]]


def test_make_demos_russian_poster_is_drawn_from_a_russian_map() -> None:
    commands = demo_commands()
    render = next(command for command in commands if "out/shop-ru.pdf" in command)
    source = render[render.index("render") + 1]
    new = next(command for command in commands if command[:2] == ["journeymap", "new"] and command[2] == source)
    template = new[new.index("--template") + 1]
    assert render[render.index("--lang") + 1] == "ru"
    assert load(example_path(template)).language == "ru"


def test_make_demos_example_posters_are_the_example_maps() -> None:
    loop = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if "for name in" in line)
    names = loop.split("for name in", 1)[1].split(";", 1)[0].split()
    assert all(load(example_path(name)).steps for name in names)
