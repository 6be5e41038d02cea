/* Ideas: an editor adds an idea (an opportunity with its scores) and the ranked table is redrawn as the server ranks it. */
"use strict";
(function () {
  const { api, format, el, errorMessage } = window.journeymap;
  let stale = false;

  function editor() {
    return window.journeymap.editor;
  }

  /** Offer the map's steps, as they are now, for the idea's step. */
  function offerSteps() {
    const select = document.getElementById("idea-step");
    const chosen = select.value;
    select.replaceChildren(select.options[0], ...editor().steps().map(({ step }) => el("option", { value: step.id, selected: step.id === chosen }, step.name)));
  }

  function add(event) {
    event.preventDefault();
    const form = event.target;
    const fields = new FormData(form);
    const doc = editor().state.doc;
    const ideas = (doc.opportunities = doc.opportunities || []);
    const title = String(fields.get("title")).trim();
    if (!title) return;
    const idea = { id: editor().freeId("idea", new Set(ideas.map((item) => item.id))), title, status: fields.get("status") };
    if (fields.get("step")) idea.steps = [fields.get("step")];
    for (const score of editor().config.ideas.scores) {
      if (fields.get(score.key)) idea[score.key] = Number(fields.get(score.key));
    }
    ideas.push(idea);
    stale = true;
    editor().changed({ now: true });
    form.reset();
    document.getElementById("idea-result").textContent = format(editor().config.ideas.added, { title });
    document.getElementById("idea-title").focus();
  }

  /** Draw the ranked table as the server ranks and words it (GET /api/maps/{id}/ideas). */
  async function redraw() {
    stale = false;
    const answer = await api("GET", `/api/maps/${encodeURIComponent(editor().config.mapId)}/ideas`);
    if (!answer.ok) {
      document.getElementById("idea-result").textContent = errorMessage(answer);
      return;
    }
    const numeric = new Set(["rank", "score"]);
    const keys = answer.data.columns.map((column) => column.key);
    document.getElementById("idea-rows").replaceChildren(...answer.data.rows.map((row) => el("tr", {}, row.map((cell, index) => el("td", { class: numeric.has(keys[index]) ? "num" : null }, cell)))));
    document.querySelector("table.ideas").hidden = !answer.data.rows.length;
  }

  document.addEventListener("journeymap:loaded", () => {
    const form = document.getElementById("idea-form");
    if (!form) return;
    offerSteps();
    form.addEventListener("submit", add);
  });
  document.addEventListener("journeymap:saved", () => {
    if (!document.getElementById("idea-form")) return;
    offerSteps();
    if (stale && !window.journeymap.live.pending()) redraw();
  });
  document.addEventListener("journeymap:refreshed", () => {
    if (document.getElementById("idea-form")) redraw();
  });
})();
