/* The map editor: the grid of stages, steps and lanes, autosaved through the API with If-Match.
   Every control carries data-key (focus comes back to it after a redraw) and data-path (the JSON value it edits). */
import { api, format, el, errorMessage, confirmDialog, iconButton } from "./app.js";
import { live } from "./live.js";
const config = JSON.parse(document.getElementById("editor-config").textContent);
const S = config.strings;
const state = { doc: null, version: null };
const STEP_WIDTH = 160;
let labels = [];
export const editor = {
  config, state, S, changed, render, steps, stepName, refresh, cells, freeId, named, columns, path, stepRow, laneRow, textBox, choice, check, removeCard,
  stepWidth: STEP_WIDTH, topRows: [], emotionRows: [], extraRows: [], laneRows: [], details: {}, afterRender: [], commentOn: null,
};

/* ---------- the document ---------- */

function steps() {
  return (state.doc.stages || []).flatMap((stage) => (stage.steps || []).map((step) => ({ stage, step })));
}

function stepName(stepId) {
  const found = steps().find(({ step }) => step.id === stepId);
  return found ? found.step.name : stepId;
}

/** The grid's columns in journey order: one per step, and one for each stage that has no step yet. */
function columns() {
  return (state.doc.stages || []).flatMap((stage) => ((stage.steps || []).length ? stage.steps.map((step) => ({ stage, step })) : [{ stage, step: null }]));
}

/** The data-path of a step's value: ``path(step, "emotion", "label")`` is ``steps/<id>/emotion/label``. */
function path(step, ...rest) {
  return ["steps", step.id, ...rest].join("/");
}

function freeId(prefix, taken) {
  let number = taken.size + 1;
  while (taken.has(`${prefix}-${number}`)) number += 1;
  return `${prefix}-${number}`;
}

function cardText(value, field) {
  if (typeof value === "string") return value;
  return (value && (field ? value[field] : value.name || value.text)) || "";
}

/* ---------- saving: live operations (live.js) ---------- */

/** Say that the person changed ``state.doc``: the change goes to the server as operations (see live.js). */
function changed(options) {
  if (!config.canEdit) return;
  if (options && options.render) render(options.focus);
  live.capture(options);
}

/* ---------- controls ---------- */

/** A text box (``lines``: a textarea) for a value of the map, or its text for those who cannot edit. */
function textBox({ key, path: at, label, value, set, lines, placeholder, css, maxlength }) {
  if (!config.canEdit) return value ? el("p", { class: `field-text ${css || ""}`, "data-path": at }, value) : null;
  const attrs = { class: css, "data-key": key, "data-path": at, placeholder, maxlength, oninput: (event) => { set(event.target.value); changed(); } };
  const node = lines ? el("textarea", Object.assign(attrs, { rows: lines }), value || "") : el("input", Object.assign(attrs, { value: value || "" }));
  return named(node, label);
}

/** A list of ``options`` ({key, title}) for a value of the map; a value outside the list is kept as an option of its own. */
function choice({ key, path: at, label, value, options, none, set, css }) {
  const current = value === null || value === undefined ? "" : String(value);
  if (!config.canEdit) {
    const found = options.find((option) => String(option.key) === current);
    return current ? el("span", { class: `field-text ${css || ""}`, "data-path": at }, found ? found.title : current) : null;
  }
  const select = el("select", { class: css, "data-key": key, "data-path": at, onchange: (event) => { set(event.target.value); changed(); } },
    none !== undefined ? el("option", { value: "" }, none) : null,
    options.map((option) => el("option", { value: option.key, selected: String(option.key) === current }, option.title)));
  if (current && !options.some((option) => String(option.key) === current)) select.append(el("option", { value: current, selected: true }, current));
  return named(select, label);
}

/**
 * A checkbox with its visible ``text`` for a yes/no value of the map. Where ``ask(checked)`` returns a question,
 * the box keeps its state until the question is confirmed, so a grid drawn again meanwhile shows the map as it is.
 */
function check({ key, path: at, text, label, checked, set, css, ask }) {
  const confirmFirst = async (event) => {
    const question = ask && ask(event.target.checked);
    if (!question) return;
    event.preventDefault();
    if (await confirmDialog(question)) set(!checked);
  };
  const box = el("input", { type: "checkbox", checked: !!checked, disabled: !config.canEdit, "data-key": key, "data-path": at, onclick: confirmFirst, onchange: (event) => set(event.target.checked) });
  if (label) named(box, label);
  return el("label", { class: `check ${css || ""}` }, box, text);
}

