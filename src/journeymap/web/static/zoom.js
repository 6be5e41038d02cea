/* Zoom of the editor's grid: − / + / fit / 100 %, and the keys - + 0 outside text boxes; remembered per map in
   localStorage. Also keeps the steps' header row stuck under the stages' row while the grid scrolls. */
import { el } from "./app.js";
import { editor } from "./editor.js";
const S = editor.S;
const LEVELS = [0.25, 0.33, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.5];
const remembered = `journeymap:zoom:${editor.config.mapId}`;
let zoom = read();
let shown = null;

function read() {
  try {
    const value = Number(window.localStorage.getItem(remembered));
    return value >= LEVELS[0] && value <= LEVELS[LEVELS.length - 1] ? value : 1;
  } catch (error) {
    return 1;
  }
}

function table() {
  return document.querySelector("#grid table.grid");
}

/** Zoom the grid and stick the steps' row under the stages' row (whose height depends on the names' wrapping). */
function apply() {
  const grid = table();
  if (shown) shown.value = new Intl.NumberFormat(editor.config.language, { style: "percent" }).format(zoom);
  if (!grid) return;
  grid.style.zoom = zoom;
  const stages = grid.querySelector("tr.stages-row");
  if (stages) grid.style.setProperty("--stage-row", `${stages.offsetHeight}px`);
}

function set(value) {
  zoom = Math.max(LEVELS[0], Math.min(LEVELS[LEVELS.length - 1], Math.round(value * 100) / 100));
  try { window.localStorage.setItem(remembered, String(zoom)); } catch (error) { /* a private window keeps no settings */ }
  apply();
}

function by(direction) {
  const next = direction > 0 ? LEVELS.find((level) => level > zoom + 0.001) : LEVELS.slice().reverse().find((level) => level < zoom - 0.001);
  if (next) set(next);
}

/** The zoom at which every step's column fits the width of the grid's frame. */
function fit() {
  const grid = table();
  const frame = document.getElementById("grid");
  if (!grid) return;
  set(Math.min(1, (frame.clientWidth - 4) / parseFloat(grid.style.width)));
}

function tools() {
  shown = el("output", { class: "zoom-level", "aria-live": "polite" });
  const button = (text, label, action, key) => el("button", { type: "button", class: "secondary small", title: label, "aria-label": label, "data-key": key, onclick: action }, text);
  return el("div", { class: "zoom", role: "group", "aria-label": S.zoom },
    el("span", { class: "label", "aria-hidden": "true" }, S.zoom),
    button("−", S.zoomOut, () => by(-1), "zoom-out"), shown, button("+", S.zoomIn, () => by(1), "zoom-in"),
    button(S.zoomFit, S.zoomFit, fit, "zoom-fit"), button("100 %", S.zoomReset, () => set(1), "zoom-reset"));
}

function typing(node) {
  return node && (node.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(node.tagName));
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || document.querySelector("dialog[open]")) return;
  const action = { "-": () => by(-1), "+": () => by(1), "=": () => by(1), 0: () => set(1) }[event.key];
  if (action) { event.preventDefault(); action(); }
});

editor.afterRender.push(apply);
document.addEventListener("DOMContentLoaded", () => {
  const place = document.getElementById("grid-tools");
  if (place) place.append(tools());
  apply();
});
