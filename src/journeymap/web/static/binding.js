/* The editor's Event row: bind each step to an event picked from an uploaded log; fresh numbers after an analysis. */
import { api, el, format, plural, errorMessage } from "./app.js";
import { editor } from "./editor.js";
const S = editor.S;
const log = { id: "", name: "", events: [], message: "" };

/** The query naming the log's columns as the map's ``data.columns`` says. */
function columns() {
  const named = ((editor.state.doc && editor.state.doc.data) || {}).columns || {};
  const query = new URLSearchParams();
  for (const key of ["user_id", "event", "timestamp"]) if (named[key]) query.set(key, named[key]);
  return query.toString();
}

/** List the events of uploaded source ``id`` (none when empty), then draw the grid again. */
async function choose(id) {
  Object.assign(log, { id, name: "", events: [], message: "" });
  if (id) {
    const answer = await api("GET", `/api/workspaces/${editor.state.workspace}/sources/${encodeURIComponent(id)}/events?${columns()}`);
    if (answer.ok) Object.assign(log, { name: answer.data.name, events: answer.data.events });
    else log.message = errorMessage(answer);
  }
  editor.render();
}

function count(value) {
  return new Intl.NumberFormat(editor.config.language).format(value);
}

function bound(step) {
  const event = step.binding ? step.binding.event : null;
  return Array.isArray(event) ? event.join(", ") : event || "";
}

/** The row under Metrics: a list of the log's events per step (editors), or the bound events as text. */
function bindingRow(all) {
  if (!editor.config.canEdit && !all.some(({ step }) => step.binding)) return null;
  const note = log.message || (log.name ? format(S.eventsOf, { name: log.name }) : editor.config.canEdit ? S.pickSource : "");
  const row = el("tr", { class: "binding-row" }, el("th", { scope: "row" }, S.binding, note ? el("span", { class: `binding-note${log.message ? " problem" : ""}`, id: "binding-note" }, note) : null));
  for (const { step } of all) row.append(el("td", { class: "binding-cell", "data-step": step.id }, editor.config.canEdit ? picker(step) : bound(step)));
  return row;
}

function picker(step) {
  const current = step.binding ? step.binding.event : null;
  const several = Array.isArray(current);
  const select = editor.named(el("select", { class: "binding", "data-key": `binding:${step.id}`, "data-path": editor.path(step, "binding", "event"), "aria-describedby": "binding-note", onchange: (event) => bind(step, event.target.value) },
    el("option", { value: "" }, S.notBound),
    several ? el("option", { value: "*", selected: true }, current.join(", ")) : null,
    log.events.map((item) => el("option", { value: item.event, selected: item.event === current, title: plural(S.eventUsers, item.users, { count: count(item.users) }) }, `${item.event} · ${count(item.count)}`))), () => format(S.eventOf, { step: step.name }));
  if (current && !several && !log.events.some((item) => item.event === current)) select.append(el("option", { value: current, selected: true }, current));
  return select;
}

function bind(step, event) {
  if (event === "*") return;
  if (event) step.binding = Object.assign({ where: {} }, step.binding || {}, { event });
  else delete step.binding;
  editor.changed();
}

editor.extraRows.push(bindingRow);
document.addEventListener("journeymap:measured", () => editor.cells("metrics"));
document.addEventListener("journeymap:loaded", () => {
  const source = document.getElementById("run-source");
  if (source) source.addEventListener("change", () => choose(source.value));
}, { once: true });