/* ---------- the grid ---------- */

/** Draw the grid again from ``state.doc``; the focused control (or ``focusKey``) gets the focus and its caret back. */
function render(focusKey) {
  const grid = document.getElementById("grid");
  const scroll = [grid.scrollLeft, grid.scrollTop];
  labels = [];
  if (!(state.doc.stages || []).length && !config.canEdit) {
    grid.replaceChildren(el("p", { class: "muted", text: S.emptyMap }));
    return;
  }
  live.keepingFocus(() => {
    const count = Math.max(1, columns().length);
    const widths = el("colgroup", {}, el("col", { class: "lane-column" }), Array.from({ length: count }, () => el("col", { class: "step-column" })), config.canEdit ? el("col", { class: "add-column" }) : null);
    const table = el("table", { class: "grid" }, widths, gridHead(), gridBody());
    table.style.width = `${130 + count * STEP_WIDTH + (config.canEdit ? 140 : 0)}px`;
    grid.replaceChildren(table);
    for (const after of editor.afterRender) after(table);
    if (editor.curve) editor.curve.draw();
    [grid.scrollLeft, grid.scrollTop] = scroll;
  }, { focusKey });
}

function gridHead() {
  const stagesRow = el("tr", { class: "stages-row" }, el("th", { class: "corner", scope: "col" }, S.stage));
  for (const stage of state.doc.stages || []) {
    stagesRow.append(el("th", { scope: "colgroup", colspan: Math.max(1, (stage.steps || []).length), class: "stage", "data-stage": stage.id }, stageHeader(stage)));
  }
  if (config.canEdit) {
    stagesRow.append(el("th", { class: "add-column", rowspan: 2 }, el("button", { type: "button", class: "secondary small", "data-key": "add-stage", onclick: addStage }, `+ ${S.addStage}`)));
  }
  const stepsRow = el("tr", { class: "steps-row" }, el("th", { class: "corner", scope: "col" }, S.step));
  for (const stage of state.doc.stages || []) {
    if (!(stage.steps || []).length) stepsRow.append(el("th", { class: "step empty", "data-stage": stage.id }, addStepButton(stage, `+ ${S.addStep}`)));
    (stage.steps || []).forEach((step, index) => stepsRow.append(stepHeader(stage, step, index)));
  }
  return el("thead", {}, stagesRow, stepsRow);
}

/** The stage's name (wrapped, never cut), its tools, and its owner when the map shows the service blueprint. */
function stageHeader(stage) {
  const owner = blueprintShown() || stage.owner
    ? textBox({ key: `stage:${stage.id}:owner`, path: `stages/${stage.id}/owner`, label: () => format(S.stageOwnerOf, { stage: stage.name }), value: stage.owner, placeholder: S.owner, css: "stage-owner", set: (text) => { stage.owner = text; } })
    : null;
  if (!config.canEdit) return el("div", { class: "stage-head" }, el("span", { class: "stage-name" }, stage.name), owner);
  const move = (delta) => () => moveStage(stage, delta);
  return el("div", { class: "stage-head" },
    el("textarea", { class: "stage-name", rows: 1, value: stage.name, "aria-label": S.stageName, "data-key": `stage:${stage.id}:name`, "data-path": `stages/${stage.id}/name`,
      oninput: (event) => rename(stage, event.target.value.replace(/\n/g, " ")),
      onkeydown: (event) => { if (event.key === "Enter") event.preventDefault(); arrows(event, move(-1), move(1)); } }, stage.name),
    el("div", { class: "stage-tools" },
      tool("←", S.moveLeft, () => stage.name, move(-1)),
      tool("→", S.moveRight, () => stage.name, move(1)),
      (stage.steps || []).length ? addStepButton(stage) : null,
      tool("×", S.removeStage, () => stage.name, () => removeStage(stage), { danger: true })),
    owner);
}

function addStepButton(stage, text) {
  if (!config.canEdit) return null;
  const key = `add-step:${stage.id}`;
  if (!text) return tool("+", S.addStep, () => stage.name, () => addStep(stage), { key });
  return named(el("button", { type: "button", class: "secondary small", title: S.addStep, "data-key": key, onclick: () => addStep(stage) }, text), () => `${S.addStep}: ${stage.name}`);
}

