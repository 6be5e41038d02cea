/* The editor's Share dialog: create a read-only link to the poster (label, password, expiry, comments), copy it, list and revoke links. */
import { api, el, format, errorMessage, confirmDialog } from "./app.js";
const S = JSON.parse(document.getElementById("share-strings").textContent);
const config = JSON.parse(document.getElementById("editor-config").textContent);
const base = `/api/maps/${encodeURIComponent(config.mapId)}`;
const $ = (id) => document.getElementById(id);

function status(text) { $("share-status").textContent = text; }

// Times come written by the server (Babel), as in comments and history: the browser's own Kazakh and Uzbek read "2026 M12 5".
function when(shown) { return shown || S.never; }

function row(link) {
  const label = link.label || S.noLabel;
  const revoke = link.state === "revoked" ? "" : el("button", {
    type: "button", class: "secondary small", "aria-label": format(S.revokeLabel, { label }),
    onclick: () => revokeLink(link, label),
  }, S.revoke);
  return el("tr", { "data-link": link.id, class: `share-${link.state}` },
    el("td", {}, label), el("td", {}, link.created_by || "—"), el("td", {}, when(link.shown.created_at)),
    el("td", {}, when(link.shown.expires_at)), el("td", {}, link.has_password ? S.yes : S.no),
    el("td", {}, when(link.shown.last_used_at)), el("td", { class: "share-state" }, S.states[link.state] || link.state), el("td", {}, revoke));
}

async function refresh() {
  const answer = await api("GET", `${base}/shares`);
  if (!answer.ok) return status(errorMessage(answer));
  const links = answer.data.links;
  $("share-list").replaceChildren(...(links.length ? links.map(row) : [el("tr", {}, el("td", { colspan: 8, class: "muted" }, S.noLinks))]));
}

async function revokeLink(link, label) {
  if (!(await confirmDialog(format(S.confirmRevoke, { label })))) return;
  const answer = await api("DELETE", `${base}/shares/${link.id}`);
  status(answer.ok ? S.revoked : errorMessage(answer));
  refresh();
}

function request(form) {
  const body = { label: form.label.value.trim(), show_comments: form.show_comments.checked };
  if (form.password.value) body.password = form.password.value;
  if (form.expires.value) body.expires_at = new Date(form.expires.value).toISOString();
  else if (form.days.value) body.expires_in_days = Number(form.days.value);
  return body;
}

async function create(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const answer = await api("POST", `${base}/share`, request(form));
  if (!answer.ok) return status(errorMessage(answer));
  $("share-url").value = `${window.location.origin}${answer.data.url}`;
  $("share-made").hidden = false;
  form.reset();
  status(S.created);
  $("share-url").focus();
  $("share-url").select();
  refresh();
}

async function copy() {
  const input = $("share-url");
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
  } catch (error) {
    document.execCommand("copy");
  }
  status(S.copied);
}

function open() {
  $("share-made").hidden = true;
  $("share-url").value = "";
  status("");
  $("share-dialog").showModal();
  refresh();
}

document.addEventListener("DOMContentLoaded", () => {
  $("share").addEventListener("click", open);
  $("share-form").addEventListener("submit", create);
  $("share-copy").addEventListener("click", copy);
  $("share-expires").addEventListener("input", (event) => { $("share-days").disabled = Boolean(event.target.value); });
});
