"""The emotion curve as inline SVG: a smooth actual line, the desired one dashed, the gap shaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

PAD_Y = 18.0
"""Room above the best and below the worst score, so faces are never clipped."""

DISAGREEMENT = 0.25
"""Feedback disagrees with the map where measured and authored emotion differ by this share of the scale."""


@dataclass(frozen=True)
class CurvePoint:
    """One step's emotion: actual and desired scores, the measured one, and its hover text."""

    step_id: str
    title: str
    actual: float | None
    desired: float | None
    measured: float | None = None


@dataclass(frozen=True)
class PersonaLine:
    """One persona's own curve: its id, name, score per column and its style (colour and marker) number."""

    key: str
    name: str
    values: Sequence[float | None]
    style: int


PERSONA_STYLES: tuple[tuple[str, str, str], ...] = (
    ("#8a5a00", "", "square"),
    ("#2c6e49", "5 3", "triangle"),
    ("#7a2f6e", "2 3", "diamond"),
    ("#a33a26", "8 3 2 3", "circle"),
    ("#3d7fb8", "", "cross"),
)
"""Per-persona curve styles: colour, dash pattern and marker shape; every meaning also carried by shape."""


@dataclass(frozen=True)
class Frame:
    """Where scores land: the scale, the column width and the drawing's height."""

    low: float
    high: float
    column: float
    height: float

    def x(self, index: int) -> float:
        """Return the centre of column ``index``."""
        return round(self.column * (index + 0.5), 2)

    def y(self, score: float) -> float:
        """Return the height of ``score``: the scale's top at PAD_Y, its bottom at height - PAD_Y.

        >>> Frame(low=-2, high=2, column=100, height=136).y(0)
        68.0
        """
        share = (self.high - score) / (self.high - self.low)
        return round(PAD_Y + share * (self.height - 2 * PAD_Y), 2)


def pits(values: Sequence[float | None], *, neutral: float) -> list[int]:
    """Return the indexes of the curve's low points: local minima below neutral, and the lowest.

    >>> pits([1, -1, 0, -2, 2], neutral=0)
    [1, 3]
    >>> pits([1, 2, 1], neutral=0)
    [0, 2]
    """
    known = [value for value in values if value is not None]
    if not known:
        return []
    lowest = min(known)
    found = []
    for index, value in enumerate(values):
        if value is None:
            continue
        neighbours = [other for j in (index - 1, index + 1) if 0 <= j < len(values) and (other := values[j]) is not None]
        local = all(value <= other for other in neighbours)
        if value == lowest or (local and value < neutral):
            found.append(index)
    return found


def smooth_path(points: Sequence[tuple[float, float]], *, move: bool = True) -> str:
    """Return an SVG path through ``points``: a monotone cubic (Fritsch-Carlson), so it never overshoots.

    A peak or a pit stays at its own height: the curve flattens there instead
    of swinging past it.

    >>> smooth_path([(0, 0), (10, 10)])
    'M0,0 C3.33,3.33 6.67,6.67 10,10'
    """
    if not points:
        return ""
    start = "M{:g},{:g}".format(*points[0]) if move else "L{:g},{:g}".format(*points[0])
    tangents = _tangents(points)
    parts = [start]
    for index in range(len(points) - 1):
        (x1, y1), (x2, y2) = points[index], points[index + 1]
        third = (x2 - x1) / 3
        control = (x1 + third, y1 + tangents[index] * third, x2 - third, y2 - tangents[index + 1] * third)
        parts.append("C{:g},{:g} {:g},{:g} {:g},{:g}".format(*(round(v, 2) for v in (*control, x2, y2))))
    return " ".join(parts)


def _tangents(points: Sequence[tuple[float, float]]) -> list[float]:
    secants = [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in zip(points, points[1:])]
    if not secants:
        return [0.0]
    inner = [0.0 if left * right <= 0 else 2 / (1 / left + 1 / right) for left, right in zip(secants, secants[1:])]
    return [secants[0], *inner, secants[-1]]


def runs(values: Sequence[float | None]) -> list[list[int]]:
    """Return the indexes of each unbroken run of known values.

    >>> runs([1, None, 2, 3])
    [[0], [2, 3]]
    """
    found: list[list[int]] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if found and found[-1][-1] == index - 1:
            found[-1].append(index)
        else:
            found.append([index])
    return found