function stepHeader(stage, step, index) {
  const cell = el("th", { scope: "col", class: `step${step.critical ? " critical" : ""}`, "data-step": step.id });
  if (!config.canEdit) {
    cell.append(el("span", { class: "step-name" }, step.name), stepMarks(step));
    return cell;
  }
  const move = (delta) => () => moveStep(step, delta);
  cell.draggable = true;
  cell.title = S.dragHint;
  cell.addEventListener("dragstart", (event) => { event.dataTransfer.setData("text/plain", step.id); event.dataTransfer.effectAllowed = "move"; cell.classList.add("dragging"); });
  cell.addEventListener("dragend", () => cell.classList.remove("dragging"));
  cell.addEventListener("dragover", (event) => { event.preventDefault(); cell.classList.add("drop-target"); });
  cell.addEventListener("dragleave", () => cell.classList.remove("drop-target"));
  cell.addEventListener("drop", (event) => { event.preventDefault(); dropStep(event.dataTransfer.getData("text/plain"), stage, index); });
  cell.append(el("div", { class: "step-head" },
    el("span", { class: "grip", "aria-hidden": "true" }, "⋮⋮"),
    el("textarea", { class: "step-name", rows: 2, "aria-label": S.stepName, "aria-describedby": "drag-hint", "data-key": `step:${step.id}:name`, "data-path": path(step, "name"),
      oninput: (event) => rename(step, event.target.value.replace(/\n/g, " ")),
      onkeydown: (event) => { if (event.key === "Enter") event.preventDefault(); arrows(event, move(-1), move(1)); } }, step.name)),
  el("div", { class: "step-tools" },
    tool("←", S.moveLeft, () => step.name, move(-1)),
    tool("→", S.moveRight, () => step.name, move(1)),
    tool("×", S.removeStep, () => step.name, () => removeStep(stage, step), { danger: true })),
  stepMarks(step));
  return cell;
}

/** The step's marks beside its name: critical, key moment, moments of truth (for readers, the marks it has). */
function stepMarks(step) {
  const moments = config.moments;
  if (!config.canEdit) {
    const set = [step.critical ? S.critical : null, step.key_moment ? S.keyMoment : null]
      .concat(moments.filter((moment) => (step.moments_of_truth || []).includes(moment.key)).map((moment) => moment.title)).filter(Boolean);
    return set.length ? el("p", { class: "step-marks" }, set.map((text) => el("span", { class: "badge" }, text))) : null;
  }
  const label = (text) => () => `${text}: ${step.name}`;
  return el("div", { class: "step-marks" },
    check({ key: `critical:${step.id}`, path: path(step, "critical"), text: S.critical, label: label(S.critical), checked: step.critical, css: "chip mark-critical",
      set: (value) => { step.critical = value; changed({ render: true, now: true }); } }),
    check({ key: `key:${step.id}`, path: path(step, "key_moment"), text: S.keyMoment, label: label(S.keyMoment), checked: step.key_moment, css: "chip",
      set: (value) => { step.key_moment = value; changed(); } }),
    el("fieldset", { class: "moments" }, el("legend", { class: "visually-hidden" }, S.momentsOfTruth),
      moments.map((moment) => check({ key: `mot:${step.id}:${moment.key}`, path: path(step, "moments_of_truth"), text: moment.title,
        label: () => `${S.momentsOfTruth}, ${moment.title}: ${step.name}`, checked: (step.moments_of_truth || []).includes(moment.key), css: "chip",
        set: (value) => {
          const others = (step.moments_of_truth || []).filter((key) => key !== moment.key);
          step.moments_of_truth = value ? others.concat([moment.key]) : others;
          changed();
        } }))));
}

function blueprintShown() {
  return state.showBlueprint || state.doc.kind === "service_blueprint" || steps().some(({ step }) => step.blueprint);
}
editor.blueprintShown = blueprintShown;

