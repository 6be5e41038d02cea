/* The editor's analyses panel: upload a data file, choose an analysis and its options, follow its progress, see its table and chart. */
import { api, el, format, errorMessage, confirmDialog } from "./app.js";
import { editor } from "./editor.js";
import { live } from "./live.js";
const chosenColumns = new Map(); // source id -> {user_column: "...", ...}, chosen after a run said the file lacks one
let events = [];

function byId(id) { return document.getElementById(id); }
function panel() { return byId("runs"); }
function words() { return editor.config.runs; }

async function fill() {
  const sources = await api("GET", `/api/workspaces/${editor.state.workspace}/sources`);
  const source = byId("run-source");
  const keep = source.value;
  source.replaceChildren(el("option", { value: "" }, editor.S.noSource), ...(sources.ok ? sources.data.sources : []).map((item) => el("option", { value: item.id }, item.name)));
  source.value = keep;
  showDelete();
}

/** Offer to delete the chosen data file, only when one is chosen. */
function showDelete() {
  byId("run-source-delete").hidden = !byId("run-source").value;
}

/** Delete the chosen data file after the page's confirm dialog; the runs made with it keep their results. */
async function deleteSource() {
  const source = byId("run-source");
  const name = source.selectedOptions[0].textContent;
  if (!(await confirmDialog(format(editor.S.confirmDeleteSource, { name })))) return;
  const answer = await api("DELETE", `/api/workspaces/${editor.state.workspace}/sources/${encodeURIComponent(source.value)}`);
  source.value = "";
  await fill();
  byId("run-columns").hidden = true;
  byId("run-status").textContent = answer.ok ? format(editor.S.deletedSource, { name }) : errorMessage(answer);
}

/** Show the options of the chosen analysis and what it does. */
function choose() {
  const name = byId("run-analysis").value;
  const about = words().analyses.find((item) => item.name === name);
  byId("run-about").textContent = about ? about.about : "";
  for (const fieldset of panel().querySelectorAll(".run-options")) fieldset.hidden = fieldset.dataset.analysis !== name;
}

/** The query naming the chosen source's columns (as the events endpoint takes them). */
function columnQuery(id) {
  const chosen = chosenColumns.get(id) || {};
  const query = new URLSearchParams();
  for (const [param, key] of [["user_column", "user_id"], ["event_column", "event"], ["time_column", "timestamp"]]) if (chosen[param]) query.set(key, chosen[param]);
  return query.toString();
}

/** List the events of the chosen source, to pick steps and events from. */
async function loadEvents() {
  const id = byId("run-source").value;
  events = [];
  if (id) {
    const answer = await api("GET", `/api/workspaces/${editor.state.workspace}/sources/${encodeURIComponent(id)}/events?${columnQuery(id)}`);
    if (answer.ok) events = answer.data.events.map((item) => item.event);
  }
  for (const select of panel().querySelectorAll("select.run-event")) eventOptions(select, select.value || select.dataset.value);
  for (const select of panel().querySelectorAll(".run-step-list select")) eventOptions(select, select.value);
}

/** Fill a select with the log's events (and ``value``, kept even when the log lacks it). */
function eventOptions(select, value) {
  const names = events.includes(value) || !value ? events : [value, ...events];
  select.replaceChildren(...names.map((name) => el("option", { value: name }, name)));
  if (value) select.value = value;
}

function addStep(list, value) {
  const number = list.children.length + 1;
  const select = el("select", { "aria-label": format(words().stepLabel, { number }) });
  eventOptions(select, value);
  const remove = el("button", { type: "button", class: "secondary small", "aria-label": `${editor.S.removeStep} ${number}`, onclick: () => { item.remove(); } }, "×");
  const item = el("li", {}, select, remove);
  list.append(item);
  return select;
}

function setUpSteps() {
  for (const group of panel().querySelectorAll(".run-steps")) {
    const list = group.querySelector(".run-step-list");
    const bound = group.dataset.value ? group.dataset.value.split("\n") : [];
    for (const value of bound.length ? bound : ["", ""]) addStep(list, value);
    group.querySelector(".run-add-step").addEventListener("click", () => addStep(list, "").focus());
  }
}

/** The options of the chosen analysis as the run's parameters, with the columns chosen for the source. */
function params(source) {
  const fieldset = panel().querySelector(`.run-options[data-analysis="${CSS.escape(byId("run-analysis").value)}"]`);
  const found = Object.assign({}, chosenColumns.get(source) || {});
  if (!fieldset) return found;
  for (const input of fieldset.querySelectorAll("input[name], select[name]")) if (input.value !== "") found[input.name] = input.value;
  for (const group of fieldset.querySelectorAll(".run-steps")) {
    found[group.dataset.name] = [...group.querySelectorAll("select")].map((select) => select.value).filter(Boolean);
  }
  return found;
}

