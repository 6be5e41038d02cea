/* The editor's side panel: comment threads on the map or a step, replies, resolving them. */
import { api, el, format, errorMessage } from "./app.js";
import { editor } from "./editor.js";
const names = new Map();

function base() {
  return `/api/maps/${encodeURIComponent(editor.config.mapId)}`;
}

async function loadNames(workspace) {
  const answer = await api("GET", `/api/workspaces/${workspace}/members`);
  if (answer.ok) for (const member of answer.data.members) names.set(member.id, member.username);
}

async function refresh() {
  const list = document.getElementById("comment-list");
  const answer = await api("GET", `${base()}/comments`);
  if (!answer.ok) {
    list.replaceChildren(el("li", { class: "alert" }, errorMessage(answer)));
    return;
  }
  const items = answer.data.comments;
  document.dispatchEvent(new CustomEvent("journeymap:comments", { detail: items }));
  if (!items.length) {
    list.replaceChildren(el("li", { class: "muted" }, editor.S.noComments));
    return;
  }
  const replies = new Map();
  for (const comment of items) if (comment.parent_id) replies.set(comment.parent_id, (replies.get(comment.parent_id) || []).concat([comment]));
  list.replaceChildren(...items.filter((comment) => !comment.parent_id).map((comment) => entry(comment, replies.get(comment.id) || [])));
}

function author(comment) {
  return names.get(comment.author_id) || "—";
}

/** A thread: its first comment, its replies nested under it, Reply and Resolve. */
function entry(comment, replies) {
  const lane = comment.lane ? (editor.config.lanes.find((item) => item.key === comment.lane) || { title: comment.lane }).title : null;
  const about = !comment.step_id ? editor.S.commentOnMap
    : lane ? format(editor.S.card, { lane, step: editor.stepName(comment.step_id), number: comment.card_index + 1 }) : editor.stepName(comment.step_id);
  const item = el("li", { class: `comment${comment.resolved ? " resolved" : ""}`, "data-comment": comment.id },
    el("p", { class: "meta" }, el("strong", {}, author(comment)), " · ", el("span", {}, about), " · ", el("time", { datetime: comment.created_at }, comment.shown_at)),
    el("p", { class: "body" }, comment.body));
  if (replies.length) {
    item.append(el("ol", { class: "replies", "aria-label": editor.S.replies }, replies.map((reply) => el("li", { class: "comment reply", "data-comment": reply.id },
      el("p", { class: "meta" }, el("strong", {}, author(reply)), " · ", el("time", { datetime: reply.created_at }, reply.shown_at)),
      el("p", { class: "body" }, reply.body)))));
  }
  if (editor.config.canComment) {
    item.append(el("div", { class: "comment-tools" },
      el("button", { type: "button", class: "secondary small", "aria-expanded": "false", "data-reply": comment.id, onclick: (event) => replyForm(comment, item, event.currentTarget) }, editor.S.reply),
      el("button", { type: "button", class: "secondary small", onclick: () => resolve(comment) }, comment.resolved ? editor.S.reopen : editor.S.resolve)));
  }
  if (comment.resolved) item.prepend(el("span", { class: "badge" }, editor.S.resolved));
  return item;
}

/** Open (or close) the form that replies to ``thread`` under its entry. */
function replyForm(thread, item, button) {
  const open = item.querySelector("form.reply-form");
  if (open) {
    open.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  const id = `reply-${thread.id}`;
  const text = el("textarea", { id, name: "body", rows: 2, maxlength: 20000, required: true });
  const form = el("form", { class: "reply-form" }, el("label", { for: id }, format(editor.S.replyTo, { author: author(thread) })), text, el("button", { type: "submit", class: "small" }, editor.S.send));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answer = await api("POST", `${base()}/comments`, { body: text.value, parent: thread.id });
    if (!answer.ok) return window.alert(errorMessage(answer));
    await refresh();
    const again = document.querySelector(`button[data-reply="${thread.id}"]`);
    if (again) again.focus();
  });
  item.append(form);
  button.setAttribute("aria-expanded", "true");
  text.focus();
}

async function resolve(comment) {
  await api("POST", `${base()}/comments/${comment.id}/resolve`, { resolved: !comment.resolved });
  refresh();
}

function targets() {
  const select = el("select", { id: "comment-step", name: "step" }, el("option", { value: "" }, editor.S.commentOnMap));
  for (const { step } of editor.steps()) select.append(el("option", { value: step.id }, format(editor.S.commentOn, { step: step.name })));
  return select;
}

/** Point the comment form at card ``index`` of a step's lane. */
function commentOn(step, lane, index, label) {
  const select = document.getElementById("comment-step");
  if (!select) return;
  const value = JSON.stringify({ step, lane, card: index });
  let option = Array.from(select.options).find((item) => item.value === value);
  if (!option) select.append((option = el("option", { value }, label)));
  select.value = value;
  document.getElementById("comment-body").focus();
}

async function send(event) {
  event.preventDefault();
  const form = event.target;
  const body = { body: form.body.value };
  const about = form.step ? form.step.value : "";
  if (about.startsWith("{")) Object.assign(body, JSON.parse(about));
  else if (about) body.step = about;
  const answer = await api("POST", `${base()}/comments`, body);
  if (answer.ok) {
    form.body.value = "";
    refresh();
  } else {
    window.alert(errorMessage(answer));
  }
}

editor.commentOn = commentOn;

document.addEventListener("journeymap:loaded", () => {
  if (!document.getElementById("comment-list")) return;
  const form = document.getElementById("comment-form");
  if (form) {
    form.prepend(el("label", { for: "comment-step" }, editor.S.about), targets());
    form.addEventListener("submit", send);
  }
  loadNames(editor.state.workspace).then(refresh);
});
