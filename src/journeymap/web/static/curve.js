/* The emotion curve of the editor: one point per step, set by dragging or with the arrow keys; the emotion
   measured in feedback drawn beside it (a hollow diamond on a dotted line), the scale's words on its left;
   one thinner curve per persona with emotions of its own (its colour, dash and marker as on the poster). */
import { el, format } from "./app.js";
import { editor } from "./editor.js";
const HEIGHT = 150;
const TOP = 30;
const BOTTOM = 16;
/* While a point is dragged the curve is not drawn anew (a collaborator's change waits for the drop): a grid
   drawn again meanwhile gets the curve being dragged. */
const drag = { svg: null, redraw: false };

function scale() {
  const emotion = editor.state.doc.emotion_scale || {};
  return { min: emotion.min === undefined ? -2 : emotion.min, max: emotion.max === undefined ? 2 : emotion.max };
}

function measured(step) {
  const value = ((step.emotion || {}).measured || {}).value;
  return typeof value === "number" ? value : null;
}

function draw() {
  const cell = document.getElementById("curve-cell");
  if (!cell) return;
  if (drag.svg) {
    drag.redraw = true;
    if (!drag.svg.isConnected) cell.replaceChildren(drag.svg);
    return;
  }
  const columns = editor.columns();
  const width = Math.max(1, columns.length) * editor.stepWidth;
  const { min, max } = scale();
  const x = (index) => ((index + 0.5) * width) / Math.max(1, columns.length);
  const y = (value) => TOP + ((max - value) * (HEIGHT - TOP - BOTTOM)) / (max - min || 1);
  const placed = columns.map((column, index) => ({ step: column.step, x: x(index) })).filter((item) => item.step);
  const svg = el("svg:svg", { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: "curve", role: "group", "aria-label": editor.S.emotion });
  svg.append(el("svg:line", { x1: 0, x2: width, y1: y(Math.max(min, Math.min(max, 0))), y2: y(Math.max(min, Math.min(max, 0))), class: "neutral" }));
  const personas = personaLines(placed);
  for (const line of personas) svg.append(personaCurve(line, y));
  const line = (value, css) => {
    const points = placed.map((item) => [item.x, value(item.step)]).filter(([, score]) => score !== null && score !== undefined);
    if (points.length > 1) svg.append(el("svg:polyline", { points: points.map(([px, score]) => `${px},${y(score)}`).join(" "), class: `line ${css}` }));
  };
  line(measured, "measured");
  line((step) => (step.emotion || {}).desired, "desired");
  line((step) => (step.emotion || {}).actual, "actual");
  for (const item of placed) {
    const found = measured(item.step);
    if (found !== null) svg.append(diamond(item.step, found, item.x, y(found)));
    svg.append(handle(item.step, "desired", item.x, y, { min, max }));
    svg.append(handle(item.step, "actual", item.x, y, { min, max }));
  }
  cell.replaceChildren(svg, legend(placed.some((item) => measured(item.step) !== null), personas));
  axis(y);
}

/** A persona's own score at a step, or null where it has none. */
function own(step, personaId) {
  const value = (((step.by_persona || {})[personaId] || {}).emotion || {}).actual;
  return typeof value === "number" ? value : null;
}

/** One line per persona with an emotion of its own somewhere: its own scores, the map's where it has none (as the poster reads them). */
function personaLines(placed) {
  const steps = editor.steps().map(({ step }) => step);
  const styles = editor.config.personaStyles;
  return (editor.state.doc.personas || [])
    .filter((persona) => steps.some((step) => own(step, persona.id) !== null))
    .map((persona, index) => ({
      persona,
      style: styles[index % styles.length],
      points: placed.map((item) => [item, own(item.step, persona.id) ?? (item.step.emotion || {}).actual]).filter(([, score]) => typeof score === "number"),
    }));
}

function personaCurve(line, y) {
  const { colour, dash, mark } = line.style;
  const name = format(editor.S.personaCurve, { persona: line.persona.name });
  return el("svg:g", { class: "persona-curve", "data-persona": line.persona.id, role: "img", "aria-label": name }, el("svg:title", {}, name),
    line.points.length > 1 ? el("svg:polyline", { class: "persona-line", points: line.points.map(([item, score]) => `${item.x},${y(score)}`).join(" "), stroke: colour, "stroke-dasharray": dash || null }) : null,
    line.points.map(([item, score]) => el("svg:path", { class: "persona-mark", d: mark, fill: colour, transform: `translate(${item.x},${y(score)})`, "data-step": item.step.id })));
}

/** The scale's words and emoji beside the curve, at the height of their scores. */
function axis(y) {
  const box = document.getElementById("curve-axis");
  if (!box) return;
  const { min, max } = scale();
  const points = (editor.scale ? editor.scale().points : []).filter((point) => point.score >= min && point.score <= max && (point.label || point.emoji));
  box.style.height = `${HEIGHT}px`;
  box.replaceChildren(...points.map((point) => {
    const label = el("span", { class: "axis-label" }, [point.emoji, point.label].filter(Boolean).join(" "));
    label.style.top = `${y(point.score) - 8}px`;
    return label;
  }));
}

