/* Map details: what the map is (title, kind, state, language, goal, scope, owners, tags, stage set) and its emotion scale. */
import { el, format, iconButton } from "./app.js";
import { field, button, redraw, register, structure, confirmRemoval, words } from "./panels.js";
import { editor } from "./editor.js";

function settings() {
  return editor.config.panels;
}

/** Show the new title in the page's heading and the window's title. */
function retitle(title) {
  document.getElementById("map-title").textContent = title;
  document.title = `${title} · ${document.title.split(" · ").pop()}`;
}

function details() {
  const S = words();
  const P = settings();
  return el("div", { class: "panel-grid" },
    field({ path: "title", label: S.title, attrs: { required: true, maxlength: 500 }, after: retitle }),
    field({ path: "kind", label: S.kind, kind: "select", options: P.kinds, value: editor.state.doc.kind || "cjm" }),
    field({ path: "state", label: S.state, kind: "select", options: P.states, value: editor.state.doc.state || "current" }),
    field({ path: "language", label: S.language, attrs: { maxlength: 12, autocomplete: "off", spellcheck: "false" }, value: editor.state.doc.language || "en" }),
    field({ path: "description", label: S.description, kind: "textarea" }),
    field({ path: "business_goal", label: S.businessGoal, kind: "textarea" }),
    field({ path: "scenario", label: S.scenario, kind: "textarea" }),
    field({ path: "scope/start", label: S.scopeStart }),
    field({ path: "scope/end", label: S.scopeEnd }),
    field({ path: "owners", label: S.owners, kind: "lines" }),
    field({ path: "tags", label: S.tags, kind: "lines" }),
    field({ path: "stage_set", label: S.stageSet, kind: "select", none: S.noStageSet, options: P.stageSets, after: () => redraw() }),
    field({ path: "cyclical", label: S.cyclical, kind: "checkbox" }));
}

function scale() {
  const S = words();
  const current = editor.state.doc.emotion_scale || settings().emotionScale;
  const points = current.points || [];
  const pointRows = points.map((point, index) => {
    const base = `emotion_scale/points/${index}`;
    const number = index + 1;
    return el("fieldset", { class: "panel-row" }, el("legend", {}, format(S.point, { number })),
      field({ path: `${base}/score`, label: S.score, kind: "number", attrs: { step: 1 }, value: point.score }),
      field({ path: `${base}/label`, label: S.label, value: point.label || "" }),
      field({ path: `${base}/emoji`, label: S.emoji, attrs: { maxlength: 16 }, value: point.emoji || "" }),
      editor.config.canEdit ? iconButton("×", { title: format(S.removePoint, { number }), onclick: () => removePoint(index), danger: true, key: `remove:${base}` }) : null);
  });
  return el("fieldset", { class: "emotion-scale" }, el("legend", {}, S.emotionScale),
    el("div", { class: "panel-grid" },
      field({ path: "emotion_scale/min", label: S.scaleMin, kind: "number", attrs: { step: 1 }, value: current.min }),
      field({ path: "emotion_scale/max", label: S.scaleMax, kind: "number", attrs: { step: 1 }, value: current.max })),
    pointRows,
    editor.config.canEdit ? button("add:emotion_scale/points", `+ ${S.addPoint}`, addPoint) : null);
}

/** The scale as the map holds it, made explicit (a map without one has the default scale). */
function ownScale(doc) {
  return (doc.emotion_scale = doc.emotion_scale || structuredClone(settings().emotionScale));
}

function addPoint() {
  structure((doc) => {
    const own = ownScale(doc);
    const used = new Set((own.points || []).map((point) => point.score));
    let score = own.min;
    while (used.has(score) && score < own.max) score += 1;
    own.points = (own.points || []).concat([{ score, label: "", emoji: "" }]);
  }, `panel:emotion_scale/points/${ownScale(editor.state.doc).points.length}/label`);
}

async function removePoint(index) {
  const point = ownScale(editor.state.doc).points[index];
  if (!(await confirmRemoval(point.label || String(point.score)))) return;
  structure((doc) => { ownScale(doc).points.splice(index, 1); }, "add:emotion_scale/points");
}

register("details-body", () => [details(), scale()]);
