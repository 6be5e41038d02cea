/* Editing together: the page's changes go to the server as small operations, everyone's come back live.

The page keeps the map as the server confirmed it (``confirmed``, at change ``seq``),
its operations sent and not yet seen back (``inflight``), and those not yet sent
(``buffer``). What the person sees is confirmed + inflight + buffer. When someone
else's change arrives, the unsent operations move past it (operations.js
transformAll), so every page ends with the same map as the server.
*/
import { api, format, el, errorMessage } from "./app.js";
import { editor } from "./editor.js";
import * as O from "./operations.js";
const TYPING_MS = 150;
const GROUP_MS = 1200;
const PRESENCE_MS = 20000;

const live = {
  client: `p${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`,
  seq: 0, confirmed: null, shadow: null, inflight: null, inflightBatch: null, inflightSeen: 0, buffer: [], bufferSeen: 0, batches: 0, holds: 0, heldKeys: new Map(),
  undoStack: [], redoStack: [], timer: null, source: null, editors: [], notes: [], lastPath: null, failures: 0, notice: "",
};

const S = () => editor.S;
const status = (text) => { const node = document.getElementById("save-status"); if (node) node.textContent = text; };
const mapUrl = (tail) => `/api/maps/${encodeURIComponent(editor.config.mapId)}${tail}`;

/* ---------- starting ---------- */

/** Start following the map loaded as ``data`` (the API's map JSON). */
function start(data) {
  live.seq = data.seq;
  live.confirmed = O.clone(data.journey);
  live.shadow = O.clone(data.journey);
  listen();
  loadNotes();
  document.addEventListener("focusin", (event) => sayWhere(pathOf(event.target)));
  setInterval(() => sayWhere(live.lastPath, true), PRESENCE_MS);
  document.addEventListener("keydown", shortcut, true);
  for (const [id, action] of [["undo", undo], ["redo", redo]]) {
    const button = document.getElementById(id);
    if (button) button.addEventListener("click", () => { capture({ now: true }); action(); });
  }
  window.addEventListener("beforeunload", (event) => { if (pending()) event.preventDefault(); });
  showSaved();
}

function listen() {
  if (live.source) live.source.close();
  live.source = new EventSource(mapUrl(`/live?since=${live.seq}&client=${live.client}`));
  live.source.addEventListener("change", (event) => received(JSON.parse(event.data)));
  live.source.addEventListener("presence", (event) => showEditors(JSON.parse(event.data).editors));
  live.source.addEventListener("notes", () => loadNotes());
  live.source.onopen = () => { if (live.failures) { live.failures = 0; showSaved(); } };
  live.source.onerror = () => { live.failures += 1; if (live.failures > 1) status(S().offline); };
}

/* ---------- local changes ---------- */

const pending = () => Boolean(live.inflight) || live.buffer.length > 0 || live.holds > 0;

/**
 * Say a change is on its way but not yet an operation (a value the server is checking before it is set): until
 * ``release()`` the page says "Saving…", counts it as pending and warns before it is closed, and the control of
 * data-key ``key`` keeps the text typed in it when it is drawn again.
 *
 *   const release = hold("panel:title"); await check(value); set(value); release();
 */
function hold(key) {
  live.holds += 1;
  if (key) live.heldKeys.set(key, (live.heldKeys.get(key) || 0) + 1);
  status(S().saving);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    live.holds -= 1;
    if (key && live.heldKeys.get(key) > 1) live.heldKeys.set(key, live.heldKeys.get(key) - 1);
    else if (key) live.heldKeys.delete(key);
    showSaved();
  };
}

/** Take what the person changed in ``editor.state.doc`` since the last call as operations; send them soon. */
function capture(options) {
  if (!editor.config.canEdit || live.confirmed === null) return;
  const operations = O.diff(live.shadow, editor.state.doc);
  if (!operations.length) return;
  const working = O.clone(live.shadow);
  const inverse = operations.map((operation) => O.apply(working, operation)).reverse();
  live.shadow = working;
  remember(operations, inverse);
  live.redoStack = [];
  queue(operations, options && options.now);
}

/** Keep an undo step; typing in one cell within a moment is one step. */
function remember(operations, inverse) {
  const now = Date.now();
  const last = live.undoStack[live.undoStack.length - 1];
  const single = operations.length === 1 && operations[0].op === "set" && typeof operations[0].value === "string";
  if (single && last && last.text && last.forward.length && now - last.at < GROUP_MS && O.renderPath(last.forward[0].path) === O.renderPath(operations[0].path)) {
    last.forward = operations;
    last.at = now;
    return;
  }
  live.undoStack.push({ forward: operations, inverse, at: now, text: single });
}

