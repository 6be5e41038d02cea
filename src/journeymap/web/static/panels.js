/* The panels below the grid share this: labelled controls keyed by the JSON path they edit, a value checked by the
   server before the map takes it (a refused one stays typed, with the server's reason beside it), and redrawing from
   the map as it is now without losing the text of the focused control. */
import { api, el, errorMessage, format, confirmDialog } from "./app.js";
import { editor } from "./editor.js";
import { live } from "./live.js";
const drawers = [];
const refused = new Map(); // data-key -> {value, message}: typed values the model refused, kept in their control
const latest = new Map(); // data-path -> number of the newest check, so that an older answer is ignored
let checks = 0;
let redrawTimer = null;

export function words() {
  return editor.config.panels.strings;
}

/* ---------- paths: segments joined by "/", a list item by its id, else by its index ---------- */

function indexIn(items, segment) {
  const byId = items.findIndex((item) => item && typeof item === "object" && item.id === segment);
  if (byId >= 0) return byId;
  return /^\d+$/.test(segment) && Number(segment) < items.length ? Number(segment) : -1;
}

/** Return the value at ``path`` of ``doc`` (undefined where there is none). */
export function valueAt(doc, path) {
  let node = doc;
  for (const segment of path.split("/")) {
    if (node === null || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? node[indexIn(node, segment)] : node[segment];
  }
  return node;
}

/** Set ``value`` at ``path`` of ``doc``, making missing objects on the way; null removes the key (as the server's set_at). */
export function setAt(doc, path, value) {
  const segments = path.split("/");
  const last = segments.pop();
  let node = doc;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      node = node[indexIn(node, segment)];
    } else {
      if (!node[segment] || typeof node[segment] !== "object") node[segment] = {};
      node = node[segment];
    }
    if (!node) throw new Error(`no place ${path}`);
  }
  if (Array.isArray(node)) node[indexIn(node, last)] = value;
  else if (value === null) delete node[last];
  else node[last] = value;
}

/* ---------- checking a value, then changing the map ---------- */

/**
 * Ask the server whether the map takes ``value`` at ``path``; if so set it and tell the editor, else show why beside the control.
 * ``options.document`` is checked instead of the map (a copy prepared for the change), ``options.apply(doc)`` changes the map instead of setting the value.
 */
export async function commit(control, path, value, after, options) {
  const release = live.hold(control.dataset.key);
  try {
    await checkThenSet(control, path, value, after, options);
  } finally {
    release();
  }
}

async function checkThenSet(control, path, value, after, options) {
  const number = ++checks;
  latest.set(path, number);
  const apply = (options && options.apply) || ((doc) => setAt(withScale(doc, path), path, value));
  const checked = (options && options.document) || withScale(structuredClone(editor.state.doc), path);
  const reply = await api("POST", `/api/maps/${encodeURIComponent(editor.config.mapId)}/check`, { document: checked, path, value });
  const answer = reply.status === 0 ? null : reply; // the server cannot be reached: the editor's saving says so and retries
  if (latest.get(path) !== number) return;
  latest.delete(path);
  const shown = shownNow(control);
  const problem = answer === null ? null : !answer.ok ? errorMessage(answer) : answer.data.problems.length ? answer.data.problems[0].message : null;
  if (problem) {
    const kept = { value: control.type === "checkbox" ? control.checked : control.value, message: problem };
    refused.set(control.dataset.key, kept);
    if (shown !== control) showValue(shown, kept.value);
    showProblem(shown, problem);
    return;
  }
  refused.delete(control.dataset.key);
  showProblem(shown, "");
  try {
    apply(editor.state.doc);
  } catch (error) {
    return; // the item was removed meanwhile
  }
  editor.changed({ now: control.tagName !== "TEXTAREA" && control.type !== "text" });
  if (after) after(value);
}

function showValue(control, value) {
  if (control.type === "checkbox") control.checked = value;
  else control.value = value;
}

