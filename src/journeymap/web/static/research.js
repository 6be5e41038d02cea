/* Research: the map's insights (a finding, where it comes from, the steps it concerns), linked onwards to opportunities in ideas.js. */
import { el } from "./app.js";
import { editor } from "./editor.js";
import { commit, field, choice, button, redraw, register, structure, confirmRemoval, stepOptions, words } from "./panels.js";

function insights() {
  return editor.state.doc.insights || [];
}

/** The evidence the steps hold (sources, links, quotes), offered as an insight's source reference. */
function evidenceList() {
  const seen = new Set();
  for (const { step } of editor.steps()) {
    for (const item of step.evidence || []) {
      for (const text of typeof item === "string" ? [item] : [item.source, item.url, item.text]) {
        if (text) seen.add(text.slice(0, 200));
      }
    }
  }
  return el("datalist", { id: "evidence-sources" }, [...seen].map((text) => el("option", { value: text })));
}

function insightCard(insight) {
  const S = words();
  const base = `insights/${insight.id}`;
  return el("fieldset", { class: "panel-item", "data-insight": insight.id }, el("legend", {}, insight.text),
    el("div", { class: "panel-grid" },
      field({ path: `${base}/text`, label: S.text, kind: "textarea", attrs: { required: true } }),
      idField(insight),
      field({ path: `${base}/source`, label: S.source, kind: "select", options: editor.config.evidenceKinds, value: insight.source || "other" }),
      field({ path: `${base}/source_ref`, label: S.sourceRef, attrs: { list: "evidence-sources" } }),
      field({ path: `${base}/score`, label: S.insightScore, kind: "number", attrs: { step: "any" } }),
      choice({ path: `${base}/steps`, label: S.steps, options: stepOptions() })),
    editor.config.canEdit ? button(`remove:${base}`, S.removeInsight, () => remove(insight), { class: "secondary small danger" }) : null);
}

/** The insight's id: renaming it renames the opportunities' references too, and the server checks the whole. */
function idField(insight) {
  return field({ path: `insights/${insight.id}/id`, label: words().id, attrs: { maxlength: 120, autocomplete: "off", spellcheck: "false" },
    send: (control, _path, value) => renameInsight(control, insight.id, value.trim()) });
}

/** Check the new id on a copy whose references already use it (so only the id's own problems count), then rename everywhere. */
function renameInsight(control, old, renamed) {
  if (renamed === old) return;
  const point = (ids) => (ids || []).map((id) => (id === old ? renamed : id));
  const copy = structuredClone(editor.state.doc);
  for (const idea of copy.opportunities || []) if (idea.insights) idea.insights = point(idea.insights);
  const apply = (live) => {
    live.insights.find((item) => item.id === old).id = renamed;
    for (const idea of live.opportunities || []) if (idea.insights) idea.insights = point(idea.insights);
  };
  const after = () => {
    const caret = control.selectionStart;
    redraw(`panel:insights/${renamed}/id`);
    const moved = document.activeElement;
    if (moved && moved.setSelectionRange) moved.setSelectionRange(caret, caret);
  };
  commit(control, `insights/${old}/id`, renamed, after, { document: copy, apply });
}

function add() {
  const id = editor.freeId("insight", new Set(insights().map((insight) => insight.id)));
  structure((doc) => { doc.insights = insights().concat([{ id, text: words().newInsight }]); }, `panel:insights/${id}/text`);
}

async function remove(insight) {
  if (!(await confirmRemoval(insight.text))) return;
  structure((doc) => {
    doc.insights = insights().filter((item) => item !== insight);
    for (const idea of doc.opportunities || []) {
      if (!idea.insights) continue;
      idea.insights = idea.insights.filter((id) => id !== insight.id);
      if (!idea.insights.length) delete idea.insights;
    }
  }, "add-insight");
}

register("insight-list", () => {
  const all = insights();
  return [evidenceList(), all.length ? all.map(insightCard) : el("p", { class: "muted" }, words().noInsights),
    editor.config.canEdit ? button("add-insight", `+ ${words().addInsight}`, add) : null];
});