function gridBody() {
  const body = el("tbody");
  const all = steps();
  const rows = [
    editor.topRows.map((make) => make(all)),
    el("tr", { class: "emotion-row" }, el("th", { scope: "row", class: "curve-head" }, el("span", {}, S.emotion), el("div", { id: "curve-axis", class: "curve-axis", "aria-hidden": "true" })),
      el("td", { class: "curve-cell", id: "curve-cell", "data-span": "" })),
    editor.emotionRows.map((make) => make(all)),
    Object.keys(config.metrics).length ? stepRow("metrics-row", el("th", { scope: "row" }, config.metricsTitle), all, (step) => metricsCell(config.metrics[step.id] || [])) : null,
    editor.extraRows.map((make) => make(all)),
    config.lanes.map((lane) => laneRow(all, builtinLane(lane), `lane lane-${lane.key}`, el("th", { scope: "row" }, lane.title))),
    editor.laneRows.map((make) => make(all)),
    (state.doc.lanes || []).map((lane) => laneRow(all, customLane(lane), "lane lane-custom", customLaneHeader(lane))),
    config.canEdit ? el("tr", { class: "add-row" }, el("th", { scope: "row" }, el("button", { type: "button", class: "secondary small", "data-key": "add-lane", onclick: addLane }, `+ ${S.addLane}`)),
      el("td", { "data-span": "" }, blueprintShown() ? null : el("button", { type: "button", class: "secondary small", "data-key": "show-blueprint", onclick: showBlueprint }, `+ ${S.showBlueprint}`))) : null,
  ];
  for (const row of rows.flat(2)) if (row) body.append(padded(row));
  return body;
}

/** A row with a cell per step made by ``cell(step)``. */
function stepRow(css, header, all, cell) {
  return el("tr", { class: css }, header, all.map(({ step }) => cell(step)));
}

/** Give ``row`` (a header, then a cell per step) an empty cell under each stage without steps; a spanning cell spans them all. */
function padded(row) {
  const all = columns();
  const span = row.querySelector("td[data-span]");
  if (span) {
    span.colSpan = Math.max(1, all.length);
    return row;
  }
  all.forEach((column, index) => { if (!column.step) row.insertBefore(el("td", { class: "no-step" }), row.children[index + 1] || null); });
  return row;
}

function showBlueprint() {
  state.showBlueprint = true;
  render(`add:${(steps()[0] || { step: { id: "" } }).step.id}:physical_evidence`);
}

/** A built-in lane: its cards are a list field of the step; an object card (a touchpoint) shows its ``text`` field. */
function builtinLane(lane) {
  const objects = lane.key === "communications";
  return {
    key: lane.key, title: () => lane.title, text: lane.text,
    get: (step) => step[lane.key] || [],
    set: (step, cards) => { step[lane.key] = cards; },
    path: (step, index) => path(step, lane.key, index, ...(lane.text && typeof (step[lane.key] || [])[index] === "object" ? [lane.text] : [])),
    blank: () => (objects ? { channel: "", message: "" } : ""),
  };
}

/** A lane the team added: its cards are kept in each step's ``custom`` under the lane's id. */
function customLane(lane) {
  const get = (step) => {
    const value = (step.custom || {})[lane.id];
    return Array.isArray(value) ? value : value === null || value === undefined || value === "" ? [] : [String(value)];
  };
  return {
    key: `custom-${lane.id}`, title: () => lane.title, get,
    set: (step, cards) => { step.custom = Object.assign(step.custom || {}, { [lane.id]: cards }); },
    path: (step, index) => path(step, "custom", lane.id, ...(Array.isArray((step.custom || {})[lane.id]) ? [index] : [])),
    blank: () => "",
  };
}

/** A row of cards: ``lane`` says where each step keeps them ({key, title, get, set, path, blank, text}). */
function laneRow(all, lane, css, header) {
  return stepRow(css, header, all, (step) => laneCell(step, lane));
}

function laneCell(step, lane) {
  const cell = el("td", { "data-lane": lane.key, "data-step": step.id });
  const details = editor.details[lane.key];
  lane.get(step).forEach((value, index) => {
    const label = () => format(S.card, { lane: lane.title(), step: step.name, number: index + 1 });
    const text = cardText(value, lane.text);
    const talk = config.canComment && editor.commentOn
      ? tool("💬", S.commentCard, label, () => editor.commentOn(step.id, lane.key, index, label()))
      : null;
    const more = details ? details(step, index, label) : null;
    if (!config.canEdit) {
      cell.append(el("div", { class: "card", "data-index": index }, el("div", { class: "card-body" }, el("p", { class: "card" }, text), more), talk));
      return;
    }
    const edit = (typedText) => { const cards = lane.get(step); cards[index] = withText(cards[index], typedText, lane.text); lane.set(step, cards); changed(); };
    cell.append(el("div", { class: "card editable", "data-index": index },
      el("div", { class: "card-body" },
        named(el("textarea", { rows: rows(text), "data-key": `card:${step.id}:${lane.key}:${index}`, "data-path": lane.path(step, index), oninput: (event) => edit(event.target.value) }, text), label),
        more),
      el("div", { class: "card-tools" }, tool("×", S.removeCard, label, () => removeCard(step, lane, index, text), { danger: true }), talk)));
  });
  if (config.canEdit) {
    const add = () => { const cards = lane.get(step).concat([lane.blank()]); lane.set(step, cards); changed({ render: true, focus: `card:${step.id}:${lane.key}:${cards.length - 1}` }); };
    cell.append(named(el("button", { type: "button", class: "add-card", "data-key": `add:${step.id}:${lane.key}`, onclick: add }, "+"), () => `${S.addCard}: ${lane.title()}, ${step.name}`));
  }
  return cell;
}