/** The control on the page now for ``control`` (a redraw may have replaced it while the server was asked). */
function shownNow(control) {
  return (control.dataset.key && document.querySelector(`[data-key="${CSS.escape(control.dataset.key)}"]`)) || control;
}

/** A map without its own emotion scale has the default one: make it explicit before a point of it changes. */
function withScale(doc, path) {
  if (path.startsWith("emotion_scale/") && !doc.emotion_scale) doc.emotion_scale = structuredClone(editor.config.panels.emotionScale);
  return doc;
}

function showProblem(control, message) {
  const note = document.getElementById(`${control.id}-problem`);
  if (!note) return;
  note.textContent = message;
  note.hidden = !message;
  if (message) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}

/* ---------- controls ---------- */

function domId(key) {
  return `panel-${key.replace(/\s/g, "_")}`;
}

/** Read a control's value as the JSON value it stands for: "" is null (the field is left out), numbers are numbers, lines are a list. */
function read(control, kind) {
  if (kind === "checkbox") return control.checked;
  if (kind === "lines") return control.value.split("\n").map((line) => line.trim()).filter(Boolean);
  if (kind === "number") return control.value === "" ? null : Number(control.value);
  if (kind === "select") return control.value === "" ? null : control.value;
  return control.value;
}

/** Show a JSON value in a control of ``kind``. */
function show(value, kind) {
  if (kind === "lines") return (value || []).join("\n");
  return value === null || value === undefined ? "" : String(value);
}

/**
 * A labelled control that edits the value at ``path``: ``kind`` is text, textarea, lines, number, select or checkbox;
 * ``options`` [{key, title}] for a select (``none`` names its empty choice); ``attrs`` go on the control; ``after(value)`` runs once the map took it;
 * ``send(control, path, value)`` replaces the usual check-then-set.
 */
export function field({ path, label, kind = "text", options, none, attrs, after, value, send: sendTo }) {
  const key = `panel:${path}`;
  const id = domId(key);
  const current = value !== undefined ? value : valueAt(editor.state.doc, path);
  const common = Object.assign({ id, "data-key": key, "data-path": path, disabled: !editor.config.canEdit, "aria-describedby": `${id}-problem` }, attrs || {});
  let control;
  if (kind === "select") {
    const chosen = show(current, kind);
    const list = (none !== undefined ? [{ key: "", title: none }] : []).concat(options);
    if (chosen && !list.some((option) => option.key === chosen)) list.push({ key: chosen, title: chosen });
    control = el("select", common, list.map((option) => el("option", { value: option.key, selected: option.key === chosen }, option.title)));
  } else if (kind === "checkbox") {
    control = el("input", Object.assign(common, { type: "checkbox", checked: !!current }));
  } else if (kind === "textarea" || kind === "lines") {
    control = el("textarea", Object.assign({ rows: kind === "lines" ? 3 : 2 }, common), show(current, kind));
  } else {
    control = el("input", Object.assign(common, { type: kind === "number" ? "number" : "text", value: show(current, kind) }));
  }
  let timer = null;
  let release = null;
  const send = () => {
    const sent = (sendTo || commit)(control, path, read(control, kind), after);
    release();
    release = null;
    return sent;
  };
  const typed = kind === "text" || kind === "textarea" || kind === "lines" || kind === "number";
  control.addEventListener(typed ? "input" : "change", () => {
    clearTimeout(timer);
    release = release || live.hold(key);
    timer = setTimeout(send, typed ? 300 : 0);
  });
  const note = el("p", { id: `${id}-problem`, class: "field-problem", role: "alert", hidden: true });
  const labelNode = el("label", { for: id }, label);
  const wrap = kind === "checkbox"
    ? el("div", { class: "panel-field check" }, control, labelNode, note)
    : el("div", { class: `panel-field panel-${kind}` }, labelNode, control, note);
  const kept = refused.get(key);
  if (kept) {
    showValue(control, kept.value);
    showProblem(control, kept.message);
    note.textContent = kept.message;
    note.hidden = false;
  }
  return wrap;
}

