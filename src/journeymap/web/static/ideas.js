/* Ideas: an editor adds an idea (an opportunity with its scores) and the ranked table is redrawn as the server ranks it;
   below the grid every idea is edited whole: its steps, the insights behind it, its scores, status and owner. */
import { api, format, el, errorMessage } from "./app.js";
import { editor } from "./editor.js";
import { live } from "./live.js";
import * as panels from "./panels.js";
let stale = false;

/** Offer the map's steps, as they are now, for the idea's step. */
function offerSteps() {
  const select = document.getElementById("idea-step");
  const chosen = select.value;
  select.replaceChildren(select.options[0], ...editor.steps().map(({ step }) => el("option", { value: step.id, selected: step.id === chosen }, step.name)));
}

function add(event) {
  event.preventDefault();
  const form = event.target;
  const fields = new FormData(form);
  const doc = editor.state.doc;
  const ideas = (doc.opportunities = doc.opportunities || []);
  const title = String(fields.get("title")).trim();
  if (!title) return;
  const idea = { id: editor.freeId("idea", new Set(ideas.map((item) => item.id))), title, status: fields.get("status") };
  if (fields.get("step")) idea.steps = [fields.get("step")];
  for (const score of editor.config.ideas.scores) {
    if (fields.get(score.key)) idea[score.key] = Number(fields.get(score.key));
  }
  ideas.push(idea);
  stale = true;
  editor.changed({ now: true });
  panels.redraw();
  form.reset();
  document.getElementById("idea-result").textContent = format(editor.config.ideas.added, { title });
  document.getElementById("idea-title").focus();
}

/** Draw the ranked table as the server ranks and words it (GET /api/maps/{id}/ideas). */
async function redraw() {
  stale = false;
  const answer = await api("GET", `/api/maps/${encodeURIComponent(editor.config.mapId)}/ideas`);
  if (!answer.ok) {
    document.getElementById("idea-result").textContent = errorMessage(answer);
    return;
  }
  const numeric = new Set(["rank", "score"]);
  const keys = answer.data.columns.map((column) => column.key);
  document.getElementById("idea-rows").replaceChildren(...answer.data.rows.map((row) => el("tr", {}, row.map((cell, index) => el("td", { class: numeric.has(keys[index]) ? "num" : null }, cell)))));
  document.querySelector("table.ideas").hidden = !answer.data.rows.length;
}

/* ---------- the idea list below the grid ---------- */

function ideaCard(idea) {
  const { field, choice, words } = panels;
  const S = words();
  const I = editor.config.ideas;
  const base = `opportunities/${idea.id}`;
  const after = () => { stale = true; };
  const number = (spec) => field({ path: `${base}/${spec.key}`, label: spec.title, kind: "number", after,
    attrs: { min: spec.min, max: spec.max, step: spec.step === undefined ? 1 : spec.step } });
  const insights = (editor.state.doc.insights || []).map((insight) => ({ key: insight.id, title: insight.text }));
  return el("fieldset", { class: "panel-item", "data-idea": idea.id }, el("legend", {}, idea.title),
    el("div", { class: "panel-grid" },
      field({ path: `${base}/title`, label: S.title, attrs: { required: true, maxlength: 500 }, after }),
      field({ path: `${base}/description`, label: S.ideaDescription, kind: "textarea" }),
      choice({ path: `${base}/steps`, label: S.steps, options: panels.stepOptions() }),
      choice({ path: `${base}/insights`, label: S.fromInsights, options: insights }),
      field({ path: `${base}/status`, label: S.status, kind: "select", options: I.statuses, value: idea.status || "idea", after }),
      field({ path: `${base}/owner`, label: S.ideaOwner })),
    el("fieldset", { class: "panel-grid idea-numbers" }, el("legend", {}, S.manufactura),
      I.scores.map((score) => number({ key: score.key, title: score.title, min: 1, max: 5 }))),
    el("fieldset", { class: "panel-grid idea-numbers" }, el("legend", {}, "RICE · ICE"), I.measures.map(number)),
    editor.config.canEdit ? panels.button(`remove:${base}`, S.removeIdea, () => removeIdea(idea), { class: "secondary small danger" }) : null);
}

async function removeIdea(idea) {
  if (!(await panels.confirmRemoval(idea.title))) return;
  stale = true;
  panels.structure((doc) => { doc.opportunities = doc.opportunities.filter((item) => item !== idea); }, "add-idea-below");
}

function addBelow() {
  const doc = editor.state.doc;
  const id = editor.freeId("idea", new Set((doc.opportunities || []).map((item) => item.id)));
  stale = true;
  panels.structure((live) => { live.opportunities = (live.opportunities || []).concat([{ id, title: editor.config.ideas.newIdea }]); }, `panel:opportunities/${id}/title`);
}

panels.register("idea-list", () => {
  const all = editor.state.doc.opportunities || [];
  const S = panels.words();
  return [all.length ? all.map(ideaCard) : el("p", { class: "muted" }, S.noOpportunities),
    editor.config.canEdit ? panels.button("add-idea-below", `+ ${editor.config.ideas.newIdea}`, addBelow) : null];
});

document.addEventListener("journeymap:loaded", () => {
  const form = document.getElementById("idea-form");
  if (!form) return;
  offerSteps();
  form.addEventListener("submit", add);
});
document.addEventListener("journeymap:saved", () => {
  if (!document.getElementById("idea-form")) return;
  offerSteps();
  if (stale && !live.pending()) redraw();
});
document.addEventListener("journeymap:refreshed", () => {
  if (document.getElementById("idea-form")) redraw();
});