/** Remove card ``index`` of a step's lane, asking first when it holds anything. */
async function removeCard(step, lane, index, text) {
  const card = lane.get(step)[index];
  const filled = typeof card === "object" && card ? Object.values(card).some((value) => value !== "" && value !== null && value !== false) : !!text;
  if (filled && !(await confirmDialog(format(S.confirmRemove, { name: text || lane.title() })))) return;
  lane.set(step, lane.get(step).filter((_card, at) => at !== index));
  changed({ render: true, now: true, focus: `add:${step.id}:${lane.key}` });
}

/** Return a card with new text: a text card is replaced, an object card keeps its other fields. */
function withText(value, text, field) {
  if (!value || typeof value !== "object") return text;
  value[field || (value.text !== undefined && value.name === undefined ? "text" : "name")] = text;
  return value;
}

/** The header of a custom lane: its name, moving it up or down, removing it. */
function customLaneHeader(lane) {
  if (!config.canEdit) return el("th", { scope: "row" }, lane.title);
  const move = (delta) => () => moveLane(lane, delta);
  return el("th", { scope: "row", class: "custom-lane" },
    el("input", { class: "lane-name", value: lane.title, "aria-label": S.laneName, "data-key": `lane:${lane.id}:name`, "data-path": `lanes/${lane.id}/title`, oninput: (event) => rename(lane, event.target.value, "title") }),
    el("div", { class: "step-tools" },
      tool("↑", S.moveUp, () => lane.title, move(-1)),
      tool("↓", S.moveDown, () => lane.title, move(1)),
      tool("×", S.removeLane, () => lane.title, () => removeLane(lane), { danger: true })));
}

function rows(text) {
  return Math.min(8, Math.max(2, Math.ceil(text.length / 20)));
}

function metricsCell(metrics) {
  return el("td", { class: "metrics-cell" }, el("dl", {}, metrics.flatMap((metric) => [
    el("dt", {}, metric.label),
    el("dd", { class: metric.measured ? "measured" : "" }, metric.text,
      metric.measured ? el("span", { class: "source" }, `${S.measured}${metric.source ? ` · ${metric.source}` : ""}`) : null),
  ])));
}

/** An icon button (app.js iconButton) named ``title: subject()`` for screen readers, renamed with its subject. */
function tool(symbol, title, subject, onclick, options) {
  return named(iconButton(symbol, { title, onclick, ...options }), () => `${title}: ${subject()}`);
}

/** Give ``node`` the accessible name ``make()`` and renew it when a step or stage is renamed. */
function named(node, make) {
  const maker = typeof make === "function" ? make : () => make;
  node.setAttribute("aria-label", maker());
  labels.push({ node, make: maker });
  return node;
}

function rename(item, text, field) {
  item[field || "name"] = text || item[field || "name"];
  for (const { node, make } of labels) node.setAttribute("aria-label", make());
  changed();
}

/* ---------- structure ---------- */

function arrows(event, left, right) {
  if (!event.altKey) return;
  if (event.key === "ArrowLeft") { event.preventDefault(); left(); }
  if (event.key === "ArrowRight") { event.preventDefault(); right(); }
}

function addStage() {
  const stages = (state.doc.stages = state.doc.stages || []);
  const id = freeId("stage", new Set(stages.map((stage) => stage.id)));
  stages.push({ id, name: S.newStage, steps: [] });
  changed({ render: true, now: true, focus: `stage:${id}:name` });
}