function queue(operations, now) {
  live.notice = "";
  if (!live.buffer.length) live.bufferSeen = live.seq;
  live.buffer.push(...operations);
  status(S().saving);
  clearTimeout(live.timer);
  live.timer = setTimeout(flush, now ? 0 : TYPING_MS);
}

async function flush() {
  if (live.inflight || !live.buffer.length) return;
  live.inflight = live.buffer;
  live.inflightSeen = live.bufferSeen;
  live.buffer = [];
  live.batches += 1;
  live.inflightBatch = String(live.batches);
  await send();
}

async function send() {
  const batch = live.inflightBatch;
  const answer = await api("POST", mapUrl("/operations"), { client: live.client, batch, base: live.seq, seen: live.inflightSeen, operations: live.inflight });
  if (answer.ok && answer.data.dropped.length) {
    live.notice = format(S().dropped, { count: answer.data.dropped.length, reason: answer.data.dropped[0].reason });
    status(live.notice);
  }
  if (live.inflightBatch !== batch) return; // its change came back live first, and the next batch is on its way
  if (answer.status === 0 || answer.status >= 500) {
    status(S().offline);
    setTimeout(send, 2000);
    return;
  }
  if (answer.ok) {
    if (answer.data.seq <= live.seq) acknowledged();
    return;
  }
  if (answer.status === 409) { resync(); return; }
  rejected(errorMessage(answer));
}

/** The server refused the batch (a value the map cannot hold): take it back and say why. */
function rejected(message) {
  live.inflight = null;
  live.undoStack.pop();
  rebuild();
  status(format(S().notSaved, { message }));
  flush();
}

function acknowledged() {
  live.inflight = null;
  live.inflightBatch = null;
  document.dispatchEvent(new CustomEvent("journeymap:saved"));
  if (live.buffer.length) flush(); else showSaved();
}

function showSaved() {
  if (!pending()) status(editor.config.canEdit ? live.notice || S().saved : "");
}

/* ---------- changes from the server ---------- */

function received(change) {
  if (change.seq <= live.seq) return;
  if (change.seq !== live.seq + 1) { resync(); return; }
  live.confirmed = O.applyAll(live.confirmed, change.operations);
  live.seq = change.seq;
  if (change.client === live.client && change.batch === live.inflightBatch) {
    if (change.conflicts && change.conflicts.length) loadNotes();
    acknowledged();
    catchUp();
    return;
  }
  let remote = change.operations;
  if (live.inflight) {
    const inflight = O.transformAll(live.inflight, remote);
    remote = O.transformAll(remote, live.inflight, false);
    live.inflight = inflight;
  }
  if (live.buffer.length) {
    const buffer = O.transformAll(live.buffer, remote);
    remote = O.transformAll(remote, live.buffer, false);
    live.buffer = buffer;
  }
  for (const step of live.undoStack.concat(live.redoStack)) {
    step.inverse = O.transformAll(step.inverse, remote);
    step.forward = O.transformAll(step.forward, remote);
  }
  show(remote);
  if (change.client === "analysis" || change.client === "") document.dispatchEvent(new CustomEvent("journeymap:measured"));
  if (change.conflicts && change.conflicts.length) loadNotes();
}

/** After the page's own change: show what the server added to it (the version of a new revision), if the page lacks it. */
function catchUp() {
  const expected = O.applyAll(live.confirmed, (live.inflight || []).concat(live.buffer));
  if (JSON.stringify(editor.state.doc) !== JSON.stringify(expected)) rebuild();
}

/** Show others' operations: in place where a cell shows the value, else by drawing the grid again. */
function show(remote) {
  const doc = editor.state.doc;
  const expected = O.applyAll(live.confirmed, (live.inflight || []).concat(live.buffer));
  let inPlace = true;
  for (const operation of remote) {
    try { O.apply(doc, operation); } catch (error) { inPlace = false; }
  }
  if (!inPlace || JSON.stringify(doc) !== JSON.stringify(expected)) {
    editor.state.doc = expected;
    live.shadow = O.clone(expected);
    redraw();
    return;
  }
  live.shadow = O.clone(doc);
  if (remote.every((operation) => operation.op === "set" && updateCell(operation))) {
    if (editor.curve) editor.curve.draw();
    document.dispatchEvent(new CustomEvent("journeymap:refreshed", { detail: { inPlace: true } }));
  } else {
    redraw();
  }
}

