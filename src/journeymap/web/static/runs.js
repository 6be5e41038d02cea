/* The editor's analyses panel: upload a data file, run an analysis of the map, follow its progress. */
"use strict";
(function () {
  const { api, el, format, errorMessage } = window.journeymap;

  function panel() { return document.getElementById("runs"); }

  async function fill(editor) {
    const [analyses, sources] = await Promise.all([api("GET", "/api/analyses"), api("GET", `/api/workspaces/${editor.state.workspace}/sources`)]);
    const analysis = document.getElementById("run-analysis");
    analysis.replaceChildren(...(analyses.ok ? analyses.data.analyses : []).map((item) => el("option", { value: item.name, title: item.description }, item.name)));
    const source = document.getElementById("run-source");
    source.replaceChildren(el("option", { value: "" }, editor.S.noSource), ...(sources.ok ? sources.data.sources : []).map((item) => el("option", { value: item.id }, item.name)));
  }

  function show(run, editor) {
    const bar = document.getElementById("run-progress");
    bar.value = run.progress || 0;
    bar.hidden = false;
    const words = { queued: editor.S.queued, running: editor.S.running, done: editor.S.done, failed: editor.S.failed };
    document.getElementById("run-status").textContent = `${words[run.status] || run.status}${run.message ? ` · ${run.message}` : ""}`;
    const result = document.getElementById("run-result");
    result.hidden = run.status !== "done" || !run.result;
    if (!result.hidden) result.querySelector("pre").textContent = JSON.stringify(run.result, null, 2);
  }

  async function follow(id, editor) {
    const answer = await api("GET", `/api/runs/${id}`);
    if (!answer.ok) return (document.getElementById("run-status").textContent = errorMessage(answer));
    show(answer.data, editor);
    if (answer.data.status === "queued" || answer.data.status === "running") {
      window.setTimeout(() => follow(id, editor), 500);
    } else if (answer.data.status === "done") {
      editor.refresh();
    }
  }

  /** Wait until every change of the page is saved, so that the run reads the map as shown. */
  async function saved(editor) {
    editor.changed({ now: true });
    while (window.journeymap.live.pending()) await new Promise((resolve) => window.setTimeout(resolve, 100));
  }

  async function run(event, editor) {
    event.preventDefault();
    await saved(editor);
    const form = event.target;
    const body = { analysis: form.analysis.value };
    if (form.source.value) body.source = Number(form.source.value);
    const answer = await api("POST", `/api/maps/${encodeURIComponent(editor.config.mapId)}/runs`, body);
    if (!answer.ok) return (document.getElementById("run-status").textContent = errorMessage(answer));
    show(answer.data, editor);
    follow(answer.data.id, editor);
  }

  async function upload(event, editor) {
    const file = event.target.files[0];
    if (!file) return;
    const type = /\.parquet$/i.test(file.name) ? "application/vnd.apache.parquet" : /\.jsonl?$/i.test(file.name) ? "application/x-ndjson" : "text/csv";
    const status = document.getElementById("run-status");
    status.textContent = format(editor.S.uploading, { name: file.name });
    const answer = await api("POST", `/api/workspaces/${editor.state.workspace}/sources?name=${encodeURIComponent(file.name)}`, file, { "Content-Type": type });
    await fill(editor);
    if (answer.ok) {
      const source = document.getElementById("run-source");
      source.value = String(answer.data.id);
      source.dispatchEvent(new Event("change"));
    }
    status.textContent = answer.ok ? format(editor.S.uploaded, { name: file.name }) : errorMessage(answer);
  }

  document.addEventListener("journeymap:loaded", () => {
    const { editor } = window.journeymap;
    if (!panel() || !editor.config.canEdit) return;
    fill(editor);
    document.getElementById("run-form").addEventListener("submit", (event) => run(event, editor));
    document.getElementById("run-upload").addEventListener("change", (event) => upload(event, editor));
  }, { once: true });
})();