function addLane() {
  const lanes = (state.doc.lanes = state.doc.lanes || []);
  const id = freeId("lane", new Set(lanes.map((lane) => lane.id)));
  lanes.push({ id, title: S.newLane, type: "list" });
  changed({ render: true, now: true, focus: `lane:${id}:name` });
}

function moveLane(lane, delta) {
  const lanes = state.doc.lanes;
  const index = lanes.indexOf(lane);
  if (index + delta < 0 || index + delta >= lanes.length) return;
  lanes.splice(index, 1);
  lanes.splice(index + delta, 0, lane);
  changed({ render: true, now: true, focus: `lane:${lane.id}:name` });
}

async function removeLane(lane) {
  if (!(await confirmDialog(format(S.confirmRemove, { name: lane.title })))) return;
  state.doc.lanes = state.doc.lanes.filter((item) => item !== lane);
  for (const { step } of steps()) if (step.custom) delete step.custom[lane.id];
  changed({ render: true, now: true, focus: "add-lane" });
}

function addStep(stage) {
  const id = freeId("step", new Set(steps().map(({ step }) => step.id)));
  (stage.steps = stage.steps || []).push({ id, name: S.newStep });
  changed({ render: true, now: true, focus: `step:${id}:name` });
}

async function removeStage(stage) {
  if (!(await confirmDialog(format(S.confirmRemove, { name: stage.name })))) return;
  state.doc.stages = state.doc.stages.filter((item) => item !== stage);
  changed({ render: true, now: true, focus: "add-stage" });
}

async function removeStep(stage, step) {
  if (!(await confirmDialog(format(S.confirmRemove, { name: step.name })))) return;
  stage.steps = stage.steps.filter((item) => item !== step);
  changed({ render: true, now: true, focus: `add-step:${stage.id}` });
}

function moveStage(stage, delta) {
  const stages = state.doc.stages;
  const index = stages.indexOf(stage);
  const target = index + delta;
  if (target < 0 || target >= stages.length) return;
  stages.splice(index, 1);
  stages.splice(target, 0, stage);
  changed({ render: true, now: true, focus: `stage:${stage.id}:name` });
}

/** Move a step one place left or right along the journey, across stage borders. */
function moveStep(step, delta) {
  const order = steps();
  const index = order.findIndex((item) => item.step === step);
  const target = order[index + delta];
  if (!target) return;
  const from = order[index].stage;
  from.steps.splice(from.steps.indexOf(step), 1);
  const at = target.stage.steps.indexOf(target.step);
  const after = target.stage === from ? delta > 0 : delta < 0;
  target.stage.steps.splice(after ? at + 1 : at, 0, step);
  changed({ render: true, now: true, focus: `step:${step.id}:name` });
}

/** Drop a dragged step before the step at ``index`` of ``stage``. */
function dropStep(stepId, stage, index) {
  const found = steps().find(({ step }) => step.id === stepId);
  if (!found) return;
  const before = stage.steps[index];
  if (before === found.step) return;
  found.stage.steps.splice(found.stage.steps.indexOf(found.step), 1);
  const at = before ? stage.steps.indexOf(before) : stage.steps.length;
  stage.steps.splice(at, 0, found.step);
  changed({ render: true, now: true, focus: `step:${stepId}:name` });
}

/** Take the map as the server has it now; changes arrive live, so this only catches up after a lost connection. */
function refresh() {
  return live.resync();
}

/** Take what the server writes for the grid under ``name`` (``metrics``, ``voices``) after an analysis, and draw it. */
async function cells(name) {
  const answer = await api("GET", `/api/maps/${encodeURIComponent(config.mapId)}/${name}`);
  if (!answer.ok) return;
  config[name] = answer.data[name];
  render();
}

/* ---------- start ---------- */

async function load() {
  const answer = await api("GET", config.source);
  if (!answer.ok) {
    document.getElementById("grid").replaceChildren(el("p", { class: "alert", role: "alert" }, errorMessage(answer)));
    return;
  }
  state.doc = answer.data.journey;
  state.version = answer.data.version;
  state.workspace = answer.data.workspace_id;
  render();
  live.start(answer.data);
  document.dispatchEvent(new CustomEvent("journeymap:loaded"));
}

document.addEventListener("DOMContentLoaded", () => {
  document.body.append(el("p", { id: "drag-hint", class: "visually-hidden" }, S.dragHint));
  load();
});