/** Put a value set by someone else into the control that shows it, if there is one and nobody types in it. */
function updateCell(operation) {
  if (operation.value !== null && typeof operation.value === "object") return false;
  const controls = document.querySelectorAll(`[data-path="${CSS.escape(O.renderPath(operation.path))}"]`);
  if (!controls.length) return false;
  for (const control of controls) {
    if (control === document.activeElement) continue;
    if (control.type === "checkbox") control.checked = Boolean(operation.value);
    else if ("value" in control) control.value = operation.value === null ? "" : String(operation.value);
    else control.textContent = operation.value === null ? "" : String(operation.value);
  }
  return true;
}

/** Draw the grid and panels again; the focused control keeps its caret, and its text while the map holds the same. */
function redraw() {
  keepingFocus(() => {
    editor.render();
    document.dispatchEvent(new CustomEvent("journeymap:refreshed"));
  });
  markCells();
}

/** The text, caret and selection of ``node`` if it is a control one types in, else null. */
function typingIn(node) {
  if (!node || !("value" in node) || node.type === "checkbox" || node.type === "file" || node.tagName === "SELECT" || node.tagName === "BUTTON") return null;
  try {
    return { value: node.value, start: node.selectionStart, end: node.selectionEnd, direction: node.selectionDirection };
  } catch (error) {
    return { value: node.value, start: null }; // a number input has no caret
  }
}

/** Whether two texts differ only in what the map does not keep: spaces at the ends of lines, empty lines. */
const sameText = (a, b) => [a, b].map((text) => text.split("\n").map((line) => line.trim()).filter(Boolean).join("\n")).reduce((x, y) => x === y);

/**
 * Run ``draw`` (which replaces controls) and give the focus back. With ``options.focusKey`` the control of that
 * data-key is focused and its text selected. Else the control that had the focus gets it back with its caret, and
 * with the text typed in it where the map still holds that text (a trailing space, a value still being checked);
 * where the map now holds another value (a teammate's, an undo) the control shows the map's.
 *
 *   keepingFocus(() => list.replaceChildren(...cards), { focusKey: "persona:persona-2:name" });
 */
function keepingFocus(draw, options) {
  const focusKey = options && options.focusKey;
  const active = document.activeElement;
  const key = focusKey || (active && active.dataset ? active.dataset.key : null);
  const typing = focusKey ? null : typingIn(active);
  draw();
  const target = key ? document.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
  if (!target || (!focusKey && target === document.activeElement)) return;
  const folded = target.closest("details");
  if (folded) folded.open = true;
  target.focus({ preventScroll: !focusKey });
  if (typing) {
    if (target.value !== typing.value && (live.heldKeys.has(key) || sameText(target.value, typing.value))) target.value = typing.value;
    const length = target.value.length;
    if (typing.start !== null && typing.start !== undefined && target.setSelectionRange) {
      try { target.setSelectionRange(Math.min(typing.start, length), Math.min(typing.end, length), typing.direction); } catch (error) { /* no caret here */ }
    }
  } else if (focusKey && target.select && target.tagName !== "BUTTON") {
    target.select();
  }
}

/** Recompute what the person sees from the confirmed map and their unsent operations. */
function rebuild() {
  const expected = O.applyAll(live.confirmed, (live.inflight || []).concat(live.buffer));
  editor.state.doc = expected;
  live.shadow = O.clone(expected);
  redraw();
}

/** Start again from the server's map (after a gap or a refused base), keeping unsent operations where they still fit. */
async function resync() {
  const answer = await api("GET", editor.config.source);
  if (answer.status === 0) { status(S().offline); setTimeout(resync, 2000); return; }
  if (!answer.ok) { status(format(S().error, { message: errorMessage(answer) })); return; }
  const unsent = (live.inflight || []).concat(live.buffer);
  const seen = live.inflight ? live.inflightSeen : live.bufferSeen;
  live.inflight = null;
  live.buffer = [];
  live.confirmed = O.clone(answer.data.journey);
  live.seq = answer.data.seq;
  rebuild();
  listen();
  loadNotes();
  if (unsent.length) {
    editor.state.doc = O.applyAll(live.confirmed, unsent);
    capture({ now: true });
    live.bufferSeen = Math.min(live.bufferSeen, seen);
    redraw();
  }
  showSaved();
}

