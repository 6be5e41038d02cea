/* The history page: the difference between two versions, and restoring an old one. */
"use strict";
(function () {
  const { api, el, format, errorMessage } = window.journeymap;
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const base = `/api/maps/${encodeURIComponent(config.mapId)}`;

  function show(text) {
    const box = document.getElementById("history-status");
    box.textContent = text;
    box.hidden = false;
  }

  function value(data) {
    if (data === null || data === undefined) return "—";
    return typeof data === "string" ? data : JSON.stringify(data);
  }

  async function compare(event) {
    if (event && event.submitter && event.submitter.dataset.page) return;
    if (event) event.preventDefault();
    const from = document.getElementById("from").value;
    const to = document.getElementById("to").value;
    const list = document.getElementById("diff");
    if (!from || !to) return;
    const answer = await api("GET", `${base}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    if (!answer.ok) return show(errorMessage(answer));
    const changes = answer.data.changes;
    if (!changes.length) return list.replaceChildren(el("li", { class: "muted" }, config.strings.noChanges));
    list.replaceChildren(...changes.map((change) => el("li", { class: `change change-${change.kind}` },
      el("code", {}, change.path), " ", el("span", { class: "badge" }, config.strings[change.kind] || change.kind),
      el("div", { class: "before" }, el("del", {}, value(change.before))),
      el("div", { class: "after" }, el("ins", {}, value(change.after))))));
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
    compare();
  });
})();