def curve_svg(points: Sequence[CurvePoint], frame: Frame, *, neutral: float, personas: Sequence[PersonaLine] = ()) -> Markup:
    """Return the emotion curve of ``points`` as an ``<svg>`` element; every text is escaped.

    ``personas`` adds one thinner curve per persona, under the main line, each
    with its own colour, dash and marker shape (see :func:`persona_key`).
    """
    width = round(frame.column * len(points), 2)
    actual = [point.actual for point in points]
    desired = [point.desired for point in points]
    low_points = set(pits(actual, neutral=neutral))
    parts = [
        f'<svg class="curve" xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{frame.height:g}" '
        f'viewBox="0 0 {width:g} {frame.height:g}" role="img">',
        '<defs><pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" class="gap-fill"/><line x1="0" y1="0" x2="0" y2="6" class="gap-line"/></pattern></defs>',
        f'<line class="neutral" x1="0" x2="{width:g}" y1="{frame.y(neutral):g}" y2="{frame.y(neutral):g}"/>',
        *_gaps(actual, desired, frame),
        *(_persona_curve(line, frame) for line in personas),
        *(_line(values, frame, css) for values, css in ((desired, "desired"), (actual, "actual"))),
        *(_marker(index, point, frame, index in low_points) for index, point in enumerate(points)),
        "</svg>",
    ]
    return Markup("".join(part for part in parts if part))


def _xy(values: Sequence[float | None], indexes: list[int], frame: Frame) -> list[tuple[float, float]]:
    return [(frame.x(index), frame.y(values[index])) for index in indexes]  # type: ignore[arg-type]


def _line(values: Sequence[float | None], frame: Frame, css: str) -> str:
    return "".join(
        f'<path class="{css}" d="{smooth_path(_xy(values, run, frame))}"/>' for run in runs(values) if len(run) > 1
    )


def _gaps(actual: Sequence[float | None], desired: Sequence[float | None], frame: Frame) -> list[str]:
    both = [a if a is not None and d is not None else None for a, d in zip(actual, desired)]
    shapes = []
    for run in runs(both):
        if len(run) < 2:
            continue
        forward = smooth_path(_xy(actual, run, frame))
        back = smooth_path(_xy(desired, run[::-1], frame), move=False)
        shapes.append(f'<path class="gap" d="{forward} {back} Z"/>')
    return shapes


def _marker(index: int, point: CurvePoint, frame: Frame, is_pit: bool) -> str:
    x = frame.x(index)
    parts = [f'<g class="point{" pit" if is_pit else ""}" data-step="{escape(point.step_id)}"'
             f' data-actual="{_number(point.actual)}" data-desired="{_number(point.desired)}">',
             f"<title>{escape(point.title)}</title>"]
    if point.desired is not None:
        parts.append(f'<circle class="desired-dot" cx="{x:g}" cy="{frame.y(point.desired):g}" r="3.5"/>')
    if point.measured is not None:
        y = frame.y(point.measured)
        if disagrees(point, frame):
            parts.append(f'<circle class="disagree-ring" cx="{x + 14:g}" cy="{y:g}" r="9"/>')
        parts.append(f'<path class="measured-mark" d="M{x + 14:g},{y - 5:g} l5,5 l-5,5 l-5,-5 Z"/>')
    if point.actual is not None:
        parts.append(_face(x, frame.y(point.actual), _mood(point.actual, frame), is_pit))
    parts.append("</g>")
    return "".join(parts)


def disagrees(point: CurvePoint, frame: Frame) -> bool:
    """True when the emotion measured in feedback is far from the authored one.

    >>> frame = Frame(low=-2, high=2, column=100, height=136)
    >>> disagrees(CurvePoint("pays", "", actual=1, desired=2, measured=-0.5), frame)
    True
    >>> disagrees(CurvePoint("pays", "", actual=1, desired=2, measured=0.5), frame)
    False
    """
    if point.measured is None or point.actual is None:
        return False
    return abs(point.measured - point.actual) >= DISAGREEMENT * (frame.high - frame.low)


def _face(x: float, y: float, mood: float, is_pit: bool) -> str:
    radius = 11 if is_pit else 9
    ring = f'<circle class="pit-ring" cx="{x:g}" cy="{y:g}" r="{radius + 5}"/>' if is_pit else ""
    smile = round(5 * mood, 2)
    return (
        f'{ring}<circle class="face" cx="{x:g}" cy="{y:g}" r="{radius}"/>'
        f'<circle class="eye" cx="{x - 3:g}" cy="{y - 2.5:g}" r="1.2"/><circle class="eye" cx="{x + 3:g}" cy="{y - 2.5:g}" r="1.2"/>'
        f'<path class="mouth" d="M{x - 4.5:g},{y + 3 - smile / 2:g} Q{x:g},{y + 3 + smile:g} {x + 4.5:g},{y + 3 - smile / 2:g}"/>'
    )


