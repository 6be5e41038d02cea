/* Links between steps (branches, loops, alternatives): list, add by picking two steps by name, change, remove. */
import { el, format, iconButton } from "./app.js";
import { field, button, register, structure, confirmRemoval, stepOptions, words } from "./panels.js";
import { editor } from "./editor.js";

const picked = {}; // the new link's choices, kept when the panel is redrawn

function links() {
  return editor.state.doc.links || [];
}

function linkRow(link, index) {
  const S = words();
  const base = `links/${index}`;
  const number = index + 1;
  const steps = stepOptions();
  return el("fieldset", { class: "panel-row", "data-link": index }, el("legend", {}, format(S.link, { number })),
    field({ path: `${base}/from`, label: S.from, kind: "select", options: steps }),
    field({ path: `${base}/to`, label: S.to, kind: "select", options: steps }),
    field({ path: `${base}/kind`, label: S.linkKind, kind: "select", options: editor.config.panels.linkKinds, value: link.kind || "branch" }),
    field({ path: `${base}/label`, label: S.linkLabel }),
    field({ path: `${base}/share`, label: S.share, kind: "number", attrs: { min: 0, max: 1, step: 0.01 } }),
    editor.config.canEdit ? iconButton("×", { title: format(S.removeLink, { number }), onclick: () => remove(index), danger: true, key: `remove:${base}` }) : null);
}

/** The form that adds a link: two steps picked by name and the kind. */
function adder() {
  const S = words();
  const steps = stepOptions();
  if (!editor.config.canEdit) return null;
  if (!steps.length) return el("p", { class: "muted" }, S.needSteps);
  const pick = (key, label, options, chosen) => el("div", { class: "panel-field panel-select" },
    el("label", { for: `new-link-${key}` }, label),
    el("select", { id: `new-link-${key}`, "data-key": `new-link:${key}`, onchange: (event) => { picked[key] = event.target.value; } },
      options.map((option) => el("option", { value: option.key, selected: option.key === (picked[key] || chosen) }, option.title))));
  return el("fieldset", { class: "panel-row new-link" }, el("legend", {}, S.addLink),
    pick("from", S.from, steps, steps[0].key),
    pick("to", S.to, steps, (steps[1] || steps[0]).key),
    pick("kind", S.linkKind, editor.config.panels.linkKinds, "branch"),
    button("add-link", `+ ${S.addLink}`, add));
}

function add() {
  const value = (key) => document.getElementById(`new-link-${key}`).value;
  const link = { from: value("from"), to: value("to"), kind: value("kind") };
  structure((doc) => { doc.links = (doc.links || []).concat([link]); }, `panel:links/${links().length}/label`);
}

async function remove(index) {
  const link = links()[index];
  const name = `${editor.stepName(link.from)} → ${editor.stepName(link.to)}`;
  if (!(await confirmRemoval(name))) return;
  structure((doc) => { doc.links.splice(index, 1); }, "add-link");
}

register("link-list", () => {
  const all = links();
  return [all.length ? all.map(linkRow) : el("p", { class: "muted" }, words().noLinks), adder()];
});