/** Offer the file's columns when a run says it lacks one: the person picks the column, then runs again. */
function offerColumns(run, source) {
  const box = byId("run-columns");
  const details = run.status === "failed" && run.result && run.result.missing ? run.result : null;
  box.hidden = !details;
  if (!details) return;
  byId("run-columns-note").textContent = run.message;
  for (const select of box.querySelectorAll("select[data-column]")) {
    const missing = select.dataset.column === details.missing;
    select.hidden = !missing;
    box.querySelector(`label[for="${select.id}"]`).hidden = !missing;
    if (!missing) continue;
    select.replaceChildren(...details.columns.map((name) => el("option", { value: name }, name)));
    select.value = details.guess || details.columns[0];
    const choose = () => chosenColumns.set(source, Object.assign({}, chosenColumns.get(source) || {}, details.chosen || {}, { [details.missing]: select.value }));
    select.onchange = () => { choose(); loadEvents(); };
    choose();
    select.focus();
  }
}

function showTable(table) {
  const view = panel().querySelector(".run-table");
  view.querySelector("caption").textContent = table.title || "";
  view.querySelector("thead").replaceChildren(el("tr", {}, table.columns.map((column) => el("th", { scope: "col", class: column.numeric ? "num" : null }, column.title))));
  view.querySelector("tbody").replaceChildren(...table.rows.map((row) => el("tr", {}, row.map((cell, index) => el("td", { class: table.columns[index].numeric ? "num" : null }, cell)))));
  view.hidden = !table.columns.length;
}

function showChart(run) {
  const frame = byId("run-chart");
  const link = byId("run-chart-open");
  const count = (run.result.charts || []).length;
  frame.hidden = link.hidden = !count;
  if (!count) return frame.removeAttribute("src");
  const url = `/runs/${encodeURIComponent(run.id)}/chart`;
  frame.style.height = `${count * 430}px`;
  frame.src = url;
  link.href = url;
}

function show(run) {
  const bar = byId("run-progress");
  bar.value = run.progress || 0;
  bar.hidden = false;
  const names = { queued: editor.S.queued, running: editor.S.running, done: editor.S.done, failed: editor.S.failed };
  byId("run-status").textContent = `${names[run.status] || run.status}${run.message ? ` · ${run.message}` : ""}`;
  const result = byId("run-result");
  result.hidden = run.status !== "done" || !run.result || !run.result.table;
  if (result.hidden) return;
  showTable(run.result.table);
  showChart(run);
}

async function follow(id, source) {
  const answer = await api("GET", `/api/runs/${id}`);
  if (!answer.ok) return (byId("run-status").textContent = errorMessage(answer));
  show(answer.data);
  if (answer.data.status === "queued" || answer.data.status === "running") {
    window.setTimeout(() => follow(id, source), 400);
    return;
  }
  offerColumns(answer.data, source);
  if (answer.data.status === "done") editor.refresh();
}

/** Wait until every change of the page is saved, so that the run reads the map as shown. */
async function saved() {
  editor.changed({ now: true });
  while (live.pending()) await new Promise((resolve) => window.setTimeout(resolve, 100));
}

async function run(event) {
  event.preventDefault();
  await saved();
  const form = event.target;
  const source = form.source.value;
  const body = { analysis: form.analysis.value, params: params(source) };
  if (source) body.source = Number(source);
  byId("run-result").hidden = true;
  byId("run-columns").hidden = true;
  const answer = await api("POST", `/api/maps/${encodeURIComponent(editor.config.mapId)}/runs`, body);
  if (!answer.ok) return (byId("run-status").textContent = errorMessage(answer));
  show(answer.data);
  follow(answer.data.id, source);
}

async function upload(event) {
  const file = event.target.files[0];
  if (!file) return;
  const type = /\.parquet$/i.test(file.name) ? "application/vnd.apache.parquet" : /\.jsonl?$/i.test(file.name) ? "application/x-ndjson" : "text/csv";
  const status = byId("run-status");
  status.textContent = format(editor.S.uploading, { name: file.name });
  const answer = await api("POST", `/api/workspaces/${editor.state.workspace}/sources?name=${encodeURIComponent(file.name)}`, file, { "Content-Type": type });
  await fill();
  if (answer.ok) {
    const source = byId("run-source");
    source.value = String(answer.data.id);
    source.dispatchEvent(new Event("change"));
  }
  status.textContent = answer.ok ? format(editor.S.uploaded, { name: file.name }) : errorMessage(answer);
}

document.addEventListener("journeymap:loaded", () => {
  if (!panel() || !editor.config.canEdit) return;
  fill();
  setUpSteps();
  choose();
  byId("run-analysis").addEventListener("change", () => choose());
  byId("run-source").addEventListener("change", () => { byId("run-columns").hidden = true; showDelete(); loadEvents(); });
  byId("run-source-delete").addEventListener("click", () => deleteSource());
  byId("run-form").addEventListener("submit", (event) => run(event));
  byId("run-upload").addEventListener("change", (event) => upload(event));
}, { once: true });
