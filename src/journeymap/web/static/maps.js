/* The map list: create from a template, import a file, duplicate as a future-state map. */
import { api, errorMessage } from "./app.js";
const status = () => document.getElementById("list-status");

function fail(answer) {
  const box = status();
  box.textContent = errorMessage(answer);
  box.hidden = false;
}

async function fromTemplate(event) {
  event.preventDefault();
  const form = event.target;
  const body = { template: form.template.value };
  if (form.title.value.trim()) body.title = form.title.value.trim();
  body.language = document.documentElement.lang;
  const answer = await api("POST", `/api/workspaces/${form.workspace.value}/maps/from-template`, body);
  if (answer.ok) window.location.assign(`/maps/${encodeURIComponent(answer.data.id)}`);
  else fail(answer);
}

async function importFile(event) {
  event.preventDefault();
  const form = event.target;
  const file = form.file.files[0];
  if (!file) return;
  const text = await file.text();
  const workspace = form.workspace.value;
  let answer;
  if (/\.(mmd|mermaid)$/i.test(file.name)) {
    const converted = await api("POST", "/api/convert/mermaid", { text });
    if (!converted.ok) return fail(converted);
    answer = await api("POST", `/api/workspaces/${workspace}/maps`, converted.data.journey);
  } else {
    const type = /\.json$/i.test(file.name) ? "application/json" : "application/yaml";
    answer = await api("POST", `/api/workspaces/${workspace}/maps/import`, text, { "Content-Type": type });
  }
  if (answer.ok) window.location.assign(`/maps/${encodeURIComponent(answer.data.id)}`);
  else fail(answer);
}

async function duplicate(event) {
  const button = event.currentTarget;
  const source = await api("GET", `/api/maps/${encodeURIComponent(button.dataset.map)}`);
  if (!source.ok) return fail(source);
  const journey = Object.assign({}, source.data.journey, { state: "future" });
  journey.id = `${journey.id}-future`;
  const answer = await api("POST", `/api/workspaces/${button.dataset.workspace}/maps`, journey);
  if (answer.ok) window.location.assign(`/maps/${encodeURIComponent(answer.data.id)}`);
  else fail(answer);
}

document.addEventListener("DOMContentLoaded", () => {
  const template = document.getElementById("from-template");
  if (template) template.addEventListener("submit", fromTemplate);
  const upload = document.getElementById("import");
  if (upload) upload.addEventListener("submit", importFile);
  for (const button of document.querySelectorAll("button.duplicate")) button.addEventListener("click", duplicate);
});