/** The measured emotion of a step: a hollow diamond, read by screen readers as its value. */
function diamond(step, value, cx, cy) {
  const text = format(editor.S.measuredPoint, { step: step.name, value });
  return el("svg:path", { d: `M ${cx} ${cy - 8} L ${cx + 8} ${cy} L ${cx} ${cy + 8} L ${cx - 8} ${cy} Z`, class: "point measured", role: "img", "aria-label": text, "data-step": step.id },
    el("svg:title", {}, text));
}

/** The legend: each line's shape as well as its colour. */
function legend(withMeasured, personas) {
  const key = (css, shape) => el("svg:svg", { width: 26, height: 14, class: `key ${css}`, "aria-hidden": "true" }, el("svg:line", { x1: 0, x2: 26, y1: 7, y2: 7, class: `line ${css}` }), shape);
  return el("p", { class: "curve-legend" },
    key("actual", el("svg:circle", { cx: 13, cy: 7, r: 5, class: "point actual" })), editor.S.emotion,
    key("desired", el("svg:rect", { x: 8, y: 2, width: 10, height: 10, class: "point desired" })), editor.S.desired,
    withMeasured ? [key("measured", el("svg:path", { d: "M 13 1 L 19 7 L 13 13 L 7 7 Z", class: "point measured" })), editor.S.measuredEmotion] : null,
    personas.map(({ persona, style }) => el("span", { class: "persona-key", "data-persona": persona.id },
      el("svg:svg", { width: 26, height: 14, class: "key", "aria-hidden": "true" },
        el("svg:line", { x1: 0, x2: 26, y1: 7, y2: 7, stroke: style.colour, "stroke-width": 1.8, "stroke-dasharray": style.dash || null }),
        el("svg:path", { d: style.mark, fill: style.colour, transform: "translate(13,7)" })),
      persona.name)));
}

function handle(step, field, cx, y, range) {
  const value = (step.emotion || {})[field];
  const set = value !== null && value !== undefined;
  const text = format(field === "actual" ? editor.S.emotionPoint : editor.S.desiredPoint, { step: step.name, value: set ? value : editor.S.notSet });
  const point = el(field === "actual" ? "svg:circle" : "svg:rect", {
    class: `point ${field}${set ? "" : " unset"}`,
    tabindex: editor.config.canEdit ? 0 : -1,
    role: "slider",
    "aria-label": text,
    "aria-valuemin": range.min,
    "aria-valuemax": range.max,
    "aria-valuenow": set ? value : null,
    "aria-readonly": editor.config.canEdit ? null : "true",
    "data-key": `emotion:${step.id}:${field}`,
    "data-path": editor.path(step, "emotion", field),
    "data-step": step.id,
  }, el("svg:title", {}, text));
  const cy = y(set ? value : Math.max(range.min, Math.min(range.max, 0)));
  if (field === "actual") {
    point.setAttribute("cx", cx); point.setAttribute("cy", cy); point.setAttribute("r", 9);
  } else {
    point.setAttribute("x", cx - 6); point.setAttribute("y", cy - 6); point.setAttribute("width", 12); point.setAttribute("height", 12);
  }
  if (!editor.config.canEdit) return point;
  const put = (next) => {
    const found = editor.steps().find((item) => item.step.id === step.id);
    if (!found) return;
    const current = found.step; /* the map may have been taken anew from the server during a drag */
    current.emotion = Object.assign(current.emotion || {}, { [field]: next === null ? null : Math.max(range.min, Math.min(range.max, next)) });
    editor.changed();
    draw();
    const again = document.querySelector(`[data-key="emotion:${step.id}:${field}"]`);
    if (again) again.focus();
  };
  point.addEventListener("keydown", (event) => {
    const now = set ? value : 0;
    if (event.key === "ArrowUp") { event.preventDefault(); put(now + 1); }
    if (event.key === "ArrowDown") { event.preventDefault(); put(now - 1); }
    if (event.key === "Delete" || event.key === "Backspace") { event.preventDefault(); put(null); }
  });
  point.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    point.focus();
    const svg = point.ownerSVGElement;
    const toValue = (clientY) => {
      const box = svg.getBoundingClientRect();
      const inside = ((clientY - box.top) * HEIGHT) / (box.height || HEIGHT);
      const raw = range.max - ((inside - TOP) * (range.max - range.min)) / (HEIGHT - TOP - BOTTOM);
      return Math.round(Math.max(range.min, Math.min(range.max, raw)) * 2) / 2;
    };
    const move = (moveEvent) => {
      const top = y(toValue(moveEvent.clientY));
      if (field === "actual") point.setAttribute("cy", top); else point.setAttribute("y", top - 6);
    };
    const end = (endEvent) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", end);
      window.removeEventListener("pointercancel", end);
      drag.svg = null;
      if (endEvent.type === "pointerup") put(toValue(endEvent.clientY));
      else if (drag.redraw) draw();
      drag.redraw = false;
    };
    drag.svg = svg;
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", end);
    window.addEventListener("pointercancel", end);
  });
  return point;
}

document.addEventListener("DOMContentLoaded", () => {
  editor.curve = { draw };
});