def _mood(score: float, frame: Frame) -> float:
    middle = (frame.high + frame.low) / 2
    return max(-1.0, min(1.0, (score - middle) / ((frame.high - frame.low) / 2)))


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _persona_curve(line: PersonaLine, frame: Frame) -> str:
    colour, dash, shape = PERSONA_STYLES[line.style % len(PERSONA_STYLES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    paths = "".join(
        f'<path class="persona-line" d="{smooth_path(_xy(line.values, run, frame))}" fill="none" stroke="{colour}" stroke-width="1.8"{dashes}/>'
        for run in runs(line.values)
        if len(run) > 1
    )
    marks = "".join(
        marker(shape, frame.x(index), frame.y(value), colour)
        for index, value in enumerate(line.values)
        if value is not None
    )
    return f'<g class="persona-curve" data-persona="{escape(line.key)}"><title>{escape(line.name)}</title>{paths}{marks}</g>'


def marker(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    """Return one marker of a persona's curve: a square, triangle, diamond, circle or cross centred on (x, y).

    >>> marker("square", 10, 10, "#000")
    '<path class="persona-mark" d="M5.5,5.5 h9 v9 h-9 Z" fill="#000"/>'
    """
    return f'<path class="persona-mark" d="{marker_path(shape, x, y, size)}" fill="{colour}"/>'


def marker_path(shape: str, x: float, y: float, size: float = 4.5) -> str:
    """Return the outline of a persona's marker centred on (x, y), as an SVG path.

    >>> marker_path("diamond", 0, 0)
    'M0,-5.5 L5.5,0 L0,5.5 L-5.5,0 Z'
    """
    shapes = {
        "square": f"M{x - size:g},{y - size:g} h{2 * size:g} v{2 * size:g} h{-2 * size:g} Z",
        "triangle": f"M{x:g},{y - size - 1:g} L{x + size + 1:g},{y + size:g} L{x - size - 1:g},{y + size:g} Z",
        "diamond": f"M{x:g},{y - size - 1:g} L{x + size + 1:g},{y:g} L{x:g},{y + size + 1:g} L{x - size - 1:g},{y:g} Z",
        "circle": f"M{x - size:g},{y:g} a{size:g},{size:g} 0 1,0 {2 * size:g},0 a{size:g},{size:g} 0 1,0 {-2 * size:g},0",
        "cross": f"M{x - size:g},{y - 1.5:g} h{2 * size:g} v3 h{-2 * size:g} Z M{x - 1.5:g},{y - size:g} v{2 * size:g} h3 v{-2 * size:g} Z",
    }
    return shapes[shape]


def persona_styles() -> list[dict[str, str]]:
    """Return the persona curves' styles for a drawing made elsewhere (the editor): colour, dash and the marker's outline at (0, 0).

    >>> persona_styles()[0]
    {'colour': '#8a5a00', 'dash': '', 'shape': 'square', 'mark': 'M-4.5,-4.5 h9 v9 h-9 Z'}
    """
    return [{"colour": colour, "dash": dash, "shape": shape, "mark": marker_path(shape, 0, 0)} for colour, dash, shape in PERSONA_STYLES]


def persona_key(style: int) -> Markup:
    """Return the legend's sample of persona curve number ``style``: a short line in its dash with its marker.

    >>> "persona-mark" in persona_key(0)
    True
    """
    colour, dash, shape = PERSONA_STYLES[style % len(PERSONA_STYLES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return Markup(
        f'<svg width="28" height="14" viewBox="0 0 28 14"><path d="M1,7 H27" stroke="{colour}" stroke-width="1.8"{dashes}/>'
        f"{marker(shape, 14, 7, colour, 3.5)}</svg>"
    )


def axis_ticks(frame: Frame, points: Sequence[tuple[float, str]]) -> list[tuple[float, str]]:
    """Return ``(height, text)`` of the scale's labelled points inside the frame, top first.

    >>> axis_ticks(Frame(low=1, high=5, column=100, height=150), [(1, "1 Awful"), (5, "5 Great")])
    [(18.0, '5 Great'), (132.0, '1 Awful')]
    """
    return sorted((frame.y(score), text) for score, text in points if frame.low <= score <= frame.high)
