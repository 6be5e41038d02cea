/* The Personas panel: the map's personas, edited in place and saved with the grid; photos uploaded to the server. */
import { api, format, el, errorMessage, confirmDialog } from "./app.js";
import { editor } from "./editor.js";
import { live } from "./live.js";
const KEPT_PHOTO = /^photos\/[0-9a-f]{64}\.(png|jpg|webp)$/;

function settings() {
  return editor.config.personas;
}

function personas() {
  return editor.state.doc.personas || [];
}

function say(text, alert) {
  const status = document.getElementById("persona-status");
  status.textContent = text;
  status.setAttribute("role", alert ? "alert" : "status");
}

/** The address of a photo kept on the server (a photo named otherwise lies beside a map file, not here). */
function photoUrl(persona) {
  return KEPT_PHOTO.test(persona.photo || "") ? `${editor.config.source}/${persona.photo}` : null;
}

function photo(persona) {
  const url = photoUrl(persona);
  return url ? el("img", { class: "persona-photo", src: url, alt: format(settings().strings.photoOf, { name: persona.name }) }) : null;
}

/** Draw every persona; ``focusKey`` names the control to focus afterwards, else the focused one keeps the focus. */
function draw(focusKey) {
  const list = document.getElementById("persona-list");
  const all = personas();
  live.keepingFocus(() => {
    if (!all.length) list.replaceChildren(el("p", { class: "muted" }, settings().strings.none));
    else list.replaceChildren(...all.map((persona, index) => (editor.config.canEdit ? editable(persona, index) : readOnly(persona))));
  }, { focusKey });
}

function readOnly(persona) {
  const roles = Object.fromEntries(settings().roles.map((role) => [role.key, role.title]));
  return el("article", { class: "persona-card", "data-persona": persona.id },
    photo(persona),
    el("h3", {}, persona.name, persona.role ? el("span", { class: "muted small" }, ` · ${roles[persona.role] || persona.role}`) : null),
    persona.description ? el("p", {}, persona.description) : null,
    persona.quote ? el("blockquote", {}, persona.quote) : null,
    settings().lists.filter((list) => (persona[list.key] || []).length).map((list) => el("p", { class: "small" }, el("b", {}, `${list.title}: `), persona[list.key].join("; "))));
}

function editable(persona, index) {
  const S = settings().strings;
  const id = (field) => `persona-${index}-${field}`;
  const key = (field) => `persona:${persona.id}:${field}`;
  const legend = el("legend", {}, persona.name);
  const set = (field, value) => {
    if (value === "" || (Array.isArray(value) && !value.length)) delete persona[field];
    else persona[field] = value;
    editor.changed();
  };
  const field = (name, label, control) => el("div", { class: "persona-field" }, el("label", { for: id(name) }, label), control);
  const text = (name, label, rows) => field(name, label, el(rows ? "textarea" : "input", { id: id(name), "data-key": key(name), rows, value: rows ? null : persona[name] || "", oninput: (event) => set(name, event.target.value) }, rows ? persona[name] || "" : null));
  const lines = (list) => field(list.key, `${list.title} (${S.perLine})`, el("textarea", { id: id(list.key), "data-key": key(list.key), rows: 3,
    oninput: (event) => set(list.key, event.target.value.split("\n").map((line) => line.trim()).filter(Boolean)) }, (persona[list.key] || []).join("\n")));
  const name = field("name", S.name, el("input", { id: id("name"), "data-key": key("name"), value: persona.name, required: true, maxlength: 200,
    oninput: (event) => { persona.name = event.target.value.trim() || persona.name; legend.textContent = persona.name; editor.changed(); } }));
  const role = field("role", S.role, el("select", { id: id("role"), "data-key": key("role"), onchange: (event) => set("role", event.target.value) },
    el("option", { value: "" }, S.noRole), settings().roles.map((choice) => el("option", { value: choice.key, selected: choice.key === persona.role }, choice.title))));
  const upload = field("photo", S.photo, el("input", { id: id("photo"), type: "file", accept: settings().photoTypes, "data-key": key("photo"),
    onchange: (event) => uploadPhoto(persona, event.target.files[0]) }));
  const tools = el("div", { class: "persona-tools" },
    photoUrl(persona) ? el("button", { type: "button", class: "secondary small", "data-key": key("remove-photo"), onclick: () => { delete persona.photo; editor.changed({ now: true }); draw(key("photo")); } }, S.removePhoto) : null,
    el("button", { type: "button", class: "secondary small danger", "data-key": key("remove"), onclick: () => remove(persona) }, S.remove));
  return el("fieldset", { class: "persona-card", "data-persona": persona.id }, legend, photo(persona),
    name, role, text("description", S.description, 3), text("quote", S.quote), settings().lists.map(lines), upload, tools);
}

function add() {
  const id = editor.freeId("persona", new Set(personas().map((persona) => persona.id)));
  editor.state.doc.personas = personas().concat([{ id, name: settings().strings.new }]);
  editor.changed({ now: true });
  draw(`persona:${id}:name`);
}

async function remove(persona) {
  if (!(await confirmDialog(format(editor.S.confirmRemove, { name: persona.name })))) return;
  editor.state.doc.personas = personas().filter((item) => item !== persona);
  editor.changed({ now: true });
  draw("add-persona");
}

async function uploadPhoto(persona, file) {
  if (!file) return;
  say(format(editor.S.uploading, { name: file.name }));
  const answer = await api("POST", `/api/maps/${encodeURIComponent(editor.config.mapId)}/photos`, file);
  if (!answer.ok) {
    say(errorMessage(answer), true);
    return;
  }
  persona.photo = answer.data.photo;
  editor.changed({ now: true });
  draw(`persona:${persona.id}:photo`);
  say(format(settings().strings.uploaded, { name: persona.name }));
}

document.addEventListener("journeymap:loaded", () => {
  const button = document.getElementById("add-persona");
  if (button) button.addEventListener("click", add);
  draw();
});
document.addEventListener("journeymap:refreshed", () => draw());
