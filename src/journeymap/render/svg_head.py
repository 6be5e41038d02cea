"""The top of the SVG poster: the title, the map's goal and scenario, a card per persona and the key of their curves."""

from __future__ import annotations

from markupsafe import escape

from ..i18n import gettext as _
from ..model import Journey, Persona
from .curve import persona_key
from .emotion import persona_lines
from .svg_text import CHAR_WIDTH, LINE, PAD, PALETTE, lines, text, wrap
from .words import role_title

CARD_WIDTH = 280.0
"""Width of a persona's card; as many as fit stand in a row."""


def masthead(journey: Journey, x: float, y: float, width: float) -> tuple[list[str], float]:
    """Return the top of the poster drawn from ``(x, y)`` within ``width``, and the height where the grid may start.

    >>> from journeymap.model import Journey
    >>> parts, bottom = masthead(Journey(title="Shop", personas=[{"name": "Olga", "quote": "Where?"}]), 0, 0, 600)
    >>> 'data-persona="olga"' in "".join(parts), "“Where?”" in "".join(parts)
    (True, True)
    """
    body = [text(x, y + 24, journey.title, size=26, weight=700)]
    y += 40
    for label, value in ((_("Business goal"), journey.business_goal), (_("Scenario"), journey.scenario), ("", journey.description)):
        if value:
            found = wrap(f"{label}: {value}" if label else value, width)
            body.append(lines(x, y + 12, found, fill=PALETTE["muted"]))
            y += LINE * len(found)
    y = _persona_cards(journey.personas, x, y + PAD, width, body)
    return body, _persona_legend(journey, x, y + PAD, body)


def persona_card_lines(persona: Persona) -> list[tuple[str, int]]:
    """Return the lines of a persona's card before wrapping, each with its weight: name and role, then what it holds.

    >>> persona_card_lines(Persona(name="Olga", role="purchaser", needs=["safe toys", "speed"]))
    [('Olga · Purchaser', 700), ('Needs: safe toys; speed', 400)]
    """
    heading = " · ".join(filter(None, (persona.name, role_title(persona.role.value) if persona.role else "")))
    listed = (
        (_("Goals"), persona.goals), (_("Needs"), persona.needs), (_("Frustrations"), persona.frustrations), (_("Behaviour"), persona.behaviours),
    )
    body = [persona.description, f"“{persona.quote}”" if persona.quote else ""]
    body += [f"{title}: {'; '.join(items)}" for title, items in listed if items]
    return [(heading, 700), *((line, 400) for line in body if line)]


def _persona_cards(personas: list[Persona], x: float, y: float, width: float, body: list[str]) -> float:
    per_row = max(1, int((width + PAD) // (CARD_WIDTH + PAD)))
    for first in range(0, len(personas), per_row):
        row = personas[first:first + per_row]
        wrapped = [[(line, weight) for words, weight in persona_card_lines(persona) for line in wrap(words, CARD_WIDTH - 2 * PAD)] for persona in row]
        height = 2 * PAD + LINE * max(len(card) for card in wrapped)
        for index, (persona, card) in enumerate(zip(row, wrapped)):
            left = x + index * (CARD_WIDTH + PAD)
            body.append(f'<g class="persona-card" data-persona="{escape(persona.id)}">'
                        f'<rect x="{left:g}" y="{y:g}" width="{CARD_WIDTH:g}" height="{height:g}" fill="none" stroke="{PALETTE["rule"]}"/>')
            body.extend(text(left + PAD, y + PAD + 11 + LINE * n, line, weight=weight) for n, (line, weight) in enumerate(card))
            body.append("</g>")
        y += height + PAD
    return y


def _persona_legend(journey: Journey, x: float, y: float, body: list[str]) -> float:
    """Draw one key per persona curve (line, dash and marker, then the name) in a row."""
    found = persona_lines(journey, [])
    for line in found:
        body.append(f'<g class="persona-key" data-persona="{escape(line.key)}" transform="translate({x:g},{y:g})">{persona_key(line.style)}</g>')
        body.append(text(x + 34, y + 11, line.name, size=10, fill=PALETTE["muted"]))
        x += 34 + len(line.name) * 10 * CHAR_WIDTH + 18
    return y + 22 if found else y
