/* The map editor: the grid of stages, steps and lanes, autosaved through the API with If-Match. */
"use strict";
(function () {
  const { api, format, el, errorMessage, confirmDialog } = window.journeymap;
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const S = config.strings;
  const state = { doc: null, version: null };
  let labels = [];
  const editor = { config, state, S, changed, render, steps, stepName, refresh, cells, freeId, named, extraRows: [] };
  window.journeymap.editor = editor;

  /* ---------- the document ---------- */

  function steps() {
    return (state.doc.stages || []).flatMap((stage) => (stage.steps || []).map((step) => ({ stage, step })));
  }

  function stepName(stepId) {
    const found = steps().find(({ step }) => step.id === stepId);
    return found ? found.step.name : stepId;
  }

  function freeId(prefix, taken) {
    let number = taken.size + 1;
    while (taken.has(`${prefix}-${number}`)) number += 1;
    return `${prefix}-${number}`;
  }

  function cardText(value) {
    return typeof value === "string" ? value : (value && (value.name || value.text)) || "";
  }

  /* ---------- saving: live operations (live.js) ---------- */

  /** Say that the person changed ``state.doc``: the change goes to the server as operations (see live.js). */
  function changed(options) {
    if (!config.canEdit) return;
    if (options && options.render) render(options.focus);
    window.journeymap.live.capture(options);
  }

  /* ---------- the grid ---------- */

  function render(focusKey) {
    const active = focusKey || (document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null);
    const grid = document.getElementById("grid");
    labels = [];
    if (!(state.doc.stages || []).length && !config.canEdit) {
      grid.replaceChildren(el("p", { class: "muted", text: S.emptyMap }));
      return;
    }
    const count = Math.max(1, steps().length) + (state.doc.stages || []).filter((stage) => !(stage.steps || []).length).length;
    const columns = el("colgroup", {}, el("col", { class: "lane-column" }), Array.from({ length: count }, () => el("col", { class: "step-column" })), config.canEdit ? el("col", { class: "add-column" }) : null);
    const table = el("table", { class: "grid" }, columns, gridHead(), gridBody());
    table.style.width = `${130 + count * 220 + (config.canEdit ? 140 : 0)}px`;
    grid.replaceChildren(table);
    if (editor.curve) editor.curve.draw();
    if (active) {
      const target = grid.querySelector(`[data-key="${CSS.escape(active)}"]`);
      if (target) target.focus();
      if (target && focusKey && target.select && target.tagName !== "BUTTON") target.select();
    }
  }

  function gridHead() {
    const stagesRow = el("tr", {}, el("th", { class: "corner", scope: "col" }, S.stage));
    for (const stage of state.doc.stages || []) {
      stagesRow.append(el("th", { scope: "colgroup", colspan: Math.max(1, (stage.steps || []).length), class: "stage" }, stageHeader(stage)));
    }
    if (config.canEdit) {
      stagesRow.append(el("th", { class: "add-column", rowspan: 2 }, el("button", { type: "button", class: "secondary small", "data-key": "add-stage", onclick: addStage }, `+ ${S.addStage}`)));
    }
    const stepsRow = el("tr", {}, el("th", { class: "corner", scope: "col" }, S.step));
    for (const stage of state.doc.stages || []) {
      if (!(stage.steps || []).length) stepsRow.append(el("th", { class: "step empty" }, addStepButton(stage)));
      (stage.steps || []).forEach((step, index) => stepsRow.append(stepHeader(stage, step, index)));
    }
    return el("thead", {}, stagesRow, stepsRow);
  }

  function stageHeader(stage) {
    if (!config.canEdit) return el("span", { class: "stage-name" }, stage.name);
    const move = (delta) => () => moveStage(stage, delta);
    return el("div", { class: "stage-head" },
      el("input", { class: "stage-name", value: stage.name, "aria-label": S.stageName, "data-key": `stage:${stage.id}:name`,
        oninput: (event) => rename(stage, event.target.value),
        onkeydown: (event) => arrows(event, move(-1), move(1)) }),
      named(el("button", { type: "button", class: "icon", title: S.moveLeft, onclick: move(-1) }, "←"), () => `${S.moveLeft}: ${stage.name}`),
      named(el("button", { type: "button", class: "icon", title: S.moveRight, onclick: move(1) }, "→"), () => `${S.moveRight}: ${stage.name}`),
      addStepButton(stage),
      named(el("button", { type: "button", class: "icon danger", title: S.removeStage, onclick: () => removeStage(stage) }, "×"), () => `${S.removeStage}: ${stage.name}`));
  }

  function addStepButton(stage) {
    if (!config.canEdit) return null;
    return named(el("button", { type: "button", class: "icon", title: S.addStep, "data-key": `add-step:${stage.id}`, onclick: () => addStep(stage) }, "+"), () => `${S.addStep}: ${stage.name}`);
  }

  function stepHeader(stage, step, index) {
    const cell = el("th", { scope: "col", class: `step${step.critical ? " critical" : ""}`, "data-step": step.id });
    if (!config.canEdit) {
      cell.append(el("span", { class: "step-name" }, step.name));
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
      el("textarea", { class: "step-name", rows: 2, "aria-label": S.stepName, "aria-describedby": "drag-hint", "data-key": `step:${step.id}:name`,
        oninput: (event) => rename(step, event.target.value.replace(/\n/g, " ")),
        onkeydown: (event) => { if (event.key === "Enter") event.preventDefault(); arrows(event, move(-1), move(1)); } }, step.name)),
    el("div", { class: "step-tools" },
      named(el("button", { type: "button", class: "icon", title: S.moveLeft, onclick: move(-1) }, "←"), () => `${S.moveLeft}: ${step.name}`),
      named(el("button", { type: "button", class: "icon", title: S.moveRight, onclick: move(1) }, "→"), () => `${S.moveRight}: ${step.name}`),
      named(el("button", { type: "button", class: "icon danger", title: S.removeStep, onclick: () => removeStep(stage, step) }, "×"), () => `${S.removeStep}: ${step.name}`)));
    return cell;
  }

  function gridBody() {
    const body = el("tbody");
    const all = steps();
    body.append(el("tr", { class: "emotion-row" }, el("th", { scope: "row" }, S.emotion), el("td", { colspan: Math.max(1, all.length), class: "curve-cell", id: "curve-cell" })));
    if (Object.keys(config.metrics).length) {
      const row = el("tr", { class: "metrics-row" }, el("th", { scope: "row" }, config.metricsTitle));
      for (const { step } of all) row.append(metricsCell(config.metrics[step.id] || []));
      body.append(row);
    }
    for (const extra of editor.extraRows) {
      const row = extra(all);
      if (row) body.append(row);
    }
    for (const lane of config.lanes) {
      const row = el("tr", { class: `lane lane-${lane.key}` }, el("th", { scope: "row" }, lane.title));
      for (const { step } of all) row.append(laneCell(step, builtinLane(lane)));
      body.append(row);
    }
    for (const lane of state.doc.lanes || []) {
      const row = el("tr", { class: "lane lane-custom" }, customLaneHeader(lane));
      for (const { step } of all) row.append(laneCell(step, customLane(lane)));
      body.append(row);
    }
    if (config.canEdit) {
      body.append(el("tr", {}, el("th", { scope: "row" }, el("button", { type: "button", class: "secondary small", "data-key": "add-lane", onclick: addLane }, `+ ${S.addLane}`)), el("td", { colspan: Math.max(1, all.length) })));
    }
    const marks = el("tr", { class: "marks" }, el("th", { scope: "row" }, S.marks));
    for (const { step } of all) marks.append(marksCell(step));
    body.append(marks);
    return body;
  }

  /** A built-in lane: its cards are a list field of the step. */
  function builtinLane(lane) {
    return { key: lane.key, title: () => lane.title, get: (step) => step[lane.key] || [], set: (step, cards) => { step[lane.key] = cards; } };
  }

  /** A lane the team added: its cards are kept in each step's ``custom`` under the lane's id. */
  function customLane(lane) {
    const get = (step) => {
      const value = (step.custom || {})[lane.id];
      return Array.isArray(value) ? value : value === null || value === undefined || value === "" ? [] : [String(value)];
    };
    return { key: `custom-${lane.id}`, title: () => lane.title, get, set: (step, cards) => { step.custom = Object.assign(step.custom || {}, { [lane.id]: cards }); } };
  }

  function laneCell(step, lane) {
    const values = lane.get(step);
    const cell = el("td", { "data-lane": lane.key, "data-step": step.id });
    values.forEach((value, index) => {
      const label = () => format(S.card, { lane: lane.title(), step: step.name, number: index + 1 });
      const talk = config.canComment && window.journeymap.commentOn
        ? named(el("button", { type: "button", class: "icon", title: S.commentCard, onclick: () => window.journeymap.commentOn(step.id, lane.key, index, label()) }, "💬"), () => `${S.commentCard}: ${label()}`)
        : null;
      if (!config.canEdit) {
        cell.append(el("div", { class: "card" }, el("p", { class: "card" }, cardText(value)), talk));
        return;
      }
      const edit = (text) => { const cards = lane.get(step); cards[index] = withText(cards[index], text); lane.set(step, cards); changed(); };
      const remove = () => { lane.set(step, lane.get(step).filter((_card, at) => at !== index)); changed({ render: true, now: true, focus: `add:${step.id}:${lane.key}` }); };
      cell.append(el("div", { class: "card editable" },
        named(el("textarea", { rows: rows(cardText(value)), "data-key": `card:${step.id}:${lane.key}:${index}`, oninput: (event) => edit(event.target.value) }, cardText(value)), label),
        el("div", { class: "card-tools" }, named(el("button", { type: "button", class: "icon danger", title: S.removeCard, onclick: remove }, "×"), () => `${S.removeCard}: ${label()}`), talk)));
      if (lane.key === "touchpoints") cell.append(channelPicker(step, index, label));
    });
    if (config.canEdit) {
      const add = () => { const cards = lane.get(step).concat([""]); lane.set(step, cards); changed({ render: true, focus: `card:${step.id}:${lane.key}:${cards.length - 1}` }); };
      cell.append(named(el("button", { type: "button", class: "add-card", "data-key": `add:${step.id}:${lane.key}`, onclick: add }, "+"), () => `${S.addCard}: ${lane.title()}, ${step.name}`));
    }
    return cell;
  }

  /** Return a card with new text: a text card is replaced, an object card (a touchpoint) keeps its other fields. */
  function withText(value, text) {
    if (!value || typeof value !== "object") return text;
    value[value.text !== undefined && value.name === undefined ? "text" : "name"] = text;
    return value;
  }

  /** The header of a custom lane: its name, moving it up or down, removing it. */
  function customLaneHeader(lane) {
    if (!config.canEdit) return el("th", { scope: "row" }, lane.title);
    const move = (delta) => () => moveLane(lane, delta);
    return el("th", { scope: "row", class: "custom-lane" },
      el("input", { class: "lane-name", value: lane.title, "aria-label": S.laneName, "data-key": `lane:${lane.id}:name`, oninput: (event) => rename(lane, event.target.value, "title") }),
      el("div", { class: "step-tools" },
        named(el("button", { type: "button", class: "icon", title: S.moveUp, onclick: move(-1) }, "↑"), () => `${S.moveUp}: ${lane.title}`),
        named(el("button", { type: "button", class: "icon", title: S.moveDown, onclick: move(1) }, "↓"), () => `${S.moveDown}: ${lane.title}`),
        named(el("button", { type: "button", class: "icon danger", title: S.removeLane, onclick: () => removeLane(lane) }, "×"), () => `${S.removeLane}: ${lane.title}`)));
  }

  /** A select that sets the channel of touchpoint card ``index`` (a card with a channel is an object). */
  function channelPicker(step, index, label) {
    const values = step.touchpoints;
    const current = typeof values[index] === "object" && values[index] ? values[index].channel || "" : "";
    const select = named(el("select", { class: "channel", onchange: (event) => {
      const value = step.touchpoints[index];
      step.touchpoints[index] = Object.assign(typeof value === "object" && value ? value : { name: value }, { channel: event.target.value });
      changed();
    } }, el("option", { value: "" }, S.noChannel), config.channels.map((channel) => el("option", { value: channel.key, selected: channel.key === current }, channel.title))), () => `${S.channel}: ${label()}`);
    if (current && !config.channels.some((channel) => channel.key === current)) select.append(el("option", { value: current, selected: true }, current));
    return select;
  }

  function rows(text) {
    return Math.min(8, Math.max(2, Math.ceil(text.length / 24)));
  }

  function metricsCell(metrics) {
    return el("td", { class: "metrics-cell" }, el("dl", {}, metrics.flatMap((metric) => [
      el("dt", {}, metric.label),
      el("dd", { class: metric.measured ? "measured" : "" }, metric.text,
        metric.measured ? el("span", { class: "source" }, `${S.measured}${metric.source ? ` · ${metric.source}` : ""}`) : null),
    ])));
  }

  function marksCell(step) {
    const cell = el("td", { class: "marks-cell" });
    const box = (label, checked, onchange, key) => el("label", { class: "check" },
      el("input", { type: "checkbox", checked: !!checked, disabled: !config.canEdit, "data-key": key, onchange }), label);
    cell.append(box(S.critical, step.critical, (event) => { step.critical = event.target.checked; changed({ render: true, now: true }); }, `critical:${step.id}`));
    cell.append(box(S.keyMoment, step.key_moment, (event) => { step.key_moment = event.target.checked; changed(); }, `key:${step.id}`));
    const moments = el("fieldset", { class: "moments" }, el("legend", {}, S.momentsOfTruth));
    for (const moment of config.moments) {
      const chosen = (step.moments_of_truth || []).includes(moment.key);
      moments.append(box(moment.title, chosen, (event) => {
        const others = (step.moments_of_truth || []).filter((key) => key !== moment.key);
        step.moments_of_truth = event.target.checked ? others.concat([moment.key]) : others;
        changed();
      }, `mot:${step.id}:${moment.key}`));
    }
    cell.append(moments);
    return cell;
  }

  /** Give ``node`` the accessible name ``make()`` and renew it when a step or stage is renamed. */
  function named(node, make) {
    node.setAttribute("aria-label", make());
    labels.push({ node, make });
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
    return window.journeymap.live.resync();
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
    window.journeymap.live.start(answer.data);
    document.dispatchEvent(new CustomEvent("journeymap:loaded"));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.body.append(el("p", { id: "drag-hint", class: "visually-hidden" }, S.dragHint));
    load();
  });
})();