/* ---------- undo and redo ---------- */

function step(from, to) {
  const entry = from.pop();
  if (!entry) return;
  const doc = editor.state.doc;
  const applied = [];
  const inverse = [];
  for (const operation of entry.inverse) {
    try { inverse.unshift(O.apply(doc, operation)); applied.push(operation); } catch (error) { /* the cell is gone */ }
  }
  to.push({ forward: inverse.length ? applied : [], inverse, at: 0, text: false });
  live.shadow = O.clone(doc);
  if (applied.length) queue(applied, true);
  redraw();
}

const undo = () => step(live.undoStack, live.redoStack);
const redo = () => step(live.redoStack, live.undoStack);

function shortcut(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || !editor.config.canEdit) return;
  const key = event.key.toLowerCase();
  if (key === "z" && !event.shiftKey) { event.preventDefault(); capture({ now: true }); undo(); } else if ((key === "z" && event.shiftKey) || key === "y") { event.preventDefault(); capture({ now: true }); redo(); }
}

/* ---------- who is here ---------- */

function pathOf(node) {
  const holder = node && node.closest ? node.closest("[data-path]") : null;
  return holder ? holder.dataset.path : null;
}

let lastSaid = 0;
function sayWhere(path, heartbeat) {
  if (!heartbeat && path === live.lastPath && Date.now() - lastSaid < 1000) return;
  live.lastPath = path;
  lastSaid = Date.now();
  api("POST", mapUrl("/presence"), { client: live.client, path });
}

function showEditors(editors) {
  live.editors = editors.filter((entry) => entry.client !== live.client);
  const bar = document.getElementById("presence");
  if (bar) {
    const names = [...new Set(live.editors.map((entry) => entry.user))];
    bar.replaceChildren(...(names.length ? [el("span", { class: "muted small" }, S().onMap), ...names.map((name) => el("span", { class: "peer", title: name }, name))] : []));
  }
  markCells();
}

/** Mark the cells others are in, and the cells with conflict notes. */
function markCells() {
  for (const node of document.querySelectorAll(".peer-here")) { node.classList.remove("peer-here"); node.removeAttribute("data-peer"); }
  for (const entry of live.editors) {
    if (!entry.path) continue;
    for (const node of document.querySelectorAll(`[data-path="${CSS.escape(entry.path)}"]`)) {
      node.classList.add("peer-here");
      node.setAttribute("data-peer", entry.user);
      node.title = format(S().peerHere, { user: entry.user });
    }
  }
  for (const node of document.querySelectorAll(".conflict-note")) node.remove();
  for (const note of live.notes) {
    const cell = document.querySelector(`[data-path="${CSS.escape(note.path)}"]`);
    const where = cell ? cell.parentElement : document.getElementById("conflicts");
    if (where) where.append(noteBox(note));
  }
}

function noteBox(note) {
  const kept = typeof note.kept === "string" ? note.kept : JSON.stringify(note.kept);
  const box = el("div", { class: "conflict-note", role: "note", "data-note": note.id },
    el("p", { class: "small" }, format(S().conflictNote, { author: note.author || "?", replacer: note.replaced_by || "?", path: note.path })),
    el("blockquote", { class: "kept" }, kept));
  if (editor.config.canEdit) {
    box.append(el("div", { class: "note-tools" },
      el("button", { type: "button", class: "secondary small", onclick: () => useKept(note) }, S().useKept),
      el("button", { type: "button", class: "secondary small", onclick: () => resolveNote(note) }, S().dismissNote)));
  }
  return box;
}

async function loadNotes() {
  const answer = await api("GET", mapUrl("/conflicts"));
  if (answer.ok) { live.notes = answer.data.conflicts; markCells(); }
}

function useKept(note) {
  const doc = editor.state.doc;
  try { O.apply(doc, { op: "set", path: note.path.split("/").map((part) => (/^\d+$/.test(part) ? Number(part) : part)), value: note.kept }); } catch (error) { return; }
  capture({ now: true });
  redraw();
  resolveNote(note);
}

async function resolveNote(note) {
  await api("POST", mapUrl(`/conflicts/${note.id}/resolve`));
  live.notes = live.notes.filter((item) => item.id !== note.id);
  markCells();
}

/** What the editor's modules use of live editing; ``state`` is the page's copy of the map and its queues. */
const following = { start, capture, undo, redo, resync, markCells, state: live, pending, hold, keepingFocus };
export { following as live };