/** A group of checkboxes choosing which of ``options`` the list at ``path`` holds (steps, insights), in the options' order. */
export function choice({ path, label, options }) {
  const key = `panel:${path}`;
  const id = domId(key);
  const chosen = new Set(valueAt(editor.state.doc, path) || []);
  const known = new Set(options.map((option) => option.key));
  const all = options.concat([...chosen].filter((item) => !known.has(item)).map((item) => ({ key: item, title: item })));
  const summary = el("summary", {}, label, " ", el("span", { class: "muted small" }, format(words().chosen, { count: chosen.size })));
  const boxes = all.map((option) => {
    const box = el("input", { type: "checkbox", id: `${id}:${option.key}`, "data-key": `${key}:${option.key}`, "data-path": path, value: option.key, checked: chosen.has(option.key), disabled: !editor.config.canEdit, "aria-describedby": `${id}:${option.key}-problem` });
    box.addEventListener("change", () => {
      const picked = all.filter((item) => document.getElementById(`${id}:${item.key}`).checked).map((item) => item.key);
      commit(box, path, picked.length ? picked : null, () => { summary.lastChild.textContent = format(words().chosen, { count: picked.length }); });
    });
    return el("div", { class: "check" }, box, el("label", { for: box.id }, option.title), el("p", { id: `${box.id}-problem`, class: "field-problem", role: "alert", hidden: true }));
  });
  return el("details", { class: "panel-field panel-choice" }, summary, el("fieldset", {}, el("legend", { class: "visually-hidden" }, label), boxes));
}

/** A button; ``key`` is its data-key. */
export function button(key, text, onclick, extra) {
  return el("button", Object.assign({ type: "button", class: "secondary small", "data-key": key, onclick }, extra || {}), text);
}

/** The steps of the map as select options, in journey order. */
export function stepOptions() {
  return editor.steps().map(({ step }) => ({ key: step.id, title: step.name }));
}

/* ---------- drawing ---------- */

/** Register a panel: ``draw()`` returns its content for the element ``rootId``. */
export function register(rootId, draw) {
  drawers.push({ rootId, draw });
}

/** Redraw every panel from the map as it is now; the focused control keeps its text and caret, ``focusKey`` names one to focus instead. */
export function redraw(focusKey) {
  if (!editor || !editor.state.doc) return;
  const open = new Set([...document.querySelectorAll(".map-panel details[open]")].map((node) => node.querySelector("[data-key]") && node.querySelector("[data-key]").dataset.key));
  live.keepingFocus(() => {
    for (const { rootId, draw } of drawers) {
      const root = document.getElementById(rootId);
      if (root) root.replaceChildren(...[draw()].flat(Infinity).filter(Boolean));
    }
    for (const node of document.querySelectorAll(".map-panel details")) {
      const first = node.querySelector("[data-key]");
      if (first && open.has(first.dataset.key)) node.open = true;
    }
  }, { focusKey });
}

/** Redraw soon, once (the grid changed, or the map came back from the server). */
function redrawSoon() {
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(() => redraw(), 150);
}

/** Change the map's structure (add or remove an item) now, without asking the server, and redraw. */
export function structure(change, focusKey) {
  change(editor.state.doc);
  editor.changed({ now: true });
  redraw(focusKey);
}

export async function confirmRemoval(name) {
  return confirmDialog(format(editor.S.confirmRemove, { name }));
}


document.addEventListener("journeymap:loaded", () => {
  redraw();
  const grid = document.getElementById("grid");
  if (grid) {
    new MutationObserver(redrawSoon).observe(grid, { childList: true });
    grid.addEventListener("input", redrawSoon);
  }
});
document.addEventListener("journeymap:refreshed", () => redraw());
