/* The history page: the difference between two versions in words, naming a version, and restoring an old one. */
import { api, el, format, errorMessage } from "./app.js";
const config = JSON.parse(document.getElementById("editor-config").textContent);
const base = `/api/maps/${encodeURIComponent(config.mapId)}`;

function show(text) {
  const box = document.getElementById("history-status");
  box.textContent = text;
  box.hidden = false;
}

async function compare(event) {
  if (event && event.submitter && event.submitter.dataset.page) return;
  if (event) event.preventDefault();
  const from = document.getElementById("from").value;
  const to = document.getElementById("to").value;
  const list = document.getElementById("diff");
  if (!from || !to) return;
  const answer = await api("GET", `${base}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&language=${encodeURIComponent(document.documentElement.lang)}`);
  if (!answer.ok) return show(errorMessage(answer));
  const changes = answer.data.described;
  if (!changes.length) return list.replaceChildren(el("li", { class: "muted" }, config.strings.noChanges));
  list.replaceChildren(...changes.map((change) => el("li", { class: `change change-${change.kind}`, "data-part": change.part },
    el("span", { class: "badge" }, config.strings[change.kind] || change.kind), " ", el("span", { class: "text" }, change.text))));
}

async function rename(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const version = form.dataset.version;
  const name = form.elements.name.value.trim();
  const answer = await api("PUT", `${base}/revisions/${version}/name`, { name });
  if (!answer.ok) return show(errorMessage(answer));
  const table = document.getElementById("revisions");
  show(format(name ? table.dataset.named : table.dataset.unnamed, { version, name }));
}

async function restore(event) {
  const version = event.currentTarget.dataset.version;
  const current = await api("GET", base);
  if (!current.ok) return show(errorMessage(current));
  const answer = await api("POST", `${base}/revisions/${version}/restore`, undefined, { "If-Match": current.etag });
  if (!answer.ok) return show(errorMessage(answer));
  show(format(config.strings.restored, { version }));
  window.setTimeout(() => window.location.reload(), 800);
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("diff-form").addEventListener("submit", compare);
  for (const button of document.querySelectorAll("button.restore")) button.addEventListener("click", restore);
  for (const form of document.querySelectorAll("form.name-form")) form.addEventListener("submit", rename);
  compare();
});
